/**
 * Country-of-origin information in the browser: from a case, an examiner searches the demo library
 * in Korean (a two-syllable word, filtered by country) and in English (a phrase, filtered by
 * language), sees the matched words marked, cites a passage of each into the case, and finds
 * both in the case's "Country information cited" section, frozen with their dates. A researcher
 * adds a document with a passage and its archived file, which the search then finds. Axe on each
 * screen.
 */
import type { BrowserContext, Page } from "playwright-core";
import { minimalPdf } from "../../src/demo/minimal-pdf.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("COI search and citation", { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let caseId: string;

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const [row] = await server.ctx.db.query<{ id: string }>(
      `SELECT c.id FROM cases c WHERE c.office_id = 'seoul' AND NOT c.final ORDER BY c.filed_on DESC LIMIT 1`,
    );
    if (!row) throw new Error("the demo has no open Seoul case");
    caseId = row.id;
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  const as = (username: string, path?: string): Promise<Page> =>
    signInAs(server, browser.browser, contexts, username, path, { timeoutMs: 15_000 });

  it("searches in Korean and English with filters, cites passages, and sees them in the case", async () => {
    const page = await as("demo-examiner", `/cases/${caseId}`);
    const section = page.getByRole("region", { name: K("coi.case.heading") });
    await section.getByText(K("coi.case.none")).waitFor();
    await section.getByRole("link", { name: K("coi.case.search") }).click();
    await page.waitForURL(/\/coi\?case=/);
    await page.getByRole("heading", { level: 1, name: K("coi.heading") }).waitFor();

    // Korean: a two-syllable word, in Cambodia's documents.
    await page.getByLabel(K("coi.search.label")).fill("야당");
    await page.getByLabel(K("coi.field.country")).selectOption("KHM");
    await page.getByRole("button", { name: K("coi.search.submit"), exact: true }).click();
    const results = page.getByRole("region", { name: K("coi.results") });
    await results.locator(".coi-hit").first().waitFor();
    const marks = await results.locator(".coi-hit__quote mark").allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(["야당"]));
    const metas = await results.locator(".coi-hit__meta").allInnerTexts();
    expect(metas.every((m) => m.includes("캄보디아"))).toBe(true);
    await expectAccessible(page, "COI search, Korean results");
    await results.scrollIntoViewIfNeeded();
    await screenshot(page, "32-coi-search-ko");
    const koQuote = await results.locator(".coi-hit__quote").first().innerText();
    await results
      .getByRole("button", { name: new RegExp(`^${K("coi.cite.button")}`) })
      .first()
      .click();
    await results.getByText(K("coi.cite.done")).waitFor();

    // English: a phrase, in English documents.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByLabel(E("coi.search.label")).fill('"freedom of expression" online');
    await page.getByLabel(E("coi.field.language")).selectOption("en");
    await page.getByRole("button", { name: E("coi.search.submit"), exact: true }).click();
    const en = page.getByRole("region", { name: E("coi.results") });
    await en.locator(".coi-hit__quote mark").first().waitFor();
    const enMarks = (await en.locator(".coi-hit__quote mark").allInnerTexts()).map((m) => m.toLowerCase());
    expect(enMarks).toContain("freedom of expression");
    expect(enMarks).toContain("online");
    await expectAccessible(page, "COI search, English results");
    await en.scrollIntoViewIfNeeded();
    await screenshot(page, "33-coi-search-en");
    const enQuote = await en.locator(".coi-hit__quote").first().innerText();
    await en
      .getByRole("button", { name: new RegExp(`^${E("coi.cite.button")}`) })
      .first()
      .click();
    await en.getByText(E("coi.cite.done")).waitFor();

    // Both are in the case's section, as cited, with their dates.
    await page.getByRole("link", { name: E("coi.cite.backToCase") }).click();
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    const cited = page.getByRole("region", { name: E("coi.case.heading") });
    await cited.locator(".coi-citation").nth(1).waitFor();
    const quotes = await cited.locator(".coi-citation blockquote").allInnerTexts();
    expect(quotes).toEqual([koQuote, enQuote]);
    expect(await cited.innerText()).toContain("SHA-256");
    await expectAccessible(page, "case page, country information cited");
    await cited.scrollIntoViewIfNeeded();
    await screenshot(page, "34-coi-case-citations");
    const [row] = await server.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM coi_citations WHERE case_id = $1 AND removed_at IS NULL",
      [caseId],
    );
    expect(row?.n).toBe(2);
  });

  it("a researcher adds a document, its passage and its archived file; the search finds it", async () => {
    const page = await as("demo-coi-researcher");
    await page.waitForURL(/\/coi$/);
    await page.getByRole("link", { name: K("coi.document.add") }).click();
    await page.getByRole("heading", { level: 1, name: K("coi.document.new") }).waitFor();
    await page
      .getByLabel(K("coi.field.title"), { exact: true })
      .fill("Cambodia: lanternfish observers abroad (fictional)");
    await page.getByLabel(K("coi.field.source"), { exact: true }).fill("Mekong Rights Monitor");
    await page.getByLabel(K("coi.field.publishedOn"), { exact: true }).fill("2026-10-01");
    await page.getByLabel(K("coi.field.accessedOn"), { exact: true }).fill("2026-11-02");
    await page.getByLabel(K("coi.field.country"), { exact: true }).fill("KHM");
    await page.getByLabel(K("coi.field.language"), { exact: true }).selectOption("en");
    await page.getByLabel(K("coi.field.profiles"), { exact: true }).fill("opposition_activists_abroad");
    await page
      .getByLabel(K("coi.passage.text", { n: 1 }), { exact: true })
      .fill("Lanternfish observers abroad were named in state media.");
    await page.getByLabel(K("coi.passage.locator"), { exact: true }).fill("p. 2");
    await expectAccessible(page, "COI document form");
    await page.getByRole("button", { name: K("coi.document.save") }).click();
    await page
      .getByRole("heading", { level: 1, name: "Cambodia: lanternfish observers abroad (fictional)" })
      .waitFor();
    await page.getByRole("link", { name: K("coi.document.edit") }).click();
    await page.getByLabel(K("coi.file.choose")).setInputFiles({
      name: "lanternfish.pdf",
      mimeType: "application/pdf",
      buffer: minimalPdf(["Mekong Rights Monitor (fictional)", "Lanternfish observers"]),
    });
    await page.getByRole("button", { name: K("coi.file.upload") }).click();
    await page.getByText(K("coi.file.stored")).waitFor();
    await expectAccessible(page, "COI document edit");
    await page.getByRole("link", { name: K("coi.document.back") }).click();
    await page.getByRole("link", { name: K("coi.file.open", { name: "lanternfish.pdf" }) }).waitFor();
    await page.getByRole("link", { name: K("coi.backToSearch") }).click();
    await page.getByLabel(K("coi.search.label")).fill("lanternfish");
    await page.getByRole("button", { name: K("coi.search.submit"), exact: true }).click();
    const results = page.getByRole("region", { name: K("coi.results") });
    await results.getByText(K("coi.found", { n: 1 })).waitFor();
    expect(await results.locator(".coi-hit__quote mark").allInnerTexts()).toEqual(["Lanternfish"]);
  });
});
