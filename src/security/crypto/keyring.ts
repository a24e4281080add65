/**
 * The keyring: the unwrapped data keys, held in memory for the life of the process, and the
 * operations on sensitive fields (docs/security.md requirements 9, 10). Opening it creates the first KEK and data
 * keys of a new database, so no set-up step can be forgotten.
 */
import { createHmac } from "node:crypto";
import type { Database, Queryable } from "../../store/db.ts";
import { DecryptionError, KEY_LENGTH, open, seal } from "./aead.ts";
import { computeBlindIndex, computeBlockingKey } from "./blind-index.ts";
import { checkContext, fieldAad, formatEnvelope, parseEnvelope, type FieldContext } from "./envelope.ts";
import {
  currentKek,
  insertDataKey,
  insertKek,
  lockKeys,
  readDataKeys,
  readKeks,
  unwrapDataKey,
  unwrapKek,
  type DataKeyPurpose,
  type KekRow,
} from "./key-store.ts";

export type { FieldContext } from "./envelope.ts";

interface KeyringState {
  kekVersion: number;
  activeFieldKeyId: string;
  activeFieldKey: Buffer;
  /** Every field key, active or not: old envelopes name the key they were made with. */
  fieldKeys: ReadonlyMap<string, Buffer>;
  blindIndexKey: Buffer;
}

// A lone surrogate would be encoded as U+FFFD, and the value would decrypt to something else.
const LONE_SURROGATE = /\p{Cs}/u;

export class Keyring {
  // Private fields (#) are not shown by console.log or util.inspect and not copied by
  // JSON.stringify or object spread: a keyring that ends up in a log line leaks no key.
  #state: KeyringState;
  readonly #db: Database;
  readonly #masterKey: Buffer;

  private constructor(db: Database, masterKey: Buffer, state: KeyringState) {
    this.#db = db;
    this.#masterKey = masterKey;
    this.#state = state;
  }

  /** Load the keys, creating the first KEK and data keys if the database has none. */
  static async open(db: Database, masterKey: Buffer): Promise<Keyring> {
    return new Keyring(db, masterKey, await loadState(db, masterKey));
  }

  /** The KEK version that wrapped the keys when they were loaded. */
  get kekVersion(): number {
    return this.#state.kekVersion;
  }

  /** The data key new encryptions use (its id appears in their envelopes). */
  get activeDataKeyId(): string {
    return this.#state.activeFieldKeyId;
  }

  /** Encrypt one field value into an envelope bound to where it will be stored. */
  encrypt(plaintext: string, ctx: FieldContext): string {
    checkContext(ctx);
    if (typeof plaintext !== "string") throw new TypeError("only strings can be encrypted");
    if (LONE_SURROGATE.test(plaintext)) {
      throw new TypeError("the value is not well-formed Unicode (it has a lone surrogate)");
    }
    const { activeFieldKeyId: id, activeFieldKey: key } = this.#state;
    return formatEnvelope(id, seal(key, Buffer.from(plaintext, "utf8"), fieldAad(id, ctx)));
  }

  /** Decrypt an envelope read from `ctx`; throws DecryptionError if it was changed or moved. */
  decrypt(envelope: string, ctx: FieldContext): string {
    checkContext(ctx);
    try {
      if (typeof envelope !== "string") throw new DecryptionError("not an envelope");
      const { dekId, nonce, sealed } = parseEnvelope(envelope);
      const key = this.#state.fieldKeys.get(dekId);
      if (!key) {
        throw new DecryptionError(
          `unknown data key ${dekId} (made after this keyring was loaded? refresh it)`,
        );
      }
      return open(key, nonce, sealed, fieldAad(dekId, ctx)).toString("utf8");
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      // Where, and why, for whoever investigates; never the value or the envelope.
      throw new DecryptionError(`cannot decrypt ${ctx.table}.${ctx.field} of row ${ctx.row}: ${err.message}`);
    }
  }

  /** Keyed hash for exact-match search; see blind-index.ts. */
  blindIndex(kind: string, value: string): string {
    return computeBlindIndex(this.#state.blindIndexKey, kind, value);
  }

  /** A keyed blocking key of `bits` bits, shared by many values; see blind-index.ts. */
  blockingKey(kind: string, value: string, bits: number): number {
    return computeBlockingKey(this.#state.blindIndexKey, kind, value, bits);
  }

  /**
   * Keyed hash of any text, not normalized, for telling two requests apart without storing
   * them (e.g. the body behind an Idempotency-Key). Separate from blind indexes by its label.
   */
  keyedDigest(purpose: string, text: string): string {
    if (purpose === "") throw new TypeError("a keyed digest needs a purpose");
    return createHmac("sha256", this.#state.blindIndexKey)
      .update(JSON.stringify(["openrsd/keyed-digest/v1", purpose, text]), "utf8")
      .digest("hex");
  }

  /**
   * Reload the keys, after rotateDataKey or rotateKeys (here or in another process): new
   * encryptions then use the new active key, and envelopes made with it decrypt here.
   */
  async refresh(): Promise<void> {
    this.#state = await loadState(this.#db, this.#masterKey);
  }

  /** What a log line may show of a keyring. */
  toJSON(): { kekVersion: number; activeDataKeyId: string } {
    return { kekVersion: this.kekVersion, activeDataKeyId: this.activeDataKeyId };
  }
}

export function openKeyring(db: Database, masterKey: Buffer): Promise<Keyring> {
  return Keyring.open(db, masterKey);
}

async function loadState(db: Database, masterKey: Buffer): Promise<KeyringState> {
  if (masterKey.length !== KEY_LENGTH) throw new Error(`the master key must be ${KEY_LENGTH} bytes`);
  return db.transaction(async (tx) => {
    // Locked, so that two processes opening a new database create one set of keys, not two.
    await lockKeys(tx);
    const kek = await ensureCurrentKek(tx, masterKey);
    const kekKey = unwrapKek(masterKey, kek);
    let rows = await readDataKeys(tx);
    for (const purpose of ["field", "blind_index"] as const satisfies readonly DataKeyPurpose[]) {
      if (!rows.some((row) => row.purpose === purpose && row.active)) {
        await insertDataKey(tx, kekKey, kek.version, purpose);
      }
    }
    rows = await readDataKeys(tx);

    // After rotateKeys every data key is under the current KEK; unwrap older ones only if a
    // row still names them.
    const keks = new Map<number, Buffer>([[kek.version, kekKey]]);
    const kekRows = await readKeks(tx);
    const kekFor = (version: number): Buffer => {
      const cached = keks.get(version);
      if (cached) return cached;
      const row = kekRows.find((candidate) => candidate.version === version);
      if (!row) throw new Error(`key-encryption key v${version} is missing`);
      const unwrapped = unwrapKek(masterKey, row);
      keks.set(version, unwrapped);
      return unwrapped;
    };

    const fieldKeys = new Map<string, Buffer>();
    let active: { id: string; key: Buffer } | undefined;
    let blindIndexKey: Buffer | undefined;
    for (const row of rows) {
      if (row.purpose === "field") {
        const key = unwrapDataKey(kekFor(row.kek_version), row);
        fieldKeys.set(row.id, key);
        if (row.active) active = { id: row.id, key };
      } else if (row.active) {
        blindIndexKey = unwrapDataKey(kekFor(row.kek_version), row);
      }
    }
    // Unreachable after the inserts above, unless the rows changed under the lock.
    if (!active || !blindIndexKey) throw new Error("the database has no active data keys");
    return {
      kekVersion: kek.version,
      activeFieldKeyId: active.id,
      activeFieldKey: active.key,
      fieldKeys,
      blindIndexKey,
    };
  });
}

async function ensureCurrentKek(tx: Queryable, masterKey: Buffer): Promise<KekRow> {
  let keks = await readKeks(tx);
  if (keks.length === 0) {
    await insertKek(tx, masterKey, 1);
    keks = await readKeks(tx);
  }
  const kek = currentKek(keks);
  if (!kek) throw new Error("every key-encryption key is retired; the key tables were changed by hand");
  return kek;
}
