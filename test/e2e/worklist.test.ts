/**
 * The worklist, returned decisions and mandates in a real browser (Debian's Chromium), in Korean
 * and in English: the worklist's default view (open deadlines of active cases, with the applicant,
 * case number and stage), its filters kept in the URL and its counts per kind, and "my cases" after
 * a supervisor's assignment; a decision a supervisor returns reaching its author with the reason
 * (inbox, worklist, case page); a mandate granted by finding the applicant by name. axe-core checks
 * every screen, and no request of the run is answered with a 5xx.
 */

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNames } from "../../src/persons/db.ts";
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

const CASE_NUMBER = /^[A-Z][A-Z-]*-\d{4}-\d{6}$/;
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

describe("worklist, returned decisions and mandates", { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  /** Every answer of 500 or more that a page of the run received. */
  const failures: string[] = [];

  async function context(): Promise<BrowserContext> {
    const c = await browser.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "ko-KR",
      timezoneId: "Asia/Seoul",
    });
    c.setDefaultTimeout(15_000);
    c.on("response", (r) => {
      if (r.status() >= 500) failures.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    contexts.push(c);
    return c;
  }
  async function as(username: string, start: string): Promise<Page> {
    server.advance(31); // each code counts once per account
    return signIn(server, await context(), username, start);
  }
  async function toEnglish(page: Page) {
    await page.getByRole("button", { name: E("lang.en") }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
  }
  async function caseNumber(id: string): Promise<string> {
    const [row] = await server.ctx.db.query<{ n: string }>(
      "SELECT case_number AS n FROM cases WHERE id = $1",
      [id],
    );
    if (!row) throw new Error(`no case ${id}`);
    return row.n;
  }
  /** The statuses of the worklist's rows, as shown. */
  const statuses = (page: Page) => page.locator("table.worklist tbody tr > :nth-child(6)").allTextContents();

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(30), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("shows by default the open deadlines of active cases with names and numbers; filters stay in the URL", async () => {
    const page = await as("demo-examiner", "/worklist");
    await page.getByRole("heading", { level: 1, name: K("worklist.heading") }).waitFor();
    const rows = page.locator("table.worklist tbody tr");
    await rows.first().waitFor();
    // What the API says the default view is: open deadlines of cases that are not final.
    const api = (await page.evaluate(() => fetch("/api/v1/deadlines?limit=50").then((r) => r.json()))) as {
      items: {
        caseNumber: string;
        basis: string;
        status: string;
        caseFinal: boolean;
        names: { value: string }[];
      }[];
      counts: { kind: string; count: number }[];
    };
    expect(api.items.length).toBeGreaterThan(0);
    expect(api.items.every((d) => d.status === "open" && !d.caseFinal)).toBe(true);
    await expect.poll(() => rows.count()).toBe(api.items.length);
    expect(new Set(await statuses(page))).toEqual(new Set([K("deadlineStatus.open")]));
    // Tasks only: no date that merely takes effect (those only when asked for).
    const infoText = K("worklist.next.info", { what: "" }).trim();
    const todo = () => rows.locator("td:nth-child(5)").allTextContents();
    expect((await todo()).some((c) => c.includes(infoText))).toBe(false);
    const first = rows.first();
    expect(await first.locator("td").nth(1).textContent()).toMatch(CASE_NUMBER);
    expect(await first.locator("td").nth(1).textContent()).toBe(api.items[0]?.caseNumber);
    expect((await first.locator("th").textContent())?.trim().length).toBeGreaterThan(0);
    // The legal basis in the reader's language, not as the API states it in English.
    const basis = await first.locator("td:nth-child(5) div").textContent();
    expect(basis?.length).toBeGreaterThan(0);
    expect(basis).not.toBe(api.items[0]?.basis);
    // A count per kind, and "all" with their sum.
    const total = api.counts.reduce((n, c) => n + c.count, 0);
    const counts = page.getByRole("navigation", { name: K("worklist.countsLabel") });
    await counts.getByRole("link", { name: `${K("common.all")} (${total})` }).waitFor();
    await expectAccessible(page, "worklist (ko)");
    await screenshot(page, "20-worklist-default");

    // A kind from the counts: the URL keeps it, and every row is of that kind.
    const kind = api.counts[0]?.kind ?? "";
    const kindLabel = LABELS.ko?.deadlineKinds?.[kind] ?? kind;
    await counts.getByRole("link", { name: `${kindLabel} (${api.counts[0]?.count})` }).click();
    await page.waitForURL((u) => u.searchParams.get("kind") === kind);
    await expect
      .poll(() => rows.locator("td:nth-child(5)").allTextContents())
      .toSatisfy((cells: string[]) => cells.length > 0 && cells.every((c) => c.startsWith(kindLabel)));

    await page.locator("label[for=f-info]").click();
    await page.getByRole("button", { name: K("common.apply") }).click();
    await page.waitForURL((u) => u.searchParams.get("info") === "include");
    // (The demo's dates to know have passed; test/worklist.test.ts shows them listed when asked.)
    await expect(page.locator("#f-info").isChecked()).resolves.toBe(true);

    // Missed deadlines of closed cases only when asked for.
    await page.goto(`${server.url}/worklist`);
    await page.locator("#f-status").selectOption("missed");
    await page.getByRole("button", { name: K("common.apply") }).click();
    await page.waitForURL((u) => u.searchParams.get("status") === "missed" && !u.searchParams.has("closed"));
    const count = (query: string) =>
      page.evaluate(
        (q) =>
          fetch(`/api/v1/deadlines?limit=50&${q}`).then((r) => r.json() as Promise<{ items: unknown[] }>),
        query,
      );
    const activeMissed = (await count("status=missed")).items.length;
    const allMissed = (await count("status=missed&closed=include")).items.length;
    expect(allMissed).toBeGreaterThan(activeMissed);
    await expect.poll(() => rows.count()).toBe(Math.max(activeMissed, 1));
    await page.locator("label[for=f-closed]").click();
    await page.getByRole("button", { name: K("common.apply") }).click();
    await page.waitForURL((u) => u.searchParams.get("closed") === "include");
    await expect.poll(() => rows.count()).toBe(allMissed);
    await expect.poll(async () => [...new Set(await statuses(page))]).toEqual([K("deadlineStatus.missed")]);
    await page.getByText(K("worklist.closedCase")).first().waitFor();
    await expectAccessible(page, "worklist, missed, closed included");
    // The filters are the URL: a reload shows the same view.
    await page.reload();
    await expect(page.locator("#f-status").inputValue()).resolves.toBe("missed");
    await expect(page.locator("#f-closed").isChecked()).resolves.toBe(true);

    // My cases: none yet; a supervisor assigns one on its case page; it is then on my worklist.
    await page.goto(`${server.url}/worklist?assignee=me`);
    await page.getByText(K("worklist.empty")).waitFor();
    const target = api.items[0];
    if (!target) throw new Error("no deadline");
    const [row] = await server.ctx.db.query<{ id: string }>("SELECT id FROM cases WHERE case_number = $1", [
      target.caseNumber,
    ]);
    const supervisor = await as("demo-supervisor", `/cases/${row?.id}`);
    await supervisor.locator("#case-assignee").selectOption({ label: "Demo examiner (Seoul)" });
    await supervisor.getByRole("button", { name: K("case.assign.button") }).click();
    await supervisor.getByText(K("case.assign.done")).waitFor();
    await expectAccessible(supervisor, "case page with assignment");
    await page.reload();
    await page.getByRole("link", { name: target.caseNumber }).first().waitFor();
    expect(await page.locator("#f-assignee").inputValue()).toBe("me");

    // The same view in English.
    await toEnglish(page);
    await page.getByRole("heading", { level: 1, name: E("worklist.heading") }).waitFor();
    await page.getByRole("columnheader", { name: E("worklist.nextStep") }).waitFor();
    await page.getByRole("navigation", { name: E("worklist.countsLabel") }).waitFor();
    expect(new Set(await statuses(page))).toEqual(new Set([E("deadlineStatus.open")]));
    await expectAccessible(page, "worklist (en)");
    await screenshot(page, "21-worklist-mine-en");
  });

  it("a returned draft reaches its author with the reason", async () => {
    const examiner = await as("demo-examiner", "/worklist");
    await toEnglish(examiner);
    // A Seoul case where a first-instance decision may be recorded now.
    const candidates = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM cases WHERE office_id = 'seoul' AND NOT final ORDER BY filed_on DESC",
    );
    let caseId = "";
    for (const c of candidates) {
      const view = (await examiner.evaluate(
        (id) => fetch(`/api/v1/cases/${id}`).then((r) => r.json()),
        c.id,
      )) as { allowedEvents: string[] };
      if (view.allowedEvents.includes("decision_issued")) {
        caseId = c.id;
        break;
      }
    }
    expect(caseId).not.toBe("");
    const number = await caseNumber(caseId);
    const decision = LABELS.en.events?.decision_issued ?? "";

    await examiner.goto(`${server.url}/cases/${caseId}`);
    await examiner.getByText(number, { exact: true }).waitFor();
    await examiner.getByRole("button", { name: decision }).click();
    await examiner.locator("#ev-decision_issued-outcome").selectOption("not_recognized");
    await examiner.locator("#ev-decision_issued-reasons").fill("Fictional reasons for the test.");
    await examiner.getByRole("button", { name: E("case.actions.record") }).click();
    // The case page says the decision waits for approval, and offers no second one.
    await examiner
      .getByRole("heading", { name: startsWith(E("case.draft.pending", { event: decision })) })
      .waitFor();
    await expect.poll(() => examiner.getByRole("button", { name: decision }).count()).toBe(0);
    await expectAccessible(examiner, "case page, draft pending");

    // The supervisor returns it with a reason, from a card that names the applicant and the case.
    const reason = "The interview record does not cover the second incident; add it and draft again.";
    const supervisor = await as("demo-supervisor", "/approvals");
    await toEnglish(supervisor);
    const card = supervisor.locator("article", { hasText: number });
    await card.waitFor();
    await card.locator(".applicant-name").first().waitFor();
    await card.getByLabel(E("approvals.reason")).fill(reason);
    await card.getByRole("button", { name: E("approvals.return") }).click();
    await supervisor.getByText(E("approvals.returned")).waitFor();

    // The author sees it: in the header's count, the inbox, the worklist and on the case page.
    await examiner.goto(`${server.url}/inbox`);
    await examiner.getByRole("heading", { level: 1, name: E("inbox.heading") }).waitFor();
    const returned = examiner.locator("section", {
      has: examiner.getByRole("heading", { name: new RegExp(`^${E("inbox.returned.heading")}`) }),
    });
    await returned.getByText(reason).waitFor();
    await returned.getByRole("link", { name: number }).waitFor();
    await returned
      .getByText(E("inbox.returnedBy", { who: "demo-supervisor", at: "" }).slice(0, 20))
      .waitFor();
    const inboxLink = examiner.getByRole("link", { name: /^Inbox\s+\(\d+ items need you\)$/ });
    expect(Number((await inboxLink.textContent())?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(1);
    await expectAccessible(examiner, "inbox (en)");
    await screenshot(examiner, "22-inbox-returned-en");

    await examiner.goto(`${server.url}/worklist`);
    await examiner.locator("#returned-heading").waitFor();
    await examiner.getByText(reason).waitFor();
    await expectAccessible(examiner, "worklist with a returned draft");

    await examiner.goto(`${server.url}/cases/${caseId}`);
    await examiner.getByText(reason).waitFor();
    await examiner.getByRole("button", { name: decision }).waitFor();
    await expectAccessible(examiner, "case page, draft returned");

    // In Korean too.
    await examiner.getByRole("button", { name: K("lang.ko") }).click();
    await examiner
      .getByRole("heading", {
        name: startsWith(K("case.draft.returned", { event: LABELS.ko?.events?.decision_issued ?? "" })),
      })
      .waitFor();
    await examiner.goto(`${server.url}/inbox`);
    await examiner.getByRole("heading", { level: 1, name: K("inbox.heading") }).waitFor();
    await examiner.getByText(reason).waitFor();
    await expectAccessible(examiner, "inbox (ko)");
  });

  it("an administrator grants a mandate by finding the applicant by name, and checks the match", async () => {
    // A Seoul applicant without a mandate, and their names as the intake recorded them.
    const [person] = await server.ctx.db.query<{
      case_id: string;
      id: string;
      names_enc: string | null;
      names: [];
    }>(
      `SELECT c.id AS case_id, p.id, p.names_enc, p.names FROM cases c JOIN persons p ON p.id = c.person_id
        WHERE c.office_id = 'seoul' AND NOT EXISTS (SELECT 1 FROM mandates m WHERE m.case_id = c.id)
          AND (SELECT count(*) FROM cases o WHERE o.person_id = p.id) = 1
        ORDER BY c.filed_on DESC LIMIT 1`,
    );
    if (!person) throw new Error("no Seoul case without a mandate");
    const names = openNames(server.ctx.keyring, person);
    const latin = names.find((n) => n.script === "Latn")?.value ?? names[0]?.value ?? "";
    const number = await caseNumber(person.case_id);

    const admin = await as("demo-admin", "/admin");
    await admin.getByRole("link", { name: K("admin.tabs.mandates") }).click();
    await admin.locator("#m-find").fill(latin);
    await admin.getByRole("button", { name: K("findCase.search") }).click();
    const chooseButton = admin.getByRole("button", { name: K("findCase.chooseCase", { number }) });
    await chooseButton.waitFor();
    await expectAccessible(admin, "mandates, matches (ko)");
    await screenshot(admin, "23-mandate-matches");
    await chooseButton.click();
    // The match, for confirmation: its number, the applicant and the office.
    const chosen = admin.getByRole("heading", { name: K("admin.mandates.chosen", { number }) });
    await chosen.waitFor();
    await admin.locator(".usa-summary-box").getByText(latin, { exact: false }).waitFor();
    await admin.locator("#m-rep").selectOption({ index: 1 });
    await admin.getByRole("button", { name: K("admin.mandates.grant") }).click();
    await admin.getByText(K("admin.mandates.granted")).waitFor();
    await expectAccessible(admin, "mandate granted (ko)");

    // By number, in English.
    await toEnglish(admin);
    await admin.getByRole("button", { name: E("admin.mandates.another") }).click();
    await admin.locator("#m-find").fill(number.toLowerCase());
    await admin.getByRole("button", { name: E("findCase.search") }).click();
    await admin.getByRole("button", { name: E("findCase.chooseCase", { number }) }).click();
    await admin.getByRole("heading", { name: E("admin.mandates.chosen", { number }) }).waitFor();
    await admin
      .getByRole("cell", { name: "demo-lawyer" })
      .or(admin.getByRole("rowheader", { name: "demo-lawyer" }))
      .first()
      .waitFor();
    await expectAccessible(admin, "mandates (en)");

    // The lawyer's portal names the client and the case.
    const lawyer = await as("demo-lawyer", "/portal");
    await lawyer.getByRole("link", { name: number }).waitFor();
    await lawyer.getByText(latin, { exact: false }).first().waitFor();
    await expectAccessible(lawyer, "portal with names");
  });

  it("no request of the run was answered with a server error", () => {
    expect(failures).toEqual([]);
  });
});
