/**
 * Writing a person's identity-matching blocking keys (keys.ts), hashed with the keyring's
 * blind-index key and truncated to MATCH_BLOCK_BITS bits. Called wherever a person's names are
 * sealed: registration, the sealing of rows written in plain text, and the backfill of persons
 * registered before migration 0043 or whose keys an earlier version of keys.ts made.
 */
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Queryable } from "../../store/db.ts";
import { MATCH_BLOCK_BITS, MATCH_KEYS_VERSION, queryMatchKeys, storedMatchKeys } from "./keys.ts";
import type { MatchRecord } from "./score.ts";

const hashed = (keyring: Keyring, keys: readonly string[]) =>
  [...new Set(keys.map((k) => keyring.blockingKey("match", k, MATCH_BLOCK_BITS)))].sort((a, b) => a - b);

/** What marks a person's stored keys as made by this version of keys.ts (no hash is negative). */
export const MATCH_KEYS_MARK = -MATCH_KEYS_VERSION;

/** The stored numbers of a person's keys, with the version's mark. */
export const storedMatchBlocks = (keyring: Keyring, r: MatchRecord) => [
  MATCH_KEYS_MARK,
  ...hashed(keyring, storedMatchKeys(r)),
];
/** The numbers a query for a person's earlier records asks. */
export const queryMatchBlocks = (keyring: Keyring, r: MatchRecord) => hashed(keyring, queryMatchKeys(r));

export async function writeMatchBlocks(
  db: Queryable,
  keyring: Keyring,
  personId: string,
  r: MatchRecord,
): Promise<void> {
  await db.query(
    `INSERT INTO person_match_blocks (person_id, blocks) VALUES ($1, $2)
     ON CONFLICT (person_id) DO UPDATE SET blocks = EXCLUDED.blocks`,
    [personId, storedMatchBlocks(keyring, r)],
  );
}
