import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { appendAudit, appendAuditBatch } from "./append.ts";
import {
  AUDIT_COLUMNS,
  fromAuditRow,
  GENESIS_HASH,
  hashAuditEntry,
  keyedPersonRef,
  type AuditRow,
} from "./chain.ts";
import { CASE_A, CASE_B, entry } from "./testing.ts";
import { verifyAudit } from "./verify.ts";

describe.each(createTestDatabases())("audit log appends on $kind", ({ open }) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const readAll = async () =>
    (await t.db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY seq`)).map(fromAuditRow);

  it("appends entries in separate transactions as one linked chain, stored as hashed", async () => {
    const first = await t.db.transaction((tx) => appendAudit(tx, entry({ caseId: CASE_A.toUpperCase() })));
    const second = await t.db.transaction((tx) =>
      appendAudit(
        tx,
        entry({ action: "case.event.record", details: { sequence: 4, type: "interview_held" } }),
      ),
    );
    const third = await t.db.transaction((tx) =>
      appendAudit(
        tx,
        entry({
          action: "person.create",
          caseId: null,
          personRef: keyedPersonRef(Buffer.alloc(32, 7), "0190a1b2-0000-7000-8000-0000000000ff"),
          purpose: undefined,
        }),
      ),
    );
    expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
    expect(first).toMatchObject({ caseId: CASE_A, prevHash: GENESIS_HASH, purpose: "examination" });
    expect(second.prevHash).toBe(first.hash);
    expect(third).toMatchObject({ prevHash: second.hash, caseId: null, purpose: null });
    expect(await readAll()).toEqual([first, second, third]);
    for (const e of [first, second, third]) expect(hashAuditEntry(e.prevHash, e)).toBe(e.hash);
    expect(await verifyAudit(t.db)).toEqual({ ok: true, entries: 3, head: { seq: 3, hash: third.hash } });
  });

  it("serializes concurrent appends: contiguous sequence numbers and a valid chain", async () => {
    const appends = Array.from({ length: 8 }, (_, i) =>
      t.db.transaction(async (tx) => {
        const stored = await appendAudit(tx, entry({ caseId: i % 2 ? CASE_A : CASE_B, details: { i } }));
        // Hold the lock a moment, so that the others really wait for it.
        await new Promise((resolve) => setTimeout(resolve, 20));
        return stored;
      }),
    );
    const stored = await Promise.all(appends);
    expect(stored.map((e) => e.seq).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    const report = await verifyAudit(t.db, { pageSize: 3 });
    expect(report).toMatchObject({ ok: true, entries: 11, head: { seq: 11 } });
  });

  it("appends a batch with consecutive numbers under one lock", async () => {
    const stored = await t.db.transaction((tx) =>
      appendAuditBatch(tx, [entry({ action: "case.read" }), entry({ action: "case.document.read" })]),
    );
    expect(stored.map((e) => [e.seq, e.action])).toEqual([
      [12, "case.read"],
      [13, "case.document.read"],
    ]);
    expect(stored[1]?.prevHash).toBe(stored[0]?.hash);
    expect(await t.db.transaction((tx) => appendAuditBatch(tx, []))).toEqual([]);
  });

  it("leaves nothing behind when the transaction rolls back", async () => {
    const attempt = t.db.transaction(async (tx) => {
      await appendAudit(tx, entry());
      throw new Error("the action failed");
    });
    await expect(attempt).rejects.toThrow("the action failed");
    expect(await readAll()).toHaveLength(13);
    const next = await t.db.transaction((tx) => appendAudit(tx, entry()));
    expect(next.seq).toBe(14);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("fails the action when the audit write fails", async () => {
    // The action's own write, then an audit entry that cannot be written.
    const attempt = t.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload, recorded_at,
                                  recorded_by, prev_hash, hash)
         VALUES ('seoul', $1, 1, 'application_filed', '2024-05-01', '{}', now(), 'examiner-7', $2, $2)`,
        [CASE_B, GENESIS_HASH],
      );
      await appendAudit(tx, entry({ details: { note: "x".repeat(201) } }));
    });
    await expect(attempt).rejects.toThrow(/longer than 200 characters: details hold ids/);
    expect(await t.db.query("SELECT 1 FROM case_events WHERE case_id = $1", [CASE_B])).toEqual([]);
  });

  it("refuses to append outside a transaction", async () => {
    await expect(appendAudit(t.db, entry())).rejects.toThrow(/inside the caller's transaction/);
    expect(await readAll()).toHaveLength(14);
  });

  it("keeps personal data out of entries", async () => {
    const tryAppend = (overrides: Parameters<typeof entry>[0]) =>
      t.db.transaction((tx) => appendAudit(tx, entry(overrides)));
    await expect(tryAppend({ personRef: "Kim Minji" })).rejects.toThrow(/keyed hash/);
    await expect(tryAppend({ details: { 김민지: 1 } })).rejects.toThrow(/not an identifier/);
    await expect(tryAppend({ details: { ids: ["x".repeat(250)] } })).rejects.toThrow(/details\.ids\[0\]/);
    await expect(tryAppend({ caseId: "case-1" })).rejects.toThrow(/uuid/);
    await expect(tryAppend({ action: "Read case" })).rejects.toThrow(/dotted/);
    await expect(tryAppend({ at: "2024-05-02 10:00" })).rejects.toThrow(/ISO instant/);
    await expect(tryAppend({ purpose: "p".repeat(201) })).rejects.toThrow(/purpose is longer/);
    expect(await readAll()).toHaveLength(14);
  });

  it("refuses to update, delete or truncate the audit log", async () => {
    await expect(t.db.query("UPDATE audit_log SET actor = 'someone' WHERE seq = 1")).rejects.toThrow(
      /audit_log is append-only: UPDATE is not allowed/,
    );
    await expect(t.db.query("DELETE FROM audit_log WHERE seq = 1")).rejects.toThrow(/append-only: DELETE/);
    await expect(t.db.query("TRUNCATE audit_log")).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await readAll()).toHaveLength(14);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
