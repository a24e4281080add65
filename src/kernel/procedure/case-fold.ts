/**
 * A case's whole history, folded: the procedure's events by the case's profile, the record events
 * (record-events.ts) by the kernel, and the removal bar of the two together. Pure.
 */
import type { LegalDate } from "../calendar/dates.ts";
import type { HolidayCalendar } from "../calendar/holidays.ts";
import { deriveOn, type DerivedCase, type ProcedureProfile, type ProfileEvent } from "./profile.ts";
import { foldRecord, isRecordEvent, withHolds, type RemovalHold } from "./record-events.ts";

export type DerivedWithRecord = DerivedCase & { removalHolds: RemovalHold[] };

/** The procedure's events of a history, without its record events: what a profile folds. */
export function procedureEvents(events: readonly ProfileEvent[]): ProfileEvent[] {
  return events.filter((e) => !isRecordEvent(e));
}

/** The case on `asOf` from its whole history: only what had happened by then counts. */
export function deriveCase(
  profile: ProcedureProfile,
  events: readonly ProfileEvent[],
  asOf: LegalDate,
  calendar: HolidayCalendar,
): DerivedWithRecord {
  const derived = deriveOn(profile, procedureEvents(events), asOf, calendar);
  return withHolds(derived, foldRecord(events.filter((e) => e.occurredOn <= asOf)));
}
