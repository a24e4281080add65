/**
 * How an earlier Korean case ended, in the words re-application policies use (`PriorEnding`):
 * the trigger of an eligibility review, the "how the earlier case ended" line of the what-is-new
 * comparison, and the simulation of a policy on history all read it from here.
 */
import type { LegalDate } from "../../../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../../../kernel/calendar/holidays.ts";
import { isRecordEvent } from "../../../kernel/procedure/record-events.ts";
import type { PriorEnding } from "../../../kernel/reapplication/policy.ts";
import { fold, view } from "../index.ts";
import type { CaseEvent } from "../events.ts";

export interface EarlierOutcome {
  ending: PriorEnding;
  /** the date of the last decision on the merits (first instance, objection or redecision), if any */
  decidedOn: LegalDate | null;
  /** the date the ending became final */
  finalOn: LegalDate;
}

/**
 * How the case ended as of `asOf`, or null when it had not ended then, or ended with the person
 * protected (a re-application presupposes an ending without protection, or protection ended).
 */
export function priorEnding(
  events: readonly CaseEvent[],
  asOf: LegalDate,
  calendar: HolidayCalendar,
): EarlierOutcome | null {
  // The record's own events (evidence attached, audience observed…) are no procedure events.
  const known = events.filter((e) => !isRecordEvent(e) && e.occurredOn <= asOf);
  if (known.length === 0) return null;
  const v = view(known, asOf, calendar);
  let decidedOn: LegalDate | null = null;
  for (const e of known)
    if (e.type === "decision_issued" || e.type === "objection_decided" || e.type === "redecision_issued")
      decidedOn = e.occurredOn;
  const finalOn = v.finalSince ?? known[known.length - 1]!.occurredOn;
  switch (v.stage) {
    case "withdrawn":
      return { ending: "withdrawn", decidedOn, finalOn };
    case "terminated":
      return { ending: "terminated_no_show", decidedOn, finalOn };
    case "not_referred":
      return { ending: "not_referred", decidedOn, finalOn };
    case "cancelled":
    case "ceased":
      return { ending: "protection_ended", decidedOn, finalOn };
    case "refused": {
      // RA 8(5) 1: the refusal that stands rests on false documents or statements.
      const refusal = fold(known).rounds.findLast((r) => r.decision !== null)?.decision;
      const ending = refusal?.falseDocuments ? "refused_false_documents" : "refused_on_merits";
      return { ending, decidedOn, finalOn };
    }
    default:
      return null;
  }
}
