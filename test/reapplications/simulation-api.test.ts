/**
 * Simulating the 2025 bill through the HTTP API on the hand-made history (./history.ts): start a
 * run, follow it to its report, and the refusals a user would meet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulationRun } from "../../src/contracts/simulation.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "../security/fixture.ts";
import { loadHandMadeHistory } from "./history.ts";

const URL = "/api/v1/statistics/reapplication-simulations";

describe.each(createTestDatabases())("re-application simulation API on $kind", (factory) => {
  let h: Harness;
  let analyst: TestUser;
  let examiner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    h = await openHarness(factory);
    await loadHandMadeHistory(h.ctx);
    analyst = await h.user("sim-analyst", "analyst", null);
    other = await h.user("sim-analyst2", "analyst", null);
    examiner = await h.user("sim-examiner", "examiner", "busan");
  });
  afterAll(async () => {
    await h?.close();
  });

  async function finished(u: TestUser, run: SimulationRun): Promise<SimulationRun> {
    let r = run;
    for (let i = 0; i < 400 && r.status === "running"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      r = (await h.call(u, "GET", `${URL}/${run.id}`)).json<SimulationRun>();
    }
    return r;
  }

  it("lists the profile's policies, each saying whether it screens people out", async () => {
    const res = await h.call(analyst, "GET", URL);
    expect(res.statusCode, res.body).toBe(200);
    const policies = res.json<{ policies: { id: string; screensOut: boolean }[] }>().policies;
    expect(policies.map((p) => p.id)).toEqual(
      expect.arrayContaining(["kr-current", "kr-2021-bill", "kr-2025-bill", "eu-2024-1348"]),
    );
    expect(policies.find((p) => p.id === "kr-current")?.screensOut).toBe(false);
    expect(policies.find((p) => p.id === "kr-2025-bill")?.screensOut).toBe(true);
  });

  it("replays 2020 under the 2025 bill: four screened out at most, three of them false negatives", async () => {
    const started = await h.call(analyst, "POST", URL, {
      policies: ["kr-2025-bill", "kr-current"],
      from: 2020,
      to: 2020,
    });
    expect(started.statusCode, started.body).toBe(202);
    const run = await finished(analyst, started.json<SimulationRun>());
    expect(run.status, run.error ?? "").toBe("done");
    const report = run.report;
    expect(report?.reapplications).toBe(8);
    const bill = report?.policies.find((p) => p.policyId === "kr-2025-bill");
    // The bill compares law too: H (a change in the law since) is eligible. B, C, D and G are not,
    // under the strict reading; under the generous one only C (already considered) is.
    expect(bill?.total.reviewed).toBe(6);
    expect(bill?.total.strict.screenedOut).toBe(4);
    expect(bill?.total.strict.falseNegatives).toEqual({
      total: 3,
      recognized: 1,
      humanitarian: 1,
      annulled: 1,
    });
    expect(bill?.total.generous.screenedOut).toBe(1);
    expect(bill?.total.generous.falseNegatives.total).toBe(0);
    const current = report?.policies.find((p) => p.policyId === "kr-current");
    expect(current?.screensOut).toBe(false);
    expect(current?.total.strict.screenedOut).toBe(0);
    // Only the analyst who started it sees it.
    expect((await h.call(other, "GET", `${URL}/${run.id}`)).statusCode).toBe(404);
    const mine = (await h.call(analyst, "GET", URL)).json<{ runs: { id: string }[] }>().runs;
    expect(mine.map((r) => r.id)).toContain(run.id);
  });

  it("publishes a run as an impact statement under disclosure control: page, JSON, CSV and JSON-stat", async () => {
    const started = await h.call(analyst, "POST", URL, {
      policies: ["kr-2025-bill", "kr-current"],
      from: 2020,
      to: 2020,
    });
    const run = await finished(analyst, started.json<SimulationRun>());
    expect(
      (await h.call(examiner, "POST", "/api/v1/statistics/impact-statements", { runId: run.id })).statusCode,
    ).toBe(403);
    expect(
      (await h.call(other, "POST", "/api/v1/statistics/impact-statements", { runId: run.id })).statusCode,
    ).toBe(404);
    const published = await h.call(analyst, "POST", "/api/v1/statistics/impact-statements", {
      runId: run.id,
    });
    expect(published.statusCode, published.body).toBe(201);
    const { id } = published.json<{ id: string }>();

    const list = await h.call(null, "GET", "/api/v1/public/statistics/impact-statements");
    expect(list.json<{ items: { id: string; policies: string[] }[] }>().items).toContainEqual(
      expect.objectContaining({ id, policies: ["kr-2025-bill", "kr-current"] }),
    );
    const statement = await h.call(null, "GET", `/api/v1/public/statistics/impact-statements/${id}?lang=en`);
    expect(statement.statusCode, statement.body).toBe(200);
    const body = statement.json<{
      tables: {
        id: string;
        cells: (number | null)[][];
        total: number | null;
        columns: { categories: string[] };
      }[];
    }>();
    expect(body.tables.map((t) => t.id)).toEqual([
      "kr-2025-bill-strict",
      "kr-2025-bill-generous",
      "kr-current-strict",
      "kr-current-generous",
    ]);
    expect(body.tables[0]?.columns.categories).toEqual([
      "not_reviewed",
      "eligible",
      "screened_out",
      "false_negative",
    ]);
    // Eight re-applications: published rounded to 10, and no count of 1 to 4 anywhere.
    expect(body.tables[0]?.total).toBe(10);
    for (const t of body.tables) for (const v of t.cells.flat()) expect(v === null || v % 5 === 0).toBe(true);
    expect(statement.body).not.toMatch(/"(cells|rowTotals|columnTotals)":\[[^\]]*\b[1-4]\b/);

    const csv = await h.call(
      null,
      "GET",
      `/api/v1/public/statistics/impact-statements/${id}/tables/kr-2025-bill-strict.csv?lang=en`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    const jsonstat = await h.call(
      null,
      "GET",
      `/api/v1/public/statistics/impact-statements/${id}/jsonstat?lang=ko`,
    );
    expect(jsonstat.json<{ class: string; link: { item: unknown[] } }>()).toMatchObject({
      class: "collection",
    });
    expect(jsonstat.json<{ link: { item: unknown[] } }>().link.item).toHaveLength(4);
    const page = await h.call(null, "GET", `/statistics/impact-statements/${id}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Impact statement: re-application policies replayed on 2020-2020");
    expect(page.body).toContain("kr-2025-bill-strict.csv?lang=en");
    const missing = await h.call(
      null,
      "GET",
      "/statistics/impact-statements/0190a1b2-0000-7000-8000-000000000000",
    );
    expect(missing.statusCode).toBe(404);
  });

  it("gives office-bound staff their own office only, and refuses another's", async () => {
    const own = await h.call(examiner, "POST", URL, { policies: ["kr-2025-bill"], from: 2020, to: 2020 });
    expect(own.statusCode, own.body).toBe(202);
    const run = await finished(examiner, own.json<SimulationRun>());
    expect(run.report?.office).toBe("busan");
    expect(run.report?.reapplications).toBe(0);
    const seoul = await h.call(examiner, "POST", URL, {
      policies: ["kr-2025-bill"],
      from: 2020,
      to: 2020,
      office: "seoul",
    });
    expect(seoul.statusCode).toBe(403);
  });

  it("refuses bad input with a problem a clerk can act on", async () => {
    const backwards = await h.call(analyst, "POST", URL, {
      policies: ["kr-2025-bill"],
      from: 2024,
      to: 2019,
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json<{ detail: string }>().detail).toMatch(/run forward/);
    const unknown = await h.call(analyst, "POST", URL, { policies: ["kr-2030-bill"], from: 2019, to: 2024 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ detail: string }>().detail).toMatch(/known: kr-current/);
    const none = await h.call(analyst, "POST", URL, { policies: [], from: 2019, to: 2024 });
    expect(none.statusCode).toBe(422);
    expect(
      (await h.call(null, "POST", URL, { policies: ["kr-2025-bill"], from: 2019, to: 2024 })).statusCode,
    ).toBe(401);
  });
});
