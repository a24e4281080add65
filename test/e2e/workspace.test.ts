/**
 * The web workspace in a real browser (Debian's Chromium, playwright-core): an application filed,
 * found by name, taken through examination to a decision that a supervisor approves, the new
 * deadline after the notice is served; a refused event and a concurrent edit explained; a disclosure
 * about a stateless applicant held until a second supervisor confirms the recipient; a lawyer's
 * portal (and 404 for another lawyer's client); the language switch; administration; and a session
 * that expires and returns the user to where they were. axe-core checks every screen.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  expectAccessible,
  fillSignIn,
  launchChromium,
  pickCode,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
  E,
  K,
} from "./support.ts";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { LABELS } from "../../src/profiles/kr-refugee-act/labels.ts";
import { WEB_DIST } from "../../src/server/app.ts";

/** A word of the Korean profile in Korean (its labels.ts, published with the profile). */
const KP = (part: "events" | "stages" | "deadlineKinds", name: string): string => {
  const m = LABELS.ko?.[part]?.[name];
  if (m === undefined) throw new Error(`no Korean label for ${part} ${name}`);
  return m;
};

const VIEWPORT = { width: 1280, height: 860 };
const TABLET = { width: 820, height: 1180 };
const dateIn = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);

describe("web workspace", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let caseId = "";
  let examiner: Page;

  /** A case's number (e.g. SEOUL-2026-000025), as the screens name it. */
  async function caseNumber(id: string): Promise<string> {
    const [row] = await server.ctx.db.query<{ n: string }>(
      "SELECT case_number AS n FROM cases WHERE id = $1",
      [id],
    );
    if (!row) throw new Error(`no case ${id}`);
    return row.n;
  }

  async function context(viewport = VIEWPORT): Promise<BrowserContext> {
    const c = await browser.browser.newContext({ viewport, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    c.setDefaultTimeout(15_000);
    contexts.push(c);
    return c;
  }

  /** web/dist as `npm start` serves it: each file with its size and time, or nothing. */
  const servedByNpmStart = (): string[] =>
    existsSync(WEB_DIST)
      ? readdirSync(WEB_DIST, { recursive: true, encoding: "utf8" })
          .map((f) => path.join(WEB_DIST, f))
          .filter((f) => statSync(f).isFile())
          .map((f) => `${path.relative(WEB_DIST, f)} ${statSync(f).size} ${statSync(f).mtimeMs}`)
          .sort()
      : [];
  let webDistBefore: string[] = [];

  beforeAll(async () => {
    webDistBefore = servedByNpmStart();
    buildWeb();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("builds and serves its own bundle, leaving web/dist of a running `npm start` as it was", async () => {
    expect(servedByNpmStart()).toEqual(webDistBefore);
    const page = await (await context()).newPage();
    await page.goto(server.url + "/sign-in");
    await expect.poll(() => page.locator("#username").count()).toBe(1);
  });

  it("the sign-in page loads less than 250 KB of compressed scripts and style sheets", async () => {
    // A fresh browser context: nothing cached. Every script and style sheet the page loads counts,
    // at the size it crossed the network (encoded: brotli or gzip, as the browser accepts).
    const c = await context();
    const page = await c.newPage();
    const assets: Promise<{ url: string; bytes: number; encoding: string; cache: string }>[] = [];
    page.on("response", (res) => {
      const url = new URL(res.url());
      if (!/\.(js|css)$/.test(url.pathname)) return;
      assets.push(
        (async () => ({
          url: url.pathname,
          bytes: (await res.request().sizes()).responseBodySize,
          encoding: (await res.headerValue("content-encoding")) ?? "identity",
          cache: (await res.headerValue("cache-control")) ?? "",
        }))(),
      );
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole("heading", { name: K("signIn.demo.heading") }).waitFor();
    await page.waitForLoadState("networkidle");
    const loaded = await Promise.all(assets);
    const total = loaded.reduce((n, a) => n + a.bytes, 0);
    console.log(
      `sign-in page: ${(total / 1024).toFixed(1)} KB of compressed JS and CSS in ${loaded.length} files\n` +
        loaded.map((a) => `  ${a.url} ${(a.bytes / 1024).toFixed(1)} KB ${a.encoding}`).join("\n"),
    );
    expect(loaded.length).toBeGreaterThan(0);
    for (const a of loaded) {
      expect(a.encoding, a.url).toMatch(/^(br|gzip)$/);
      expect(a.cache, a.url).toContain("immutable");
    }
    expect(total).toBeLessThan(250 * 1024);
  });

  it("signs in with password and code; an intake clerk files an application", async () => {
    const c = await context();
    const page = await c.newPage();
    await page.goto(server.url);
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => page.locator("h1").textContent()).toBe(K("signIn.heading"));
    await page.getByRole("heading", { name: K("signIn.demo.heading") }).waitFor();
    await expectAccessible(page, "sign-in");
    await screenshot(page, "01-sign-in", true);

    await fillSignIn(server, page, "demo-intake");
    await page.waitForURL(/\/worklist/);
    await page.getByRole("link", { name: K("nav.newCase") }).click();
    await page.locator("#nc-name").fill("Chan Sokha");
    await page.locator("#nc-name2").fill("찬 속하");
    await pickCode(page, "nc-nationality", "KHM", "KHM");
    await page.locator("#nc-sex").selectOption("female");
    await expectAccessible(page, "new application");
    await screenshot(page, "02-new-application");
    await page.getByRole("button", { name: K("newCase.submit") }).click();
    // Registered without a date of birth, the applicant may sound like earlier demo persons: the
    // clerk is shown them, links none, and opens the case as entered.
    const proposals = page.getByRole("heading", { name: K("newCase.matches.heading") });
    const opened = () => /\/cases\/[0-9a-f-]{36}$/.test(page.url());
    await expect.poll(async () => opened() || (await proposals.isVisible()), { timeout: 30_000 }).toBe(true);
    if (!opened()) {
      await page.getByRole("button", { name: K("newCase.matches.openCase") }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    }
    caseId = page.url().split("/").pop() ?? "";
    await page.getByRole("rowheader", { name: KP("deadlineKinds", "first_instance_decision") }).waitFor();
    // The case's stage and events in the Korean profile's own Korean words (its labels.ts).
    await page.locator(".facts").getByText(KP("stages", "examination"), { exact: true }).waitFor();
    await page.locator(".timeline").getByText(KP("events", "application_filed")).waitFor();
  });

  it("an examiner finds the case by name, records events, and is told why a refused one was refused", async () => {
    const c = await context();
    examiner = await signIn(server, c, "demo-examiner");
    await examiner.waitForURL(/\/worklist/);
    await examiner.getByRole("table").first().waitFor();
    await expectAccessible(examiner, "worklist");
    await screenshot(examiner, "03-worklist");

    await examiner.getByRole("link", { name: K("nav.cases"), exact: true }).click();
    await examiner.locator("#s-name").fill("속하");
    await examiner.getByRole("button", { name: K("cases.searchButton") }).click();
    await examiner.getByRole("link", { name: "Chan Sokha" }).click();
    await examiner.getByRole("heading", { name: K("case.timeline.heading") }).waitFor();
    await expectAccessible(examiner, "case page");

    // A summons dated before the application: the server refuses, in words a clerk understands.
    await examiner.getByRole("button", { name: KP("events", "summons_served") }).click();
    // The form's fields and choices in the profile's Korean words.
    await expect(examiner.locator("label[for=ev-summons_served-method]").textContent()).resolves.toBe(
      LABELS.ko?.fields?.method,
    );
    await expect(examiner.locator("#ev-summons_served-method option").allTextContents()).resolves.toContain(
      LABELS.ko?.values?.method?.public_notice,
    );
    await examiner.locator("#ev-summons_served-occurredOn").fill("2001-01-01");
    await examiner.locator("#ev-summons_served-interviewOn").fill(dateIn(14));
    await examiner.locator("#ev-summons_served-method").selectOption("in_person");
    await examiner.getByRole("button", { name: K("case.actions.record") }).click();
    const refusal = examiner.locator(".problem");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      new RegExp(`${K("problem.procedure.heading")}|${K("problem.invalid.heading")}`),
    );
    await expectAccessible(examiner, "refused event");

    await examiner.locator("#ev-summons_served-occurredOn").fill(dateIn(0));
    await examiner.getByRole("button", { name: K("case.actions.record") }).click();
    await examiner
      .getByText(K("case.actions.recorded").replace("{event}", KP("events", "summons_served")))
      .waitFor();
    await examiner.locator(".timeline").getByText(KP("events", "summons_served")).waitFor();
  });

  it("catches a concurrent edit instead of overwriting it", async () => {
    const other = await examiner.context().newPage();
    await other.goto(`${server.url}/cases/${caseId}`);
    await other.getByRole("heading", { name: K("case.timeline.heading") }).waitFor();

    await examiner.getByRole("button", { name: KP("events", "interview_held") }).click();
    await examiner.getByRole("button", { name: K("case.actions.record") }).click();
    await examiner
      .getByText(K("case.actions.recorded").replace("{event}", KP("events", "interview_held")))
      .waitFor();

    await other.getByRole("button", { name: KP("events", "interview_held") }).click();
    await other.getByRole("button", { name: K("case.actions.record") }).click();
    await other.getByRole("heading", { name: K("problem.stale.heading") }).waitFor();
    await expectAccessible(other, "stale edit");
    await other.getByRole("button", { name: K("problem.stale.reload") }).click();
    await other.getByRole("heading", { name: K("problem.stale.heading") }).waitFor({ state: "detached" });
    await other.close();

    await examiner.getByRole("button", { name: KP("events", "decision_issued") }).click();
    await examiner.locator("#ev-decision_issued-outcome").selectOption("not_recognized");
    // A refusal without reasons is refused (RA 18(2)-(3)), naming the field; nothing is drafted.
    await examiner.getByRole("button", { name: K("case.actions.record") }).click();
    await examiner.getByRole("heading", { name: K("problem.invalid.heading") }).waitFor();
    await examiner
      .locator(".problem")
      .getByText(/required for a refusal \(RA 18\(2\)-\(3\)\)/)
      .first()
      .waitFor();
    await expectAccessible(examiner, "refusal without reasons");
    await examiner
      .locator("#ev-decision_issued-reasons")
      .fill(
        "The account is not credible on the decisive points.\n\n" +
          "- The dates of the arrest differ between the two interviews.\n" +
          "- No document supports the claimed membership.",
      );
    await examiner.getByRole("button", { name: K("case.actions.record") }).click();
    await examiner
      .getByText(K("case.actions.sentForApproval").replace("{event}", KP("events", "decision_issued")))
      .waitFor();
  });

  it("a supervisor approves the decision with the second factor again (four eyes)", async () => {
    const c = await context();
    const page = await signIn(server, c, "demo-supervisor", "/approvals");
    await page.waitForURL(/\/approvals/);
    const card = page.locator("article", { hasText: await caseNumber(caseId) });
    await card.waitFor();
    await card.getByRole("heading", { name: KP("events", "decision_issued") }).waitFor();
    // The reasons in full, with their paragraphs and list as the examiner wrote them.
    const reasons = card.locator(".event-text");
    await expect
      .poll(() => reasons.innerText())
      .toMatch(/decisive points\.\n\n- The dates[^\n]*\n- No document/);
    await expectAccessible(page, "approvals");
    await screenshot(page, "05-approvals");
    await card.getByRole("button", { name: K("approvals.approve") }).click();
    const dialog = page.getByRole("dialog");
    server.advance(31); // a code counts once: the next 30-second step
    await dialog.locator("input[name=totp]").fill(server.code("demo-supervisor"));
    await dialog.getByRole("button", { name: K("approvals.confirm.button") }).click();
    await page.getByText(K("approvals.approved")).waitFor();
  });

  it("taking protection away needs a second supervisor, who approves with a new code in a dialog", async () => {
    const [recognised] = await server.ctx.db.query<{ id: string }>(
      `SELECT id FROM cases WHERE office_id = 'seoul' AND stage = 'recognized' AND protection = 'refugee'
        ORDER BY filed_on LIMIT 1`,
    );
    if (!recognised) throw new Error("the demo has no recognised refugee in Seoul");
    server.advance(31); // demo-supervisor's last code was used by the approval before
    const first = await signIn(server, await context(), "demo-supervisor", `/cases/${recognised.id}`);
    await first.getByRole("button", { name: KP("events", "recognition_cancelled") }).click();
    await first.getByText(K("case.actions.removesProtection")).waitFor();
    await first.locator("#ev-recognition_cancelled-ground").fill("RA 22(1): a fictional ground");
    await first.getByRole("button", { name: K("case.actions.record") }).click();
    await first
      .getByText(K("case.actions.sentForApproval").replace("{event}", KP("events", "recognition_cancelled")))
      .waitFor();

    const page = await signIn(server, await context(), "demo-supervisor2", "/approvals");
    const card = page.locator("article", { hasText: await caseNumber(recognised.id) });
    await card.getByText(K("approvals.takesProtection")).waitFor();
    await card.getByRole("button", { name: K("approvals.approve") }).click();
    const dialog = page.getByRole("dialog");
    // A wrong code is refused in the dialog; the person stays signed in and may try again.
    await dialog.locator("input[name=totp]").fill("000000");
    await dialog.getByRole("button", { name: K("approvals.confirm.button") }).click();
    await dialog.getByRole("heading", { name: K("problem.stepUp.heading") }).waitFor();
    await expectAccessible(page, "approval dialog");
    await screenshot(page, "05b-approval-dialog");
    server.advance(31);
    await dialog.locator("input[name=totp]").fill(server.code("demo-supervisor2"));
    await dialog.getByRole("button", { name: K("approvals.confirm.button") }).click();
    await page.getByText(K("approvals.approved")).waitFor();
    const [after] = await server.ctx.db.query<{ protection: string | null }>(
      "SELECT protection FROM cases WHERE id = $1",
      [recognised.id],
    );
    expect(after).toEqual({ protection: null });
  });

  it("a stateless applicant's file goes abroad only once a second supervisor confirms the recipient", async () => {
    // Intake: the feared countries and the former residences, chosen from the list of countries.
    server.advance(31);
    const clerk = await signIn(server, await context(), "demo-intake", "/cases/new");
    await clerk.locator("#nc-name").fill("Rami Haddad");
    await pickCode(clerk, "nc-nationality", "무국적", "XXA");
    await pickCode(clerk, "nc-countriesFeared", "시리아", "SYR");
    await pickCode(clerk, "nc-formerResidences", "레바논", "LBN");
    await pickCode(clerk, "nc-formerResidences", "Syria", "SYR");
    await clerk.getByRole("button", { name: K("newCase.submit") }).click();
    await clerk.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const stateless = clerk.url().split("/").pop() ?? "";
    await clerk.locator(".facts").getByText("LBN, SYR", { exact: true }).waitFor();

    // A supervisor asks to send the file to a Japanese authority: refused, and held.
    server.advance(31);
    const asker = await signIn(server, await context(), "demo-supervisor", `/cases/${stateless}`);
    await asker.getByRole("heading", { name: K("disclosures.heading") }).waitFor();
    await asker.locator("#dc-kind").selectOption("authority");
    await asker.locator("#dc-country").fill("JPN");
    await asker.locator("#dc-purpose").fill("Identity check requested by the Japanese embassy");
    await asker.getByRole("button", { name: K("disclosures.submit"), exact: true }).click();
    server.advance(31);
    const askDialog = asker.getByRole("dialog");
    await askDialog.locator("input[name=totp]").fill(server.code("demo-supervisor"));
    await askDialog.getByRole("button", { name: K("disclosures.submit"), exact: true }).click();
    await asker.getByRole("heading", { name: K("disclosures.held.heading") }).waitFor();
    await asker.getByText(K("disclosures.status.awaiting_confirmation")).waitFor();
    await asker.getByText(K("disclosures.confirmOwn")).waitFor();
    await expectAccessible(asker, "disclosure held");
    await screenshot(asker, "05c-disclosure-held");
    const [alert] = await server.ctx.db.query<{ kind: string }>(
      "SELECT kind FROM alerts WHERE details->>'caseId' = $1",
      [stateless],
    );
    expect(alert).toEqual({ kind: "disclosure_recipient_unconfirmed" });
    // The office's supervisors see the alert in the menu's Alerts.
    await asker.getByRole("link", { name: K("nav.alerts") }).click();
    await asker.waitForURL(/\/alerts$/);
    const row = asker.locator("tr", { hasText: K("alerts.kindOf.disclosure_recipient_unconfirmed") });
    await row.getByRole("link", { name: new RegExp(stateless.slice(-8)) }).waitFor();
    await row.getByText(K("alerts.ownAlert")).waitFor();
    await expectAccessible(asker, "alerts");

    // Another supervisor confirms the recipient with a reason and a new code.
    server.advance(31);
    const second = await signIn(server, await context(), "demo-supervisor2", `/cases/${stateless}`);
    await second
      .getByLabel(K("disclosures.confirmReason"))
      .fill("The embassy's request was checked by phone");
    await second.getByRole("button", { name: K("disclosures.confirm") }).click();
    server.advance(31);
    const confirmDialog = second.getByRole("dialog");
    await confirmDialog.locator("input[name=totp]").fill(server.code("demo-supervisor2"));
    await confirmDialog.getByRole("button", { name: K("disclosures.confirm") }).click();
    await second.getByText(K("disclosures.confirmed")).waitFor();
    await second.getByText(K("disclosures.status.pending_approval")).waitFor();
    await expectAccessible(second, "disclosure confirmed");
    // The requester cannot approve their own request; the second supervisor approves it, with a new code.
    await asker.goto(`${server.url}/cases/${stateless}`);
    await asker.getByText(K("disclosures.decideOwn")).waitFor();
    await second.getByRole("button", { name: K("disclosures.approve") }).click();
    server.advance(31);
    const approveDialog = second.getByRole("dialog");
    await approveDialog.locator("input[name=totp]").fill(server.code("demo-supervisor2"));
    await approveDialog.getByRole("button", { name: K("disclosures.approve") }).click();
    await second.getByText(K("disclosures.approved")).waitFor();
    await second.getByText(K("disclosures.status.approved")).waitFor();
    // The list names who approved it (in Korean, "demo-supervisor2 승인, …").
    await second
      .locator(".disclosures__item", { hasText: K("disclosures.status.approved") })
      .getByText(/demo-supervisor2 승인/)
      .waitFor();
    await expectAccessible(second, "disclosure approved");
    // The second supervisor closes the alert with a note of what was done.
    await second.getByRole("link", { name: K("nav.alerts") }).click();
    const open = second.locator("tr", { hasText: stateless.slice(-8) });
    await open.locator("summary", { hasText: K("alerts.acknowledge") }).click();
    await open.getByLabel(K("alerts.acknowledgeNote")).fill("Recipient confirmed by phone; approved");
    await open.getByRole("button", { name: K("alerts.acknowledge") }).click();
    await second.getByText(K("alerts.acknowledged")).waitFor();
    await open.waitFor({ state: "detached" });
    await expectAccessible(second, "alert acknowledged");

    // A feared country learned later is added to the record (never taken away).
    await clerk.getByText(K("person.addCountries")).click();
    await pickCode(clerk, "pc-countriesFeared", "Leban", "LBN");
    await clerk.getByRole("button", { name: K("person.addCountriesSubmit") }).click();
    await clerk.getByText(K("person.countriesAdded")).waitFor();
    await clerk.locator(".facts").getByText("SYR, LBN", { exact: true }).waitFor();
    await expectAccessible(clerk, "countries added");
  });

  it("serving the notice opens the objection period: the new deadline shows", async () => {
    await examiner.reload();
    await examiner.getByRole("button", { name: KP("events", "notice_served") }).click();
    await examiner.locator("#ev-notice_served-method").selectOption("in_person");
    await examiner.getByRole("button", { name: K("case.actions.record") }).click();
    await examiner
      .getByText(K("case.actions.recorded").replace("{event}", KP("events", "notice_served")))
      .waitFor();
    await examiner.getByRole("rowheader", { name: KP("deadlineKinds", "objection_filing") }).waitFor();
    await expectAccessible(examiner, "case page after notice");
    await screenshot(examiner, "04-case", true);
  });

  it("a lawyer sees their client's case and gets 404 for another", async () => {
    const c = await context(TABLET);
    const page = await signIn(server, c, "demo-lawyer");
    await page.waitForURL(/\/portal/);
    await page.getByRole("table").waitFor();
    await expectAccessible(page, "portal");
    const links = page.locator("table a");
    expect(await links.count()).toBeGreaterThan(0);
    await links.first().click();
    await page.getByRole("heading", { name: K("portal.notices") }).waitFor();
    await expectAccessible(page, "portal case");
    await screenshot(page, "06-portal-case", true);

    const mine = (await page.evaluate(() => fetch("/api/v1/portal/cases").then((r) => r.json()))) as {
      items: { id: string }[];
    };
    const rows = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM cases WHERE NOT (id = ANY($1::uuid[])) LIMIT 1",
      [mine.items.map((i) => i.id)],
    );
    const foreign = rows[0]?.id ?? caseId;
    await page.goto(`${server.url}/portal/cases/${foreign}`);
    await page.getByRole("heading", { name: K("problem.notFound.heading") }).waitFor();
    const status = await page.evaluate(
      (id) => fetch(`/api/v1/portal/cases/${id}`).then((r) => r.status),
      foreign,
    );
    expect(status).toBe(404);
    const staff = await page.evaluate((id) => fetch(`/api/v1/cases/${id}`).then((r) => r.status), foreign);
    expect([403, 404]).toContain(staff);

    // The language switch: everything in English, and back.
    await page.goto(`${server.url}/portal`);
    await page.getByRole("button", { name: E("lang.en") }).click();
    await page.getByRole("heading", { level: 1, name: E("portal.heading") }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    // Its clients' stages in the profile's English words now.
    const stage = page.locator("table tbody tr td").first();
    await expect
      .poll(() => stage.textContent())
      .toSatisfy((s) => Object.values(LABELS.en.stages ?? {}).includes(s ?? ""));
    await expectAccessible(page, "portal in English");
    await screenshot(page, "07-portal-en");
    await page.getByRole("button", { name: K("lang.ko") }).click();
    await page.getByRole("heading", { level: 1, name: K("portal.heading") }).waitFor();
  });

  it("an administrator manages users, mandates, holidays, keys and reads the audit report", async () => {
    const c = await context();
    const page = await signIn(server, c, "demo-admin");
    await page.waitForURL(/\/admin/);
    await page
      .getByRole("cell", { name: "demo-examiner" })
      .or(page.getByRole("rowheader", { name: "demo-examiner" }))
      .first()
      .waitFor();
    await expectAccessible(page, "admin users");
    await screenshot(page, "08-admin");
    for (const [tab, heading] of [
      ["admin.tabs.mandates", "admin.mandates.heading"],
      ["admin.tabs.holidays", "admin.holidays.heading"],
      ["admin.tabs.keys", "admin.keys.heading"],
      ["admin.tabs.audit", "admin.audit.heading"],
    ] as const) {
      await page.getByRole("link", { name: K(tab) }).click();
      await page.getByRole("heading", { level: 2, name: K(heading) }).waitFor();
      await page
        .locator("[role=status]")
        .first()
        .waitFor({ state: "detached" })
        .catch(() => undefined);
      await expectAccessible(page, tab);
    }
  });

  it("a session that expires returns the user to where they were after signing in again", async () => {
    await examiner.goto(`${server.url}/worklist`);
    await examiner.getByRole("table").first().waitFor();
    server.advance(31 * 60); // past the 30-minute idle limit
    await examiner.getByRole("link", { name: K("nav.cases"), exact: true }).click();
    await examiner.waitForURL(/\/sign-in/);
    await examiner.getByRole("heading", { name: K("signIn.expired.heading") }).waitFor();
    await fillSignIn(server, examiner, "demo-examiner");
    await examiner.waitForURL((u) => u.pathname === "/cases");
    await examiner.getByRole("heading", { level: 1, name: K("cases.heading") }).waitFor();
  });
});
