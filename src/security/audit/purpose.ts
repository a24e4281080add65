/**
 * The purpose of an access record (`X-OpenRSD-Purpose`) is free text a person writes, and is
 * sealed (docs/security.md requirement 20): the log holds an envelope, bound to the account that
 * gave it (the entry's number is not known until the entry is written). The chain hashes the
 * envelope as stored, so `verify` needs no key for it.
 *
 * Purposes written in plain text before migration 0017 are sealed later by the sealing step as
 * `later:<envelope>`, bound to the entry's number: their hashes cover the plain text and must not
 * change (signed checkpoints hold them), so verification decrypts them to check.
 */
import { DecryptionError } from "../crypto/aead.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { ENVELOPE_PATTERN, isEnvelope } from "../crypto/sealed.ts";
import type { Queryable } from "../../store/db.ts";

export const PURPOSE_SEALED_LATER = "later:";

/** Where a purpose is bound: the account that gave it. */
export const purposeField = (actor: string) => ({ table: "audit_log", row: actor, field: "purpose" });

/** Where a purpose sealed later is bound: its entry. */
export const laterPurposeField = (entry: number) => ({
  table: "audit_log",
  row: String(entry),
  field: "purpose",
});

/** Seal a purpose for an access record of `actor`. */
export function sealPurpose(keyring: Keyring, actor: string, purpose: string): string {
  return keyring.encrypt(purpose, purposeField(actor));
}

function later(purpose: string | null): string | null {
  if (purpose === null || !purpose.startsWith(PURPOSE_SEALED_LATER)) return null;
  const envelope = purpose.slice(PURPOSE_SEALED_LATER.length);
  return isEnvelope(envelope) ? envelope : null;
}

/** Whether a stored purpose is still in plain text. */
export function isPlainPurpose(purpose: string | null): boolean {
  return purpose !== null && !isEnvelope(purpose) && later(purpose) === null;
}

/** A stored purpose, decrypted; one in plain text (written before 0017) as it is. */
export function openPurpose(
  keyring: Keyring,
  e: { actor: string; entry: number; purpose: string | null },
): string | null {
  const sealedLater = later(e.purpose);
  if (sealedLater !== null) return keyring.decrypt(sealedLater, laterPurposeField(e.entry));
  return isEnvelope(e.purpose) ? keyring.decrypt(e.purpose, purposeField(e.actor)) : e.purpose;
}

/**
 * The purpose as the entry's hash covers it: as stored, except one sealed later, decrypted. One
 * that does not decrypt stays as stored, so that the entry no longer matches its hash.
 */
export function hashedPurpose(
  keyring: Keyring | undefined,
  e: { entry: number; purpose: string | null },
): string | null {
  const sealedLater = later(e.purpose);
  if (sealedLater === null) return e.purpose;
  if (!keyring) throw new Error("a purpose sealed after it was hashed needs the keyring to be verified");
  try {
    return keyring.decrypt(sealedLater, laterPurposeField(e.entry));
  } catch (err) {
    if (err instanceof DecryptionError) return e.purpose;
    throw err;
  }
}

/**
 * Seal up to `limit` purposes written in plain text before migration 0017, of entries already in
 * the chain (seal the log first: an entry the sealer hashes after this would be hashed sealed).
 * The log is append-only, so this needs the owner's rights: its guard is off for this
 * transaction only. Returns how many were sealed.
 */
export async function sealPlainPurposes(tx: Queryable, keyring: Keyring, limit: number): Promise<number> {
  const rows = await tx.query<{ seq: number | string; purpose: string }>(
    `SELECT l.seq, l.purpose FROM audit_log l JOIN audit_chain c ON c.entry = l.seq
      WHERE l.purpose IS NOT NULL AND l.purpose !~ $2 AND NOT starts_with(l.purpose, $3)
      ORDER BY l.seq LIMIT $1`,
    [limit, ENVELOPE_PATTERN, PURPOSE_SEALED_LATER],
  );
  if (rows.length === 0) return 0;
  await tx.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete");
  for (const r of rows) {
    const entry = Number(r.seq);
    const sealed = PURPOSE_SEALED_LATER + keyring.encrypt(r.purpose, laterPurposeField(entry));
    await tx.query("UPDATE audit_log SET purpose = $2 WHERE seq = $1", [entry, sealed]);
  }
  await tx.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete");
  return rows.length;
}

/** Whether an entry of the log still holds a purpose in plain text. */
export async function plainPurposesLeft(db: Queryable): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM audit_log WHERE purpose IS NOT NULL AND purpose !~ $1 AND NOT starts_with(purpose, $2) LIMIT 1`,
    [ENVELOPE_PATTERN, PURPOSE_SEALED_LATER],
  );
  return rows.length > 0;
}
