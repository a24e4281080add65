/**
 * The parts of a resumable upload: each PATCH's bytes, sealed under the upload's own data key in
 * a temporary object of their own (nothing of a file is ever written in clear). When the last
 * byte has arrived, the parts are read back in order, opened and streamed into the vault as one
 * file, so the SHA-256, type and scan are those of the whole file even when the server restarted
 * between two parts.
 */
import { randomBytes } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { tempName } from "../vault/backends/types.ts";
import { HEAD_BYTES } from "../vault/detect.ts";
import { createOpener, createSealer } from "../vault/segments.ts";
import type { Vault } from "../vault/vault.ts";
import type { UploadPart, UploadRow } from "./db.ts";

/** More bytes than the upload has room for. */
export class PartOverflow extends Error {
  override name = "PartOverflow";
}

/** Checks a file's first bytes (and whether they are all of it); throws to refuse the file. */
export type HeadCheck = (head: Buffer, complete: boolean) => Promise<void>;

/**
 * Counts what passes, refusing more than `max` bytes; with `check`, hands it the first
 * HEAD_BYTES as soon as they have passed (or all the bytes, when they are fewer and complete).
 */
function counter(max: number, check?: HeadCheck): Transform & { count: number } {
  let head: Buffer[] = [];
  let headLength = 0;
  let checked = check === undefined;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      t.count += chunk.length;
      if (t.count > max)
        return done(new PartOverflow(`the body runs past Upload-Length by ${t.count - max} bytes`));
      if (checked) return done(null, chunk);
      head.push(Buffer.from(chunk.subarray(0, HEAD_BYTES - headLength)));
      headLength = Math.min(HEAD_BYTES, headLength + chunk.length);
      if (headLength < HEAD_BYTES) return done(null, chunk);
      checked = true;
      check!(Buffer.concat(head, headLength), false).then(() => done(null, chunk), done);
      head = [];
    },
    flush(done: TransformCallback) {
      if (checked || t.count < max) return done();
      check!(Buffer.concat(head, headLength), true).then(() => done(), done);
    },
  }) as Transform & { count: number };
  t.count = 0;
  return t;
}

/**
 * Store the bytes of `stream` (at most `max`) as a new part starting at `start`; with `check`,
 * the part holds the file's first bytes, which `check` may refuse before the rest is stored.
 */
export async function writePart(
  vault: Vault,
  upload: UploadRow,
  start: number,
  stream: Readable,
  max: number,
  check?: HeadCheck,
): Promise<UploadPart> {
  const name = tempName(`${upload.id}-${start}-${randomBytes(6).toString("hex")}`);
  const writer = vault.store.createTemp(name);
  const count = counter(max, check);
  try {
    await pipeline(stream, count, createSealer(upload.tempKey, name), writer.stream);
    await writer.done();
  } catch (err) {
    await writer.discard();
    throw err;
  }
  return { name, start, length: count.count };
}

/** The upload's plaintext, part after part. */
export function readParts(vault: Vault, upload: UploadRow): Readable {
  async function* chunks() {
    let expected = 0;
    for (const part of upload.parts) {
      if (part.start !== expected)
        throw new Error(`upload ${upload.id}: a part is missing at byte ${expected}`);
      const raw = await vault.store.read(part.name);
      const opener = createOpener(upload.tempKey, part.name, part.length, { start: 0, end: part.length });
      raw.pipe(opener);
      raw.on("error", (err) => opener.destroy(err));
      try {
        for await (const chunk of opener) yield chunk as Buffer;
      } finally {
        raw.destroy();
      }
      expected += part.length;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Remove the upload's temporary parts (after it completed, or was refused). */
export async function removeParts(vault: Vault, parts: readonly UploadPart[]): Promise<void> {
  for (const part of parts) await vault.store.remove(part.name).catch(() => {});
}
