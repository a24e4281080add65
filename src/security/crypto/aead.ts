/**
 * AES-256-GCM, the one cipher used for both field values and wrapped keys (docs/security.md requirement 9).
 * Everything that calls Node's cipher goes through here, so the rules are kept in one place:
 * 32-byte keys, a fresh random 12-byte nonce per call, and a full 16-byte tag, checked.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const KEY_LENGTH = 32;
export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;
const ALGORITHM = "aes-256-gcm";

/**
 * Something could not be decrypted: a changed or truncated ciphertext, a value moved to another
 * row or field, or a key that does not fit. The message names where, never what (no plaintext,
 * no key material, not even the envelope).
 */
export class DecryptionError extends Error {
  override name = "DecryptionError";
}

export interface Sealed {
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte tag. */
  sealed: Buffer;
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  checkKey(key);
  // Random, never a counter: several processes encrypt with the same key and share no state.
  // 2^32 encryptions per key keep the collision risk negligible; rotateDataKey long before that.
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_LENGTH });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, sealed: Buffer.concat([ciphertext, cipher.getAuthTag()]) };
}

export function open(key: Buffer, nonce: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  checkKey(key);
  if (nonce.length !== NONCE_LENGTH) throw new DecryptionError("wrong nonce length");
  if (sealed.length < TAG_LENGTH) throw new DecryptionError("ciphertext shorter than its tag");
  const cut = sealed.length - TAG_LENGTH;
  return openDetached(key, nonce, sealed.subarray(0, cut), sealed.subarray(cut), aad);
}

/** Decrypt with a separate tag. Exported so the tag-length rule can be tested on its own. */
export function openDetached(
  key: Buffer,
  nonce: Buffer,
  ciphertext: Buffer,
  tag: Buffer,
  aad: Buffer,
): Buffer {
  checkKey(key);
  // Node 20 accepts a tag as short as 4 bytes unless told otherwise, and a forger needs far
  // fewer tries against a short tag. authTagLength makes Node refuse it; checking here too
  // means the rule does not depend on one option staying in place.
  if (tag.length !== TAG_LENGTH) throw new DecryptionError(`authentication tag must be ${TAG_LENGTH} bytes`);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_LENGTH });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    // Node's message ("unable to authenticate data") adds nothing; the caller adds where.
    throw new DecryptionError("authentication failed");
  }
}

/**
 * Additional data as JSON of a fixed-shape array: unambiguous (no field can run into the next,
 * as "a.b"+"c" vs "a"+"b.c" could) and readable when debugging.
 */
export function encodeAad(parts: readonly (string | number)[]): Buffer {
  return Buffer.from(JSON.stringify(parts), "utf8");
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Strict base64url: Buffer.from would silently skip stray characters and accept anything. */
export function fromBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_LENGTH) throw new Error(`AES-256 needs a ${KEY_LENGTH}-byte key`);
}
