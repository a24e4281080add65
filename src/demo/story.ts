/**
 * A case's history under construction. Every event goes through the procedure engine (`decide`)
 * as it is added, so a generator mistake shows up at once with the engine's own message. The story
 * ends at `today`: the first event dated later, and everything after it, is left out, which leaves
 * the case pending at whatever stage it had reached.
 */
import { addDays, type LegalDate } from "../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../kernel/calendar/holidays.ts";
import { decide } from "../profiles/kr-refugee-act/decide.ts";
import { derive, due, type KrDerived } from "../profiles/kr-refugee-act/derive.ts";
import { EventSchemas, isEventType, type ProcedureEvent } from "../profiles/kr-refugee-act/events.ts";
import type { PeriodName } from "../profiles/kr-refugee-act/rules.ts";
import type { EventInput } from "../profiles/kr-refugee-act/script.ts";
import { evolve, initialState, type KrCaseState } from "../profiles/kr-refugee-act/state.ts";
import type { CaseKind, Channel } from "../kernel/procedure/profile.ts";
import type { Rng } from "./random.ts";

export interface Filing {
  office: string;
  channel: Channel;
  kind: CaseKind;
  occurredOn: LegalDate;
}

export interface StoryContext {
  today: LegalDate;
  calendar: HolidayCalendar;
}

export class Story {
  readonly events: EventInput[] = [];
  private state: KrCaseState;
  private ended = false;

  /**
   * @param checked check every event with the engine's `decide` as it is added (slower; the
   *   generator plays every finished history through the engine anyway, so it can leave this off).
   */
  constructor(
    readonly filing: Filing,
    private readonly ctx: StoryContext,
    private readonly checked = true,
  ) {
    this.state = initialState({ type: "application_filed", priorCaseIds: [], ...filing });
  }

  get filedOn(): LegalDate {
    return this.filing.occurredOn;
  }

  get today(): LegalDate {
    return this.ctx.today;
  }

  /** Date of the latest event recorded (the filing date at first). */
  get last(): LegalDate {
    return this.state.lastEventOn;
  }

  /** False once an event fell after today: nothing more is recorded. */
  get open(): boolean {
    return !this.ended;
  }

  /**
   * Record an event, unless the story has reached today. Returns whether it was recorded.
   * Throws when the engine refuses it: that is a bug in the generator, not a property of the data.
   */
  add(type: string, occurredOn: LegalDate, data: Record<string, unknown> = {}): boolean {
    if (this.ended) return false;
    if (occurredOn > this.ctx.today) {
      this.ended = true;
      return false;
    }
    const input: EventInput = { type, occurredOn, ...data };
    if (this.checked) {
      const result = decide(this.state, input, this.ctx);
      if (!result.ok) {
        throw new Error(
          `demo generator: the engine refused ${type} on ${occurredOn} in a case filed ${this.filedOn} ` +
            `(${this.filing.channel} at ${this.filing.office}): ${result.refusal.message}`,
        );
      }
      this.state = evolve(this.state, result.event);
    } else {
      // The whole history is played through the engine afterwards (generate.ts); here the event
      // only needs its defaults filled in to be folded.
      if (!isEventType(type)) throw new Error(`demo generator: unknown event type ${type}`);
      if (occurredOn < this.state.lastEventOn) {
        throw new Error(
          `demo generator: ${type} on ${occurredOn} is before ${this.state.lastEventOn} (case filed ${this.filedOn})`,
        );
      }
      this.state = evolve(this.state, EventSchemas[type].parse(input) as ProcedureEvent);
    }
    this.events.push(input);
    return true;
  }

  /** Record several events in date order (stable for events on the same day). */
  addAll(inputs: readonly EventInput[]): boolean {
    const sorted = [...inputs].sort((a, b) =>
      a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0,
    );
    for (const { type, occurredOn, ...data } of sorted) {
      if (!this.add(type, occurredOn, data)) return false;
    }
    return true;
  }

  /** The last day of a period of the Korean procedure that starts on `from` (CA 157, 160, 161). */
  due(rule: PeriodName, from: LegalDate): LegalDate {
    return due(rule, from, this.ctx.calendar);
  }

  /** What the case, as recorded so far, means on `asOf`. */
  view(asOf: LegalDate): KrDerived {
    return derive(this.state, asOf, this.ctx.calendar);
  }

  /** A random date in [max(from, last), to], or null when that range is empty. */
  within(rng: Rng, from: LegalDate, to: LegalDate): LegalDate | null {
    const start = from > this.last ? from : this.last;
    return start > to ? null : rng.date(start, to);
  }

  /** `from` plus a random number of days in [min, max], never before the latest event. */
  after(rng: Rng, from: LegalDate, min: number, max: number): LegalDate {
    const d = addDays(from, rng.int(min, max));
    return d > this.last ? d : this.last;
  }
}
