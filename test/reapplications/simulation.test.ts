/**
 * The simulation on a small hand-made history in the store, with a known answer: the histories go
 * through the engine (the national demo's bulk loader), the classification, the claims and the
 * mandates are written as their modules write them (./history.ts), and the answer is counted by
 * hand in replay.test.ts.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import type { Actor } from "../../src/app/actor.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { loadHistory } from "../../src/reapplications/simulation/load.ts";
import { runSimulation } from "../../src/reapplications/simulation/run.ts";
import {
  TEST_SCREENING_POLICY,
  TEST_SIMPLIFIED_POLICY,
} from "../../src/reapplications/simulation/testing.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { loadHandMadeHistory } from "./history.ts";

const NOW = new Date("2026-11-24T03:00:00Z");

describe.each(createTestDatabases())("simulating a policy on a hand-made history on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let ids: Map<string, string>;
  const actor: Actor = { principal: systemPrincipal("simulation-test"), address: "local" };

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: () => NOW });
    await seedHolidays(ctx);
    ids = await loadHandMadeHistory(ctx);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("reads each re-application of the period as of its filing", async () => {
    const history = await loadHistory(ctx, { from: "2020-01-01", to: "2020-12-31", office: null });
    const by = Object.fromEntries(history.map((h) => [h.caseId, h]));
    const of = (k: string) => by[ids.get(k) as string];
    expect(history).toHaveLength(8); // not the first applications, not X (2021)
    expect(of("A")).toMatchObject({
      priorEnding: "refused_on_merits",
      outcome: "recognized",
      represented: true,
      surPlace: true,
    });
    expect(of("B")).toMatchObject({ outcome: "humanitarian", represented: false });
    expect(of("C")).toMatchObject({ outcome: null, represented: false, surPlace: false });
    expect(of("D")).toMatchObject({
      priorEnding: "terminated_no_show",
      outcome: "annulled",
      represented: true,
      surPlace: null,
      elements: [],
    });
    expect(of("E")?.priorEnding).toBe("withdrawn");
    expect(of("F")?.priorEnding).toBeNull(); // the earlier case was still pending
    expect(of("G")?.elements).toEqual([{ kind: "coi", tag: null, withoutFault: null }]);
    expect(of("A")).toMatchObject({ nationality: "KHM", channel: "in_country", filedOn: "2020-03-02" });
  });

  it("gives the hand-counted answer for 2020", async () => {
    const report = await runSimulation(ctx, actor, {
      policies: [TEST_SCREENING_POLICY, TEST_SIMPLIFIED_POLICY],
      from: 2020,
      to: 2020,
    });
    expect(report.reapplications).toBe(8);
    expect(report.classification).toEqual({ classified: 5, unclassified: 1, withoutElements: 2 });
    const [screening, simplified] = report.policies;
    expect(screening?.total).toMatchObject({
      reviewed: 6,
      withoutPriorEnding: 1,
      laterProtectedOrAnnulled: 4,
    });
    expect(screening?.total.strict.screenedOut).toBe(5);
    expect(screening?.total.strict.falseNegatives).toEqual({
      total: 3,
      recognized: 1,
      humanitarian: 1,
      annulled: 1,
    });
    expect(screening?.total.generous.screenedOut).toBe(2);
    expect(screening?.total.generous.falseNegatives.total).toBe(0);
    const rep = Object.fromEntries(
      screening?.breakdowns.representation.map((r) => [r.category, r.figures]) ?? [],
    );
    expect(rep.represented?.strict.falseNegatives.annulled).toBe(1);
    expect(simplified?.total.strict).toMatchObject({ ineligible: 5, screenedOut: 0 });
    const [logged] = await test.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_log WHERE action = 'reapplication.simulate'",
    );
    expect(logged?.details).toMatchObject({ from: 2020, to: 2020, reapplications: 8 });
  });

  it("refuses a period that runs backwards, changing nothing", async () => {
    await expect(
      runSimulation(ctx, actor, { policies: [TEST_SCREENING_POLICY], from: 2021, to: 2020 }),
    ).rejects.toMatchObject({ kind: "invalid_input" });
  });
});
