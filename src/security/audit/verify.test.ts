import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type Queryable, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { appendAudit } from "./append.ts";
import {
  AUDIT_CHAIN_JOIN,
  AUDIT_COLUMNS,
  fromAuditRow,
  hashAuditEntry,
  type AuditRow,
  type StoredAuditEntry,
} from "./chain.ts";
import { CASE_B, entry, sealAll, whileTampered } from "./testing.ts";
import { verifyAudit } from "./verify.ts";

const COPIED = `at = b.at, actor = b.actor, actor_role = b.actor_role, address = b.address,
  office_id = b.office_id, case_id = b.case_id, person_ref = b.person_ref, action = b.action,
  purpose = b.purpose, outcome = b.outcome, details = b.details`;

describe.each(createTestDatabases())("audit chain verification on $kind", ({ kind, open }) => {
  let t: TestDatabase;
  let stored: StoredAuditEntry[];

  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
    for (let i = 1; i <= 6; i++) {
      const at = `2024-05-0${i}T01:00:00.000Z`;
      await t.db.transaction((tx) => appendAudit(tx, entry({ at, details: { document: i } })));
    }
    await sealAll(t.db);
    stored = (
      await t.db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_CHAIN_JOIN} ORDER BY c.seq`)
    ).map(fromAuditRow);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const verifyTampered = (tamper: (tx: Queryable) => Promise<unknown>, options = {}) =>
    whileTampered(t.db, tamper, (tx) => verifyAudit(tx, { pageSize: 2, ...options }));

  it("verifies an intact log, in pages and up to a given entry", async () => {
    const head = stored[5];
    expect(await verifyAudit(t.db, { pageSize: 4 })).toEqual({
      ok: true,
      entries: 6,
      head: { seq: 6, hash: head?.hash },
    });
    expect(await verifyAudit(t.db, { upTo: 4 })).toMatchObject({ ok: true, entries: 4, head: { seq: 4 } });
  });

  it("names an entry whose content was changed", async () => {
    const report = await verifyTampered((tx) =>
      tx.query("UPDATE audit_log SET case_id = $1 WHERE seq = 3", [CASE_B]),
    );
    expect(report).toMatchObject({ ok: false, entries: 3, head: { seq: 2 } });
    expect(report.firstBad).toEqual({
      seq: 3,
      entry: 3,
      reason: "changed",
      detail: "entry 3 does not match its hash",
    });
  });

  it("names an entry that was changed and given a new hash, by the broken link after it", async () => {
    const report = await verifyTampered(async (tx) => {
      const [row] = await tx.query<AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_CHAIN_JOIN} WHERE c.seq = 3`,
      );
      const forged = { ...fromAuditRow(row as AuditRow), actor: "someone-else" };
      const hash = hashAuditEntry(forged.prevHash, forged);
      await tx.query("UPDATE audit_log SET actor = $1 WHERE seq = 3", [forged.actor]);
      await tx.query("UPDATE audit_chain SET hash = $1 WHERE seq = 3", [hash]);
    });
    expect(report.firstBad).toMatchObject({ seq: 3, reason: "changed" });
    expect(report.firstBad?.detail).toMatch(/entry 3 was rewritten.*entry 4 links to another entry/);
  });

  it("names an entry that was removed, from the chain or from the log", async () => {
    const report = await verifyTampered((tx) => tx.query("DELETE FROM audit_chain WHERE seq = 4"));
    expect(report).toMatchObject({ ok: false, entries: 3, head: { seq: 3 } });
    expect(report.firstBad).toEqual({
      seq: 4,
      reason: "removed",
      detail: "entry 4 is missing (the next entry is 5)",
    });
    const first = await verifyTampered((tx) => tx.query("DELETE FROM audit_chain WHERE seq = 1"));
    expect(first.firstBad).toMatchObject({ seq: 1, reason: "removed" });
    const fromLog = await verifyTampered((tx) => tx.query("DELETE FROM audit_log WHERE seq = 4"));
    expect(fromLog.firstBad).toEqual({
      seq: 4,
      entry: 4,
      reason: "removed",
      detail: "entry 4 is missing from the log (its place in the chain remains)",
    });
  });

  it("names the first of two entries whose contents were swapped", async () => {
    const report = await verifyTampered((tx) =>
      tx.query(
        `UPDATE audit_log a SET ${COPIED} FROM audit_log b
         WHERE (a.seq = 3 AND b.seq = 5) OR (a.seq = 5 AND b.seq = 3)`,
      ),
    );
    expect(report.firstBad).toEqual({
      seq: 3,
      entry: 3,
      reason: "reordered",
      detail: "entry 3 holds the entry appended as 5",
    });
  });

  it("names the first of two places in the chain that were swapped", async () => {
    const report = await verifyTampered((tx) =>
      tx.query(
        `UPDATE audit_chain SET seq = 1000 WHERE seq = 3;
         UPDATE audit_chain SET seq = 3 WHERE seq = 5;
         UPDATE audit_chain SET seq = 5 WHERE seq = 1000`,
      ),
    );
    expect(report.firstBad).toMatchObject({ seq: 3, entry: 5, reason: "reordered" });
    expect(report.firstBad?.detail).toBe("entry 3 (number 5 in the log) holds the entry appended as 5");
  });

  it("names entries that were renumbered", async () => {
    // Entry 2 removed and the later ones moved up one place to close the gap.
    const report = await verifyTampered(async (tx) => {
      await tx.query("DELETE FROM audit_chain WHERE seq = 2");
      await tx.query("DELETE FROM audit_log WHERE seq = 2");
      for (let seq = 3; seq <= 6; seq++) {
        await tx.query("UPDATE audit_chain SET seq = $1, entry = $1 WHERE seq = $2", [seq - 1, seq]);
        await tx.query("UPDATE audit_log SET seq = $1 WHERE seq = $2", [seq - 1, seq]);
      }
    });
    expect(report.firstBad).toEqual({
      seq: 2,
      entry: 2,
      reason: "reordered",
      detail: "entry 2 holds the entry appended as 3",
    });
  });

  it("names an entry of the log that is not in the chain", async () => {
    // Added to the log outside the application, with a transaction id the sealer never looks at.
    const report = await verifyTampered(
      (tx) =>
        tx.query(
          `INSERT INTO audit_log (at, actor, actor_role, address, action, outcome, txid)
           VALUES ('2024-05-09T01:00:00Z', 'someone', 'examiner', 'local', 'case.read', 'ok', '2')`,
        ),
      { waitMs: 0 },
    );
    expect(report).toMatchObject({ ok: false, entries: 6, head: { seq: 6 } });
    expect(report.firstBad).toMatchObject({ seq: 7, entry: 7, reason: "unsealed" });
    expect(report.firstBad?.detail).toMatch(
      /^1 entry is in the log but not in the chain, the first number 7/,
    );
  });

  // A transaction held open needs a second connection: PGlite has one.
  if (kind === "postgres") {
    it("names committed entries that a transaction left open keeps out of the chain", async () => {
      let release = () => undefined as void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started = () => undefined as void;
      const open = new Promise<void>((resolve) => (started = resolve));
      const older = t.db.transaction(async (tx) => {
        await tx.query("SELECT pg_current_xact_id()");
        started();
        await held;
      });
      await open;
      await t.db.transaction((tx) => appendAudit(tx, entry({ details: { heldBack: true } })));
      try {
        const report = await verifyAudit(t.db, { waitMs: 200 });
        expect(report.firstBad).toMatchObject({ seq: 7, reason: "unsealed" });
      } finally {
        release();
        await older;
      }
      await sealAll(t.db);
      expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: 7 });
    });
  }

  it("leaves the log intact after the tampering above was rolled back", async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
