/**
 * The Refugee Committee in the browser: the secretariat finds a case by its number and puts it on
 * a meeting's agenda; a committee member lands on the agenda, opens the case, and records a vote,
 * first refused for want of reasons, then with them; the secretariat sees the vote and the tally.
 * In Korean and English, with axe on each screen.
 */
import type { BrowserContext, Page } from "playwright-core";
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

describe("the Refugee Committee's agenda and votes", { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let target: { id: string; caseNumber: string };

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    // A Seoul case not on the demo's agenda.
    const [row] = await server.ctx.db.query<{ id: string; caseNumber: string }>(
      `SELECT c.id, c.case_number AS "caseNumber" FROM cases c
        WHERE c.office_id = 'seoul' AND NOT EXISTS (SELECT 1 FROM committee_agenda a WHERE a.case_id = c.id)
        ORDER BY c.filed_on DESC LIMIT 1`,
    );
    if (!row) throw new Error("the demo has no Seoul case");
    target = row;
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  const as = (username: string, path?: string): Promise<Page> =>
    signInAs(server, browser.browser, contexts, username, path, { timeoutMs: 15_000 });

  const meetingOn = () => new Date(server.ctx.clock().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);

  it("the secretariat puts a case on a meeting's agenda by its number (ko)", async () => {
    const page = await as("demo-committee", "/committee");
    await page.getByRole("heading", { level: 1, name: K("committee.heading") }).waitFor();
    await page.getByLabel(K("findCase.label")).fill(target.caseNumber);
    await page.getByRole("button", { name: K("findCase.search") }).click();
    await page.getByRole("button", { name: K("findCase.chooseCase", { number: target.caseNumber }) }).click();
    await page.getByLabel(K("committee.meetingOn")).fill(meetingOn());
    await expectAccessible(page, "committee agenda, secretariat (ko)");
    await page.getByRole("button", { name: K("committee.add.submit") }).click();
    await page.getByRole("article", { name: target.caseNumber }).waitFor();
    const [row] = await server.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM committee_agenda WHERE case_id = $1",
      [target.id],
    );
    expect(row?.n).toBe(1);
  });

  it.each(["ko", "en"] as const)(
    "a member reads the agenda and votes, with reasons to dismiss (%s)",
    async (locale) => {
      const m = locale === "ko" ? K : E;
      const page = await as("demo-committee-member");
      // A member's first page is the agenda.
      await page.waitForURL(/\/committee$/);
      if (locale === "en") await page.getByRole("button", { name: "English" }).click();
      const entry = page.getByRole("article", { name: target.caseNumber });
      await entry.waitFor();
      await expectAccessible(page, `committee agenda, member (${locale})`);
      await screenshot(page, `31-committee-member-${locale}`);
      await entry.getByText(m("committee.vote.dismiss"), { exact: true }).click();
      await entry.getByLabel(m("committee.vote.reasons")).fill("");
      await entry
        .getByRole("button", {
          name: new RegExp(`${m("committee.vote.submit")}|${m("committee.vote.change")}`),
        })
        .click();
      // Refused without reasons, and the reason for the refusal is shown.
      await entry.getByRole("alert").waitFor();
      expect(await entry.getByRole("alert").innerText()).toMatch(/reasons|APA 23/);
      const reasons = `${locale}: the applicant's activity abroad was not shown to have come to the authorities' attention.`;
      await entry.getByLabel(m("committee.vote.reasons")).fill(reasons);
      await entry
        .getByRole("button", {
          name: new RegExp(`${m("committee.vote.submit")}|${m("committee.vote.change")}`),
        })
        .click();
      await entry
        .getByRole("status")
        .getByText(m("committee.vote.recorded", { vote: m("committee.vote.dismiss") }))
        .waitFor();
      // The case itself opens for the member.
      await entry.getByRole("link", { name: target.caseNumber }).click();
      await page.waitForURL(new RegExp(`/cases/${target.id}$`));
      // The heading shows while the case still loads: wait for the case number itself.
      await page.locator("main").getByText(target.caseNumber, { exact: true }).first().waitFor();
      expect(await page.locator("main").innerText()).toContain(target.caseNumber);
    },
  );

  it("the secretariat sees the member's vote and the tally (en)", async () => {
    const page = await as("demo-committee", "/committee");
    await page.getByRole("button", { name: "English" }).click();
    const entry = page.getByRole("article", { name: target.caseNumber });
    await entry.waitFor();
    const text = await entry.innerText();
    expect(text).toContain("Demo committee member");
    expect(text).toContain(`${E("committee.vote.dismiss")} 1`);
    expect(text).toContain("en: the applicant's activity abroad");
    await expectAccessible(page, "committee agenda with votes, secretariat (en)");
  });
});
