/**
 * Everything in the reader's language, in a real browser: the legal basis of each deadline and of
 * the bar on removal, and the offices' names, in Korean and in English. axe-core checks each screen.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { LABELS } from "../../src/profiles/kr-refugee-act/labels.ts";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
  E,
  K,
} from "./support.ts";

const KO_BASES = LABELS.ko?.bases ?? {};

describe("everything in the chosen language", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  async function context(): Promise<BrowserContext> {
    const c = await browser.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "ko-KR",
      timezoneId: "Asia/Seoul",
    });
    c.setDefaultTimeout(15_000);
    contexts.push(c);
    return c;
  }
  /** The case the examiner read in the first test. */
  let readCase = "";
  async function inEnglish(page: Page): Promise<void> {
    await page.getByRole("button", { name: E("lang.en") }).click();
  }

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(12), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it("the case page states every legal basis and the office in Korean, and in English on request", async () => {
    // A Seoul case with a decision period (RA 18(4), or its extension, RA 18(5)) and the applicant's bar on removal.
    const [row] = await server.ctx.db.query<{ id: string; basis: string }>(
      `SELECT c.id, d.basis FROM cases c JOIN case_deadlines d ON d.office_id = c.office_id AND d.case_id = c.id
       WHERE c.office_id = 'seoul' AND d.kind = 'first_instance_decision' AND c.removal_barred
       ORDER BY d.basis LIKE 'RA 18(4)%' DESC, c.id LIMIT 1`,
    );
    if (!row) throw new Error("the demo data has no Seoul case awaiting its decision");
    readCase = row.id;
    expect(row.basis).toMatch(/^RA 18\(\d\): /);
    const korean = KO_BASES[row.basis] ?? "";
    expect(korean).toMatch(/^난민법 제18조/);

    const page = await signIn(server, await context(), "demo-examiner", `/cases/${row.id}`);
    const deadlines = page.locator("table", {
      has: page.getByRole("columnheader", { name: K("deadline.basis") }),
    });
    await deadlines.getByText(korean, { exact: true }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    // No English legal basis anywhere on the Korean page, and the bar on removal in Korean.
    expect(text).not.toContain(row.basis);
    expect(text).not.toMatch(/\b(RA|RD|ALA|CPA|SCA) \d+\(\d+\)|decision within|non-refoulement/);
    expect(text).toContain("난민법 제3조");
    // The office by its Korean name, never its code.
    expect(text).toContain("서울출입국·외국인청");
    expect(text).not.toMatch(/\bseoul\b/);
    await expectAccessible(page, "case page in Korean");
    await screenshot(page, "words-case-ko");

    await inEnglish(page);
    await page
      .locator("table", { has: page.getByRole("columnheader", { name: E("deadline.basis") }) })
      .getByText(row.basis, { exact: true })
      .waitFor();
    const english = (await page.locator("main").textContent()) ?? "";
    expect(english).toContain("Seoul Immigration Office");
    expect(english).not.toContain(korean);
    await expectAccessible(page, "case page in English");
  });

  it("the account page names the user's office in their language", async () => {
    server.advance(31);
    const page = await signIn(server, await context(), "demo-examiner", "/account");
    await page.getByRole("heading", { level: 1, name: K("account.heading") }).waitFor();
    await page.getByText("서울출입국·외국인청").waitFor();
    expect((await page.locator("main").textContent()) ?? "").not.toMatch(/\bseoul\b/);
  });

  it("the accounts table shows each account's real state, and links role change and reset to access requests", async () => {
    server.advance(31);
    const page = await signIn(server, await context(), "demo-admin", "/admin");
    await page.getByRole("heading", { level: 2, name: K("admin.users.heading") }).waitFor();
    const stateCell = (user: string) =>
      page
        .locator("tr", { has: page.getByRole("rowheader", { name: user, exact: true }) })
        .locator("td")
        .nth(4);
    // An enrolled account is active: the state column says so, and holds no action.
    await stateCell("demo-examiner").getByText(K("accountState.active"), { exact: true }).waitFor();
    expect(await stateCell("demo-examiner").getByRole("button").count()).toBe(0);
    const examinerRow = page.locator("tr", {
      has: page.getByRole("rowheader", { name: "demo-examiner", exact: true }),
    });
    expect(await examinerRow.textContent()).toContain("서울출입국·외국인청");
    await expectAccessible(page, "accounts in Korean");

    // Disabling one: its state becomes disabled, and its actions are gone.
    await page
      .getByRole("button", { name: K("admin.users.disableUser").replace("{user}", "demo-lawyer2") })
      .click();
    await stateCell("demo-lawyer2").getByText(K("accountState.disabled"), { exact: true }).waitFor();
    await screenshot(page, "words-accounts-ko");
    expect(
      await page
        .getByRole("link", { name: K("admin.users.changeRoleOf").replace("{user}", "demo-lawyer2") })
        .count(),
    ).toBe(0);
    // Enabling it again is an access request a second administrator approves.
    await page.getByRole("link", { name: K("admin.users.enableOf", { user: "demo-lawyer2" }) }).click();
    await page.getByRole("heading", { level: 2, name: K("admin.access.heading") }).waitFor();
    expect(await page.locator("#ar-kind").inputValue()).toBe("enable");
    const [lawyer2] = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM accounts WHERE username = 'demo-lawyer2'",
    );
    expect(await page.locator("#ar-account").inputValue()).toBe(lawyer2?.id);
    await page.getByText(K("admin.access.enableHint")).waitFor();
    await expectAccessible(page, "access request to enable an account again");
    await page.goBack();
    await page.getByRole("heading", { level: 2, name: K("admin.users.heading") }).waitFor();

    // A role change is an access request, with the account already chosen.
    await page
      .getByRole("link", { name: K("admin.users.changeRoleOf").replace("{user}", "demo-examiner") })
      .click();
    await page.getByRole("heading", { level: 2, name: K("admin.access.heading") }).waitFor();
    expect(await page.locator("#ar-kind").inputValue()).toBe("role");
    const [examiner] = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM accounts WHERE username = 'demo-examiner'",
    );
    expect(await page.locator("#ar-account").inputValue()).toBe(examiner?.id);
    // Offices offered by name.
    expect(await page.locator("#ar-office option[value=busan]").textContent()).toBe("부산출입국·외국인청");
    await expectAccessible(page, "access request for a role change");

    // A reset of the second factor likewise; and the table in English.
    await page.goBack();
    await page
      .getByRole("link", { name: K("admin.users.resetFactorsOf").replace("{user}", "demo-examiner") })
      .click();
    await page.getByRole("heading", { level: 2, name: K("admin.access.heading") }).waitFor();
    expect(await page.locator("#ar-kind").inputValue()).toBe("enrolment");
    await page.goBack();
    await inEnglish(page);
    await stateCell("demo-examiner").getByText(E("accountState.active"), { exact: true }).waitFor();
    await stateCell("demo-lawyer2").getByText(E("accountState.disabled"), { exact: true }).waitFor();
    await expectAccessible(page, "accounts in English");
  });

  it("the access records answer who looked at a case, in Korean time and words", async () => {
    const [c] = await server.ctx.db.query<{ number: string }>(
      "SELECT case_number AS number FROM cases WHERE id = $1",
      [readCase],
    );
    const number = c?.number ?? "";
    expect(number).toMatch(/^SEOUL-/);
    server.advance(31);
    const page = await signIn(server, await context(), "demo-admin", "/admin/audit");
    await page.getByRole("heading", { level: 2, name: K("admin.audit.heading") }).waitFor();
    await page.getByLabel(K("admin.audit.filter.case")).fill(number);
    await page.getByRole("button", { name: K("admin.audit.search"), exact: true }).click();
    await page.waitForURL(/case=/);
    const table = page.getByTestId("audit-entries");
    const reads = table
      .locator("tr", { hasText: K("auditAction.case.read") })
      .filter({ hasText: "demo-examiner" });
    // Every row is about that case (once the search's answer replaced the page shown before it);
    // the time is Korean time, written the Korean way.
    const rows = table.locator("tbody tr");
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes(number));
      })
      .toBe(true);
    await reads.first().waitFor();
    const at = (await reads.first().locator("time").getAttribute("datetime")) ?? "";
    const seoul = new Intl.DateTimeFormat("ko-KR", {
      timeZone: "Asia/Seoul",
      dateStyle: "medium",
    }).format(new Date(at));
    expect(await reads.first().locator("time").textContent()).toContain(seoul);
    const text = (await table.textContent()) ?? "";
    expect(text).not.toMatch(/case\.read|\d{4}-\d{2}-\d{2}T/);
    // The monthly review below names its figures in Korean, with Korean times.
    const review = page.locator("section", {
      has: page.getByRole("heading", { name: K("admin.audit.monthHeading") }),
    });
    await review.getByText(K("data.generatedAt"), { exact: true }).waitFor();
    expect((await review.textContent()) ?? "").not.toMatch(
      /generatedAt|keepUntil|casesTouched|\d{4}-\d{2}-\d{2}T/,
    );
    await expectAccessible(page, "access records in Korean");
    await screenshot(page, "words-audit-ko", true);

    // The keys page likewise: no field names, no UTC instants.
    await page.getByRole("link", { name: K("admin.tabs.keys") }).click();
    await page
      .getByRole("term")
      .filter({ hasText: K("data.kekVersion") })
      .waitFor();
    expect((await page.locator("main").textContent()) ?? "").not.toMatch(
      /kekVersion|dataKeys|createdAt|\d{4}-\d{2}-\d{2}T/,
    );
    await expectAccessible(page, "keys in Korean");
    await page.goBack();

    // In English, the words are English.
    await inEnglish(page);
    await page.getByRole("columnheader", { name: E("admin.audit.col.at") }).waitFor();
    await table
      .locator("tr", { hasText: E("auditAction.case.read") })
      .first()
      .waitFor();
    await expectAccessible(page, "access records in English");
  });
});
