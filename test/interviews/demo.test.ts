/**
 * The demo's interview record: the sur-place showcase case has one interview, on the first working
 * day from today (never a weekend or a holiday), in Khmer with the demo interpreter, a few segments
 * entered and nothing read back or signed; the demo interpreter finds it in their own list.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, today, type AppContext } from "../../src/app/context.ts";
import { createDemoAccounts } from "../../src/demo/accounts.ts";
import { inProcessTarget, loadDemo } from "../../src/demo/load.ts";
import { nextWorkingDay } from "../../src/interviews/demo.ts";
import { daysBetween, dayOfWeek } from "../../src/kernel/calendar/dates.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { listInterviews } from "../../src/interviews/record.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const SYSTEM = { principal: systemPrincipal("demo-test"), address: "local" };

describe.each(createTestDatabases())("the demo's interview record on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    await seedHolidays(ctx);
    await loadDemo(inProcessTarget(ctx, "demo-loader"), {
      cases: 30,
      seed: 3,
      today: today(ctx),
      calendar: ctx.calendar(),
    });
    await createDemoAccounts(ctx);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("schedules one unsigned interview with a few segments for the sur-place case", async () => {
    const rows = await test.db.query<{ caseId: string }>(`SELECT case_id AS "caseId" FROM interviews`);
    expect(rows).toHaveLength(1);
    const caseId = rows[0]!.caseId;
    const [person] = await test.db.query<{ nationality: string }>(
      `SELECT p.nationality FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1`,
      [caseId],
    );
    expect(person?.nationality).toBe("KHM");
    const [record] = await listInterviews(ctx, SYSTEM, caseId);
    expect(record).toMatchObject({
      status: "open",
      language: "km",
      interviewOn: nextWorkingDay(ctx, today(ctx)),
      signature: null,
    });
    // Whatever day the demo is loaded on, the interview is on a weekday, today or soon after.
    const on = record?.interviewOn ?? "";
    expect([0, 6]).not.toContain(dayOfWeek(on));
    expect(daysBetween(today(ctx), on)).toBeGreaterThanOrEqual(0);
    expect(daysBetween(today(ctx), on)).toBeLessThan(10);
    expect(record?.segments.length).toBeGreaterThanOrEqual(3);
    expect(record?.segments.every((s) => s.readBack === null && s.history.length === 1)).toBe(true);
    const [assigned] = await test.db.query<{ username: string }>(
      `SELECT a.username FROM interview_assignments x JOIN accounts a ON a.id = x.interpreter_id WHERE x.id = $1`,
      [record?.id],
    );
    expect(assigned?.username).toBe("demo-interpreter");
  });
});
