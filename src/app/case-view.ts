/**
 * From a case's stored history to what the API shows: the case view on a date, and the projection
 * row that lists and worklists read.
 */
import type { CaseView } from "../contracts/api.ts";
import { addDays, type LegalDate } from "../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../kernel/calendar/holidays.ts";
import {
  PROFILE_ID,
  view,
  type CaseEvent,
  type KrDerived,
  type ApplicationFiled,
} from "../profiles/kr-refugee-act/index.ts";
import type { StoredEvent } from "../store/event-store.ts";

export interface CaseHeader {
  id: string;
  personId: string;
}

export function toCaseEvents(stored: readonly StoredEvent[]): CaseEvent[] {
  return stored.map((e) => ({ type: e.type, occurredOn: e.occurredOn, ...e.payload }) as CaseEvent);
}

export function filingOf(events: readonly CaseEvent[]): ApplicationFiled {
  const first = events[0];
  if (!first || first.type !== "application_filed")
    throw new Error("a case history starts with application_filed");
  return first;
}

export function presentCase(
  header: CaseHeader,
  events: readonly CaseEvent[],
  asOf: LegalDate,
  calendar: HolidayCalendar,
): { view: CaseView; derived: KrDerived } {
  const filed = filingOf(events);
  const derived = view(events, asOf, calendar);
  return {
    derived,
    view: {
      id: header.id,
      personId: header.personId,
      office: filed.office,
      channel: filed.channel,
      kind: filed.kind,
      filedOn: filed.occurredOn,
      priorCaseIds: filed.priorCaseIds,
      profile: PROFILE_ID,
      version: events.length,
      asOf,
      stage: derived.stage,
      applicantStatus: derived.applicantStatus,
      protection: derived.protection,
      final: derived.final,
      finalSince: derived.finalSince,
      redecisionRequired: derived.redecisionRequired,
      removalBarred: derived.removalBarred,
      removalBarBasis: derived.removalBarBasis,
      litigationLevel: derived.litigationLevel,
      deemedAdmitted: derived.deemedAdmitted,
      deadlines: derived.deadlines,
      allowedEvents: derived.allowedEvents,
    },
  };
}

/**
 * The first date after `asOf` on which the view can change without a new event: the day after the
 * nearest due date still ahead. Projections are refreshed when that day comes.
 */
export function validUntil(derived: KrDerived, asOf: LegalDate): LegalDate | null {
  const ahead = derived.deadlineSpecs.map((d) => d.dueOn).filter((d) => d >= asOf);
  if (ahead.length === 0) return null;
  return addDays(
    ahead.reduce((a, b) => (a < b ? a : b)),
    1,
  );
}
