/**
 * Which recorded events take protection away (docs/security.md requirement 18): they need a
 * second person's approval, with a second factor given with that approval, and no token may
 * record them. Profile-neutral: a profile declares the events that always do
 * (`removesProtection`), and any other event does when the case, derived on the day the event
 * happened or on today, has less protection or no longer a bar on removal after it than before
 * (a final judgment, a waiver that makes a refusal final, a notice of service entered months
 * late). Pure: the dates and the calendar are arguments.
 */
import type { LegalDate } from "../calendar/dates.ts";
import type { HolidayCalendar } from "../calendar/holidays.ts";
import type { DerivedCase, ProcedureProfile, ProfileEvent, Protection } from "./profile.ts";

const RANK: Record<Protection, number> = { humanitarian: 1, refugee: 2 };
const rank = (p: Protection | null) => (p === null ? 0 : RANK[p]);

/** What the case loses from `before` to `after`, in words; null if it loses nothing. */
export function protectionLost(before: DerivedCase, after: DerivedCase): string | null {
  if (rank(after.protection) < rank(before.protection)) {
    return after.protection === null
      ? `ends ${before.protection} protection`
      : `reduces ${before.protection} protection to ${after.protection}`;
  }
  if (before.removalBarred && !after.removalBarred) {
    return `lifts the bar on removal (${before.removalBarBasis ?? "no basis given"})`;
  }
  return null;
}

/**
 * Why recording `event` (already accepted by the profile) on a case in `state` takes protection
 * away, or null if it does not. `today` is the recording date in the profile's time zone.
 */
export function takesProtection<S>(
  profile: ProcedureProfile<S>,
  state: S,
  event: ProfileEvent,
  today: LegalDate,
  calendar: HolidayCalendar,
): string | null {
  const declared = profile.removesProtection.has(event.type);
  const days = event.occurredOn === today ? [today] : [event.occurredOn, today];
  const befores = days.map((d) => profile.derive(state, d, calendar));
  const nothingToLose = befores.every((b) => b.protection === null && !b.removalBarred);
  if (nothingToLose && !declared) return null;
  const after = profile.evolve(state, event);
  for (const [i, day] of days.entries()) {
    const before = befores[i];
    if (!before) continue;
    const lost = protectionLost(before, profile.derive(after, day, calendar));
    if (lost) return `${event.type} ${lost}`;
  }
  return declared ? `${event.type} takes protection away` : null;
}
