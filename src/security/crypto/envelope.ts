/**
 * The text form of an encrypted field: `v1.<dekId>.<nonce>.<ciphertext||tag>`, both binary parts
 * base64url. It names its data key so that old values still decrypt after rotateDataKey, and
 * its format version so that a later format can be told apart from this one.
 */
import { DecryptionError, encodeAad, fromBase64url, NONCE_LENGTH, TAG_LENGTH, type Sealed } from "./aead.ts";

export const ENVELOPE_VERSION = "v1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where a value lives; bound into the ciphertext so it cannot be moved elsewhere. */
export interface FieldContext {
  table: string;
  row: string;
  field: string;
}

export interface ParsedEnvelope extends Sealed {
  dekId: string;
}

export function formatEnvelope(dekId: string, { nonce, sealed }: Sealed): string {
  return [ENVELOPE_VERSION, dekId, nonce.toString("base64url"), sealed.toString("base64url")].join(".");
}

/** Parse strictly: anything unexpected is tampering or a bug, and must not reach the cipher. */
export function parseEnvelope(envelope: string): ParsedEnvelope {
  const parts = envelope.split(".");
  if (parts.length !== 4) throw new DecryptionError("malformed envelope");
  const [version, dekId, nonceText, sealedText] = parts as [string, string, string, string];
  if (version !== ENVELOPE_VERSION) throw new DecryptionError("unsupported envelope version");
  if (!UUID.test(dekId)) throw new DecryptionError("malformed data key id");
  const nonce = fromBase64url(nonceText);
  const sealed = fromBase64url(sealedText);
  if (nonce?.length !== NONCE_LENGTH) throw new DecryptionError("malformed nonce");
  // A short value here is most likely a truncated tag; refuse it before it reaches the cipher.
  if (!sealed || sealed.length < TAG_LENGTH) throw new DecryptionError("ciphertext or tag truncated");
  return { dekId, nonce, sealed };
}

/**
 * Binds table, row, field and the data key's id: a value copied to another row, field or table,
 * or relabelled with another key id, fails authentication.
 */
export function fieldAad(dekId: string, ctx: FieldContext): Buffer {
  return encodeAad(["openrsd/field/v1", dekId, ctx.table, ctx.row, ctx.field]);
}

export function checkContext(ctx: FieldContext): void {
  for (const part of ["table", "row", "field"] as const) {
    if (typeof ctx[part] !== "string" || ctx[part] === "") {
      throw new TypeError(`encryption context needs a non-empty ${part}`);
    }
  }
}
