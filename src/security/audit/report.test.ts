import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { appendAuditBatch } from "./append.ts";
import type { AuditInput } from "./chain.ts";
import { formatAuditReport } from "./format.ts";
import { auditReport, retentionUntil, type AuditReport } from "./report.ts";
import { CASE_A, CASE_B, entry } from "./testing.ts";

const CASE_C = "0190a1b2-0000-7000-8000-00000000000c";
const CASE_D = "0190a1b2-0000-7000-8000-00000000000d";

const examiner = (at: string, caseId: string, more: Partial<AuditInput> = {}) =>
  entry({ at, caseId, actor: "ex-1", actorRole: "examiner", ...more });
const clerk = (at: string, caseId: string, more: Partial<AuditInput> = {}) =>
  entry({ at, caseId, actor: "clerk-2", actorRole: "intake_clerk", purpose: "intake", ...more });
const failedLogin = (at: string, actor: string, address: string) =>
  entry({ at, actor, actorRole: "none", address, action: "login.failed", outcome: "failed", caseId: null });

/** May 2024 in Seoul (UTC+9), with the times in the comments in Seoul time. */
const MONTH: AuditInput[] = [
  examiner("2024-04-30T14:59:59.999Z", CASE_A), // Tue 30 April 23:59: the month before
  examiner("2024-04-30T15:00:00.000Z", CASE_A), // Wed 1 May 00:00: outside hours
  examiner("2024-05-02T01:00:00.000Z", CASE_B), // Thu 10:00
  examiner("2024-05-02T11:00:00.000Z", CASE_B), // Thu 20:00: outside hours
  examiner("2024-05-02T10:59:59.000Z", CASE_C), // Thu 19:59
  examiner("2024-05-07T22:59:00.000Z", CASE_A), // Wed 8 May 07:59: outside hours
  examiner("2024-05-07T23:00:00.000Z", CASE_A), // Wed 8 May 08:00
  examiner("2024-05-04T03:00:00.000Z", CASE_C), // Sat 12:00: weekend
  examiner("2024-05-02T02:00:00.000Z", CASE_A, { action: "case.event.record", details: { sequence: 5 } }),
  examiner("2024-05-02T02:05:00.000Z", CASE_D, { outcome: "denied" }),
  examiner("2024-05-03T01:00:00.000Z", CASE_B, { action: "case.timeline" }), // Fri 10:00: a read too
  // Mon 13 May 09:00–10:00: four distinct cases (and one again) in a day.
  clerk("2024-05-13T00:00:00.000Z", CASE_A),
  clerk("2024-05-13T00:10:00.000Z", CASE_B),
  clerk("2024-05-13T00:20:00.000Z", CASE_C),
  clerk("2024-05-13T00:30:00.000Z", CASE_D),
  clerk("2024-05-13T00:40:00.000Z", CASE_A),
  clerk("2024-05-13T01:00:00.000Z", CASE_A, {
    action: "person.create",
    caseId: null,
    personRef: "ab".repeat(32),
  }),
  clerk("2024-05-14T01:00:00.000Z", CASE_B, { outcome: "denied" }),
  clerk("2024-05-14T02:00:00.000Z", CASE_C, { outcome: "denied" }),
  failedLogin("2024-05-20T05:00:00.000Z", "mallory", "203.0.113.9"),
  failedLogin("2024-05-20T05:00:05.000Z", "mallory", "203.0.113.9"),
  failedLogin("2024-05-21T05:00:00.000Z", "mallory", "198.51.100.7"),
  failedLogin("2024-05-22T00:00:00.000Z", "ex-1", "10.0.0.5"),
  entry({
    at: "2024-05-23T04:00:00.000Z",
    actor: "lit-3",
    actorRole: "litigation_officer",
    action: "export.refused",
    outcome: "denied",
    purpose: "court submission",
    details: { exportId: "0190a1b2-0000-7000-8000-0000000000e1", rule: "country-of-origin" },
  }),
  clerk("2024-05-31T15:00:00.000Z", CASE_A), // Sat 1 June 00:00: the month after
];

describe.each(createTestDatabases())("monthly access review on $kind", ({ open }) => {
  let t: TestDatabase;
  let report: AuditReport;

  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
    await t.db.transaction((tx) => appendAuditBatch(tx, MONTH));
    report = await auditReport(t.db, {
      month: "2024-05",
      maxCasesPerDay: 3,
      maxDeniedPerDay: 2,
      now: new Date("2024-06-03T00:00:00Z"),
    });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("covers the month in Seoul time", () => {
    expect(report).toMatchObject({
      month: "2024-05",
      timeZone: "Asia/Seoul",
      from: "2024-04-30T15:00:00.000Z",
      to: "2024-05-31T15:00:00.000Z",
      keepUntil: "2026-05-31T15:00:00.000Z",
      entries: 23,
      firstSeq: 2,
      lastSeq: 24,
      outcomes: { ok: 15, denied: 4, failed: 4 },
    });
  });

  it("totals each action by outcome", () => {
    expect(report.actions).toEqual([
      { action: "case.event.record", ok: 1, denied: 0, failed: 0, total: 1 },
      { action: "case.read", ok: 12, denied: 3, failed: 0, total: 15 },
      { action: "case.timeline", ok: 1, denied: 0, failed: 0, total: 1 },
      { action: "export.refused", ok: 0, denied: 1, failed: 0, total: 1 },
      { action: "login.failed", ok: 0, denied: 0, failed: 4, total: 4 },
      { action: "person.create", ok: 1, denied: 0, failed: 0, total: 1 },
    ]);
  });

  it("counts each account's reads, writes, cases, refusals and reads outside office hours", () => {
    expect(report.actors).toEqual([
      {
        actor: "clerk-2",
        actorRole: "intake_clerk",
        reads: 5,
        writes: 1,
        casesTouched: 4,
        denied: 2,
        outsideHoursReads: 0,
      },
      {
        actor: "ex-1",
        actorRole: "examiner",
        reads: 8,
        writes: 1,
        casesTouched: 3,
        denied: 1,
        outsideHoursReads: 4,
      },
      {
        actor: "lit-3",
        actorRole: "litigation_officer",
        reads: 0,
        writes: 0,
        casesTouched: 0,
        denied: 1,
        outsideHoursReads: 0,
      },
    ]);
  });

  it("flags unusual days, the most unusual first", () => {
    expect(report.unusual).toEqual([
      {
        kind: "many-cases-in-a-day",
        actor: "clerk-2",
        actorRole: "intake_clerk",
        day: "2024-05-13",
        count: 4,
        threshold: 3,
      },
      {
        kind: "many-denied-in-a-day",
        actor: "clerk-2",
        actorRole: "intake_clerk",
        day: "2024-05-14",
        count: 2,
        threshold: 2,
      },
    ]);
  });

  it("lists failed logins and refused exports", () => {
    expect(report.failedLogins).toEqual({
      total: 4,
      byActor: [
        {
          actor: "mallory",
          addresses: ["198.51.100.7", "203.0.113.9"],
          count: 3,
          first: "2024-05-20T05:00:00.000Z",
          last: "2024-05-21T05:00:00.000Z",
        },
        {
          actor: "ex-1",
          addresses: ["10.0.0.5"],
          count: 1,
          first: "2024-05-22T00:00:00.000Z",
          last: "2024-05-22T00:00:00.000Z",
        },
      ],
    });
    expect(report.refusedExports).toEqual([
      {
        seq: 24,
        at: "2024-05-23T04:00:00.000Z",
        actor: "lit-3",
        actorRole: "litigation_officer",
        address: "10.0.0.7",
        officeId: "seoul",
        caseId: CASE_A,
        purpose: "court submission",
        details: { exportId: "0190a1b2-0000-7000-8000-0000000000e1", rule: "country-of-origin" },
      },
    ]);
  });

  it("formats the report as plain-text tables", () => {
    const text = formatAuditReport(report);
    expect(text).toContain("OpenRSD access record review, 2024-05 (Asia/Seoul)");
    expect(text).toContain("Entries     23 (entries 2–24): 15 ok, 4 denied, 4 failed");
    expect(text).toMatch(/^ {2}ex-1 +examiner +8 +1 +3 +1 +4$/m);
    expect(text).toMatch(/^ {2}many cases read in a day +clerk-2 +intake_clerk +2024-05-13 +4 +3$/m);
    expect(text).toMatch(/^ {2}mallory +3 +198\.51\.100\.7 203\.0\.113\.9 /m);
    expect(text).toContain("Refused exports (1)");
  });

  it("reports an empty month", async () => {
    const empty = await auditReport(t.db, { month: "2023-12" });
    expect(empty).toMatchObject({ entries: 0, firstSeq: null, actions: [], actors: [], unusual: [] });
    expect(empty.to).toBe("2023-12-31T15:00:00.000Z");
    expect(formatAuditReport(empty)).toContain("(none)");
    await expect(auditReport(t.db, { month: "2024-13" })).rejects.toThrow(/YYYY-MM/);
  });
});

describe("retention", () => {
  it("keeps entries at least two years", () => {
    expect(retentionUntil("2024-05-02T01:00:00Z")).toBe("2026-05-02T01:00:00.000Z");
    expect(retentionUntil(new Date("2024-02-29T12:00:00Z"))).toBe("2026-03-01T12:00:00.000Z");
    expect(() => retentionUntil("soon")).toThrow(/not an instant/);
  });
});
