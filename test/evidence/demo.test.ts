/**
 * The demo's evidence: the sur-place showcase case holds a document, a social-media capture with
 * two dated follower counts and a foreign state's request to repatriate, whose removal hold the
 * case view shows; besides the returning activist's earlier case (test/reapplications), the other
 * cases hold none.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, today, type AppContext } from "../../src/app/context.ts";
import { getCase } from "../../src/cases/get-case.ts";
import { inProcessTarget, loadDemo } from "../../src/demo/load.ts";
import { listEvidence } from "../../src/evidence/items/read-items.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";

const SYSTEM = { principal: systemPrincipal("demo-test"), address: "local" };

describe.each(createTestDatabases())("the demo's evidence on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let storage: TestStorage;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    storage = await withDiskVault(ctx);
    await seedHolidays(ctx);
    await loadDemo(inProcessTarget(ctx, "demo-loader"), {
      cases: 30,
      seed: 3,
      today: today(ctx),
      calendar: ctx.calendar(),
    });
  });
  afterAll(async () => {
    await test?.dispose();
    await storage?.dispose();
  });

  it("gives the sur-place case a document, a capture with two observations and a removal hold", async () => {
    const rows = await test.db.query<{ caseId: string; n: number }>(
      `SELECT case_id AS "caseId", count(*)::int AS n FROM evidence_items GROUP BY case_id`,
    );
    // the sur-place case (three items) and the returning activist's earlier case (four)
    expect(rows.map((r) => r.n).sort()).toEqual([3, 4]);
    const caseId = rows.find((r) => r.n === 3)!.caseId;
    const items = await listEvidence(ctx, SYSTEM, caseId);
    expect(items.map((i) => i.kind)).toEqual(["document", "social_media_capture", "foreign_state_action"]);
    expect(items.map((i) => i.fileCount)).toEqual([1, 1, 0]);
    const view = await getCase(ctx, SYSTEM, caseId);
    expect(view.removalBarred).toBe(true);
    expect(view.removalHolds).toEqual([
      { itemId: items[2]!.id, action: "repatriation_request", state: "KHM", actedOn: "2025-07-10" },
    ]);
    const [observed] = await test.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'audience_observed'`,
      [caseId],
    );
    expect(observed?.n).toBe(2);
  });
});
