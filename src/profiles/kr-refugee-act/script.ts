/**
 * Play a sequence of events through `decide` and `evolve`, stopping at the first refusal.
 * Used by tests and by the demo data generator, so that every generated case is one the
 * procedure accepts.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../../kernel/calendar/holidays.ts";
import { decide } from "./decide.ts";
import type { ApplicationFiled, CaseEvent } from "./events.ts";
import { evolve, initialState, type KrCaseState } from "./state.ts";

export type EventInput = { type: string; occurredOn: LegalDate } & Record<string, unknown>;

export class ProcedureRefusedError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = "ProcedureRefusedError";
  }
}

export function play(
  filed: Omit<ApplicationFiled, "type" | "priorCaseIds"> & { priorCaseIds?: string[] },
  inputs: readonly EventInput[],
  ctx: { today: LegalDate; calendar: HolidayCalendar },
): { state: KrCaseState; events: CaseEvent[] } {
  const first: ApplicationFiled = { type: "application_filed", priorCaseIds: [], ...filed };
  let state = initialState(first);
  const events: CaseEvent[] = [first];
  inputs.forEach((input, index) => {
    const result = decide(state, input, ctx);
    if (!result.ok)
      throw new ProcedureRefusedError(`event ${index} (${input.type}): ${result.refusal.message}`, index);
    state = evolve(state, result.event);
    events.push(result.event);
  });
  return { state, events };
}
