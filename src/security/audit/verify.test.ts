import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type Queryable, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { appendAudit } from "./append.ts";
import {
  AUDIT_COLUMNS,
  fromAuditRow,
  hashAuditEntry,
  type AuditRow,
  type StoredAuditEntry,
} from "./chain.ts";
import { CASE_B, entry, whileTampered } from "./testing.ts";
import { verifyAudit } from "./verify.ts";

const COPIED = `at = b.at, actor = b.actor, actor_role = b.actor_role, address = b.address,
  office_id = b.office_id, case_id = b.case_id, person_ref = b.person_ref, action = b.action,
  purpose = b.purpose, outcome = b.outcome, details = b.details, prev_hash = b.prev_hash, hash = b.hash`;

describe.each(createTestDatabases())("audit chain verification on $kind", ({ open }) => {
  let t: TestDatabase;
  let stored: StoredAuditEntry[];

  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
    stored = [];
    for (let i = 1; i <= 6; i++) {
      const at = `2024-05-0${i}T01:00:00.000Z`;
      stored.push(await t.db.transaction((tx) => appendAudit(tx, entry({ at, details: { document: i } }))));
    }
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const verifyTampered = (tamper: (tx: Queryable) => Promise<unknown>) =>
    whileTampered(t.db, tamper, (tx) => verifyAudit(tx, { pageSize: 2 }));

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
    expect(report.firstBad).toEqual({ seq: 3, reason: "changed", detail: "entry 3 does not match its hash" });
  });

  it("names an entry that was changed and given a new hash, by the broken link after it", async () => {
    const report = await verifyTampered(async (tx) => {
      const [row] = await tx.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq = 3`);
      const forged = { ...fromAuditRow(row as AuditRow), actor: "someone-else" };
      const hash = hashAuditEntry(forged.prevHash, forged);
      await tx.query("UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = 3", [forged.actor, hash]);
    });
    expect(report.firstBad).toMatchObject({ seq: 3, reason: "changed" });
    expect(report.firstBad?.detail).toMatch(/entry 3 was rewritten.*entry 4 links to another entry/);
  });

  it("names an entry that was removed", async () => {
    const report = await verifyTampered((tx) => tx.query("DELETE FROM audit_log WHERE seq = 4"));
    expect(report).toMatchObject({ ok: false, entries: 3, head: { seq: 3 } });
    expect(report.firstBad).toEqual({
      seq: 4,
      reason: "removed",
      detail: "entry 4 is missing (the next entry is 5)",
    });
    const first = await verifyTampered((tx) => tx.query("DELETE FROM audit_log WHERE seq = 1"));
    expect(first.firstBad).toMatchObject({ seq: 1, reason: "removed" });
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
      reason: "reordered",
      detail: "entry 3 holds the entry appended as 5",
    });
  });

  it("names entries that were renumbered", async () => {
    // Entry 2 removed and the later ones moved up one place to close the gap.
    const report = await verifyTampered(async (tx) => {
      await tx.query("DELETE FROM audit_log WHERE seq = 2");
      for (let seq = 3; seq <= 6; seq++) {
        await tx.query("UPDATE audit_log SET seq = $1 WHERE seq = $2", [seq - 1, seq]);
      }
    });
    expect(report.firstBad).toEqual({
      seq: 2,
      reason: "reordered",
      detail: "entry 2 holds the entry appended as 3",
    });
  });

  it("leaves the log intact after the tampering above was rolled back", async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
