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
