/**
 * The audit log's entries and their hash chain (SECURITY 13), built like the case event chain
 * (src/store/chain-hash.ts): each entry's hash is SHA-256 over the previous hash, a newline and
 * the RFC 8785 canonical JSON of the entry without its hashes. The entry's place in the chain is
 * hashed too (as `seq`), so an entry moved to another place no longer matches its hash; and so
 * is the entry's own number in the log (`entry`) where it differs from its place.
 *
 * An entry is written in two steps (see append.ts and seal.ts): the caller's transaction inserts
 * it into `audit_log`, where it gets its number; the sealer then gives it its place in the chain
 * (`audit_chain`) and its hash. Entries written before migration 0012 have the same number and
 * place, and their hashes are unchanged.
 *
 * Entries carry ids and keyed hashes, never personal data (names, identifiers, claim facts):
 * erasing a person's data then never requires changing an entry, and the chain stays intact.
 * `normalizeAuditInput` enforces what it can: short strings, identifier-like keys, a uuid case
 * id, a person reference that looks like a keyed hash rather than a name.
 */
import { createHash, createHmac } from "node:crypto";
import { canonicalize } from "../../store/canonical.ts";

export const GENESIS_HASH = "0".repeat(64);

export type AuditOutcome = "ok" | "denied" | "failed";
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ["ok", "denied", "failed"];

export type AuditDetailValue = string | number | boolean | null | AuditDetailValue[] | AuditDetails;
export interface AuditDetails {
  [key: string]: AuditDetailValue;
}

/** What a caller records. */
export interface AuditInput {
  /** An ISO instant with a zone (default: now); stored and hashed as `toISOString()`. */
  at?: string | Date;
  /** Account id or username (for a failed login, the name that was tried). */
  actor: string;
  actorRole: string;
  /** The client's IP address ("local" for the command line). */
  address: string;
  officeId?: string | null;
  caseId?: string | null;
  /** A keyed hash of the person (see `keyedPersonRef`), never a name. */
  personRef?: string | null;
  /** Dotted, lower case: case.read, case.event.record, person.create, export.refused, login.failed. */
  action: string;
  /**
   * The task or reason, where the role requires one: sealed by the application (purpose.ts), as
   * the free text a person writes is (docs/security.md requirement 20).
   */
  purpose?: string | null;
  outcome: AuditOutcome;
  /** Ids only (document ids, event sequence numbers, error codes). */
  details?: AuditDetails;
}

/** What an entry says: every field present, absent ones as null. */
export interface AuditContent {
  at: string;
  actor: string;
  actorRole: string;
  address: string;
  officeId: string | null;
  caseId: string | null;
  personRef: string | null;
  action: string;
  purpose: string | null;
  outcome: AuditOutcome;
  details: AuditDetails;
}

/** An entry as hashed: its content, its number in the log and its place in the chain. */
export interface AuditEntry extends AuditContent {
  /** The entry's number (`audit_log.seq`): unique, in the order entries were written, with gaps. */
  entry: number;
  /** The place in the chain (`audit_chain.seq`): 1, 2, 3 … without gaps. */
  seq: number;
}

export interface StoredAuditEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

export function hashAuditEntry(prevHash: string, entry: AuditEntry): string {
  const canonical = canonicalize({
    seq: entry.seq,
    // Only where it differs from the place, so that entries from before migration 0012 (number
    // and place equal) keep the hash they were written with.
    ...(entry.entry === entry.seq ? {} : { entry: entry.entry }),
    at: entry.at,
    actor: entry.actor,
    actorRole: entry.actorRole,
    address: entry.address,
    officeId: entry.officeId,
    caseId: entry.caseId,
    personRef: entry.personRef,
    action: entry.action,
    purpose: entry.purpose,
    outcome: entry.outcome,
    details: entry.details,
  });
  return createHash("sha256").update(`${prevHash}\n${canonical}`).digest("hex");
}

/** A person reference for the audit log: HMAC-SHA-256 of the person id under a key of its own. */
export function keyedPersonRef(key: Uint8Array, personId: string): string {
  if (key.length < 32) throw new Error("the person reference key must have at least 32 bytes");
  return createHmac("sha256", key).update(personId.toLowerCase()).digest("hex");
}

/** The longest string allowed anywhere in `details`: room for ids and codes, not for prose. */
export const MAX_DETAIL_STRING = 200;
/** The longest purpose: room for the envelope of a sealed purpose of 200 characters. */
export const MAX_PURPOSE = 2000;
const MAX_DETAILS_JSON = 4096;
const MAX_DETAILS_DEPTH = 4;
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Hex or base64(url) of a MAC, optionally with a key-version prefix ("v2:…"); no spaces, so no names.
const PERSON_REF = /^(?:[a-z0-9]{1,16}:)?[A-Za-z0-9+/_=-]{32,128}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Check an input and give it the exact shape that is stored, read back and hashed. */
export function normalizeAuditInput(input: AuditInput): AuditContent {
  const fail = (message: string): never => {
    throw new Error(`invalid audit entry (${input.action}): ${message}`);
  };
  const text = (name: string, value: unknown, max: number): string => {
    if (typeof value !== "string" || value.length === 0) return fail(`${name} must be a non-empty string`);
    if (value.length > max) return fail(`${name} is longer than ${max} characters`);
    if (!wellFormed(value)) return fail(`${name} contains NUL or an unpaired surrogate`);
    return value;
  };
  const optional = (name: string, value: unknown, max: number): string | null =>
    value === undefined || value === null ? null : text(name, value, max);

  const action = text("action", input.action, 100);
  if (!ACTION.test(action)) fail("action must be dotted lower-case words, e.g. case.read");
  if (!AUDIT_OUTCOMES.includes(input.outcome)) fail(`outcome must be one of ${AUDIT_OUTCOMES.join(", ")}`);
  const caseId = optional("caseId", input.caseId, 36)?.toLowerCase() ?? null;
  if (caseId !== null && !UUID.test(caseId)) fail("caseId must be a uuid");
  const personRef = optional("personRef", input.personRef, 150);
  if (personRef !== null && !PERSON_REF.test(personRef)) {
    fail("personRef must be a keyed hash (hex or base64 of a MAC), never a name");
  }
  const address = text("address", input.address, 100);
  if (/\s/.test(address)) fail("address must be an IP address or a single word such as 'local'");
  return {
    at: normalizeInstant(input.at ?? new Date(), fail),
    actor: text("actor", input.actor, 200),
    actorRole: text("actorRole", input.actorRole, 64),
    address,
    officeId: optional("officeId", input.officeId, 100),
    caseId,
    personRef,
    action,
    purpose: optional("purpose", input.purpose, MAX_PURPOSE),
    outcome: input.outcome,
    details: checkDetails(input.details ?? {}, fail),
  };
}

function normalizeInstant(value: string | Date, fail: (message: string) => never): string {
  if (typeof value === "string" && !INSTANT.test(value)) fail(`at must be an ISO instant with a zone`);
  const time = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(time.getTime())) fail(`at is not a valid instant`);
  // Milliseconds survive timestamptz exactly, so the hashed string is the one read back.
  return time.toISOString();
}

/** Plain JSON of ids: bounded depth and size, identifier keys, short strings, finite numbers. */
function checkDetails(details: AuditDetails, fail: (message: string) => never): AuditDetails {
  const walk = (value: unknown, where: string, depth: number): void => {
    if (depth > MAX_DETAILS_DEPTH) fail(`details are nested deeper than ${MAX_DETAILS_DEPTH}`);
    if (value === null || typeof value === "boolean") return;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) fail(`details${where} is not a finite number`);
      return;
    }
    if (typeof value === "string") {
      if (value.length > MAX_DETAIL_STRING) {
        fail(`details${where} is longer than ${MAX_DETAIL_STRING} characters: details hold ids, not text`);
      }
      if (!wellFormed(value)) fail(`details${where} contains NUL or an unpaired surrogate`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${where}[${index}]`, depth + 1));
      return;
    }
    if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value)) {
        if (!DETAIL_KEY.test(key))
          fail(`details key ${JSON.stringify(key.slice(0, 20))} is not an identifier`);
        walk(item, `${where}.${key}`, depth + 1);
      }
      return;
    }
    fail(`details${where} is not plain JSON`);
  };
  if (typeof details !== "object" || details === null || Array.isArray(details)) {
    fail("details must be an object");
  }
  walk(details, "", 0);
  const json = canonicalize(details);
  if (json.length > MAX_DETAILS_JSON) fail(`details are larger than ${MAX_DETAILS_JSON} characters`);
  // What jsonb gives back: a fresh plain object.
  return JSON.parse(json) as AuditDetails;
}

function wellFormed(value: string): boolean {
  // In a `u` regex a proper surrogate pair is one code point, so \p{Cs} finds only lone halves.
  return !value.includes("\u0000") && !/\p{Cs}/u.test(value);
}

/** The content columns of audit_log (alias `l`) under the names of `AuditContent`. */
export const AUDIT_CONTENT_COLUMNS = `l.at, l.actor, l.actor_role AS "actorRole", l.address,
  l.office_id AS "officeId", l.case_id AS "caseId", l.person_ref AS "personRef", l.action, l.purpose,
  l.outcome, l.details`;

/**
 * A sealed entry: the chain row (alias `c`) and its entry (alias `l`), under the names of
 * `StoredAuditEntry`: `FROM audit_chain c JOIN audit_log l ON l.seq = c.entry`.
 */
export const AUDIT_COLUMNS = `c.seq, c.entry, ${AUDIT_CONTENT_COLUMNS}, c.prev_hash AS "prevHash", c.hash`;

/** Sealed entries in chain order: `SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_CHAIN_JOIN} ORDER BY c.seq`. */
export const AUDIT_CHAIN_JOIN = "audit_chain c JOIN audit_log l ON l.seq = c.entry";

export interface AuditRow extends Omit<StoredAuditEntry, "seq" | "entry" | "at"> {
  seq: number | string;
  entry: number | string;
  at: string | Date;
}

/** A row as read, whatever type parsers the connection uses (bigint as text, timestamptz as Date). */
export function fromAuditRow(row: AuditRow): StoredAuditEntry {
  return {
    ...row,
    seq: Number(row.seq),
    entry: Number(row.entry),
    at: row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString(),
  };
}
