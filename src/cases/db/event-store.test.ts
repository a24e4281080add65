import { randomBytes } from "node:crypto";
import { v7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type Queryable, type TestDatabase } from "../../store/db.ts";
import {
  appendEvents,
  GENESIS_HASH,
  hashEvent,
  openEvents,
  readEvents,
  verifyChains,
  VersionConflictError,
  type NewEvent,
  type StoredEvent,
} from "./event-store.ts";
import { migrate } from "../../store/migrate.ts";
import { saveCaseProjection } from "./projections.ts";
import { openKeyring, type Keyring } from "../../security/crypto/keyring.ts";
import { DecryptionError } from "../../security/crypto/aead.ts";

const OFFICE = "seoul";
const AT = "2024-03-04T01:02:03.456Z";

let keyring: Keyring;

function event(type: string, occurredOn: string, payload: Record<string, unknown> = {}): NewEvent {
  return { type, occurredOn, payload };
}

/** Append as a command does: events and the projection's version in one transaction. */
async function append(tx: Queryable, caseId: string, expectedVersion: number, events: NewEvent[]) {
  const stored = await appendEvents(tx, keyring, {
    officeId: OFFICE,
    caseId,
    expectedVersion,
    events,
    recordedBy: "examiner-7",
    recordedAt: AT,
  });
  await saveCaseProjection(tx, {
    officeId: OFFICE,
    id: caseId,
    personId: v7(),
    profile: "kr-refugee-act",
    channel: "in_country",
    kind: "first",
    filedOn: "2024-03-01",
    priorCaseIds: [],
    version: expectedVersion + events.length,
    stage: "examination",
    applicantStatus: "under_review",
    protection: null,
    final: false,
    finalSince: null,
    redecisionRequired: false,
    removalBarred: true,
    nationality: "XXA",
    updatedAt: AT,
    deadlines: [],
  });
  return stored;
}

/** What someone with the table owner's rights could do: switch the guard off, write, switch it on. */
async function tamper(tx: Queryable, sql: string, params: unknown[]) {
  await tx.query("ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete");
  await tx.query(sql, params);
  await tx.query("ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete");
}

async function reinsert(tx: Queryable, e: StoredEvent) {
  await tx.query(
    `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload, recorded_at,
                              recorded_by, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      e.officeId,
      e.caseId,
      e.sequence,
      e.type,
      e.occurredOn,
      JSON.stringify(e.payload),
      e.recordedAt,
      e.recordedBy,
      e.prevHash,
      e.hash,
    ],
  );
}

describe.each(createTestDatabases())("case event store on $kind", ({ open }) => {
  let t: TestDatabase;
  const caseA = v7();
  const caseB = v7();
  let chainB: StoredEvent[];

  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
    keyring = await openKeyring(t.db, randomBytes(32));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("appends events and reads back the chain, each entry linked to the one before", async () => {
    await t.db.transaction((tx) =>
      append(tx, caseA, 0, [
        event("application_filed", "2024-03-01", { channel: "in_country", languages: ["ar"] }),
        event("interview_held", "2024-04-15"),
      ]),
    );
    await t.db.transaction((tx) => append(tx, caseA, 2, [event("decision_issued", "2024-05-02")]));

    const chain = await readEvents(t.db, OFFICE, caseA);
    expect(chain.map((e) => [e.sequence, e.type, e.occurredOn])).toEqual([
      [1, "application_filed", "2024-03-01"],
      [2, "interview_held", "2024-04-15"],
      [3, "decision_issued", "2024-05-02"],
    ]);
    expect(openEvents(keyring, chain)[0]).toMatchObject({
      officeId: OFFICE,
      caseId: caseA,
      payload: { channel: "in_country", languages: ["ar"] },
      recordedAt: AT,
      recordedBy: "examiner-7",
      prevHash: GENESIS_HASH,
    });
    expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
    expect(chain[2]?.prevHash).toBe(chain[1]?.hash);
    for (const e of chain) expect(hashEvent(e.prevHash, e)).toBe(e.hash);
    expect(await readEvents(t.db, caseA)).toEqual(chain);
  });

  it("refuses an append based on an old version and writes nothing", async () => {
    const attempt = t.db.transaction((tx) => append(tx, caseA, 1, [event("interview_held", "2024-06-01")]));
    await expect(attempt).rejects.toThrow(VersionConflictError);
    await expect(attempt).rejects.toMatchObject({ expected: 1, actual: 3 });
    expect(await readEvents(t.db, caseA)).toHaveLength(3);
  });

  it("lets exactly one of two concurrent appends at the same version through", async () => {
    const attempt = (type: string) =>
      t.db.transaction(async (tx) => {
        const stored = await append(tx, caseA, 3, [event(type, "2024-06-10")]);
        // Hold the chain head a moment, so the other append really waits on it.
        await new Promise((resolve) => setTimeout(resolve, 100));
        return stored;
      });
    const results = await Promise.allSettled([attempt("objection_filed"), attempt("withdrawal")]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(VersionConflictError);
    expect(await readEvents(t.db, caseA)).toHaveLength(4);
  });

  it("reports an insert that lost a race on the sequence as a version conflict", async () => {
    const racing: Queryable = {
      async query<T>(sql: string): Promise<T[]> {
        if (sql.startsWith("INSERT")) throw Object.assign(new Error("duplicate key"), { code: "23505" });
        return [];
      },
    };
    const attempt = appendEvents(racing, keyring, {
      officeId: OFFICE,
      caseId: caseA,
      expectedVersion: 0,
      events: [event("application_filed", "2024-03-01")],
      recordedBy: "examiner-7",
      recordedAt: AT,
    });
    await expect(attempt).rejects.toMatchObject({ name: "VersionConflictError", expected: 0, actual: null });
  });

  it("refuses to update, delete or truncate case events", async () => {
    const key = [OFFICE, caseA];
    await expect(
      t.db.query("UPDATE case_events SET payload = '{}' WHERE office_id = $1 AND case_id = $2", key),
    ).rejects.toThrow(/case_events is append-only: UPDATE is not allowed/);
    await expect(
      t.db.query("DELETE FROM case_events WHERE office_id = $1 AND case_id = $2", key),
    ).rejects.toThrow(/append-only: DELETE/);
    await expect(t.db.query("TRUNCATE case_events")).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await readEvents(t.db, caseA)).toHaveLength(4);
  });

  it("verifies a clean store", async () => {
    await t.db.transaction((tx) =>
      append(tx, caseB, 0, [
        event("application_filed", "2024-02-01", { note: "first" }),
        event("interview_held", "2024-02-20", { note: "second" }),
        event("decision_issued", "2024-03-05", { note: "third" }),
        event("objection_filed", "2024-03-20", { note: "fourth" }),
      ]),
    );
    chainB = await readEvents(t.db, caseB);
    expect(await verifyChains(t.db)).toEqual({ ok: true, cases: 2, events: 8 });
  });

  it("stores each payload sealed, bound to its case and sequence", async () => {
    for (const e of chainB) expect(Object.keys(e.payload)).toEqual(["$sealed"]);
    expect(JSON.stringify(chainB)).not.toMatch(/first|second|third|fourth/);
    expect(openEvents(keyring, chainB).map((e) => e.payload.note)).toEqual([
      "first",
      "second",
      "third",
      "fourth",
    ]);
    const [, second, third] = chainB as [StoredEvent, StoredEvent, StoredEvent];
    expect(() => openEvents(keyring, [{ ...third, payload: second.payload }])).toThrow(DecryptionError);
    expect(() => openEvents(keyring, [{ ...second, caseId: caseA }])).toThrow(DecryptionError);
  });

  it("names the case and sequence of an entry whose payload was changed", async () => {
    await t.db.transaction((tx) =>
      tamper(tx, "UPDATE case_events SET payload = $3 WHERE case_id = $1 AND sequence = $2", [
        caseB,
        2,
        JSON.stringify({ note: "rewritten" }),
      ]),
    );
    const report = await verifyChains(t.db);
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ officeId: OFFICE, caseId: caseB, sequence: 2 });
    expect(report.firstBad?.reason).toMatch(/^changed/);

    await t.db.transaction((tx) =>
      tamper(tx, "UPDATE case_events SET payload = $3 WHERE case_id = $1 AND sequence = $2", [
        caseB,
        2,
        JSON.stringify(chainB[1]?.payload),
      ]),
    );
    expect((await verifyChains(t.db)).ok).toBe(true);
  });

  it("detects an entry removed from the middle of a chain", async () => {
    await t.db.transaction((tx) =>
      tamper(tx, "DELETE FROM case_events WHERE case_id = $1 AND sequence = $2", [caseB, 3]),
    );
    const report = await verifyChains(t.db);
    expect(report.firstBad).toMatchObject({ caseId: caseB, sequence: 3 });
    expect(report.firstBad?.reason).toMatch(/^removed/);

    // Removed and the later entries renumbered to close the gap: the broken link gives it away.
    await t.db.transaction((tx) =>
      tamper(tx, "UPDATE case_events SET sequence = 3 WHERE case_id = $1 AND sequence = 4", [caseB]),
    );
    const renumbered = await verifyChains(t.db);
    expect(renumbered.firstBad).toMatchObject({ caseId: caseB, sequence: 3 });
    expect(renumbered.firstBad?.reason).toMatch(/^(removed|reordered|changed)/);

    await t.db.transaction(async (tx) => {
      await tamper(tx, "DELETE FROM case_events WHERE case_id = $1 AND sequence = 3", [caseB]);
      for (const e of chainB.slice(2)) await reinsert(tx, e);
    });
    expect((await verifyChains(t.db)).ok).toBe(true);
  });

  it("detects the last entry removed, by the case's version", async () => {
    await t.db.transaction((tx) =>
      tamper(tx, "DELETE FROM case_events WHERE case_id = $1 AND sequence = 4", [caseB]),
    );
    const report = await verifyChains(t.db);
    expect(report.firstBad).toMatchObject({ caseId: caseB, sequence: 4 });
    expect(report.firstBad?.reason).toMatch(/^removed/);
    await t.db.transaction((tx) => reinsert(tx, chainB[3] as StoredEvent));
    expect((await verifyChains(t.db)).ok).toBe(true);
  });

  it("detects two entries swapped", async () => {
    await t.db.transaction(async (tx) => {
      const swap = "UPDATE case_events SET sequence = $3 WHERE case_id = $1 AND sequence = $2";
      await tamper(tx, swap, [caseB, 2, 99]);
      await tamper(tx, swap, [caseB, 3, 2]);
      await tamper(tx, swap, [caseB, 99, 3]);
    });
    const report = await verifyChains(t.db);
    expect(report.firstBad).toMatchObject({ caseId: caseB, sequence: 2 });
    expect(report.firstBad?.reason).toBe("reordered: this entry was appended as sequence 3");
  });
});
