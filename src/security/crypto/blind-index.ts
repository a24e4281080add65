/**
 * Blind index: a keyed hash of an identifier (passport, alien registration number) stored next
 * to its ciphertext, so an exact-match search works without decrypting every row. Keyed, with
 * its own key (docs/security.md requirement 9): a plain hash of a passport number is reversed by trying every
 * possible number, and sharing the field key would tie two uses of one secret together.
 */
import { createHmac } from "node:crypto";
import { KEY_LENGTH } from "./aead.ts";
import { normalizeForBlindIndex } from "../../kernel/identifier-form.ts";

export { normalizeForBlindIndex };

/**
 * HMAC-SHA-256 over the kind and the normalized value, as hex. The kind is part of the input so
 * the same digits as a passport and as a residence number give unrelated indexes.
 */
export function computeBlindIndex(key: Buffer, kind: string, value: string): string {
  if (key.length !== KEY_LENGTH) throw new Error(`the blind-index key must be ${KEY_LENGTH} bytes`);
  if (kind === "") throw new TypeError("a blind index needs a kind");
  const normalized = normalizeForBlindIndex(value);
  // An index of "nothing" would be one constant shared by every empty value; refuse it.
  if (normalized === "") throw new TypeError("nothing to index after normalization");
  return createHmac("sha256", key)
    .update(JSON.stringify(["openrsd/blind-index/v1", kind, normalized]), "utf8")
    .digest("hex");
}

/**
 * A blocking key: a keyed hash of a coarse key (a name part's first letters, its phonetic code)
 * truncated to `bits`, so that many different values share each key. Unlike a blind index it
 * does not tell one value from another: it narrows a search to a block of candidates, which the
 * application decrypts and compares (docs/security.md requirement 20). With the blind-index key,
 * under a label of its own.
 */
export function computeBlockingKey(key: Buffer, kind: string, value: string, bits: number): number {
  if (key.length !== KEY_LENGTH) throw new Error(`the blind-index key must be ${KEY_LENGTH} bytes`);
  if (kind === "" || value === "") throw new TypeError("a blocking key needs a kind and a value");
  if (!Number.isInteger(bits) || bits < 1 || bits > 24) throw new RangeError("bits must be 1 to 24");
  const digest = createHmac("sha256", key)
    .update(JSON.stringify(["openrsd/blocking-key/v1", kind, value]), "utf8")
    .digest();
  return digest.readUIntBE(0, 3) >>> (24 - bits);
}
