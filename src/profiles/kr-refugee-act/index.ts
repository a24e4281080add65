/**
 * The `kr-refugee-act` procedure profile: the Korean Refugee Act procedure from filing to a final
 * ruling. `decide` checks an event against the law; `evolve` folds it into the state; `view`
 * derives what the case means on a date. The numbers and articles live in `rules.ts`.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../../kernel/calendar/holidays.ts";
import { derive, type KrDerived } from "./derive.ts";
import type { CaseEvent } from "./events.ts";
import { evolve, type KrCaseState } from "./state.ts";

export { decide, type DecideContext, type Decision, type Refusal, type RefusalCode } from "./decide.ts";
export { derive, type KrDerived, type Stage } from "./derive.ts";
export * from "./events.ts";
export { PERIODS, BARS, DEFAULT_SETTINGS, type KrSettings } from "./rules.ts";
export { evolve, initialState, type KrCaseState } from "./state.ts";

export { krRefugeeAct, createKrRefugeeAct, PROFILE_ID, EVENT_ACTS, NEEDS_APPROVAL } from "./profile.ts";
export { krStatistics, type KrStatAcc } from "./statistics.ts";
export { createKoreanCalendar, SEED_EXTRA_HOLIDAYS, todayInSeoul } from "./calendar.ts";

export function fold(events: readonly CaseEvent[]): KrCaseState {
  let state: KrCaseState | null = null;
  for (const e of events) state = evolve(state, e);
  if (!state) throw new Error("a case has at least its application_filed event");
  return state;
}

/**
 * The case as it stood on `asOf`: only events that had happened by then count.
 * Events are recorded in date order, so this is a prefix of the history.
 */
export function view(events: readonly CaseEvent[], asOf: LegalDate, calendar: HolidayCalendar): KrDerived {
  const first = events[0];
  if (!first) throw new Error("a case has at least its application_filed event");
  if (asOf < first.occurredOn)
    throw new RangeError(`the case was filed on ${first.occurredOn}, after ${asOf}`);
  return derive(fold(events.filter((e) => e.occurredOn <= asOf)), asOf, calendar);
}
