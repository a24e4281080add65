/**
 * The examination in a real browser (Korean): an examiner records the demo's sur-place case's
 * claim as material facts, assesses them step by step, and drafts the redecision from the
 * assessment: the check first refuses it (a fact without a finding), then, once every fact has a
 * finding, the draft goes to a supervisor, who sees the assessment beside it and approves.
 * axe-core on the examination page and the approvals screen.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchingCases } from "../../src/cases/search-cases.ts";
import { queryWords } from "../../src/persons/name-keys.ts";
import {
  buildWeb,
  expectAccessible,
  K,
  launchChromium,
  screenshot,
  signInAs,
  startServer,
  type E2EServer,
} from "./support.ts";

describe("the assessment and the reasoned draft in the web workspace", { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let caseId = "";
  let caseNumber = "";

  const as = (username: string, start: string): Promise<Page> =>
    signInAs(server, browser.browser, contexts, username, start);

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(12), launchChromium()]);
    // The sur-place showcase: its applicant's first case, redecision due after the annulment.
    const found = await matchingCases(server.ctx.db, server.ctx.keyring, queryWords("Meas Vannak"), 5, {
      office: "seoul",
    });
    const first = [...found].sort((a, b) => (a.filedOn < b.filedOn ? -1 : 1))[0];
    caseId = first?.id ?? "";
    const [row] = await server.ctx.db.query<{ n: string }>(
      "SELECT case_number AS n FROM cases WHERE id = $1",
      [caseId],
    );
    caseNumber = row?.n ?? "";
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("records the claim, assesses it, and drafts once the check passes", async () => {
    expect(caseId).not.toBe("");
    const page = await as("demo-examiner", `/cases/${caseId}`);
    await page.getByRole("heading", { level: 2, name: K("exam.section.heading") }).waitFor();
    await page.getByRole("link", { name: K("exam.section.open") }).click();
    await page.getByRole("heading", { level: 1, name: K("exam.heading") }).waitFor();

    // Two material facts: the online campaign from Korea (sur place), and the repatriation request.
    await page.locator("summary", { hasText: K("exam.facts.add") }).click();
    await page
      .locator("#new-fact-statement")
      .fill("신청인은 한국에서 페이스북 페이지로 정부를 비판하는 캠페인을 이끌었다.");
    await page.locator("#new-fact-period").fill("2022년부터 2025년까지");
    await page.locator("#new-fact-place").fill("서울");
    await page.locator("label[for=new-fact-ground-political_opinion]").click();
    await page.locator("label[for=new-fact-surPlace]").click();
    await page.getByRole("button", { name: K("exam.fact.add"), exact: true }).click();
    await page.locator('li[data-fact="1"]').waitFor();
    await page.locator("#new-fact-statement").fill("출신국 정부가 신청인의 송환을 요청하였다.");
    await page.locator("#new-fact-date").fill("2025-09-01");
    await page.locator("label[for=new-fact-ground-political_opinion]").click();
    await page.locator("label[for=new-fact-surPlace]").click();
    await page.getByRole("button", { name: K("exam.fact.add"), exact: true }).click();
    await page.locator('li[data-fact="2"]').waitFor();

    // The assessment: identity, fact 1 accepted (fact 2 left without a finding), nexus, conclusion.
    const one = page.locator('[data-finding="1"]');
    await one.waitFor();
    await page.locator("label[for=identity-established]").click();
    await one.locator("select").first().selectOption("positive");
    await one.getByText(K("exam.finding.accepted"), { exact: true }).click();
    await page.locator("#risk-attention").fill("공개 페이지의 게시물은 출신국 대사관이 볼 수 있다.");
    await page.locator("label[for=nexus-political_opinion]").click();
    await page.locator("label[for=outcome-recognized]").click();
    await page.getByRole("button", { name: K("exam.assessment.save") }).click();
    await page.getByText(K("exam.assessment.saved")).waitFor();
    // The live check, read again after the save: only fact 2 lacks a finding.
    await expect
      .poll(() => page.locator("li[data-code]").allTextContents())
      .toEqual([K("exam.check.fact_without_finding", { n: 2 })]);
    await expectAccessible(page, "examination");
    await screenshot(page, "exam-01-examination", true);

    // The draft is refused: fact 2 has no finding.
    await page.getByRole("button", { name: K("exam.draft.submit") }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain(K("exam.draft.refused"));
    expect(await page.getByTestId("exam-check-issues").locator("li").allTextContents()).toEqual([
      K("exam.check.fact_without_finding", { n: 2 }),
    ]);

    // Fact 2 with the benefit of the doubt: the check passes and the draft goes to a supervisor.
    await page
      .locator('[data-finding="2"]')
      .getByText(K("exam.finding.benefit_of_doubt"), { exact: true })
      .click();
    await page.getByRole("button", { name: K("exam.assessment.save") }).click();
    await page.getByText(K("exam.check.ok")).first().waitFor();
    await page.getByRole("button", { name: K("exam.draft.submit") }).click();
    await page.getByText(K("exam.draft.sent")).waitFor();
    const [draft] = await server.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM decision_drafts WHERE case_id = $1 AND status = 'pending'",
      [caseId],
    );
    expect(draft?.n).toBe(1);
  });

  it("shows the supervisor the assessment beside the draft, who approves it", async () => {
    const page = await as("demo-supervisor", "/approvals");
    const card = page.locator("article", { hasText: caseNumber });
    await card.getByRole("heading", { name: K("exam.beside.heading"), exact: true }).waitFor();
    await card.locator('[data-testid="beside-outcome"]', { hasText: K("exam.outcome.recognized") }).waitFor();
    await card
      .getByText("신청인은 한국에서 페이스북 페이지로 정부를 비판하는 캠페인을 이끌었다.")
      .first()
      .waitFor();
    await card.getByText(K("exam.finding.benefit_of_doubt")).first().waitFor();
    await expectAccessible(page, "approvals with the assessment");
    await screenshot(page, "exam-02-approvals");
    await card.getByRole("button", { name: K("approvals.approve") }).click();
    const dialog = page.getByRole("dialog");
    server.advance(31);
    await dialog.locator("input[name=totp]").fill(server.code("demo-supervisor"));
    await dialog.getByRole("button", { name: K("approvals.confirm.button") }).click();
    await page.getByText(K("approvals.approved")).waitFor();
    const [decided] = await server.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'redecision_issued'",
      [caseId],
    );
    expect(decided?.n).toBe(1);
  });
});
