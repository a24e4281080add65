/**
 * Deadlines, as every procedure profile states them and as the store keeps them. A profile says
 * when a deadline is due, under which rule, and what its passing means; the status on any date
 * follows from that alone, here and in the worklist's SQL (a test holds the two together).
 */
import type { LegalDate } from "../calendar/dates.ts";

export type Party = "applicant" | "authority";

/**
 * - `duty`: something the authority or a court must do by the date;
 * - `right`: something a party may do by the date;
 * - `info`: a date on which something begins or ends by law.
 */
export type Obligation = "duty" | "right" | "info";
export type DeadlineStatus = "open" | "met" | "missed" | "lapsed";
/** What the passing of a due date, with nothing having settled the deadline, means. */
export type PassOutcome = Exclude<DeadlineStatus, "open">;

/** A deadline as a profile defines it, before it is evaluated on a date. */
export interface DeadlineSpec {
  /** The profile's name for it, e.g. `objection_filing`; listed in the profile's `deadlineKinds`. */
  kind: string;
  /** Day the period started from (the event date). */
  from: LegalDate;
  dueOn: LegalDate;
  /** The rule and article, e.g. "RA 21(1); CA 157, 160, 161". */
  basis: string;
  obligation: Obligation;
  /** Its status once `dueOn` has passed while nothing settled it: a duty is missed, a right lapses. */
  onPass: PassOutcome;
  party?: Party;
  level?: 1 | 2 | 3;
  /**
   * Settled outcome independent of the evaluation date: `met` (done in time), `missed` (done
   * late), `lapsed` (moot or closed by another event). Null while nothing settled it.
   */
  resolution: PassOutcome | null;
  /** The day the act or event that settled it happened, where there is one. */
  settledOn?: LegalDate;
}

export interface Deadline {
  kind: string;
  dueOn: LegalDate;
  basis: string;
  status: DeadlineStatus;
  /** A duty, a right, or a date from which something holds (`info`): see `Obligation`. */
  obligation: Obligation;
  /** When it was settled (done in time or late, or made moot), if that has a day. */
  settledOn?: LegalDate;
  party?: Party;
  level?: 1 | 2 | 3;
}

export function deadlineStatus(spec: DeadlineSpec, asOf: LegalDate): DeadlineStatus {
  if (spec.resolution) return spec.resolution;
  return asOf <= spec.dueOn ? "open" : spec.onPass;
}

/** A deadline spec evaluated on `asOf`, as the API shows it. */
export function evaluateDeadline(s: DeadlineSpec, asOf: LegalDate): Deadline {
  return {
    kind: s.kind,
    dueOn: s.dueOn,
    basis: s.basis,
    status: deadlineStatus(s, asOf),
    obligation: s.obligation,
    ...(s.resolution && s.settledOn ? { settledOn: s.settledOn } : {}),
    ...(s.party ? { party: s.party } : {}),
    ...(s.level ? { level: s.level } : {}),
  };
}
