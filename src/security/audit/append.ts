/**
 * Appending to the audit log (SECURITY 12, 13). Every append runs inside the caller's
 * transaction, so the entry commits with the action it records, and if the audit write fails
 * the action fails with it.
 *
 * An append is one INSERT into `audit_log` and takes no lock: the entry gets its number from an
 * identity, and the id of the caller's transaction (`txid`). Appends in different transactions
 * therefore never wait for each other, and their commits can share a WAL flush. On the `tx` of
 * `Database.transaction` the INSERT is sent with the COMMIT, in its round trip (`beforeCommit`):
 * if it fails, nothing of the transaction commits and `transaction` rejects; until then the
 * entry is only in the transaction's memory, like every other statement the transaction has not
 * committed. The entry gets its place in the hash chain, and its hash, when the sealer (seal.ts)
 * links it, in a transaction of its own once the caller's has committed; `verifyAudit` seals
 * first, and reports any committed entry it cannot seal.
 */
import type { Queryable } from "../../store/db.ts";
import { normalizeAuditInput, type AuditContent, type AuditInput } from "./chain.ts";

/**
 * The advisory lock that serializes sealing (and, before migration 0012, every append). The
 * two-key form: PostgreSQL keeps it apart from the single bigint keys (the migration lock, the
 * case chain locks).
 */
export const AUDIT_LOCK_KEYS = [7_040_137, 3] as const;

/** The columns of `audit_log` an append writes, in the order of `auditRow`'s values. */
export const AUDIT_LOG_COLUMNS = [
  "at",
  "actor",
  "actor_role",
  "address",
  "office_id",
  "case_id",
  "person_ref",
  "action",
  "purpose",
  "outcome",
  "details",
] as const;

const INSERT = `INSERT INTO audit_log (${AUDIT_LOG_COLUMNS.join(", ")})`;

export type AuditColumn = (typeof AUDIT_LOG_COLUMNS)[number];

/**
 * An entry's values as `audit_log` stores them, by column (details as JSON text). Every way of
 * writing an entry goes through this, including a statement that writes its entry alongside what
 * it records (the case read, src/cases/db/read.ts).
 */
export function auditRow(e: AuditContent): Record<AuditColumn, string | null> {
  return {
    at: e.at,
    actor: e.actor,
    actor_role: e.actorRole,
    address: e.address,
    office_id: e.officeId,
    case_id: e.caseId,
    person_ref: e.personRef,
    action: e.action,
    purpose: e.purpose,
    outcome: e.outcome,
    details: JSON.stringify(e.details),
  };
}

/** Append one entry inside the caller's transaction; returns it as it is written. */
export async function appendAudit(tx: Queryable, entry: AuditInput): Promise<AuditContent> {
  const [stored] = await appendAuditBatch(tx, [entry]);
  if (!stored) throw new Error("appendAudit: nothing was appended");
  return stored;
}

/**
 * Append entries in the given order (increasing numbers, so the sealer chains them in this
 * order), in one statement, inside the caller's transaction.
 */
export async function appendAuditBatch(tx: Queryable, entries: AuditInput[]): Promise<AuditContent[]> {
  if (entries.length === 0) return [];
  const checked = entries.map((entry) => normalizeAuditInput(entry));

  // Outside a transaction the entry would not share the action's fate; only the `tx` of
  // `db.transaction` will do.
  if (tx.inTransaction !== true) {
    throw new Error("appendAudit must run inside the caller's transaction (db.transaction)");
  }
  const values = checked.map((e) => {
    const row = auditRow(e);
    return AUDIT_LOG_COLUMNS.map((column) => row[column]);
  });
  if (tx.beforeCommit) {
    // In the commit's round trip: the values as literals (a statement sent with COMMIT takes no
    // parameters). They are checked above: strings without NUL, JSON from canonicalize.
    tx.beforeCommit(`${INSERT} VALUES ${values.map((row) => `(${row.map(literal).join(", ")})`).join(", ")}`);
  } else {
    const width = values[0]?.length ?? 0;
    const rows = values.map(
      (_, i) => `(${Array.from({ length: width }, (_, k) => `$${i * width + k + 1}`).join(", ")})`,
    );
    await tx.query(`${INSERT} VALUES ${rows.join(", ")}`, values.flat());
  }
  return checked;
}

/**
 * A string as an SQL literal, whatever `standard_conforming_strings` says (as `pg`'s
 * `escapeLiteral`): quotes doubled, and backslashes doubled inside an E'' string.
 */
export function literal(value: string | null): string {
  if (value === null) return "NULL";
  const quoted = value.replace(/'/g, "''");
  return value.includes("\\") ? `E'${quoted.replace(/\\/g, "\\\\")}'` : `'${quoted}'`;
}
