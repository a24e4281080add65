/**
 * Decision notices in a real browser: the examiner previews the notice of a refusal (a PDF with
 * the reasons), records its service, and sees the issued notice with its SHA-256 in the notices
 * section and in the timeline; the client's lawyer downloads it in the portal, and the file's
 * SHA-256 is the one the case's chain holds. axe-core on each screen.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { BrowserContext } from "playwright-core";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { today } from "../../src/app/context.ts";
import { openCase } from "../../src/cases/open-case.ts";
import { recordEvent, recordedView } from "../../src/cases/record-event.ts";
import { addDays } from "../../src/kernel/calendar/dates.ts";
import { createPerson } from "../../src/persons/create-person.ts";
import { LABELS } from "../../src/profiles/kr-refugee-act/labels.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { pdfText } from "../notices/pdf-text.ts";
import {
  buildWeb,
  E,
  expectAccessible,
  K,
  launchChromium,
  screenshot,
  signInAs,
  startServer,
  type E2EServer,
} from "./support.ts";

const SYSTEM = { principal: systemPrincipal("test"), address: "local" };
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const served = LABELS.ko?.events?.["notice_served"] ?? "notice_served";
const REASONS = "신청인의 온라인 활동이 본국 정부의 주목을 받았다는 증거가 부족합니다.";

describe("decision notices in the browser", { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let caseId = "";
  let issuedHash = "";

  const as = (username: string, start: string, locale: "ko" | "en" = "ko") =>
    signInAs(server, browser.browser, contexts, username, start, { locale, downloads: true });

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(6), launchChromium()]);
    const now = today(server.ctx);
    const person = await createPerson(server.ctx, SYSTEM, {
      names: [{ value: "Notice Applicant", script: "Latn" }],
      nationality: "KHM",
      languages: ["en"],
    });
    const opened = await openCase(server.ctx, SYSTEM, {
      personId: person.id,
      office: "seoul",
      channel: "in_country",
      kind: "first",
      filedOn: addDays(now, -90),
    });
    recordedView(
      await recordEvent(server.ctx, SYSTEM, opened.id, opened.version, {
        type: "decision_issued",
        occurredOn: addDays(now, -2),
        outcome: "not_recognized",
        reasons: REASONS,
        examinerId: "demo-examiner",
      }),
    );
    caseId = opened.id;
    const [lawyer] = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM accounts WHERE username = 'demo-lawyer'",
    );
    await server.ctx.db.query(
      `INSERT INTO mandates (office_id, id, case_id, representative_id, valid_from, created_at, created_by)
       VALUES ('seoul', $1, $2, $3, $4, $5, 'test')`,
      [uuidv7(), caseId, lawyer?.id, addDays(now, -30), server.ctx.clock().toISOString()],
    );
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("the examiner previews the notice, records its service and sees the issued notice with its hash (Korean)", async () => {
    const page = await as("demo-examiner", `/cases/${caseId}`);
    await page.getByRole("heading", { level: 2, name: K("notice.heading") }).waitFor();
    await page.getByText(K("notice.none")).waitFor();

    const previewed = page.waitForResponse((r) => r.url().endsWith("/notices/preview"));
    await page.getByRole("button", { name: K("notice.preview.open") }).click();
    const preview = await previewed;
    expect(preview.status()).toBe(200);
    expect(preview.headers()["content-type"]).toBe("application/pdf");
    // What the button opened, read again with the page's session (a blob's bytes are the page's).
    const again = await page.request.get(`${server.url}/api/v1/cases/${caseId}/notices/preview`);
    const previewText = pdfText(await again.body());
    expect(previewText).toContain("난민불인정 결정 통지서");
    expect(previewText).toContain(REASONS);
    expect(previewText).toContain("미리보기");
    await page.getByRole("link", { name: K("notice.preview.again") }).waitFor();
    await expectAccessible(page, "notice preview");

    await page.getByRole("button", { name: served }).click();
    await page.locator("#ev-notice_served-method").selectOption("in_person");
    await page.getByRole("button", { name: K("case.actions.record") }).click();
    await page.getByText(K("case.actions.recorded").replace("{event}", served)).waitFor();

    const row = page.locator(".notice-list tbody tr");
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    issuedHash = (await row.locator("code[data-sha256]").getAttribute("data-sha256")) ?? "";
    expect(issuedHash).toMatch(/^[0-9a-f]{64}$/);
    // The timeline names the document issued with the same SHA-256.
    const timeline = page.locator(".timeline__item", { hasText: "문서 발급" });
    await timeline.getByText(issuedHash).waitFor();
    await expectAccessible(page, "notice issued");
    await screenshot(page, "notices-issued", true);
  });

  it("the lawyer downloads the notice in the portal; its SHA-256 is the chain's (English)", async () => {
    expect(issuedHash).not.toBe("");
    const page = await as("demo-lawyer", `/portal/cases/${caseId}`, "en");
    await page.getByRole("heading", { level: 2, name: E("notice.portal.heading") }).waitFor();
    const row = page.locator(".notice-list tbody tr");
    await row.first().waitFor();
    expect(await row.locator("code[data-sha256]").getAttribute("data-sha256")).toBe(issuedHash);
    await expectAccessible(page, "portal notices");

    const downloading = page.waitForEvent("download");
    await row.getByRole("link", { name: new RegExp(`^${E("notice.list.download")}`) }).click();
    const download = await downloading;
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(sha256(bytes)).toBe(issuedHash);
    const text = pdfText(bytes);
    expect(text).toContain("Your application for refugee status is refused (not recognized).");
    expect(text).toContain("기한:");
    await screenshot(page, "notices-portal", true);
  });
});
