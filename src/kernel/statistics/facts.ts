/**
 * What a case contributes to the statistics (docs/statistics.md §2): its decisions, each with its
 * level and outcome, and its first-instance, latest and final outcomes. Each procedure profile
 * computes these rows from its own events (its `statistics` contribution); the store keeps them
 * beside the projection, so that every figure is a GROUP BY over these rows.
 *
 * Levels follow UNHCR's codes: NA (first instance, new application), RA (first instance, repeat
 * application), AR (objection, administrative review), C1–C3 (court levels).
 *
 * Outcomes:
 * - substantive: recognized (Convention refugee), humanitarian (humanitarian stay, the Korean
 *   complementary status), rejected; at court level, annulled (the court set the refusal aside:
 *   the applicant won) and rejected (claim dismissed);
 * - otherwise closed: withdrawn, terminated (three missed interviews, RA 22-2), inadmissible
 *   (not referred at the port, objection or suit late or unlawful, summary dismissal), remanded (a
 *   higher court sent the case back: not an end of the case).
 *
 * A redecision (after a court annulled a refusal) is a first-instance act that carries out the
 * ruling: it is kept at its level with `redecision: true`, left out of first-instance rates, and
 * counted in final outcomes.
 */
import type { LegalDate } from "../calendar/dates.ts";

export type DecisionLevel = "NA" | "RA" | "AR" | "C1" | "C2" | "C3";
export const DECISION_LEVELS: readonly DecisionLevel[] = ["NA", "RA", "AR", "C1", "C2", "C3"];

export type DecisionOutcome =
  | "recognized"
  | "humanitarian"
  | "rejected"
  | "annulled"
  | "withdrawn"
  | "terminated"
  | "inadmissible"
  | "remanded";

export const SUBSTANTIVE_OUTCOMES: readonly DecisionOutcome[] = [
  "recognized",
  "humanitarian",
  "rejected",
  "annulled",
];

export interface StatDecision {
  /** The event's sequence number in the case (1 = filing). */
  seq: number;
  level: DecisionLevel;
  decidedOn: LegalDate;
  outcome: DecisionOutcome;
  substantive: boolean;
  /** Examiner id, committee panel, or court and panel; null when the record does not say. */
  decisionMaker: string | null;
  /** A first-instance act carrying out a court's annulment. */
  redecision: boolean;
  /** For AR and court decisions: this decision overturned a first-instance refusal. */
  reversesRefusal: boolean;
}

/** Where a case stands, for cohorts and final outcomes. */
export type CaseOutcome =
  | "recognized"
  | "humanitarian"
  | "rejected"
  | "withdrawn"
  | "terminated"
  | "inadmissible"
  | "cancelled"
  | "pending";

export interface StatCase {
  filedOn: LegalDate;
  channel: string;
  kind: "first" | "subsequent";
  office: string;
  decisions: StatDecision[];
  /** The first first-instance decision that ended the first instance (not a redecision). */
  firstInstance: { outcome: DecisionOutcome; decidedOn: LegalDate } | null;
  /** The case's outcome once final (no remedy left), and since when; null while not final. */
  final: { outcome: CaseOutcome; since: LegalDate } | null;
}

/** Age bands as Eurostat publishes asylum statistics. */
export const AGE_BANDS = ["0-13", "14-17", "18-34", "35-64", "65+", "unknown"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(birthDate: LegalDate | null, on: LegalDate): AgeBand {
  if (!birthDate) return "unknown";
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 0) return "unknown";
  return age <= 13 ? "0-13" : age <= 17 ? "14-17" : age <= 34 ? "18-34" : age <= 64 ? "35-64" : "65+";
}
