/**
 * Reading a stored file back: the whole plaintext or a byte range (for HTTP Range), opening only
 * the segments the range covers. A quarantined file is never served; a file whose stored bytes
 * were changed fails with IntegrityError as soon as the changed segment is read.
 */
import { pipeline, type Readable } from "node:stream";
import { fileName } from "./backends/types.ts";
import { findFile, type StoredFile } from "./db.ts";
import { createOpener, storedRange } from "./segments.ts";
import type { Vault } from "./vault.ts";
import type { Queryable } from "../../store/db.ts";

/** A file the scanner found infected: kept, encrypted, never served. */
export class QuarantinedError extends Error {
  override name = "QuarantinedError";
}

export interface OpenedStream {
  file: StoredFile;
  /** The plaintext bytes [start, end). */
  stream: Readable;
  start: number;
  end: number;
}

export interface FileRef {
  officeId: string;
  fileId: string;
}

/** The stored file's row, or null. */
export async function getStoredFile(vault: Vault, ref: FileRef): Promise<StoredFile | null> {
  return (await findFile(vault.db, vault.keyring, ref.officeId, ref.fileId))?.file ?? null;
}

/**
 * The plaintext of a stored file, or of the bytes [start, end) of it (clamped to the file).
 * Null when the office holds no such file.
 */
export async function openFile(
  vault: Vault,
  ref: FileRef,
  range?: { start: number; end?: number },
  options: {
    quarantined?: "refuse" | "allow";
    /** The transaction to read the file's row in (default: the vault's own connection). */
    db?: Queryable;
  } = {},
): Promise<OpenedStream | null> {
  const found = await findFile(options.db ?? vault.db, vault.keyring, ref.officeId, ref.fileId);
  if (!found) return null;
  const { file, key } = found;
  if (file.scan === "infected" && options.quarantined !== "allow")
    throw new QuarantinedError(
      `file ${file.id} is quarantined: the virus scanner found ${file.scanDetail ?? "a threat"}`,
    );
  const start = Math.min(Math.max(0, range?.start ?? 0), file.size);
  const end = Math.max(start, Math.min(range?.end ?? file.size, file.size));
  const { from, to } = storedRange(file.size, start, end);
  const raw = await vault.store.read(fileName(file.address), from, to);
  const stream = pipeline(raw, createOpener(key, file.id, file.size, { start, end }), () => {});
  return { file, stream, start, end };
}
