/**
 * Event payloads are sealed (docs/security.md requirement 20): everything an event carries beyond
 * its type and legal date (decision reasons, interview corrections, grounds, and whatever a
 * profile's events hold) is stored as `{"$sealed": envelope}`, bound to the case, office and
 * sequence. The chain hashes the payload as stored, so `verify` needs no key for it.
 *
 * Payloads written in plain text before migration 0017 are sealed later by the sealing step as
 * `{"$sealedLater": envelope}`: their hash was computed over the plain payload and must not
 * change (signed checkpoints hold it), so verification decrypts them to check it.
 */
import { DecryptionError } from "../../security/crypto/aead.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import { isEnvelope, isSealedJson, openJson, sealJson } from "../../security/crypto/sealed.ts";
import type { StoredEvent } from "./chain-hash.ts";

export const SEALED_LATER = "$sealedLater";

export interface EventPlace {
  officeId: string;
  caseId: string;
  sequence: number;
}

/** Where an event's payload is bound. */
export function payloadField(e: EventPlace) {
  return { table: "case_events", row: `${e.officeId}/${e.caseId}/${e.sequence}`, field: "payload" };
}

/** The payload as it is stored and hashed. */
export function sealPayload(keyring: Keyring, payload: Record<string, unknown>, at: EventPlace) {
  return sealJson(keyring, payload, payloadField(at)) as unknown as Record<string, unknown>;
}

function sealedLater(payload: Record<string, unknown>): string | null {
  const keys = Object.keys(payload);
  const value = payload[SEALED_LATER];
  return keys.length === 1 && isEnvelope(value) ? value : null;
}

/** A payload written in plain text, sealed in place; its hash still covers the plain payload. */
export function sealPayloadLater(keyring: Keyring, payload: Record<string, unknown>, at: EventPlace) {
  return { [SEALED_LATER]: keyring.encrypt(JSON.stringify(payload), payloadField(at)) };
}

/** Whether a stored payload is still in plain text (written before 0017 and not yet sealed). */
export function isPlainPayload(payload: Record<string, unknown>): boolean {
  return !isSealedJson(payload) && sealedLater(payload) === null;
}

/** The event with its payload decrypted; a plain payload (written before 0017) as it is. */
export function openEvent(keyring: Keyring, e: StoredEvent): StoredEvent {
  const later = sealedLater(e.payload);
  const payload =
    later !== null
      ? (JSON.parse(keyring.decrypt(later, payloadField(e))) as Record<string, unknown>)
      : openJson<Record<string, unknown>>(keyring, e.payload, payloadField(e));
  return { ...e, payload };
}

export function openEvents(keyring: Keyring, events: readonly StoredEvent[]): StoredEvent[] {
  return events.map((e) => openEvent(keyring, e));
}

/**
 * The event as its hash was computed: as stored, except a payload sealed later, which is
 * decrypted. One that does not decrypt (changed, or moved from another event) stays sealed, so
 * that it no longer matches its hash and verification names it.
 */
export function hashedForm(keyring: Keyring | undefined, e: StoredEvent): StoredEvent {
  const later = sealedLater(e.payload);
  if (later === null) return e;
  if (!keyring) throw new Error("a payload sealed after it was hashed needs the keyring to be verified");
  try {
    return { ...e, payload: JSON.parse(keyring.decrypt(later, payloadField(e))) as Record<string, unknown> };
  } catch (err) {
    if (err instanceof DecryptionError) return e;
    throw err;
  }
}
