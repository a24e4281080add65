/**
 * The stored form of a file: its plaintext cut into segments of `SEGMENT_SIZE` bytes (the last may
 * be shorter, and an empty file is one empty segment), each sealed with AES-256-GCM under the
 * file's own data key as `nonce (12) || ciphertext || tag (16)`. Each segment's additional data
 * binds the object it belongs to, its index and whether it is the last one, so a segment edited,
 * moved, dropped or cut off (or a file truncated at a segment boundary) fails to open. A byte
 * range is read by opening only the segments it covers.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { encodeAad, NONCE_LENGTH, TAG_LENGTH } from "../../security/crypto/aead.ts";

export const SEGMENT_SIZE = 64 * 1024;
/** What sealing adds to each segment. */
export const SEGMENT_OVERHEAD = NONCE_LENGTH + TAG_LENGTH;

/** A stored object could not be opened: its bytes were changed, cut, reordered or moved. */
export class IntegrityError extends Error {
  override name = "IntegrityError";
}

function segmentAad(objectId: string, index: number, final: boolean): Buffer {
  return encodeAad(["openrsd/evidence-segment/v1", objectId, index, final ? 1 : 0]);
}

export function sealSegment(
  key: Buffer,
  objectId: string,
  index: number,
  final: boolean,
  plain: Buffer,
): Buffer {
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_LENGTH });
  cipher.setAAD(segmentAad(objectId, index, final));
  const body = cipher.update(plain);
  cipher.final();
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function openSegment(
  key: Buffer,
  objectId: string,
  index: number,
  final: boolean,
  stored: Buffer,
): Buffer {
  if (stored.length < SEGMENT_OVERHEAD) throw new IntegrityError(`segment ${index} is cut short`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, stored.subarray(0, NONCE_LENGTH), {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAAD(segmentAad(objectId, index, final));
    decipher.setAuthTag(stored.subarray(stored.length - TAG_LENGTH));
    const plain = decipher.update(stored.subarray(NONCE_LENGTH, stored.length - TAG_LENGTH));
    decipher.final();
    return plain;
  } catch {
    throw new IntegrityError(`segment ${index} does not authenticate`);
  }
}

/** How many segments a plaintext of `size` bytes has (at least one). */
export function segmentCount(size: number): number {
  return Math.max(1, Math.ceil(size / SEGMENT_SIZE));
}

/** The stored size of a plaintext of `size` bytes. */
export function storedSize(size: number): number {
  return size + segmentCount(size) * SEGMENT_OVERHEAD;
}

/**
 * Seal a stream of plaintext into segments. The last segment is held back until the input ends,
 * so that it can be marked final.
 */
export function createSealer(key: Buffer, objectId: string): Transform {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let index = 0;
  let full: Buffer | null = null; // a complete segment waiting to learn whether it is the last
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(SEGMENT_SIZE - pendingLength, chunk.length - offset);
        pending.push(chunk.subarray(offset, offset + take));
        pendingLength += take;
        offset += take;
        if (pendingLength === SEGMENT_SIZE) {
          if (full) this.push(sealSegment(key, objectId, index++, false, full));
          full = Buffer.concat(pending, SEGMENT_SIZE);
          pending = [];
          pendingLength = 0;
        }
      }
      done();
    },
    flush(done: TransformCallback) {
      if (pendingLength > 0 || !full) {
        if (full) this.push(sealSegment(key, objectId, index++, false, full));
        this.push(sealSegment(key, objectId, index++, true, Buffer.concat(pending, pendingLength)));
      } else {
        this.push(sealSegment(key, objectId, index++, true, full));
      }
      done();
    },
  });
}

/** Which stored bytes hold the plaintext bytes [start, end) of a file of `size` bytes. */
export function storedRange(
  size: number,
  start: number,
  end: number,
): { first: number; last: number; from: number; to: number } {
  const count = segmentCount(size);
  const first = Math.floor(start / SEGMENT_SIZE);
  const last = end <= start ? first : Math.min(count - 1, Math.floor((end - 1) / SEGMENT_SIZE));
  const from = first * (SEGMENT_SIZE + SEGMENT_OVERHEAD);
  const to = Math.min(storedSize(size), (last + 1) * (SEGMENT_SIZE + SEGMENT_OVERHEAD));
  return { first, last, from, to };
}

/**
 * Open the stored bytes of segments `first`..`last` of a file of `size` bytes and give back the
 * plaintext bytes [start, end). Fails with IntegrityError when a segment does not authenticate or
 * the stored bytes end early or run on.
 */
export function createOpener(
  key: Buffer,
  objectId: string,
  size: number,
  range: { start: number; end: number },
): Transform {
  const count = segmentCount(size);
  const { first, last } = storedRange(size, range.start, range.end);
  let index = first;
  let buffered: Buffer[] = [];
  let bufferedLength = 0;
  const expected = (i: number) =>
    (i === count - 1 ? size - i * SEGMENT_SIZE : SEGMENT_SIZE) + SEGMENT_OVERHEAD;
  const emit = (stream: Transform, stored: Buffer) => {
    const plain = openSegment(key, objectId, index, index === count - 1, stored);
    const base = index * SEGMENT_SIZE;
    const from = Math.max(range.start - base, 0);
    const to = Math.min(range.end - base, plain.length);
    if (to > from) stream.push(plain.subarray(from, to));
    index++;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      try {
        buffered.push(chunk);
        bufferedLength += chunk.length;
        while (index <= last && bufferedLength >= expected(index)) {
          const all = buffered.length === 1 ? buffered[0]! : Buffer.concat(buffered, bufferedLength);
          const need = expected(index);
          emit(this, all.subarray(0, need));
          const rest = all.subarray(need);
          buffered = rest.length ? [rest] : [];
          bufferedLength = rest.length;
        }
        if (index > last && bufferedLength > 0) throw new IntegrityError("the stored object runs on");
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      if (index <= last) return done(new IntegrityError(`the stored object ends before segment ${index}`));
      done();
    },
  });
}
