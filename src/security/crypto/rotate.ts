/**
 * Key rotation without downtime (docs/security.md requirement 10). Neither operation re-encrypts data:
 * - rotateKeys: a new KEK version re-wraps every data key; the old KEK is retired. Keyrings
 *   already open keep working (the data keys themselves did not change).
 * - rotateDataKey: a new field key becomes active for new encryptions; old envelopes name their
 *   key, which stays, so they still decrypt. Open keyrings pick it up on refresh().
 */
import type { Database, Queryable } from "../../store/db.ts";
import {
  currentKek,
  insertDataKey,
  insertKek,
  lockKeys,
  readDataKeys,
  readKeks,
  unwrapDataKey,
  unwrapKek,
  wrapDataKey,
  type DataKeyPurpose,
} from "./key-store.ts";

export interface RotateKeysResult {
  kekVersion: number;
  retiredKekVersions: number[];
  /** How many data keys were re-wrapped under the new KEK. */
  rewrapped: number;
}

export async function rotateKeys(db: Database, masterKey: Buffer): Promise<RotateKeysResult> {
  // One transaction: a failure half-way leaves every data key wrapped under the old KEK.
  return db.transaction(async (tx) => {
    await lockKeys(tx);
    const keks = await readKeks(tx);
    if (keks.length === 0) throw new Error("there are no keys to rotate yet: open a keyring first");
    // Unwrap everything before writing anything, so a wrong master key fails cleanly.
    const unwrappedKeks = new Map(keks.map((row) => [row.version, unwrapKek(masterKey, row)]));
    const dataKeys = (await readDataKeys(tx)).map((row) => {
      const kek = unwrappedKeks.get(row.kek_version);
      if (!kek) throw new Error(`data key ${row.id} names a missing key-encryption key v${row.kek_version}`);
      return { row, key: unwrapDataKey(kek, row) };
    });

    const version = Math.max(...keks.map((row) => row.version)) + 1;
    const retired = keks.filter((row) => row.retired_at === null).map((row) => row.version);
    // Retire first: the schema allows one current KEK at any moment.
    await tx.query("UPDATE key_encryption_keys SET retired_at = now() WHERE retired_at IS NULL");
    const kek = await insertKek(tx, masterKey, version);
    for (const { row, key } of dataKeys) {
      await tx.query("UPDATE data_keys SET kek_version = $2, wrapped = $3 WHERE id = $1", [
        row.id,
        version,
        wrapDataKey(kek, version, row, key),
      ]);
    }
    return { kekVersion: version, retiredKekVersions: retired, rewrapped: dataKeys.length };
  });
}

export interface RotateDataKeyResult {
  /** The new active field key; envelopes made from now on name it. */
  id: string;
  kekVersion: number;
}

/**
 * A new field key, active from now on. Only field keys rotate this way: a new blind-index key
 * would make every stored index unfindable until all were recomputed.
 */
export async function rotateDataKey(db: Database, masterKey: Buffer): Promise<RotateDataKeyResult> {
  return db.transaction(async (tx) => {
    await lockKeys(tx);
    const current = currentKek(await readKeks(tx));
    if (!current) throw new Error("there is no current key-encryption key: open a keyring first");
    const { id } = await insertDataKey(tx, unwrapKek(masterKey, current), current.version, "field");
    return { id, kekVersion: current.version };
  });
}

export interface KeyStatus {
  /** The current KEK version, or null before the first keyring was opened. */
  kekVersion: number | null;
  keks: { version: number; createdAt: string; retiredAt: string | null }[];
  dataKeys: { id: string; purpose: DataKeyPurpose; kekVersion: number; createdAt: string; active: boolean }[];
}

/** For an admin screen: which keys exist and which are in use. Reads no key material at all. */
export async function keyStatus(db: Queryable): Promise<KeyStatus> {
  const keks = await db.query<{ version: number; created_at: string; retired_at: string | null }>(
    "SELECT version, created_at, retired_at FROM key_encryption_keys ORDER BY version",
  );
  const dataKeys = await db.query<{
    id: string;
    purpose: DataKeyPurpose;
    kek_version: number;
    created_at: string;
    active: boolean;
  }>("SELECT id, purpose, kek_version, created_at, active FROM data_keys ORDER BY created_at, id");
  return {
    kekVersion: keks.find((row) => row.retired_at === null)?.version ?? null,
    keks: keks.map((row) => ({ version: row.version, createdAt: row.created_at, retiredAt: row.retired_at })),
    dataKeys: dataKeys.map((row) => ({
      id: row.id,
      purpose: row.purpose,
      kekVersion: row.kek_version,
      createdAt: row.created_at,
      active: row.active,
    })),
  };
}
