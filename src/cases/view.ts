/**
 * From a case's history, or from the domain's result after a write, to what the API shows (the
 * case view on a date) and to the projection row that lists and worklists read. Profile-neutral:
 * the case's profile does the deriving.
 */
import type { CaseView } from "../contracts/api.ts";
import { addDays, type LegalDate } from "../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../kernel/calendar/holidays.ts";
import { deriveCase } from "../kernel/procedure/case-fold.ts";
import type { RemovalHold } from "../kernel/procedure/record-events.ts";
import {
  FILING_EVENT,
  type DerivedCase,
  type Filing,
  type ProcedureProfile,
  type ProfileEvent,
} from "../kernel/procedure/profile.ts";
import type { CaseProjection } from "./db/projections.ts";
import type { StoredEvent } from "./db/event-store.ts";

export interface CaseHeader {
  id: string;
  personId: string;
  /** The human case number; null only for the moment between a case's insert and its numbering. */
  caseNumber?: string | null;
  /** The examiner the case is assigned to, when the read carried it. */
  assignee?: { id: string; displayName: string } | null;
}

export function toCaseEvents(stored: readonly StoredEvent[]): ProfileEvent[] {
  return stored.map((e) => ({ ...e.payload, type: e.type, occurredOn: e.occurredOn }));
}

export function filingOf(events: readonly ProfileEvent[]): Filing {
  const first = events[0];
  if (!first || first.type !== FILING_EVENT) throw new Error("a case history starts with application_filed");
  return first as Filing;
}

/** The case view from the domain's result: the filing's facts and what the profile derived. */
export function caseViewOf(
  profile: ProcedureProfile,
  header: CaseHeader,
  filing: Filing,
  version: number,
  derived: DerivedCase & { removalHolds?: readonly RemovalHold[] },
  asOf: LegalDate,
): CaseView {
  return {
    id: header.id,
    caseNumber: header.caseNumber ?? null,
    ...(header.assignee !== undefined ? { assignee: header.assignee } : {}),
    personId: header.personId,
    office: filing.office,
    channel: filing.channel,
    kind: filing.kind,
    filedOn: filing.occurredOn,
    priorCaseIds: filing.priorCaseIds,
    profile: profile.id,
    version,
    asOf,
    stage: derived.stage,
    applicantStatus: derived.applicantStatus,
    protection: derived.protection,
    final: derived.final,
    finalSince: derived.finalSince,
    redecisionRequired: derived.redecisionRequired,
    removalBarred: derived.removalBarred,
    removalBarBasis: derived.removalBarBasis,
    removalHolds: (derived.removalHolds ?? []).map(({ itemId, action, state, actedOn }) => ({
      itemId,
      action,
      state,
      actedOn,
    })),
    litigationLevel: derived.litigationLevel,
    deemedAdmitted: derived.deemedAdmitted,
    deadlines: derived.deadlines,
    allowedEvents: derived.allowedEvents,
  };
}

/** The case as it stood on `asOf`, from its whole history. */
export function presentCase(
  profile: ProcedureProfile,
  header: CaseHeader,
  events: readonly ProfileEvent[],
  asOf: LegalDate,
  calendar: HolidayCalendar,
): { view: CaseView; derived: DerivedCase } {
  const derived = deriveCase(profile, events, asOf, calendar);
  return { derived, view: caseViewOf(profile, header, filingOf(events), events.length, derived, asOf) };
}

/** The projection row, from the same domain result as the view. */
export function projectionOf(
  profile: ProcedureProfile,
  header: CaseHeader & { officeId: string; nationality: string | null },
  filing: Filing,
  version: number,
  derived: DerivedCase,
  asOf: LegalDate,
  snapshot: unknown,
): CaseProjection {
  return {
    officeId: header.officeId,
    id: header.id,
    personId: header.personId,
    profile: profile.id,
    channel: filing.channel,
    kind: filing.kind,
    filedOn: filing.occurredOn,
    priorCaseIds: filing.priorCaseIds,
    version,
    stage: derived.stage,
    applicantStatus: derived.applicantStatus,
    protection: derived.protection,
    final: derived.final,
    finalSince: derived.finalSince,
    redecisionRequired: derived.redecisionRequired,
    removalBarred: derived.removalBarred,
    nationality: header.nationality,
    validUntil: validUntil(derived, asOf),
    updatedAt: new Date().toISOString(),
    deadlines: derived.deadlineSpecs,
    snapshot,
  };
}

/**
 * The first date after `asOf` on which the view can change without a new event: the day after the
 * nearest due date still ahead. Projections are refreshed when that day comes.
 */
export function validUntil(derived: DerivedCase, asOf: LegalDate): LegalDate | null {
  const ahead = derived.deadlineSpecs.map((d) => d.dueOn).filter((d) => d >= asOf);
  if (ahead.length === 0) return null;
  return addDays(
    ahead.reduce((a, b) => (a < b ? a : b)),
    1,
  );
}
