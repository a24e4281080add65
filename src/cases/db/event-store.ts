/**
 * The case event log: per case, a hash chain (chain-hash.ts) appended one writer at a time.
 * Entries are only ever inserted; verify-chains.ts checks them. Payloads are sealed before they
 * are hashed and stored (sealed-events.ts); reads give them as stored, `openEvents` decrypts.
 */
import { GENESIS_HASH, hashEvent, type HashedFields, type StoredEvent } from "./chain-hash.ts";
import { SEALED_LATER, sealPayload, sealPayloadLater } from "./sealed-events.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Queryable } from "../../store/db.ts";

export { GENESIS_HASH, hashEvent, type StoredEvent } from "./chain-hash.ts";
export { verifyChains, type ChainReport } from "./verify-chains.ts";
export { openEvent, openEvents } from "./sealed-events.ts";

export interface NewEvent {
  type: string;
  /** The legal date of the event, `YYYY-MM-DD`. */
  occurredOn: string;
  payload: Record<string, unknown>;
}

export interface AppendEventsInput {
  officeId: string;
  caseId: string;
  /** The number of events the caller's decision was based on (0 for a new case). */
  expectedVersion: number;
  events: NewEvent[];
  recordedBy: string;
  /** An ISO instant; stored and hashed in its normalized form (`toISOString`). */
  recordedAt: string;
}

/** The case changed since the caller read it. `actual` is null when a racing append won. */
export class VersionConflictError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(
      actual === null
        ? `case changed concurrently (expected version ${expected})`
        : `case is at version ${actual}, not ${expected}`,
    );
    this.name = "VersionConflictError";
  }
}

/**
 * Append events to a case's chain, their payloads sealed. Call inside `db.transaction`: the chain
 * head is locked for the rest of the transaction, so appends to one case are serialized. Returns
 * the entries as stored (payloads sealed).
 */
export async function appendEvents(
  tx: Queryable,
  keyring: Keyring,
  input: AppendEventsInput,
): Promise<StoredEvent[]> {
  const { officeId, expectedVersion } = input;
  // The database returns uuids in lower case; hash what verification will read back.
  const caseId = input.caseId.toLowerCase();
  const recordedAt = normalizeInstant(input.recordedAt);
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new Error(`expectedVersion must be a whole number ≥ 0, got ${expectedVersion}`);
  }
  if (input.events.length === 0) throw new Error("appendEvents needs at least one event");

  // An advisory lock rather than FOR UPDATE on `cases`: a new case has no row to lock yet.
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`case:${officeId}:${caseId}`]);
  const [head] = await tx.query<{ sequence: number; hash: string }>(
    `SELECT sequence, hash FROM case_events WHERE office_id = $1 AND case_id = $2
     ORDER BY sequence DESC LIMIT 1`,
    [officeId, caseId],
  );
  const actual = head?.sequence ?? 0;
  if (actual !== expectedVersion) throw new VersionConflictError(expectedVersion, actual);

  let prevHash = head?.hash ?? GENESIS_HASH;
  const stored: StoredEvent[] = [];
  for (const [index, event] of input.events.entries()) {
    const sequence = actual + index + 1;
    const entry: HashedFields = {
      officeId,
      caseId,
      sequence,
      type: event.type,
      occurredOn: checkDate(event.occurredOn),
      payload: sealPayload(keyring, event.payload, { officeId, caseId, sequence }),
      recordedAt,
      recordedBy: input.recordedBy,
    };
    const hash = hashEvent(prevHash, entry);
    stored.push({ ...entry, prevHash, hash });
    prevHash = hash;
  }

  try {
    for (const e of stored) {
      await tx.query(
        `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload,
                                  recorded_at, recorded_by, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          e.officeId,
          e.caseId,
          e.sequence,
          e.type,
          e.occurredOn,
          JSON.stringify(e.payload),
          e.recordedAt,
          e.recordedBy,
          e.prevHash,
          e.hash,
        ],
      );
    }
  } catch (err) {
    // Someone appended the same sequence without taking the lock: still a lost race.
    if (pgErrorCode(err) === "23505") throw new VersionConflictError(expectedVersion, null);
    throw err;
  }
  return stored;
}

const EVENT_COLUMNS = `office_id AS "officeId", case_id AS "caseId", sequence, type,
  occurred_on AS "occurredOn", payload, recorded_at AS "recordedAt", recorded_by AS "recordedBy",
  prev_hash AS "prevHash", hash`;

/** A case's events in order. The office may be left out: case ids are unique on their own. */
export function readEvents(db: Queryable, caseId: string): Promise<StoredEvent[]>;
export function readEvents(
  db: Queryable,
  officeId: string | undefined,
  caseId: string,
): Promise<StoredEvent[]>;
export function readEvents(
  db: Queryable,
  first: string | undefined,
  second?: string,
): Promise<StoredEvent[]> {
  const [officeId, caseId] = second === undefined ? [undefined, first] : [first, second];
  if (!caseId) throw new Error("readEvents needs a case id");
  return db.query<StoredEvent>(
    `SELECT ${EVENT_COLUMNS} FROM case_events
     WHERE case_id = $1 AND ($2::text IS NULL OR office_id = $2)
     ORDER BY office_id, sequence`,
    [caseId, officeId ?? null],
  );
}

const PLAIN_PAYLOAD = `NOT (payload ? '$sealed') AND NOT (payload ? '${SEALED_LATER}')`;

/** Whether any event payload is still in plain text (written before migration 0017). */
export async function plainEventsLeft(db: Queryable): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM case_events WHERE ${PLAIN_PAYLOAD} LIMIT 1`);
  return rows.length > 0;
}

/**
 * Seal up to `limit` payloads written in plain text before migration 0017, in place: their
 * hashes, which cover the plain payload, stay as they were (signed checkpoints hold them), and
 * verification decrypts them (sealed-events.ts). The log is append-only, so this needs the
 * table owner's rights: its guard is switched off for this transaction only (DDL is
 * transactional: a failure switches it back on). Returns how many were sealed.
 */
export async function sealPlainEvents(tx: Queryable, keyring: Keyring, limit: number): Promise<number> {
  const rows = await tx.query<{
    officeId: string;
    caseId: string;
    sequence: number;
    payload: Record<string, unknown>;
  }>(
    `SELECT office_id AS "officeId", case_id AS "caseId", sequence, payload FROM case_events
      WHERE ${PLAIN_PAYLOAD} ORDER BY office_id, case_id, sequence LIMIT $1`,
    [limit],
  );
  if (rows.length === 0) return 0;
  await tx.query("ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete");
  for (const r of rows) {
    await tx.query(
      `UPDATE case_events SET payload = $4 WHERE office_id = $1 AND case_id = $2 AND sequence = $3`,
      [r.officeId, r.caseId, r.sequence, JSON.stringify(sealPayloadLater(keyring, r.payload, r))],
    );
  }
  await tx.query("ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete");
  return rows.length;
}

function checkDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`occurredOn must be YYYY-MM-DD, got ${value}`);
  return value;
}

function normalizeInstant(value: string): string {
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time.getTime()))
    throw new Error(`recordedAt must be an ISO instant, got ${value}`);
  // Milliseconds survive timestamptz exactly, so the hashed string is the one read back.
  return time.toISOString();
}

function pgErrorCode(err: unknown): unknown {
  return typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
}
