/**
 * The wrapped keys in the database (migration 0002_keys): reading them, adding them, and the
 * wrapping itself. Shared by the keyring (which unwraps) and rotation (which re-wraps).
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Queryable } from "../../store/db.ts";
import { DecryptionError, encodeAad, fromBase64url, KEY_LENGTH, NONCE_LENGTH, open, seal } from "./aead.ts";

export type DataKeyPurpose = "field" | "blind_index";

export interface KekRow {
  version: number;
  wrapped: string;
  created_at: string;
  retired_at: string | null;
}

export interface DataKeyRow {
  id: string;
  purpose: DataKeyPurpose;
  kek_version: number;
  wrapped: string;
  created_at: string;
  active: boolean;
}

// Any constant, distinct from the migration lock: serializes key creation and rotation across
// processes, so two servers starting at once do not both create "the first" key.
const KEYS_LOCK = 7_040_137_210;

export async function lockKeys(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [KEYS_LOCK]);
}

export async function readKeks(q: Queryable): Promise<KekRow[]> {
  return q.query<KekRow>(
    "SELECT version, wrapped, created_at, retired_at FROM key_encryption_keys ORDER BY version",
  );
}

export async function readDataKeys(q: Queryable): Promise<DataKeyRow[]> {
  return q.query<DataKeyRow>(
    "SELECT id, purpose, kek_version, wrapped, created_at, active FROM data_keys ORDER BY created_at, id",
  );
}

/** The KEK that wraps new and re-wrapped data keys. */
export function currentKek(keks: readonly KekRow[]): KekRow | undefined {
  return keks.find((kek) => kek.retired_at === null);
}

/** Create KEK `version`, wrapped by the master key; returns the unwrapped KEK. */
export async function insertKek(tx: Queryable, masterKey: Buffer, version: number): Promise<Buffer> {
  const kek = randomBytes(KEY_LENGTH);
  await tx.query("INSERT INTO key_encryption_keys (version, wrapped) VALUES ($1, $2)", [
    version,
    wrapKey(masterKey, kek, kekAad(version)),
  ]);
  return kek;
}

/** Create a data key wrapped by the given KEK; it becomes the active key for its purpose. */
export async function insertDataKey(
  tx: Queryable,
  kek: Buffer,
  kekVersion: number,
  purpose: DataKeyPurpose,
): Promise<{ id: string; key: Buffer }> {
  const id = randomUUID();
  const key = randomBytes(KEY_LENGTH);
  // Deactivate first: the unique index allows one active key per purpose at any moment.
  await tx.query("UPDATE data_keys SET active = false WHERE purpose = $1 AND active", [purpose]);
  await tx.query(
    "INSERT INTO data_keys (id, purpose, kek_version, wrapped, active) VALUES ($1, $2, $3, $4, true)",
    [id, purpose, kekVersion, wrapKey(kek, key, dekAad(id, purpose, kekVersion))],
  );
  return { id, key };
}

export function unwrapKek(masterKey: Buffer, row: KekRow): Buffer {
  return unwrapKey(masterKey, row.wrapped, kekAad(row.version), () => {
    return (
      `key-encryption key v${row.version} does not unwrap with this master key ` +
      `(a different OPENRSD_MASTER_KEY or key file than the one this database was set up with?)`
    );
  });
}

export function unwrapDataKey(kek: Buffer, row: DataKeyRow): Buffer {
  return unwrapKey(kek, row.wrapped, dekAad(row.id, row.purpose, row.kek_version), () => {
    return `data key ${row.id} does not unwrap with key-encryption key v${row.kek_version} (the row was changed?)`;
  });
}

export function wrapDataKey(kek: Buffer, kekVersion: number, row: DataKeyRow, key: Buffer): string {
  return wrapKey(kek, key, dekAad(row.id, row.purpose, kekVersion));
}

// The additional data names what is wrapped: a wrapped key swapped into another row (another
// version, id or purpose) fails to unwrap instead of silently standing in for it.
function kekAad(version: number): Buffer {
  return encodeAad(["openrsd/kek/v1", version]);
}

function dekAad(id: string, purpose: DataKeyPurpose, kekVersion: number): Buffer {
  return encodeAad(["openrsd/dek/v1", id, purpose, kekVersion]);
}

const WRAP_VERSION = "w1";

/** `w1.<nonce>.<ciphertext||tag>`, base64url, AES-256-GCM like the fields. */
function wrapKey(wrappingKey: Buffer, key: Buffer, aad: Buffer): string {
  const { nonce, sealed } = seal(wrappingKey, key, aad);
  return [WRAP_VERSION, nonce.toString("base64url"), sealed.toString("base64url")].join(".");
}

function unwrapKey(wrappingKey: Buffer, wrapped: string, aad: Buffer, failure: () => string): Buffer {
  const [version, nonceText, sealedText, extra] = wrapped.split(".");
  const nonce = fromBase64url(nonceText ?? "");
  const sealed = fromBase64url(sealedText ?? "");
  if (version !== WRAP_VERSION || extra !== undefined || nonce?.length !== NONCE_LENGTH || !sealed) {
    throw new DecryptionError(failure());
  }
  let key: Buffer;
  try {
    key = open(wrappingKey, nonce, sealed, aad);
  } catch {
    throw new DecryptionError(failure());
  }
  if (key.length !== KEY_LENGTH) throw new DecryptionError(failure());
  return key;
}
