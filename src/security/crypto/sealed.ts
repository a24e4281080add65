/**
 * Sealed values in the database (docs/security.md requirements 9 and 20): a text column holds the
 * envelope itself (`v1.<dekId>.<nonce>.<ciphertext||tag>`, envelope.ts); a jsonb column holds
 * `{"$sealed": envelope}`, the JSON text of the value encrypted and bound to where it is stored.
 * Rows written before a field was encrypted still hold the plain value until the sealing step
 * (`openrsd migrate`, and every start of the server) replaces it; readers accept both.
 */
import type { FieldContext } from "./envelope.ts";
import type { Keyring } from "./keyring.ts";

/** The one member of a sealed jsonb value. */
export const SEALED = "$sealed";

export interface SealedJson {
  [SEALED]: string;
}

/**
 * The shape of an envelope, checked without decrypting (parseEnvelope checks it fully); also a
 * PostgreSQL regular expression, for finding values still in plain text.
 */
export const ENVELOPE_PATTERN =
  "^v1\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22,}$";
const ENVELOPE = new RegExp(ENVELOPE_PATTERN);

/** Whether `text` has the form of an envelope (not whether it decrypts). */
export function isEnvelope(text: unknown): text is string {
  return typeof text === "string" && ENVELOPE.test(text);
}

export function isSealedJson(value: unknown): value is SealedJson {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === SEALED && isEnvelope((value as SealedJson)[SEALED]);
}

/** Encrypt the JSON text of `value` for a jsonb column at `ctx`. */
export function sealJson(keyring: Keyring, value: unknown, ctx: FieldContext): SealedJson {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("only JSON values can be sealed");
  return { [SEALED]: keyring.encrypt(text, ctx) };
}

/** The value of a jsonb column: decrypted when sealed, as stored when written before sealing. */
export function openJson<T>(keyring: Keyring, stored: unknown, ctx: FieldContext): T {
  return (isSealedJson(stored) ? JSON.parse(keyring.decrypt(stored[SEALED], ctx)) : stored) as T;
}

/** A text column's value: decrypted when it is an envelope, as stored otherwise (or null). */
export function openText(keyring: Keyring, stored: string | null, ctx: FieldContext): string | null {
  return isEnvelope(stored) ? keyring.decrypt(stored, ctx) : stored;
}
