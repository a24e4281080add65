/**
 * Appending to the audit log (SECURITY 12, 13). Every append runs inside the caller's
 * transaction, so the entry commits with the action it records, and if the audit write fails
 * the action fails with it.
 *
 * An append is one INSERT into `audit_log` and takes no lock: the entry gets its number from an
 * identity, and the id of the caller's transaction (`txid`). Appends in different transactions
 * therefore never wait for each other, and their commits can share a WAL flush. The entry gets
 * its place in the hash chain, and its hash, when the sealer (seal.ts) links it, in a
 * transaction of its own once the caller's has committed; `verifyAudit` seals first, and reports
 * any committed entry it cannot seal.
 */
import type { Queryable } from "../../store/db.ts";
import { normalizeAuditInput, type AuditInput, type JournaledAuditEntry } from "./chain.ts";

/**
 * The advisory lock that serializes sealing (and, before migration 0012, every append). The
 * two-key form: PostgreSQL keeps it apart from the single bigint keys (the migration lock, the
 * case chain locks).
 */
export const AUDIT_LOCK_KEYS = [7_040_137, 3] as const;

const COLUMNS = 11;

/** Append one entry inside the caller's transaction; returns it as written, with its number. */
export async function appendAudit(tx: Queryable, entry: AuditInput): Promise<JournaledAuditEntry> {
  const [stored] = await appendAuditBatch(tx, [entry]);
  if (!stored) throw new Error("appendAudit: nothing was appended");
  return stored;
}

/**
 * Append entries in the given order (increasing numbers, so the sealer chains them in this
 * order), in one statement, inside the caller's transaction.
 */
export async function appendAuditBatch(tx: Queryable, entries: AuditInput[]): Promise<JournaledAuditEntry[]> {
  if (entries.length === 0) return [];
  const checked = entries.map((entry) => normalizeAuditInput(entry));

  // Outside a transaction the entry would not share the action's fate; only the `tx` of
  // `db.transaction` will do.
  if (tx.inTransaction !== true) {
    throw new Error("appendAudit must run inside the caller's transaction (db.transaction)");
  }
  const params: unknown[] = [];
  const rows = checked.map((e, i) => {
    params.push(
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
    );
    const at = i * COLUMNS;
    return `(${Array.from({ length: COLUMNS }, (_, k) => `$${at + k + 1}`).join(", ")})`;
  });
  const numbers = await tx.query<{ seq: number | string }>(
    `INSERT INTO audit_log (at, actor, actor_role, address, office_id, case_id, person_ref, action,
                            purpose, outcome, details)
     VALUES ${rows.join(", ")} RETURNING seq`,
    params,
  );
  // The identity numbers the rows in the order of VALUES: ascending numbers, in the given order.
  const seqs = numbers.map((r) => Number(r.seq)).sort((a, b) => a - b);
  if (seqs.length !== checked.length) throw new Error("appendAudit: not every entry was written");
  return checked.map((e, i) => ({ ...e, entry: seqs[i] as number }));
}
