/**
 * The small demo (`npm start`) classifies what each re-application brought, so that an analyst
 * who simulates a re-application policy on it sees a spread between the strict and the generous
 * reading, not every re-application unknown.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, today, type AppContext } from "../../src/app/context.ts";
import { inProcessTarget, loadDemo } from "../../src/demo/load.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { KR_2025_BILL } from "../../src/profiles/kr-refugee-act/reapplication/kr-2025-bill.ts";
import { runSimulation } from "../../src/reapplications/simulation/run.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const ANALYST = { principal: systemPrincipal("demo-test"), address: "local" };

describe.each(createTestDatabases())("the demo's re-applications on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    await seedHolidays(ctx);
    await loadDemo(inProcessTarget(ctx, "demo-loader"), {
      cases: 120,
      seed: 5,
      today: today(ctx),
      calendar: ctx.calendar(),
    });
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("classifies elements of re-applications only, as the loader", async () => {
    const rows = await test.db.query<{ kind: string; by: string; n: number }>(
      `SELECT c.kind, e.classified_by AS by, count(*)::int AS n
         FROM reapplication_elements e JOIN cases c ON c.office_id = e.office_id AND c.id = e.case_id
        GROUP BY c.kind, e.classified_by`,
    );
    expect(rows.map((r) => [r.kind, r.by])).toEqual([["subsequent", "demo-loader"]]);
    const [subsequent] = await test.db.query<{ n: number; classified: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reapplication_elements e
                                             WHERE e.office_id = c.office_id AND e.case_id = c.id))::int AS classified
         FROM cases c WHERE c.kind = 'subsequent'`,
    );
    expect(subsequent!.n).toBeGreaterThan(5);
    // most, not all: some re-applications were never classified (an assumption of the demo)
    expect(subsequent!.classified).toBeGreaterThan(subsequent!.n / 2);
  });

  it("gives a simulation of the 2025 bill a strict reading that screens out more than the generous one", async () => {
    const report = await runSimulation(ctx, ANALYST, { policies: [KR_2025_BILL], from: 2019, to: 2030 });
    const [bill] = report.policies;
    expect(report.reapplications).toBeGreaterThan(5);
    expect(report.classification.classified).toBeGreaterThan(0);
    expect(bill!.total.strict.screenedOut).toBeGreaterThan(bill!.total.generous.screenedOut);
    expect(bill!.total.generous.screenedOut).toBeLessThan(report.reapplications);
  });
});
