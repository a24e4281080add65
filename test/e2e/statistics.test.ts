/**
 * The statistics section of the web workspace in a real browser: an analyst changes the year and
 * the breakdown and reads a rate with its definition; the cohort, pending and reversal tabs; a
 * supervisor's internal decision-maker view and an examiner's reversed cases; an examiner sees
 * no decision-maker view and the API refuses it. axe-core checks every screen.
 *
 * The small demo dataset has too few decisions for rates (and none for the decision-maker view,
 * which needs 30 substantive decisions each), so this server also gets a slice of the national
 * demo dataset (2022–2024, a tenth of the volume). It builds the app into a directory of its own,
 * so that it can run beside workspace.test.ts, which builds into web/dist.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { createAppContext, today } from "../../src/app/context.ts";
import { createDemoAccounts, demoCode } from "../../src/demo/accounts.ts";
import { inProcessTarget, loadDemo } from "../../src/demo/load.ts";
import { generateNationalDataset } from "../../src/demo/national/generate.ts";
import { bulkLoadNational } from "../../src/demo/national/load.ts";
import { buildServer } from "../../src/server/app.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  screenshot,
  signIn,
  type E2EServer,
  E,
  K,
} from "./support.ts";

const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

const VIEWPORT = { width: 1280, height: 900 };
const YEAR = 2024;
const PERIOD = "from=2022-01-01&to=2025-01-01";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

async function startStatisticsServer(webRoot: string): Promise<E2EServer> {
  const factory = createTestDatabases()[0];
  if (!factory) throw new Error("no test database");
  const test = await factory.open();
  await migrate(test.db);
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock });
  await seedHolidays(ctx);
  await loadDemo(inProcessTarget(ctx, "demo-loader"), {
    cases: 12,
    today: today(ctx),
    calendar: ctx.calendar(),
  });
  const national = generateNationalDataset({
    from: 2022,
    year: YEAR,
    scale: 0.1,
    today: today(ctx),
    calendar: ctx.calendar(),
  });
  await bulkLoadNational(ctx, national, { asOf: today(ctx), forceAppend: true });
  await createDemoAccounts(ctx);
  const port = await freePort();
  const app = await buildServer({ ctx, origin: `http://localhost:${port}`, demo: true, webRoot });
  await app.listen({ port, host: "127.0.0.1" });
  return {
    url: `http://localhost:${port}`,
    ctx,
    app,
    advance: (s) => {
      offset += s * 1000;
    },
    code: (u) => demoCode(u, clock()),
    async dispose() {
      await app.close();
      await test.dispose();
    },
  };
}

/** The top of the screen (filters, the rates and the first table), in a taller window. */
async function tallShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  );
  await page.setViewportSize({ width: VIEWPORT.width, height: 1500 });
  await screenshot(page, name);
  await page.setViewportSize(VIEWPORT);
}

describe("web workspace: statistics", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let webRoot = "";
  const contexts: BrowserContext[] = [];

  async function context(): Promise<BrowserContext> {
    const c = await browser.browser.newContext({
      viewport: VIEWPORT,
      locale: "ko-KR",
      timezoneId: "Asia/Seoul",
    });
    c.setDefaultTimeout(15_000);
    contexts.push(c);
    return c;
  }

  beforeAll(async () => {
    webRoot = mkdtempSync(path.join(tmpdir(), "openrsd-web-stats-"));
    buildWeb(webRoot);
    [server, browser] = await Promise.all([startStatisticsServer(webRoot), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it("an analyst changes the year and the breakdown and reads a rate with its definition", async () => {
    const c = await context();
    const page = await signIn(server, c, "demo-analyst");
    await page.waitForURL((u) => u.pathname === "/stats");
    await page.getByRole("heading", { level: 1, name: K("stats.heading") }).waitFor();
    await page
      .getByRole("navigation", { name: K("nav.label") })
      .getByRole("link", { name: K("nav.statistics") })
      .waitFor();
    expect(await page.getByRole("link", { name: K("stats.publicPage") }).getAttribute("href")).toBe(
      "/statistics",
    );

    // Every figure the server defines has its name and definition in both languages.
    const defs = (await page.evaluate(() =>
      fetch("/api/v1/statistics/definitions").then((r) => r.json()),
    )) as { items: { id: string }[] };
    expect(defs.items.length).toBeGreaterThan(10);
    for (const d of defs.items) {
      for (const k of [`statDef.name.${d.id}`, `statDef.text.${d.id}`]) expect(K(k) && E(k)).toBeTruthy();
    }

    await page.locator("#st-year").fill(String(YEAR));
    await page.locator("#st-by").selectOption("nationality");
    await page.getByRole("button", { name: K("stats.show") }).click();
    await page.waitForURL(
      (u) => u.searchParams.get("year") === String(YEAR) && u.searchParams.get("by") === "nationality",
    );
    await page
      .getByRole("heading", { level: 2, name: fill(K("stats.yearly.heading"), { year: YEAR }) })
      .waitFor();

    // The UNHCR recognition rate: the value the API computes, formatted for Korean, and its definition.
    const api = (await page.evaluate(
      (y) => fetch(`/api/v1/statistics/yearly?year=${y}&by=nationality`).then((r) => r.json()),
      YEAR,
    )) as {
      rows: { category: string }[];
      total: { rates: { id: string; numerator: number; denominator: number; value: number | null }[] };
    };
    const rrr = api.total.rates.find((r) => r.id === "rrr_unhcr");
    expect(rrr?.denominator).toBeGreaterThan(100);
    const pct = new Intl.NumberFormat("ko-KR", {
      style: "percent",
      minimumFractionDigits: 1,
      maximumFractionDigits: 2,
    });
    const card = page.locator("[data-rate=rrr_unhcr]");
    await card.getByRole("heading", { name: K("statDef.name.rrr_unhcr") }).waitFor();
    expect(await card.locator(".stat-card__value").textContent()).toBe(pct.format(rrr!.value!));
    expect(await card.locator(".stat-card__nd").textContent()).toContain(
      new Intl.NumberFormat("ko-KR").format(rrr!.denominator),
    );
    const definition = card.getByText(K("statDef.text.rrr_unhcr"));
    expect(await definition.isVisible()).toBe(false);
    await card.getByText(K("stats.definition"), { exact: true }).focus();
    await page.keyboard.press("Enter"); // a disclosure, opened from the keyboard
    await definition.waitFor({ state: "visible" });

    // The breakdown: one row per nationality in the rates table, and the total.
    const ratesTable = page.getByRole("table", {
      name: new RegExp(fill(K("stats.rates.byCaption"), { dim: K("stats.dim.nationality") })),
    });
    await ratesTable.getByRole("rowheader", { name: api.rows[0]!.category, exact: true }).waitFor();
    await ratesTable.getByRole("rowheader", { name: K("stats.total"), exact: true }).waitFor();
    await expectAccessible(page, "statistics");
    await tallShot(page, "10-statistics");

    // A shared address shows the same view.
    const shared = page.url();
    const other = await c.newPage();
    await other.goto(shared);
    await other
      .getByRole("heading", { level: 2, name: fill(K("stats.yearly.heading"), { year: YEAR }) })
      .waitFor();
    expect(await other.locator("#st-by").inputValue()).toBe("nationality");
    expect(await other.locator("#st-year").inputValue()).toBe(String(YEAR));
    await other.close();

    // The other tabs keep the year and the breakdown.
    await page.getByRole("link", { name: K("stats.tabs.cohort") }).click();
    await page.waitForURL(
      (u) => u.pathname === "/stats/cohort" && u.searchParams.get("by") === "nationality",
    );
    await page
      .getByRole("img", {
        name: new RegExp(`^${fill(K("stats.cohort.chartTitle"), { year: YEAR, date: ".+" })}`),
      })
      .waitFor();
    await page.getByText(K("statDef.text.cohort_outcome")).waitFor();
    await expectAccessible(page, "statistics cohort");
    await screenshot(page, "12-statistics-cohort", true);

    await page.getByRole("link", { name: K("stats.tabs.pending") }).click();
    await page
      .getByRole("table", { name: /./ })
      .getByRole("columnheader", { name: K("stats.age.over3Years") })
      .waitFor();
    await expectAccessible(page, "statistics pending");

    await page.getByRole("link", { name: K("stats.tabs.reversals") }).click();
    await page
      .getByRole("heading", { level: 2, name: fill(K("stats.reversals.heading"), { year: YEAR }) })
      .waitFor();
    await page.getByText(K("statDef.text.reversal_court")).waitFor();
    await expectAccessible(page, "statistics reversals");

    // In English, the same screen.
    await page.getByRole("link", { name: K("stats.tabs.yearly") }).click();
    await page.getByRole("button", { name: E("lang.en") }).click();
    await page.getByRole("heading", { level: 1, name: E("stats.heading") }).waitFor();
    await page
      .locator("[data-rate=per_application]")
      .getByRole("heading", { name: E("statDef.name.per_application") })
      .waitFor();
    await expectAccessible(page, "statistics in English");
    await tallShot(page, "10-statistics-en");
    await page.getByRole("button", { name: K("lang.ko") }).click();
  });

  it("a supervisor sees the internal decision-maker view and an examiner's reversed cases", async () => {
    const c = await context();
    const page = await signIn(server, c, "demo-supervisor", `/stats/decision-makers?${PERIOD}`);
    await page.waitForURL((u) => u.pathname === "/stats/decision-makers");
    await page.getByRole("link", { name: K("stats.tabs.decisionMakers") }).waitFor();
    await page.getByRole("heading", { level: 2, name: K("stats.dm.internal.heading") }).waitFor();
    const offices = (await page.evaluate(() => fetch("/api/v1/offices").then((r) => r.json()))) as {
      items: { code: string; nameKo: string }[];
    };
    const seoul = offices.items.find((o) => o.code === "seoul")?.nameKo ?? "seoul";
    await page.getByText(fill(K("stats.dm.scopeOffice"), { office: seoul })).waitFor();

    const dm = (await page.evaluate(
      (q) => fetch(`/api/v1/statistics/decision-makers?${q}`).then((r) => r.json()),
      PERIOD,
    )) as { office: string; rates: { decisionMaker: string }[]; belowThreshold: number };
    expect(dm.office).toBe("seoul");
    expect(dm.rates.length).toBeGreaterThan(0);
    expect(dm.rates.every((r) => r.decisionMaker.startsWith("examiner-seoul-"))).toBe(true);
    const table = page.getByRole("table", { name: K("stats.dm.caption") });
    await table.getByRole("rowheader", { name: dm.rates[0]!.decisionMaker, exact: true }).waitFor();
    expect(await table.locator("tbody tr").count()).toBe(dm.rates.length);
    await page.getByRole("img", { name: K("stats.dm.chartTitle") }).waitFor();
    await page
      .getByText(fill(K("stats.dm.threshold"), { shown: dm.rates.length, n: dm.belowThreshold, min: 30 }))
      .waitFor();
    await expectAccessible(page, "decision-makers");
    await screenshot(page, "11-statistics-decision-makers", true);

    // Feedback: an examiner whose refusals were reversed; each case links to its page.
    let examiner = "";
    for (const r of dm.rates) {
      const rc = (await page.evaluate(
        ([e, q]) =>
          fetch(`/api/v1/statistics/decision-makers/reversed-cases?examiner=${e}&${q}`).then((x) => x.json()),
        [r.decisionMaker, PERIOD] as const,
      )) as { cases: unknown[] };
      if (rc.cases.length > 0) {
        examiner = r.decisionMaker;
        break;
      }
    }
    expect(examiner).not.toBe("");
    await table.getByRole("link", { name: fill(K("stats.dm.reversedLink"), { name: examiner }) }).click();
    await page.waitForURL((u) => u.pathname === "/stats/decision-makers/reversed");
    await page
      .getByRole("heading", { level: 2, name: fill(K("stats.rc.heading"), { name: examiner }) })
      .waitFor();
    await expectAccessible(page, "reversed cases");
    const caseLink = page.locator("table a[href^='/cases/']").first();
    const href = await caseLink.getAttribute("href");
    await caseLink.click();
    await page.waitForURL((u) => u.pathname === href);
    await page.getByRole("heading", { name: K("case.timeline.heading") }).waitFor();
  });

  it("an examiner has statistics but no decision-maker view, and the API refuses it", async () => {
    const c = await context();
    const page = await signIn(server, c, "demo-examiner", "/stats");
    await page.waitForURL((u) => u.pathname === "/stats");
    await page.getByRole("link", { name: K("stats.tabs.cohort") }).waitFor();
    expect(await page.getByRole("link", { name: K("stats.tabs.decisionMakers") }).count()).toBe(0);
    // Their own office's figures only: said on the page, and the only office the filter offers.
    const offices = (await page.evaluate(() => fetch("/api/v1/offices").then((r) => r.json()))) as {
      items: { code: string; nameKo: string }[];
    };
    const seoul = offices.items.find((o) => o.code === "seoul")?.nameKo ?? "seoul";
    await page.getByText(fill(K("stats.scopeOwnOffice"), { office: seoul })).waitFor();
    expect(await page.locator("#st-office option").allTextContents()).toEqual([K("common.all"), seoul]);
    const other = await page.evaluate(() =>
      fetch("/api/v1/statistics/yearly?year=2025&office=busan").then((r) => r.status),
    );
    expect(other).toBe(403);
    const status = await page.evaluate(
      (q) => fetch(`/api/v1/statistics/decision-makers?${q}`).then((r) => r.status),
      PERIOD,
    );
    expect(status).toBe(403);
    const feedback = await page.evaluate(
      (q) =>
        fetch(`/api/v1/statistics/decision-makers/reversed-cases?examiner=examiner-seoul-01&${q}`).then(
          (r) => r.status,
        ),
      PERIOD,
    );
    expect(feedback).toBe(403);
    await page.goto(`${server.url}/stats/decision-makers?${PERIOD}`);
    await page.getByRole("heading", { name: K("problem.forbidden.heading") }).waitFor();
    await expectAccessible(page, "decision-makers refused");
  });
});
