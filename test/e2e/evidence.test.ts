/**
 * Evidence in a real browser, in Korean and English: several files uploaded at once, each with its
 * progress bar, one of them interrupted by a lost connection and resumed from the server's offset;
 * a refused type explained; the files attached to an item; the item page's PDF viewer drawing a
 * page with its text, an audio file played from a 206 range answer; a social-media capture whose
 * address is never a link, with two audience observations charted; a foreign state's action and
 * the removal hold it places on the case page; a court bundle whose SHA256SUMS match the files;
 * a lawyer's filing through the portal whose receipt names each file's SHA-256; search in the
 * files' text; axe-core on every screen and no overflow on a 390-pixel phone.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  E,
  expectAccessible,
  K,
  launchChromium,
  pickCode,
  screenshot,
  SCREENSHOTS,
  signIn,
  startServer,
  type E2EServer,
} from "./support.ts";

const CHUNK = 4 * 1024 * 1024;
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * A line of Korean as a PDF string in the KSCms-UHC-H encoding (Windows code page 949), which
 * only Adobe's CMaps turn into characters: KSCms-UHC-H to CIDs, Adobe-Korea1-UCS2 to text.
 */
const uhc = (text: string) =>
  `<${Buffer.from(execFileSync("iconv", ["-f", "UTF-8", "-t", "CP949"], { input: text }))
    .toString("hex")
    .toUpperCase()}>`;

/**
 * A one-page PDF whose text is `text` (Helvetica, not embedded), and `korean` below it in a
 * Korean font the PDF does not embed either.
 */
function pdf(text: string, korean?: string): Buffer {
  const content = [
    `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`,
    ...(korean ? [`BT /F2 24 Tf 72 700 Td ${uhc(korean)} Tj ET`] : []),
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Type /Font /Subtype /Type0 /BaseFont /HYGoThic-Medium /Encoding /KSCms-UHC-H /DescendantFonts [7 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HYGoThic-Medium /CIDSystemInfo << /Registry (Adobe) /Ordering (Korea1) /Supplement 2 >> /FontDescriptor 8 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /HYGoThic-Medium /Flags 4 /FontBBox [0 -148 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 59 >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A mono 8 kHz 16-bit WAV of `bytes` bytes of a soft tone. */
function wav(bytes: number): Buffer {
  const data = bytes - 44;
  const b = Buffer.alloc(bytes);
  b.write("RIFF", 0, "ascii");
  b.writeUInt32LE(bytes - 8, 4);
  b.write("WAVEfmt ", 8, "ascii");
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36, "ascii");
  b.writeUInt32LE(data, 40);
  for (let i = 0; i < data / 2; i++)
    b.writeInt16LE(Math.round(Math.sin(i / 8) * 2000 + (i % 97)), 44 + i * 2);
  return b;
}

/** A 1×1 PNG (a red pixel). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

describe("evidence in the web workspace", { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let dir = "";
  const files: Record<string, string> = {};
  const bytes: Record<string, Buffer> = {};
  let caseId = "";
  let portalCaseId = "";

  async function context(locale: "ko" | "en" = "ko", viewport = { width: 1280, height: 900 }) {
    const c = await browser.browser.newContext({
      viewport,
      locale: locale === "ko" ? "ko-KR" : "en-GB",
      timezoneId: "Asia/Seoul",
      acceptDownloads: true,
    });
    if (locale === "en") await c.addInitScript({ content: 'localStorage.setItem("openrsd.locale", "en")' });
    c.setDefaultTimeout(30_000);
    contexts.push(c);
    return c;
  }
  /** Sign in (a code counts once: the clock moves to the next step first). */
  async function as(
    username: string,
    start: string,
    locale: "ko" | "en" = "ko",
    viewport?: { width: number; height: number },
  ) {
    server.advance(31);
    const c = await context(locale, viewport);
    return { page: await signIn(server, c, username, start), context: c };
  }

  function file(name: string, content: Buffer) {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    files[name] = p;
    bytes[name] = content;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "openrsd-e2e-evidence-"));
    file("statement.pdf", pdf("Evidence statement of the applicant, page one", "신청인의 진술서"));
    file("interview.wav", wav(3_000_000));
    file("recording-long.wav", wav(20_000_000));
    file(
      "notes.txt",
      Buffer.from("Notes of the rally in Phnom Penh on 3 March.\nThe applicant spoke first.\n"),
    );
    file("photo.png", PNG);
    file("tool.exe", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(4094, 0x90)]));
    file("post.png", PNG);
    file("letter.pdf", pdf("Extradition request received through the embassy"));
    file("filing.pdf", pdf("Statement filed by counsel"));
    buildWeb();
    [server, browser] = await Promise.all([startServer(12), launchChromium()]);
    const lawyer = await server.ctx.db.query<{ case_id: string }>(
      `SELECT m.case_id FROM mandates m JOIN accounts a ON a.id = m.representative_id
        WHERE a.username = 'demo-lawyer' ORDER BY m.case_id LIMIT 1`,
    );
    portalCaseId = lawyer[0]?.case_id ?? "";
    const seoul = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM cases WHERE office_id = 'seoul' AND id <> $1 ORDER BY filed_on LIMIT 1",
      [portalCaseId],
    );
    caseId = seoul[0]?.id ?? "";
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The upload row of a file on the page. */
  const row = (page: Page, name: string) => page.locator(`li.upload[data-upload="${name}"]`);

  it("uploads several files with progress, resumes after a lost connection, refuses a type, attaches them (Korean)", async () => {
    expect(caseId).not.toBe("");
    const { page, context: c } = await as("demo-litigation", `/cases/${caseId}`);
    await page.getByRole("heading", { level: 2, name: K("evidence.heading") }).waitFor();
    await page.getByText(K("evidence.none")).waitFor();
    await page.getByRole("link", { name: K("evidence.add.document") }).click();
    await page.getByRole("heading", { level: 1, name: K("evidence.new.heading.document") }).waitFor();
    await expectAccessible(page, "new evidence");

    // The connection drops while the long recording is on its third chunk: the browser goes
    // offline and the request fails.
    const heads: string[] = [];
    let droppedAt = "";
    let resumedFrom: number | null = null;
    page.on("request", (r: Request) => {
      if (r.method() === "HEAD" && r.url().includes("/api/v1/uploads/")) heads.push(r.url());
    });
    await page.route("**/api/v1/uploads/*", async (route) => {
      const r = route.request();
      const offset = Number(r.headers()["upload-offset"] ?? -1);
      if (r.method() === "PATCH" && offset === 2 * CHUNK && !droppedAt) {
        droppedAt = r.url();
        await c.setOffline(true);
        await route.abort("internetdisconnected");
        return;
      }
      if (r.method() === "PATCH" && r.url() === droppedAt && resumedFrom === null) resumedFrom = offset;
      await route.continue();
    });

    await page
      .locator("#evidence-files")
      .setInputFiles([
        files["statement.pdf"]!,
        files["interview.wav"]!,
        files["recording-long.wav"]!,
        files["notes.txt"]!,
        files["photo.png"]!,
      ]);
    // Each file has its own labelled progress bar.
    expect(await page.locator("li.upload progress").count()).toBe(5);
    const long = row(page, "recording-long.wav");
    await long.getByRole("button", { name: new RegExp(K("evidence.upload.resume")) }).waitFor();
    // Interrupted part way: the bar shows the two chunks the server has.
    const bar = long.locator("progress");
    expect(Number(await bar.getAttribute("value"))).toBe(2 * CHUNK);
    expect(Number(await bar.getAttribute("max"))).toBe(bytes["recording-long.wav"]!.length);
    expect(await bar.getAttribute("aria-labelledby")).toBeTruthy();
    await screenshot(page, "evidence-upload-interrupted");

    // Back online: the upload asks the server where it stands and goes on from there.
    expect(heads).not.toContain(droppedAt);
    await c.setOffline(false);
    await long.getByText(K("evidence.upload.complete"), { exact: true }).waitFor();
    expect(heads).toContain(droppedAt);
    expect(resumedFrom).toBe(2 * CHUNK);
    for (const name of ["statement.pdf", "interview.wav", "notes.txt", "photo.png"])
      await row(page, name).getByText(K("evidence.upload.complete"), { exact: true }).waitFor();
    // The live region says where the uploads stand.
    await expect(page.locator(".uploader__summary").textContent()).resolves.toBe(
      K("evidence.upload.summary", { total: 5, done: 5, refused: 0, sending: 0 }),
    );
    // Each received file shows the hash the server computed.
    const shown = await row(page, "statement.pdf").locator("[data-sha256]").getAttribute("data-sha256");
    expect(shown).toBe(sha256(bytes["statement.pdf"]!));

    // A type the office does not take is refused, in words and with the server's reason.
    await page.locator("#evidence-files").setInputFiles([files["tool.exe"]!]);
    await row(page, "tool.exe").getByText(K("evidence.upload.refusedType")).waitFor();
    await expectAccessible(page, "uploads with a refusal");
    await row(page, "tool.exe")
      .getByRole("button", { name: new RegExp(K("evidence.upload.remove")) })
      .click();

    await page.locator("#ev-title").fill("Statement, interview and notes of the rally");
    await page.locator("#ev-description").fill("Filed by the applicant at the counter.");
    await page.getByRole("button", { name: K("evidence.new.submit") }).click();
    await page.waitForURL(/\/evidence\/[0-9a-f-]{36}$/);
    await page
      .getByRole("heading", {
        level: 1,
        name: K("evidence.item.heading", { number: 1, title: "Statement, interview and notes of the rally" }),
      })
      .waitFor();
    for (const name of ["statement.pdf", "interview.wav", "recording-long.wav", "notes.txt", "photo.png"]) {
      const r = page.locator(`tr[data-file="${name}"]`).first();
      await expect(r.locator("[data-sha256]").getAttribute("data-sha256")).resolves.toBe(
        sha256(bytes[name]!),
      );
    }
    // No scanner is configured here: the verdict says so, never "clean".
    expect(await page.getByText(K("evidence.scan.not_scanned")).count()).toBeGreaterThan(0);
    expect(await page.getByText(K("evidence.scan.clean")).count()).toBe(0);
    await expectAccessible(page, "evidence item");
    await screenshot(page, "evidence-item", true);
  });

  it("shows a PDF page with its text, and plays audio from a range answer (Korean)", async () => {
    const { page } = await as("demo-litigation", `/cases/${caseId}`);
    await page.getByRole("link", { name: "Statement, interview and notes of the rally" }).click();
    const pdfRow = page.locator('tr[data-file="statement.pdf"]').first();
    await pdfRow.getByRole("button", { name: new RegExp(K("evidence.file.view")) }).click();
    const frame = page.locator('.pdf-viewer__page-frame[data-rendered-page="1"]');
    await frame.waitFor();
    await frame
      .locator(".textLayer")
      .getByText(/Evidence statement of the applicant/)
      .waitFor();
    // Korean in a font the PDF does not embed, in an encoding only Adobe's CMaps (shipped with
    // the app) turn into characters.
    await frame.locator(".textLayer").getByText("신청인의 진술서").waitFor();
    // The canvas holds a drawn page: some pixels are not white.
    const inked = await frame.locator("canvas").evaluate((el) => {
      const c = el as unknown as {
        width: number;
        height: number;
        getContext(k: "2d"): {
          getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
        };
      };
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if ((d[i] ?? 255) < 128) dark++;
      return { width: c.width, dark };
    });
    expect(inked.width).toBeGreaterThan(0);
    expect(inked.dark).toBeGreaterThan(50);
    await page.getByText(K("evidence.viewer.pageOf", { page: 1, pages: 1 })).waitFor();
    await expectAccessible(page, "PDF viewer");
    await screenshot(page, "evidence-pdf-viewer");

    const audioRow = page.locator('tr[data-file="interview.wav"]').first();
    const ranged = page.waitForResponse(
      (r) => /\/files\/[0-9a-f-]+\/content$/.test(r.url()) && r.status() === 206,
    );
    await audioRow.getByRole("button", { name: new RegExp(K("evidence.file.view")) }).click();
    const answer = await ranged;
    expect(answer.headers()["content-range"]).toMatch(/^bytes \d+-\d+\/3000000$/);
    const audio = page.locator("audio.media-viewer");
    await audio.waitFor();
    await page.waitForFunction(() => {
      const a = (
        globalThis as unknown as { document: { querySelector(s: string): { readyState: number } | null } }
      ).document.querySelector("audio.media-viewer");
      return (a?.readyState ?? 0) >= 1;
    });
    const duration = await audio.evaluate((a) => (a as unknown as { duration: number }).duration);
    expect(duration).toBeGreaterThan(180);
    await expectAccessible(page, "audio viewer");

    // What was opened is in the custody history.
    await page.reload();
    await page.getByRole("heading", { level: 2, name: K("evidence.custody.heading") }).waitFor();
    await page.locator("table.custody").getByText(K("evidence.custody.actions.viewed")).first().waitFor();
  });

  it("finds words in the files' text, with the snippet (English)", async () => {
    const { page } = await as("demo-litigation", `/cases/${caseId}`, "en");
    await page.getByRole("heading", { level: 2, name: E("evidence.heading") }).waitFor();
    await page.locator("#evidence-q").fill("Phnom Penh");
    await page.getByRole("button", { name: E("evidence.search.submit") }).click();
    const hit = page.locator(".evidence-search__hit").first();
    await hit.waitFor();
    await expect(hit.locator("mark").first().textContent()).resolves.toMatch(/Phnom|Penh/);
    await expectAccessible(page, "evidence search");
  });

  it("records a social-media capture, never linking its address, and charts two observations (English)", async () => {
    const { page } = await as(
      "demo-litigation",
      `/cases/${caseId}/evidence/new?kind=social_media_capture`,
      "en",
    );
    await page
      .getByRole("heading", { level: 1, name: E("evidence.new.heading.social_media_capture") })
      .waitFor();
    await page.getByText(E("evidence.capture.neverFetched")).first().waitFor();
    await page.locator("#evidence-files").setInputFiles([files["post.png"]!]);
    await row(page, "post.png").getByText(E("evidence.upload.complete"), { exact: true }).waitFor();
    const url = "https://www.facebook.com/example.activist/posts/123456789";
    await page.locator("#ev-title").fill("Post calling for the rally");
    await page.locator("#cp-platform").selectOption("facebook");
    await page.locator("#cp-account").fill("example.activist");
    await page.locator("#cp-post").fill("123456789");
    await page.locator("#cp-url").fill(url);
    await page.locator("#cp-published").fill("2026-03-01T09:30");
    await page.locator("#cp-tool").fill("Browser print to PDF");
    await expectAccessible(page, "capture form");
    await page.getByRole("button", { name: E("evidence.new.submit") }).click();
    await page.getByRole("heading", { level: 1, name: /Post calling for the rally/ }).waitFor();
    // The address is text to copy: no link to it, nothing loaded from it.
    await page.locator(".unopened-url__text", { hasText: url }).waitFor();
    expect(await page.locator(`a[href*="facebook.com"]`).count()).toBe(0);
    expect(await page.locator(`img[src*="facebook.com"]`).count()).toBe(0);

    for (const [on, value] of [
      ["2026-03-02", "1200"],
      ["2026-06-02", "5400"],
    ] as const) {
      await page.locator("#ob-on").fill(on);
      await page.locator("#ob-metric").selectOption("followers");
      await page.locator("#ob-value").fill(value);
      await page.getByRole("button", { name: E("evidence.observations.submit") }).click();
      await page
        .locator("table.audience__table tbody tr", { hasText: value.replace(/(\d)(\d{3})$/, "$1,$2") })
        .waitFor();
    }
    const chart = page.locator('figure[data-metric="followers"]');
    await expect(chart.locator("circle").count()).resolves.toBe(2);
    await expect(
      chart.locator("circle").evaluateAll((cs) => cs.map((c) => c.getAttribute("data-value"))),
    ).resolves.toEqual(["1200", "5400"]);
    await expect(chart.locator("svg").getAttribute("role")).resolves.toBe("img");
    await expect(page.locator("table.audience__table tbody tr").count()).resolves.toBe(2);
    await expectAccessible(page, "capture with its audience chart");
    await screenshot(page, "evidence-audience-chart", true);

    // Withdrawn with a reason: nothing is deleted, the item says so.
    await page.getByText(E("evidence.withdraw.open")).click();
    await page.locator("#wd-reason").fill("Captured from the wrong account");
    await page.getByRole("button", { name: E("evidence.withdraw.submit"), exact: true }).click();
    await page.getByRole("heading", { level: 2, name: E("evidence.item.withdrawn") }).waitFor();
    await page
      .getByText(/Captured from the wrong account/)
      .first()
      .waitFor();
    await expectAccessible(page, "withdrawn capture");
  });

  it("records a foreign state's action, and the case page shows the removal hold (Korean)", async () => {
    const { page } = await as("demo-litigation", `/cases/${caseId}/evidence/new?kind=foreign_state_action`);
    await page
      .getByRole("heading", { level: 1, name: K("evidence.new.heading.foreign_state_action") })
      .waitFor();
    await page.locator("#evidence-files").setInputFiles([files["letter.pdf"]!]);
    await row(page, "letter.pdf").getByText(K("evidence.upload.complete"), { exact: true }).waitFor();
    await page.locator("#ev-title").fill("Extradition request");
    await page.locator("#fs-action").selectOption("extradition_request");
    await pickCode(page, "fs-state", "캄보디아", "KHM");
    await page.locator("#fs-on").fill("2026-11-20");
    await page.locator("#fs-channel").fill("diplomatic channel");
    await expectAccessible(page, "foreign-state action form");
    await page.getByRole("button", { name: K("evidence.new.submit") }).click();
    await page.getByRole("heading", { level: 1, name: /Extradition request/ }).waitFor();
    await page.getByRole("link", { name: K("evidence.backToCase") }).click();
    const hold = page.locator(".removal-holds");
    await hold.getByText(K("evidence.holds.heading")).waitFor();
    await expect(hold.textContent()).resolves.toContain(K("evidence.stateAction.extradition_request"));
    await page.getByText(K("case.removalBarred")).first().waitFor();
    // The withdrawn capture is listed as withdrawn, with its reason.
    const withdrawn = page.locator('tr[data-item="2"]');
    await withdrawn.getByText(K("evidence.item.withdrawn")).waitFor();
    await withdrawn.getByText(/Captured from the wrong account/).waitFor();
    await expectAccessible(page, "case with a removal hold and evidence");
    await screenshot(page, "evidence-case", true);
    await page.locator(".evidence-section").screenshot({ path: path.join(SCREENSHOTS, "30-evidence.png") });
  });

  it("downloads a court bundle whose SHA256SUMS match the files (Korean)", async () => {
    const { page } = await as("demo-litigation", `/cases/${caseId}/evidence/bundle`);
    await page.getByRole("heading", { level: 1, name: K("evidence.bundle.heading") }).waitFor();
    // The design system hides the box itself and draws it on the label.
    await page.locator("label", { hasText: "Statement, interview and notes of the rally" }).click();
    await page.locator("label", { hasText: "Extradition request" }).click();
    await page.locator("select[id^=side-]").last().selectOption("office");
    await page.locator('[data-exhibit="갑 제1호증"]').waitFor();
    await page.locator('[data-exhibit="을 제1호증"]').waitFor();
    await expectAccessible(page, "court bundle");
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: K("evidence.bundle.download") }).click();
    const download = await downloading;
    const zip = path.join(dir, "bundle.zip");
    await download.saveAs(zip);
    const out = path.join(dir, "bundle");
    mkdirSync(out);
    execFileSync("unzip", ["-q", zip, "-d", out]);
    // sha256sum -c checks every file the sums name (it fails on any mismatch or missing file).
    const checked = execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out, encoding: "utf8" });
    expect(checked).toMatch(/OK/);
    const sums = readFileSync(path.join(out, "SHA256SUMS"), "utf8");
    expect(sums).toContain(sha256(bytes["statement.pdf"]!));
    expect(sums).toContain(sha256(bytes["letter.pdf"]!));
    expect(sums).toMatch(/갑 제1호증/);
    expect(sums).toMatch(/을 제1호증/);
  });

  it("a lawyer files evidence through the portal and gets a receipt with the file's SHA-256 (English)", async () => {
    expect(portalCaseId).not.toBe("");
    const { page } = await as("demo-lawyer", `/portal/cases/${portalCaseId}`, "en");
    await page.getByRole("heading", { level: 2, name: E("portal.evidence.heading") }).waitFor();
    await page.locator("#portal-files").setInputFiles([files["filing.pdf"]!]);
    await row(page, "filing.pdf").getByText(E("evidence.upload.complete"), { exact: true }).waitFor();
    await page.locator("#pe-title").fill("Counsel's statement");
    await page.getByRole("button", { name: E("portal.evidence.submit"), exact: true }).click();
    const receipt = page.locator(".receipt");
    await receipt.getByText(E("portal.evidence.receipt")).waitFor();
    await expect(receipt.locator('tr[data-file="filing.pdf"] .receipt__hash').textContent()).resolves.toBe(
      sha256(bytes["filing.pdf"]!),
    );
    await expectAccessible(page, "portal filing receipt");
    await screenshot(page, "evidence-portal-receipt", true);
  });

  it.each(["ko", "en"] as const)(
    "fits a 390-pixel phone: case evidence, item and new item (%s)",
    async (locale) => {
      const phone = { width: 390, height: 844 };
      const { page } = await as("demo-litigation", `/cases/${caseId}`, locale, phone);
      const W = locale === "ko" ? K : E;
      // What reaches past the screen's right edge (the innermost such elements), none expected.
      const overflowing = () =>
        page.evaluate((w) => {
          type El = {
            tagName: string;
            className: unknown;
            scrollWidth: number;
            children: ArrayLike<El>;
            getBoundingClientRect(): { left: number; right: number };
          };
          const doc = (
            globalThis as unknown as {
              document: {
                querySelectorAll(s: string): ArrayLike<El>;
                documentElement: { scrollWidth: number };
              };
            }
          ).document;
          if (doc.documentElement.scrollWidth <= w) return [];
          // An element's reach: its box, or its content when that overflows the box.
          const reach = (el: El) => {
            const r = el.getBoundingClientRect();
            return Math.max(r.right, r.left + el.scrollWidth);
          };
          const wide = (el: El) => reach(el) > w + 1;
          const found = Array.from(doc.querySelectorAll("body *"))
            .filter((el) => wide(el) && !Array.from(el.children).some(wide))
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}.${String(el.className)} (${Math.round(reach(el))}): ${String((el as unknown as { textContent: string }).textContent).slice(0, 40)}`,
            );
          return found.length
            ? found.slice(0, 6)
            : [`the page is ${doc.documentElement.scrollWidth} px wide`];
        }, phone.width);
      await page.locator("table.evidence-list").waitFor();
      await page.locator("table.evidence-list [data-sha256]").first().waitFor();
      await screenshot(page, `evidence-phone-${locale}`, true);
      expect(await overflowing()).toEqual([]);
      await expectAccessible(page, `case evidence on a phone (${locale})`);
      await page.getByRole("link", { name: "Post calling for the rally" }).click();
      await page.locator('figure[data-metric="followers"]').waitFor();
      expect(await overflowing()).toEqual([]);
      await page.goto(`${server.url}/cases/${caseId}/evidence/bundle`);
      await page.getByRole("heading", { level: 1, name: W("evidence.bundle.heading") }).waitFor();
      expect(await overflowing()).toEqual([]);
      await page.goto(`${server.url}/cases/${caseId}/evidence/new`);
      await page.getByRole("heading", { level: 1, name: W("evidence.new.heading.document") }).waitFor();
      expect(await overflowing()).toEqual([]);
      await expectAccessible(page, `new evidence on a phone (${locale})`);
    },
  );
});
