/**
 * The worklist computes a deadline's status in SQL; the case view computes it in the domain.
 * They must agree on every date, or a clerk would see two answers for one deadline.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../src/kernel/calendar/dates.ts";
import { deadlineStatus, type DeadlineSpec } from "../src/kernel/procedure/deadlines.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { saveCaseProjection } from "../src/cases/db/projections.ts";
import { findDeadlines } from "../src/cases/db/worklist.ts";

// Kinds of two profiles: the store and the worklist know none of them.
const KINDS = [
  "first_instance_decision",
  "objection_filing",
  "suit_filing",
  "work_permission",
  "living_support_end",
  "appeal_filing",
  "hearing_date",
  "appeal_window",
];

const specArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  offset: fc.integer({ min: 0, max: 400 }),
  obligation: fc.constantFrom("duty" as const, "right" as const, "info" as const),
  resolution: fc.constantFrom(null, "met" as const, "missed" as const, "lapsed" as const),
  onPass: fc.constantFrom("met" as const, "missed" as const, "lapsed" as const),
});

describe.each(createTestDatabases())("worklist status on $kind", (factory) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
  });
  afterAll(async () => test?.dispose());

  it("matches the domain's deadlineStatus for every deadline on every date", async () => {
    const samples = fc.sample(specArb, { numRuns: 120, seed: 42 });
    const deadlines: DeadlineSpec[] = samples.map((s) => ({
      kind: s.kind,
      from: "2024-01-01",
      dueOn: addDays("2024-01-02", s.offset),
      basis: "test",
      obligation: s.obligation,
      onPass: s.onPass,
      resolution: s.resolution,
    }));
    const caseId = "01890a5d-ac96-774b-bcce-b302099a8057";
    await test.db.transaction((tx) =>
      saveCaseProjection(tx, {
        officeId: "seoul",
        id: caseId,
        personId: "01890a5d-ac96-774b-bcce-b302099a8058",
        profile: "kr-refugee-act",
        channel: "in_country",
        kind: "first",
        filedOn: "2024-01-01",
        priorCaseIds: [],
        version: 1,
        stage: "examination",
        applicantStatus: "under_review",
        protection: null,
        final: false,
        finalSince: null,
        redecisionRequired: false,
        removalBarred: true,
        nationality: "KHM",
        updatedAt: "2024-01-01T00:00:00.000Z",
        deadlines,
      }),
    );
    for (const asOf of ["2023-12-31", "2024-03-15", "2024-06-30", "2024-12-01", "2025-06-01"]) {
      const rows = await findDeadlines(test.db, { today: asOf, limit: 1000 });
      expect(rows).toHaveLength(deadlines.length);
      for (const row of rows) {
        const spec = deadlines[row.ord - 1];
        expect(spec, `deadline ${row.ord}`).toBeDefined();
        expect(
          row.status,
          `${spec!.kind} ${spec!.obligation} due ${spec!.dueOn} resolution ${spec!.resolution} on ${asOf}`,
        ).toBe(deadlineStatus(spec!, asOf));
      }
    }
  });
});
