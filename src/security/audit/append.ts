/**
 * Appending to the audit log (SECURITY 12, 13). Every append runs inside the caller's
 * transaction, so the entry commits with the action it records, and if the audit write fails
 * the action fails with it.
 *
 * Appends are serialized by a transaction-scoped advisory lock on one fixed key: the next
 * entry's sequence number and hash depend on the head, so two writers must not read the same
 * head. The lock is held until the caller's transaction ends, so:
 *   - append the audit entry last, after the action's own work (and after taking any other
 *     lock, such as a case's chain lock), so that the lock is held briefly and always taken in
 *     the same order;
 *   - use READ COMMITTED (the default): under REPEATABLE READ a transaction that read before
 *     taking the lock may see an old head, and its insert then fails on the primary key
 *     (the action fails; the chain never forks).
 */
import type { Queryable } from "../../store/db.ts";
import {
  GENESIS_HASH,
  hashAuditEntry,
  normalizeAuditInput,
  type AuditInput,
  type StoredAuditEntry,
} from "./chain.ts";

/**
 * The advisory lock that serializes appends. The two-key form: PostgreSQL keeps it apart from
 * the single bigint keys (the migration lock, the case chain locks).
 */
export const AUDIT_LOCK_KEYS = [7_040_137, 3] as const;

/** Append one entry inside the caller's transaction; returns it as stored. */
export async function appendAudit(tx: Queryable, entry: AuditInput): Promise<StoredAuditEntry> {
  const [stored] = await appendAuditBatch(tx, [entry]);
  if (!stored) throw new Error("appendAudit: nothing was appended");
  return stored;
}

/** Append entries with consecutive sequence numbers, in the given order, under one lock. */
export async function appendAuditBatch(tx: Queryable, entries: AuditInput[]): Promise<StoredAuditEntry[]> {
  if (entries.length === 0) return [];
  // Check everything before taking the lock; the sequence numbers are filled in below.
  const checked = entries.map((entry) => normalizeAuditInput(entry, 0));

  // Outside a transaction the lock would be released at once and the entry would not share the
  // action's fate; only the `tx` of `db.transaction` will do.
  if (tx.inTransaction !== true) {
    throw new Error("appendAudit must run inside the caller's transaction (db.transaction)");
  }
  await tx.query("SELECT pg_advisory_xact_lock($1, $2)", [...AUDIT_LOCK_KEYS]);
  const [head] = await tx.query<{ seq: number | string | null; hash: string | null }>(
    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
  );

  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const stored: StoredAuditEntry[] = [];
  for (const entry of checked) {
    seq += 1;
    const numbered = { ...entry, seq };
    const hash = hashAuditEntry(prevHash, numbered);
    stored.push({ ...numbered, prevHash, hash });
    prevHash = hash;
  }
  for (const e of stored) {
    await tx.query(
      `INSERT INTO audit_log (seq, at, actor, actor_role, address, office_id, case_id, person_ref,
                              action, purpose, outcome, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        e.seq,
        e.at,
        e.actor,
        e.actorRole,
        e.address,
        e.officeId,
        e.caseId,
        e.personRef,
        e.action,
        e.purpose,
        e.outcome,
        JSON.stringify(e.details),
        e.prevHash,
        e.hash,
      ],
    );
  }
  return stored;
}
