import { v7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeadlineSpec } from "../../kernel/procedure/deadlines.ts";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { loadCaseProjection, saveCaseProjection, type CaseProjection } from "./projections.ts";

const decisionDue: DeadlineSpec = {
  kind: "first_instance_decision",
  from: "2024-03-01",
  dueOn: "2024-08-30",
  basis: "RA 18(4)",
  obligation: "duty",
  onPass: "missed",
  party: "authority",
  resolution: null,
};
const objectionDue: DeadlineSpec = {
  kind: "objection_filing",
  from: "2024-09-02",
  dueOn: "2024-10-02",
  basis: "RA 21(1); CA 157, 160, 161",
  obligation: "right",
  onPass: "lapsed",
  party: "applicant",
  level: 1,
  resolution: null,
};

describe.each(createTestDatabases())("case projection on $kind", ({ open }) => {
  let t: TestDatabase;
  const id = v7();
  const base: CaseProjection = {
    officeId: "busan",
    id,
    personId: v7(),
    profile: "kr-refugee-act",
    channel: "port_of_entry",
    kind: "subsequent",
    filedOn: "2024-03-01",
    priorCaseIds: [v7()],
    version: 1,
    stage: "examination",
    applicantStatus: "under_review",
    protection: null,
    final: false,
    finalSince: null,
    redecisionRequired: false,
    removalBarred: true,
    nationality: "XXB",
    validUntil: "2024-08-31",
    updatedAt: "2024-03-01T00:00:00.000Z",
    deadlines: [decisionDue],
    snapshot: { state: { stage: "examination", rounds: [] }, stats: { decisions: [] } },
  };

  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("stores a case row with its deadlines and reads them back unchanged", async () => {
    await t.db.transaction((tx) => saveCaseProjection(tx, base));
    expect(await loadCaseProjection(t.db, "busan", id)).toEqual(base);
    expect(await loadCaseProjection(t.db, "seoul", id)).toBeNull();
  });

  it("replaces the row and the whole deadline list on the next save", async () => {
    const decided: CaseProjection = {
      ...base,
      version: 2,
      stage: "decided",
      applicantStatus: "awaiting_challenge",
      validUntil: null,
      deadlines: [{ ...decisionDue, resolution: "met" }, objectionDue],
      updatedAt: "2024-09-02T03:00:00.000Z",
    };
    await t.db.transaction((tx) => saveCaseProjection(tx, decided));
    expect(await loadCaseProjection(t.db, "busan", id)).toEqual(decided);

    await t.db.transaction((tx) => saveCaseProjection(tx, { ...decided, version: 3, deadlines: [] }));
    expect((await loadCaseProjection(t.db, "busan", id))?.deadlines).toEqual([]);
  });

  it("serves the worklist of deadlines by due date", async () => {
    await t.db.transaction((tx) =>
      saveCaseProjection(tx, { ...base, version: 4, deadlines: [objectionDue] }),
    );
    const due = await t.db.query<{ case_id: string; due_on: string }>(
      "SELECT case_id, due_on FROM case_deadlines WHERE due_on <= $1 ORDER BY due_on",
      ["2024-12-31"],
    );
    expect(due).toEqual([{ case_id: id, due_on: "2024-10-02" }]);
  });
});
