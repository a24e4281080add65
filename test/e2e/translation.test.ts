/**
 * Translation with review by people, in a real browser: the demo examiner requests a Khmer
 * translation of the sur-place case's decision (its reasons and remedies, as the notice words
 * them); the office's memory (seeded by the demo's finalized translation of an earlier decision)
 * has filled the remedies' segments, shown with its score; the demo translator accepts those and
 * translates the reasons, may not review his own segments, and takes the job out as XLIFF 2.1,
 * changes one target in the file and reads it back (every segment and state kept); the demo
 * reviewer returns one segment, then reviews them all and finalizes. The notice the case
 * previews (its objection decision's) refuses Khmer until its translation is final, translated
 * and reviewed by two people, and then carries the Khmer remedy naming both. axe-core on each
 * screen; the editor at a phone's width.
 */
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchingCases } from "../../src/cases/search-cases.ts";
import { khmerSentences } from "../../src/demo/khmer.ts";
import { queryWords } from "../../src/persons/name-keys.ts";
import { NOTICES } from "../../src/profiles/kr-refugee-act/notices.ts";
import { pdfText } from "../notices/pdf-text.ts";
import {
  buildWeb,
  E,
  expectAccessible,
  K,
  launchChromium,
  pickCode,
  screenshot,
  signInAs,
  startServer,
  type E2EServer,
} from "./support.ts";

/** The sur-place decision's reasons (src/demo/showcase.ts), and the Khmer the translator writes. */
const REASONS =
  "The applicant's online criticism of the government, begun in Korea, is not found to have come to the attention of the authorities of the country of origin.";
const REASONS_KM =
  "មិនត្រូវបានរកឃើញថា ការរិះគន់រដ្ឋាភិបាលតាមអនឡាញរបស់អ្នកដាក់ពាក្យសុំ ដែលបានចាប់ផ្ដើមនៅប្រទេសកូរ៉េ បានធ្វើឱ្យអាជ្ញាធរនៃប្រទេសកំណើតចាប់អារម្មណ៍នោះទេ។";
const EDITED_KM =
  "គេមិនបានរកឃើញថា ការរិះគន់រដ្ឋាភិបាលតាមអនឡាញរបស់អ្នកដាក់ពាក្យសុំ ដែលបានចាប់ផ្ដើមនៅប្រទេសកូរ៉េ បានធ្វើឱ្យអាជ្ញាធរនៃប្រទេសកំណើតចាប់អារម្មណ៍នោះទេ។";

interface SegmentView {
  state: string;
  source: string;
  target: string;
}

/**
 * On the case page: request a Khmer translation of the text whose option starts with `text`, for
 * the demo translator with the demo reviewer; `before` runs with the form filled in.
 */
async function requestKhmer(page: Page, text: string, before?: () => Promise<void>) {
  const section = page.locator("section.translations-section");
  await section.locator("summary", { hasText: K("translation.request.heading") }).click();
  const option = await page
    .locator("#tr-text option")
    .evaluateAll(
      (opts, prefix) =>
        opts.map((o) => (o as { value: string }).value).find((v) => v.startsWith(prefix)) ?? "",
      text,
    );
  expect(option).not.toBe("");
  await page.locator("#tr-text").selectOption(option);
  await pickCode(page, "tr-targets", "크메르", "km");
  await page.locator("#tr-translator").selectOption({ label: "Demo translator (Khmer)" });
  await page.locator("#tr-reviewer").selectOption({ label: "Demo reviewer (Khmer)" });
  await before?.();
  await page.getByRole("button", { name: K("translation.request.submit") }).click();
  await page.getByText(K("translation.request.done", { n: 1 })).waitFor();
}

describe("translation with review by people in the browser", { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let caseId = "";
  let jobId = "";

  const as = (username: string, start: string, locale: "ko" | "en" = "ko"): Promise<Page> =>
    signInAs(server, browser.browser, contexts, username, start, { locale, downloads: true });

  /** The editor's rows as the page shows them. */
  const rows = (page: Page): Promise<SegmentView[]> =>
    page.locator("tr[data-segment]").evaluateAll((trs) =>
      trs.map((tr) => ({
        state: tr.getAttribute("data-state") ?? "",
        source: tr.querySelector(".translation-seg__source p")?.textContent ?? "",
        target:
          (tr.querySelector("textarea.translation-seg__textarea") as { value: string } | null)?.value ??
          tr.querySelector(".translation-seg__target p")?.textContent ??
          "",
      })),
    );

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(12), launchChromium()]);
    // The sur-place showcase: a Khmer-speaking applicant whose first decision refused him, with reasons.
    const found = await matchingCases(server.ctx.db, server.ctx.keyring, queryWords("Meas Vannak"), 5, {
      office: "seoul",
    });
    caseId = [...found].sort((a, b) => (a.filedOn < b.filedOn ? -1 : 1))[0]?.id ?? "";
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("lets an examiner request a Khmer translation of the decision, which the memory has partly filled", async () => {
    expect(caseId).not.toBe("");
    const page = await as("demo-examiner", `/cases/${caseId}`);
    const section = page.locator("section.translations-section");
    await section.getByRole("heading", { level: 2, name: K("translation.section.heading") }).waitFor();
    // The first-instance decision (of 2023-02-03) among the case's texts.
    await requestKhmer(page, "decision_notice:decision_issued@2023-02-03", async () => {
      await expectAccessible(page, "request a translation");
    });

    // The new job on the case page, and into its editor.
    const job = section.locator("li.translation-job[data-target=km]").first();
    await job.waitFor();
    jobId = (await job.getAttribute("data-job")) ?? "";
    await job.getByRole("link").click();
    await page.waitForURL(new RegExp(`/cases/${caseId}/translations/${jobId}$`));
    await page.locator("tr[data-segment]").first().waitFor();

    // The memory filled the remedies: a proposal with its score, still to be taken by a person.
    const fromMemory = page.locator("tr[data-segment] [data-origin=memory]");
    expect(await fromMemory.count()).toBeGreaterThan(2);
    await expect
      .poll(() => fromMemory.first().textContent())
      .toBe(K("translation.origin.memory", { score: "100" }));
    const shown = await rows(page);
    expect(shown.every((s) => s.state === "initial")).toBe(true);
    const khmer = khmerSentences(NOTICES.legal.texts);
    const objection = NOTICES.legal.texts["remedy.objection.text"] ?? "";
    const remedy = shown.find((s) => objection.startsWith(s.source));
    expect(remedy?.target).toBe(khmer.get(remedy?.source ?? ""));
    // The reasons are new: no proposal.
    const reasons = shown.find((s) => s.source === REASONS);
    expect(reasons?.target).toBe("");
    // The header names who translates and who reviews.
    await page.locator(".facts").getByText("Demo translator (Khmer)").waitFor();
    await page.locator(".facts").getByText("Demo reviewer (Khmer)").waitFor();
    await expectAccessible(page, "translation editor (examiner)");
  });

  it("lets the translator accept the proposals, translate the rest, but not review his own (English)", async () => {
    expect(jobId).not.toBe("");
    const page = await as("demo-translator", "/", "en");
    // A translator's first page is the list of translations assigned to him.
    await page.getByRole("heading", { level: 1, name: E("translation.list.heading") }).waitFor();
    const row = page.locator(`tr[data-job="${jobId}"]`);
    await row.waitFor();
    await page
      .getByRole("link", { name: /awaiting translation/ })
      .first()
      .waitFor();
    await expectAccessible(page, "my translations");
    await row.getByRole("link").first().click();
    await page.waitForURL(new RegExp(`/translations/${jobId}$`));
    await page.locator("tr[data-segment]").first().waitFor();

    const count = await page.locator("tr[data-segment]").count();
    for (let i = 0; i < count; i++) {
      const tr = page.locator("tr[data-segment]").nth(i);
      const source = (await tr.locator(".translation-seg__source p").first().textContent()) ?? "";
      const area = tr.locator("textarea.translation-seg__textarea");
      if ((await area.inputValue()) === "")
        await area.fill(source === REASONS ? REASONS_KM : `${source} (ខ្មែរ)`);
      const accept = tr.getByRole("button", {
        name: new RegExp(`^(${E("translation.editor.accept")}|${E("translation.editor.save")})`),
      });
      await accept.click();
      await page.locator(`tr[data-segment="${i + 1}"][data-state=translated]`).waitFor();
    }
    const shown = await rows(page);
    expect(shown.every((s) => s.state === "translated")).toBe(true);
    expect(shown.find((s) => s.source === REASONS)?.target).toBe(REASONS_KM);
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await screenshot(page, "60-translation-editor-en");

    // His own segment: the page says a second person reviews it, offers him no review, and the
    // server refuses one all the same.
    const first = page.locator('tr[data-segment="1"]');
    await first.locator("[data-own]").getByText(E("translation.editor.ownSegment")).waitFor();
    expect(
      await first.getByRole("button", { name: new RegExp(`^${E("translation.editor.review")}`) }).count(),
    ).toBe(0);
    const refused = await page.evaluate(async (id) => {
      const job = (await (await fetch(`/api/v1/translations/${id}`)).json()) as {
        segments: { id: string; version: number }[];
      };
      const s = job.segments[0];
      const res = await fetch(`/api/v1/translations/${id}/segments/${s?.id ?? ""}/review`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision: "reviewed", version: s?.version ?? 1 }),
      });
      return { status: res.status, detail: ((await res.json()) as { detail?: string }).detail ?? "" };
    }, jobId);
    expect(refused.status).toBe(409);
    expect(refused.detail).toMatch(/second person/);
    await expect.poll(() => first.getAttribute("data-state")).toBe("translated");
    await expectAccessible(page, "translation editor (translator)");
  });

  it("takes the job out as XLIFF 2.1 and reads an edited file back, every segment and state kept", async () => {
    const page = await as("demo-translator", `/translations/${jobId}`, "en");
    await page.locator("tr[data-segment]").first().waitFor();
    const before = await rows(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: E("translation.xliff.export") }).click(),
    ]);
    const file = readFileSync((await download.path()) ?? "", "utf8");
    expect(file).toMatch(/<xliff[^>]+version="2\.1"/);
    expect(file).toContain('trgLang="km"');
    // The reasons' target changed, as a translator would in another tool.
    expect(file).toContain(REASONS_KM);
    const edited = file.replace(REASONS_KM, EDITED_KM);
    await page.locator("#xliff-file").setInputFiles({
      name: "edited.xlf",
      mimeType: "application/xliff+xml",
      buffer: Buffer.from(edited, "utf8"),
    });
    await page.getByRole("button", { name: E("translation.xliff.read") }).click();
    await page
      .getByText(E("translation.xliff.result", { updated: 1, unchanged: before.length - 1, refused: 0 }))
      .waitFor();
    await expect
      .poll(async () => (await rows(page)).find((s) => s.source === REASONS)?.target)
      .toBe(EDITED_KM);
    const after = await rows(page);
    expect(after.map((s) => [s.source, s.state])).toEqual(before.map((s) => [s.source, s.state]));
    expect(after.filter((s) => s.source !== REASONS)).toEqual(before.filter((s) => s.source !== REASONS));
  });

  it("lets a second person return one segment, review them all and finalize (Korean, and on a phone)", async () => {
    const page = await as("demo-translator2", `/translations/${jobId}`);
    await page.locator("tr[data-segment]").first().waitFor();
    const reasonsRow = page.locator("tr[data-segment]", { hasText: REASONS });
    // One goes back with a reason; the translator saves it again.
    await reasonsRow.getByRole("button", { name: new RegExp(`^${K("translation.editor.return")}`) }).click();
    await reasonsRow.locator("textarea.translation-seg__reason").fill("문장 앞의 'គេ'를 빼 주세요.");
    await reasonsRow.getByRole("button", { name: K("translation.editor.sendBack") }).click();
    await expect.poll(() => reasonsRow.getAttribute("data-state")).toBe("initial");
    await reasonsRow.locator("[data-returned]").waitFor();
    const finalize = page.getByRole("button", { name: K("translation.editor.finalize") });
    expect(await finalize.isDisabled()).toBe(true);

    const translator = await as("demo-translator", `/translations/${jobId}`, "en");
    const back = translator.locator("tr[data-segment]", { hasText: REASONS });
    await back.locator("[data-returned]").waitFor();
    await back.locator("textarea.translation-seg__textarea").fill(REASONS_KM);
    await back.getByRole("button", { name: new RegExp(`^${E("translation.editor.save")}`) }).click();
    await expect.poll(() => back.getAttribute("data-state")).toBe("translated");

    await page.reload();
    await page.locator("tr[data-segment]").first().waitFor();
    const count = await page.locator("tr[data-segment]").count();
    for (let i = 1; i <= count; i++) {
      const tr = page.locator(`tr[data-segment="${i}"]`);
      await tr.getByRole("button", { name: new RegExp(`^${K("translation.editor.review")}`) }).click();
      await page.locator(`tr[data-segment="${i}"][data-state=reviewed]`).waitFor();
    }
    await page.getByText(K("translation.editor.finalizeReady")).waitFor();
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await screenshot(page, "61-translation-review-ko");
    await expectAccessible(page, "translation review");

    // At a phone's width nothing is wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() =>
        page.evaluate(() => {
          const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document;
          return d.documentElement.scrollWidth;
        }),
      )
      .toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    await finalize.click();
    await page.getByText(K("translation.editor.finalized")).waitFor();
    const shown = await rows(page);
    expect(shown.every((s) => s.state === "final")).toBe(true);
    expect(shown.find((s) => s.source === REASONS)?.target).toBe(REASONS_KM);
    // Final: read-only.
    expect(await page.locator("textarea").count()).toBe(0);
  });

  it("puts the Khmer remedies in the notice only once final, naming the translator and the reviewer", async () => {
    // The notice the case page previews is that of its last decision (the objection's): the
    // examiner requests its Khmer translation, which the memory fills entirely.
    const page = await as("demo-examiner", `/cases/${caseId}`);
    const section = page.locator("section.translations-section");
    await requestKhmer(page, "decision_notice:objection_decided");
    const job = section.locator("li.translation-job[data-target=km]:has([data-job-state=open])").first();
    await job.waitFor();
    const objectionJob = (await job.getAttribute("data-job")) ?? "";
    const preview = async () => {
      const res = await page.request.get(`${server.url}/api/v1/cases/${caseId}/notices/preview?language=km`);
      return { status: res.status(), body: await res.body() };
    };
    const notFinal = async () => {
      const refused = await preview();
      expect(refused.status).toBe(409);
      expect(JSON.parse(refused.body.toString("utf8"))).toMatchObject({
        detail: expect.stringMatching(/Khmer.*not final/),
      });
    };
    await notFinal();

    // Translated (every proposal accepted), but not reviewed: still refused.
    const translator = await as("demo-translator", `/translations/${objectionJob}`, "en");
    await translator.locator("tr[data-segment]").first().waitFor();
    const count = await translator.locator("tr[data-segment]").count();
    for (let i = 1; i <= count; i++) {
      const tr = translator.locator(`tr[data-segment="${i}"]`);
      expect(await tr.locator("[data-origin=memory]").count()).toBe(1);
      await tr.getByRole("button", { name: new RegExp(`^${E("translation.editor.accept")}`) }).click();
      await translator.locator(`tr[data-segment="${i}"][data-state=translated]`).waitFor();
    }
    await notFinal();

    const reviewer = await as("demo-translator2", `/translations/${objectionJob}`);
    await reviewer.locator("tr[data-segment]").first().waitFor();
    for (let i = 1; i <= count; i++) {
      await reviewer
        .locator(`tr[data-segment="${i}"]`)
        .getByRole("button", { name: new RegExp(`^${K("translation.editor.review")}`) })
        .click();
      await reviewer.locator(`tr[data-segment="${i}"][data-state=reviewed]`).waitFor();
    }
    await reviewer.getByRole("button", { name: K("translation.editor.finalize") }).click();
    await reviewer.getByText(K("translation.editor.finalized")).waitFor();

    // Final: the notice carries the Khmer remedy, with who translated and who reviewed it.
    const ok = await preview();
    expect(ok.status).toBe(200);
    const text = pdfText(ok.body);
    const khmer = (key: string) =>
      khmerSentences(NOTICES.legal.texts).get(NOTICES.legal.texts[key] ?? "") ?? "-";
    const remedy = khmer("remedy.suit_objection.text");
    expect(remedy).toBeDefined();
    // pdftotext repeats some Khmer clusters it reads back from the shaped glyphs, and breaks lines:
    // the remedy's first clause, white space aside.
    const squeeze = (x: string) => x.replace(/\s+/g, "");
    expect(squeeze(text)).toContain(squeeze(remedy ?? "").slice(0, 60));
    expect(squeeze(text)).toContain(squeeze(khmer("outcome.objection_dismissed")));
    expect(text).toMatch(/번역: Demo translator \(Khmer\) · 검토: Demo reviewer \(Khmer\)/);
  });
});
