/**
 * The one path by which anything changes a case. Every command that writes to a case, whether it
 * records an event, keeps a draft, grants a mandate, assigns an interpreter or requests a
 * disclosure, goes through `writeCase`, which in one transaction:
 *
 *   1. loads the case row once (header, version and the snapshot of its folded state: one round
 *      trip, whatever the length of the history);
 *   2. checks once that the actor reaches the case for the right the write needs (a case out of
 *      reach is answered like one that does not exist, and the refusal is recorded);
 *   3. checks the version the user last saw;
 *   4. hands the command a `WritableCase`: `decide` asks the case's profile whether an event may
 *      be recorded; `append` appends with the expected version, folds the new events into the
 *      snapshot, derives the case once and writes the projection and the statistics rows from
 *      that domain result;
 *   5. writes the access record last (the audit chain is appended one writer at a time), or, if
 *      the write was refused after the case was reached, records the refused attempt in a
 *      transaction of its own.
 *
 * Opening a case (`createCase`) is the same path for a case that does not exist yet: the profile
 * decides the filing like any other event.
 */
import type { CaseView } from "../contracts/api.ts";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../kernel/calendar/holidays.ts";
import {
  FILING_EVENT,
  type Filing,
  type ProcedureProfile,
  type ProfileEvent,
} from "../kernel/procedure/profile.ts";
import { takesProtection } from "../kernel/procedure/protection.ts";
import {
  evolveRecord,
  isRecordEvent,
  RECORD_FOLD_VERSION,
  withHolds,
  type RecordEvent,
  type RecordState,
} from "../kernel/procedure/record-events.ts";
import { reachesCase } from "../security/access/policy.ts";
import type { Right } from "../security/access/rights.ts";
import { loadCaseHead, type CaseHeaderRow } from "./db/cases.ts";
import type { Queryable } from "../store/db.ts";
import { appendEvents, openEvents, readEvents, VersionConflictError } from "./db/event-store.ts";
import { isEnvelope, SEALED } from "../security/crypto/sealed.ts";
import { saveCaseProjection } from "./db/projections.ts";
import { saveStatFacts } from "../statistics/db/facts.ts";
import { actorName, audit, auditRefusedWrite, type Actor, type AuditFields } from "../app/actor.ts";
import { caseViewOf, projectionOf, toCaseEvents } from "./view.ts";
import { calendarOf, today, type AppContext } from "../app/context.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import { AppError, notFound } from "../app/errors.ts";

/**
 * What the case row keeps of the profile's fold, so that a write never re-reads the history. It
 * is good only for the fold that made it: a snapshot of another `foldVersion` is folded again.
 */
export interface CaseSnapshot {
  foldVersion: number;
  filing: Filing;
  state: unknown;
  stats: unknown;
  /** The version of the kernel's fold of the record events; a snapshot of another is folded again. */
  recordFold?: number;
  /** The record events' fold (record-events.ts): the removal holds. */
  record?: RecordState;
}

/**
 * The stored snapshot if the profile's current fold made it; otherwise (none yet, or the fold has
 * changed since) the fold of the whole history, read once.
 */
export async function currentSnapshot(
  tx: Queryable,
  keyring: Keyring,
  profile: ProcedureProfile,
  head: { header: CaseHeaderRow; snapshot: unknown },
): Promise<CaseSnapshot> {
  const stored = openSnapshot(keyring, head.header, head.snapshot);
  if (stored && stored.foldVersion === profile.foldVersion && stored.recordFold === RECORD_FOLD_VERSION)
    return stored;
  const events = await readEvents(tx, head.header.officeId, head.header.id);
  return snapshotOf(profile, toCaseEvents(openEvents(keyring, events)));
}

/** Where a case's snapshot is bound: it holds the filing and the folded state (requirement 20). */
const snapshotField = (c: { officeId: string; id: string }) => ({
  table: "cases",
  row: `${c.officeId}/${c.id}`,
  field: "snapshot",
});

/**
 * The snapshot as the case row stores it: sealed, with the fold's version beside the envelope
 * (not secret), so that the database can find the cases an older fold made.
 */
export function sealSnapshot(
  keyring: Keyring,
  header: { officeId: string; id: string },
  snapshot: CaseSnapshot,
) {
  return {
    foldVersion: snapshot.foldVersion,
    [SEALED]: keyring.encrypt(JSON.stringify(snapshot), snapshotField(header)),
  };
}

/** The stored snapshot, decrypted; null when there is none. One stored in plain text is read as it is. */
export function openSnapshot(
  keyring: Keyring,
  header: { officeId: string; id: string },
  stored: unknown,
): CaseSnapshot | null {
  if (stored === null || stored === undefined) return null;
  const envelope = (stored as Record<string, unknown>)[SEALED];
  if (!isEnvelope(envelope)) return stored as CaseSnapshot;
  return JSON.parse(keyring.decrypt(envelope, snapshotField(header))) as CaseSnapshot;
}

export interface WritableCase {
  tx: Queryable;
  header: CaseHeaderRow;
  profile: ProcedureProfile;
  /** Events recorded so far. */
  version: number;
  /** Today in the profile's time zone. */
  today: LegalDate;
  /** The profile's decision on `input` against the case as it is; a refusal is thrown as a problem. */
  decide(input: unknown): ProfileEvent;
  /**
   * Why recording `event` (as `decide` accepted it) now would take protection away (the kernel's
   * `takesProtection`), or null if it would not.
   */
  takesProtection(event: ProfileEvent): string | null;
  /** The profile's folded state of the case as it stands (for rules that read it, e.g. RA 26). */
  state(): unknown;
  /** Append accepted events (recorded by the actor) and write the projection; the new case view. */
  append(events: readonly ProfileEvent[]): Promise<CaseView>;
  /**
   * Append record events (record-events.ts: evidence attached, corrected, withdrawn, audience
   * observed) by the same path: no profile decides or folds them, the kernel folds them into the
   * snapshot's record (its removal holds), and the projection is written again.
   */
  record(events: readonly RecordEvent[]): Promise<CaseView>;
}

export interface CaseWrite<R> {
  /** The access record's action, e.g. `case.event.record`. */
  action: string;
  /** The right the write needs on this case, given its profile (e.g. the right of an event's act). */
  right: Right | ((profile: ProcedureProfile) => Right);
  /**
   * Whether the actor reaches the case for this write, when a feature decides it otherwise than
   * by the right alone (evidence: an interpreter of the case's interview, a lawyer with a current
   * mandate). Default: the principal reaches the case for `right`.
   */
  reaches?: (tx: Queryable, c: { id: string; officeId: string }, today: LegalDate) => Promise<boolean>;
  /** The version the user last saw (the ETag); left out by writes beside the record (mandates...). */
  expectedVersion?: number;
  run(c: WritableCase): Promise<WriteDone<R>>;
}

export interface WriteDone<R> {
  result: R;
  /** Details for the access record. */
  details?: AuditFields["details"];
  /** False when the command wrote its own record (e.g. a refusal that raises an alert). */
  record?: boolean;
}

export async function writeCase<R>(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  w: CaseWrite<R>,
): Promise<R> {
  const at = ctx.clock();
  const reached: { c: { id: string; officeId: string } | null } = { c: null };
  const outcome = await ctx.db
    .transaction(async (tx) => {
      const head = await loadCaseHead(tx, caseId);
      const profile = head ? ctx.profiles.require(head.header.profile) : null;
      const now = today(ctx, profile ?? undefined);
      const right = profile && typeof w.right === "function" ? w.right(profile) : w.right;
      const place = head ? { id: caseId, officeId: head.header.officeId } : null;
      const ok =
        place &&
        typeof right === "string" &&
        (w.reaches
          ? await w.reaches(tx, place, now)
          : await reachesCase(tx, actor.principal, right, place, now));
      if (!head || !profile || !ok) {
        await audit(tx, actor, at, {
          action: w.action,
          outcome: "denied",
          caseId: head ? caseId : null,
          officeId: head?.header.officeId ?? null,
          details: head ? {} : { requested: caseId },
        });
        return null;
      }
      reached.c = { id: caseId, officeId: head.header.officeId };
      if (w.expectedVersion !== undefined && head.version !== w.expectedVersion) {
        throw new AppError(
          "version_mismatch",
          `the case has changed since version ${w.expectedVersion} (now ${head.version}); reload it and try again`,
        );
      }
      const snapshot = await currentSnapshot(tx, ctx.keyring, profile, head);
      const c = writable(ctx, actor, tx, profile, head.header, head.version, snapshot, now);
      const done = await w.run(c);
      if (done.record !== false) {
        await audit(tx, actor, at, {
          action: w.action,
          outcome: "ok",
          caseId,
          officeId: head.header.officeId,
          details: done.details ?? {},
        });
      }
      return done;
    })
    .catch(async (e: unknown) => {
      await auditRefusedWrite(ctx.db, actor, at, w.action, reached.c, e);
      throw e;
    });
  if (!outcome) throw notFound(`case ${caseId}`);
  return outcome.result;
}

/**
 * Open a case: the profile decides the filing, which is appended as the case's first event and
 * projected like every other. The caller has checked the office and the person.
 */
export async function createCase(
  ctx: AppContext,
  actor: Actor,
  c: {
    id: string;
    officeId: string;
    personId: string;
    nationality: string;
    profile: ProcedureProfile;
  },
  filing: unknown,
): Promise<CaseView> {
  const now = today(ctx, c.profile);
  const header: CaseHeaderRow = {
    id: c.id,
    officeId: c.officeId,
    personId: c.personId,
    nationality: c.nationality,
    profile: c.profile.id,
  };
  return ctx.db.transaction(async (tx) => {
    const empty = writable(ctx, actor, tx, c.profile, header, 0, null, now);
    const appended = await empty.append([empty.decide(filing)]);
    // The case row's insert gave it its number (migration 0020's trigger).
    const numbered = await tx.query<{ caseNumber: string }>(
      `SELECT case_number AS "caseNumber" FROM cases WHERE office_id = $1 AND id = $2`,
      [c.officeId, c.id],
    );
    const view = { ...appended, caseNumber: numbered[0]?.caseNumber ?? null };
    await audit(tx, actor, ctx.clock(), {
      action: "case.open",
      outcome: "ok",
      caseId: c.id,
      officeId: c.officeId,
    });
    return view;
  });
}

/** The snapshot of a whole history: what a case starts from when it has none of the current fold. */
export function snapshotOf(profile: ProcedureProfile, events: readonly ProfileEvent[]): CaseSnapshot {
  const snapshot = foldSnapshot(profile, null, 0, events);
  if (!snapshot) throw new Error("a case has at least its application_filed event");
  return snapshot;
}

/**
 * Fold `events` into a snapshot at `version` (null and 0 for a new case): the profile's state and
 * its statistics accumulator, step by step. The one fold behind every snapshot.
 */
function foldSnapshot(
  profile: ProcedureProfile,
  from: CaseSnapshot | null,
  version: number,
  events: readonly ProfileEvent[],
): CaseSnapshot | null {
  let next = from;
  let seq = version;
  for (const event of events) {
    seq += 1;
    if (isRecordEvent(event)) {
      if (next === null) throw new Error("a case starts with application_filed");
      // The kernel's, not the profile's: the procedure's state and statistics stay as they were.
      next = { ...next, recordFold: RECORD_FOLD_VERSION, record: evolveRecord(next.record, event) };
      continue;
    }
    if (next === null) {
      if (event.type !== FILING_EVENT) throw new Error("a case starts with application_filed");
      const filing = event as Filing;
      next = {
        foldVersion: profile.foldVersion,
        filing,
        state: profile.evolve(null, filing),
        stats: profile.statistics.start(filing),
        recordFold: RECORD_FOLD_VERSION,
        record: { holds: [] },
      };
    } else {
      next = {
        ...next,
        foldVersion: profile.foldVersion,
        state: profile.evolve(next.state, event),
        stats: profile.statistics.step(next.stats, event, seq),
        recordFold: RECORD_FOLD_VERSION,
      };
    }
  }
  return next;
}

function writable(
  ctx: AppContext,
  actor: Actor,
  tx: Queryable,
  profile: ProcedureProfile,
  header: CaseHeaderRow,
  version: number,
  snapshot: CaseSnapshot | null,
  now: LegalDate,
): WritableCase {
  const calendar = calendarOf(ctx, profile);
  let current = snapshot;
  const c: WritableCase = {
    tx,
    header,
    profile,
    version,
    today: now,
    decide(input) {
      const decided = profile.decide(current?.state ?? null, input, { today: now, calendar });
      if (!decided.ok) throw refusalProblem(decided.refusal);
      return decided.event;
    },
    takesProtection(event) {
      return current ? takesProtection(profile, current.state, event, now, calendar) : null;
    },
    state() {
      return current?.state ?? null;
    },
    append(events) {
      if (events.some(isRecordEvent)) throw new Error("record events are appended with record()");
      return appendAndProject(events);
    },
    record(events) {
      if (!events.every(isRecordEvent)) throw new Error("record() appends record events only");
      return appendAndProject(events);
    },
  };
  async function appendAndProject(events: readonly ProfileEvent[]): Promise<CaseView> {
    try {
      await appendEvents(tx, ctx.keyring, {
        officeId: header.officeId,
        caseId: header.id,
        expectedVersion: c.version,
        events: events.map(({ type, occurredOn, ...payload }) => ({ type, occurredOn, payload })),
        recordedBy: actorName(actor),
        recordedAt: ctx.clock().toISOString(),
      });
    } catch (e) {
      if (e instanceof VersionConflictError) {
        throw new AppError(
          "version_mismatch",
          "the case was changed by someone else just now; reload it and try again",
        );
      }
      throw e;
    }
    // What the store will give back: the payloads as JSON.
    const stored = JSON.parse(JSON.stringify(events)) as ProfileEvent[];
    const next = foldSnapshot(profile, current, c.version, stored);
    if (!next) throw new Error("nothing was appended");
    c.version += events.length;
    current = next;
    return project(tx, ctx.keyring, profile, header, next, c.version, now, calendar);
  }
  return c;
}

/**
 * Derive the case on `asOf` from its snapshot, once, and write from that result the projection
 * (with the snapshot), its deadlines and the statistics rows; the case view from the same result.
 */
export async function project(
  tx: Queryable,
  keyring: Keyring,
  profile: ProcedureProfile,
  header: CaseHeaderRow,
  snapshot: CaseSnapshot,
  version: number,
  asOf: LegalDate,
  calendar: HolidayCalendar,
): Promise<CaseView> {
  const derived = withHolds(profile.derive(snapshot.state, asOf, calendar), snapshot.record);
  const sealed = sealSnapshot(keyring, header, snapshot);
  await saveCaseProjection(
    tx,
    projectionOf(profile, header, snapshot.filing, version, derived, asOf, sealed),
  );
  await saveStatFacts(tx, keyring, {
    officeId: header.officeId,
    caseId: header.id,
    personId: header.personId,
    facts: profile.statistics.result(snapshot.stats, derived),
  });
  return caseViewOf(profile, header, snapshot.filing, version, derived, asOf);
}

/** A profile's refusal as the problem the API answers: 409 for the wrong moment, 422 for bad data. */
export function refusalProblem(refusal: {
  code: string;
  message: string;
  stage: string;
  allowedEvents: string[];
  issues?: { path: string; message: string }[];
  rule?: { key: string; params: Readonly<Record<string, string | number>> };
}): AppError {
  const { code, message, stage, allowedEvents, issues, rule } = refusal;
  const status = code === "not_allowed" || code === "out_of_order" ? 409 : 422;
  return new AppError(
    "procedure_refused",
    message,
    { stage, allowedEvents, ...(issues ? { issues } : {}), ...(rule ? { rule } : {}) },
    status,
  );
}
