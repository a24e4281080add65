/**
 * Types shared by every procedure profile and by the store that keeps their projections.
 * A profile (e.g. `kr-refugee-act`) folds a case's events into a state and derives from it,
 * for any date, the view that the API shows. Nothing here does I/O.
 */
import type { LegalDate } from "../calendar/dates.ts";

export type Channel = "in_country" | "port_of_entry" | "detention_centre";
export type CaseKind = "first" | "subsequent";
export type ApplicantStatus = "under_review" | "awaiting_challenge" | "in_litigation";
export type Protection = "refugee" | "humanitarian";
export type Party = "applicant" | "authority";

export type DeadlineKind =
  | "referral_decision"
  | "first_instance_decision"
  | "objection_filing"
  | "objection_decision"
  | "suit_filing"
  | "suit_filing_outer"
  | "appeal_filing"
  | "supreme_court_grounds"
  | "summary_dismissal"
  | "work_permission"
  | "living_support_end"
  | "status_objection_filing";

/**
 * - `duty`: something the authority or a court must do by the date; passing it unmet is `missed`.
 * - `right`: something a party may do by the date; passing it unused is `lapsed`.
 * - `info`: a date on which something begins or ends by law (work permission, living support).
 */
export type Obligation = "duty" | "right" | "info";
export type DeadlineStatus = "open" | "met" | "missed" | "lapsed";

/** A deadline as the procedure defines it, before it is evaluated on a date. */
export interface DeadlineSpec {
  kind: DeadlineKind;
  /** Day the period started from (the event date; the first day itself is not counted, CA 157). */
  from: LegalDate;
  dueOn: LegalDate;
  /** The rule and article, e.g. "RA 21(1); CA 157, 160, 161". */
  basis: string;
  obligation: Obligation;
  party?: Party;
  level?: 1 | 2 | 3;
  /**
   * Settled outcome independent of the evaluation date: `met` (done in time), `missed`
   * (done late), `lapsed` (moot or closed by another event). Null while nothing settled it:
   * then the status on a date is `open` up to `dueOn` and `missed`/`lapsed` after it.
   */
  resolution: Exclude<DeadlineStatus, "open"> | null;
}

export interface Deadline {
  kind: DeadlineKind;
  dueOn: LegalDate;
  basis: string;
  status: DeadlineStatus;
  party?: Party;
  level?: 1 | 2 | 3;
}

/** The derived view of one case on one date (the `asOf` date), as the API presents it. */
export interface CaseDerivedView {
  stage: string;
  applicantStatus: ApplicantStatus | null;
  protection: Protection | null;
  final: boolean;
  finalSince: LegalDate | null;
  redecisionRequired: boolean;
  removalBarred: boolean;
  removalBarBasis: string | null;
  deadlines: Deadline[];
  allowedEvents: string[];
}

export function deadlineStatus(spec: DeadlineSpec, asOf: LegalDate): DeadlineStatus {
  if (spec.resolution) return spec.resolution;
  if (asOf <= spec.dueOn) return "open";
  if (spec.obligation === "duty") return "missed";
  // An information date (RA 40) marks when something begins or ends: work permission becomes
  // available (met); living-cost support ends (lapsed).
  if (spec.obligation === "info" && spec.kind === "work_permission") return "met";
  return "lapsed";
}
