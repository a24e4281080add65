/**
 * Storing a file: its plaintext streams through the inspector (hash, size, type, scanner) and the
 * sealer into a temporary object under a fresh data key; once the SHA-256 is known the object
 * takes its address (a keyed hash of the office and the SHA-256) and its row is written. If the
 * office already holds the same content, that stored file is kept and returned instead.
 */
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { v7 as uuidv7 } from "uuid";
import { KEY_LENGTH } from "../../security/crypto/aead.ts";
import { fileName, tempName } from "./backends/types.ts";
import { findFileByAddress, insertFile, updateScan, type StoredFile } from "./db.ts";
import { Inspector } from "./inspect.ts";
import { createSealer, SEGMENT_SIZE } from "./segments.ts";
import type { Vault } from "./vault.ts";

export interface PutFileInput {
  officeId: string;
  /** The plaintext. It is read to its end, or destroyed when the file is refused. */
  stream: Readable;
  /** The length the client announced, when it did: refused at once when over the limit. */
  declaredLength?: number;
  /** Who stored it (a username), for the row. */
  storedBy: string;
}

export interface PutFileResult {
  file: StoredFile;
  /** The office already held this content: the existing stored file is returned. */
  deduplicated: boolean;
}

/** The stored object's name for this office's content: reveals nothing, unrelated across offices. */
export function addressOf(vault: Vault, officeId: string, sha256: string): string {
  return vault.keyring.keyedDigest("evidence-file-address", `${officeId}\n${sha256}`);
}

/** Throws FileRefused (too large, refused type); anything else is a fault. */
export async function putFile(vault: Vault, input: PutFileInput): Promise<PutFileResult> {
  const id = uuidv7();
  const key = randomBytes(KEY_LENGTH);
  const temp = tempName(id);
  const writer = vault.store.createTemp(temp);
  const scan = vault.scanner.start();
  const inspector = new Inspector({
    limitFor: vault.limitFor,
    maxAny: vault.maxAny,
    ...(input.declaredLength !== undefined ? { declaredLength: input.declaredLength } : {}),
    scan,
  });
  try {
    await pipeline(input.stream, inspector, createSealer(key, id), writer.stream);
    await writer.done();
  } catch (err) {
    scan.abort();
    await writer.discard();
    throw err;
  }
  const seen = inspector.result();
  const verdict = await scan.finish();
  const address = addressOf(vault, input.officeId, seen.sha256);
  const file: StoredFile = {
    officeId: input.officeId,
    id,
    address,
    sha256: seen.sha256,
    size: seen.size,
    mediaType: seen.mediaType,
    scan: verdict.verdict,
    scanDetail: verdict.detail,
    segmentSize: SEGMENT_SIZE,
    backend: vault.store.kind,
    storedAt: vault.clock().toISOString(),
    storedBy: input.storedBy,
  };
  try {
    const existing = await vault.db.transaction(async (tx) => {
      // One writer per address at a time, so that two uploads of the same content in one office
      // cannot both name an object.
      await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [address]);
      const found = await findFileByAddress(tx, vault.keyring, input.officeId, address);
      if (found) {
        if (found.file.scan === "not_scanned" && verdict.verdict !== "not_scanned") {
          await updateScan(tx, input.officeId, found.file.id, verdict);
          return { ...found.file, scan: verdict.verdict, scanDetail: verdict.detail };
        }
        return found.file;
      }
      await vault.store.promote(temp, fileName(address));
      await insertFile(tx, vault.keyring, file, key);
      return null;
    });
    if (existing) {
      await vault.store.remove(temp);
      return { file: existing, deduplicated: true };
    }
    return { file, deduplicated: false };
  } catch (err) {
    await vault.store.remove(temp).catch(() => {});
    throw err;
  }
}
