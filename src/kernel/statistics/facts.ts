/**
 * What a case contributes to the statistics (STATISTICS.md "Units"): its decisions, each with its
 * level and outcome, and its first-instance, latest and final outcomes. Pure: from the case's
 * events and its derived state; the store keeps the result beside the projection, so that every
 * figure is a GROUP BY over these rows.
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
import type { CaseEvent } from "../../profiles/kr-refugee-act/events.ts";

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

/** The derived facts the engine already knows (from `derive`), as of the day the facts are taken. */
export interface FinalityInput {
  stage: string;
  protection: "refugee" | "humanitarian" | null;
  final: boolean;
  finalSince: LegalDate | null;
}

export function statCase(events: readonly CaseEvent[], derived: FinalityInput): StatCase {
  const filed = events[0];
  if (!filed || filed.type !== "application_filed")
    throw new Error("a case history starts with application_filed");
  const firstLevel: DecisionLevel = filed.kind === "subsequent" ? "RA" : "NA";
  const decisions: StatDecision[] = [];
  let level: DecisionLevel = firstLevel;
  let lastExaminer: string | null = null;
  let refusedAtFirstInstance = false;
  let annulled = false;

  events.forEach((e, i) => {
    const seq = i + 1;
    const add = (
      d: Omit<StatDecision, "seq" | "decidedOn" | "substantive" | "redecision" | "reversesRefusal"> &
        Partial<Pick<StatDecision, "redecision" | "reversesRefusal">>,
    ) =>
      decisions.push({
        seq,
        decidedOn: e.occurredOn,
        substantive: SUBSTANTIVE_OUTCOMES.includes(d.outcome),
        redecision: false,
        reversesRefusal: false,
        ...d,
      });
    switch (e.type) {
      case "referral_decided":
        if (!e.referred) add({ level: firstLevel, outcome: "inadmissible", decisionMaker: null });
        break;
      case "interview_held":
        lastExaminer = e.examinerId;
        break;
      case "review_terminated":
        add({ level: firstLevel, outcome: "terminated", decisionMaker: lastExaminer });
        break;
      case "decision_issued":
      case "redecision_issued": {
        const outcome: DecisionOutcome =
          e.outcome === "recognized" ? "recognized" : e.humanitarianStay ? "humanitarian" : "rejected";
        const redecision = e.type === "redecision_issued" || annulled;
        if (!redecision) refusedAtFirstInstance = outcome !== "recognized";
        add({ level: firstLevel, outcome, decisionMaker: e.examinerId ?? lastExaminer, redecision });
        level = firstLevel;
        break;
      }
      case "objection_filed":
        level = "AR";
        break;
      case "objection_decided": {
        const outcome: DecisionOutcome =
          e.outcome === "recognized"
            ? "recognized"
            : e.outcome === "rejected_unlawful"
              ? "inadmissible"
              : e.humanitarianStay
                ? "humanitarian"
                : "rejected";
        add({
          level: "AR",
          outcome,
          decisionMaker: e.panel ?? null,
          reversesRefusal: refusedAtFirstInstance && outcome === "recognized",
        });
        break;
      }
      case "suit_filed":
        level = "C1";
        break;
      case "appeal_filed":
        level = e.level === 2 ? "C2" : "C3";
        break;
      case "judgment_issued": {
        const courtLevel: DecisionLevel = e.level === 1 ? "C1" : e.level === 2 ? "C2" : "C3";
        const outcome: DecisionOutcome =
          e.outcome === "annulled"
            ? "annulled"
            : e.outcome === "claim_dismissed"
              ? "rejected"
              : e.outcome === "remanded"
                ? "remanded"
                : "inadmissible";
        if (outcome === "annulled") annulled = true;
        add({
          level: courtLevel,
          outcome,
          decisionMaker: `${e.court}${e.panel ? ` / ${e.panel}` : ""}`,
          reversesRefusal: refusedAtFirstInstance && outcome === "annulled",
        });
        level = courtLevel;
        break;
      }
      case "withdrawn":
        add({ level, outcome: "withdrawn", decisionMaker: null });
        break;
      case "suit_withdrawn":
        add({ level, outcome: "withdrawn", decisionMaker: null });
        break;
      default:
        break;
    }
  });

  const first = decisions.find((d) => (d.level === "NA" || d.level === "RA") && !d.redecision);
  return {
    filedOn: filed.occurredOn,
    channel: filed.channel,
    kind: filed.kind,
    office: filed.office,
    decisions,
    firstInstance: first ? { outcome: first.outcome, decidedOn: first.decidedOn } : null,
    final:
      derived.final && derived.finalSince
        ? { outcome: finalOutcome(derived), since: derived.finalSince }
        : null,
  };
}

function finalOutcome(d: FinalityInput): CaseOutcome {
  switch (d.stage) {
    case "recognized":
      return "recognized";
    case "withdrawn":
      return "withdrawn";
    case "terminated":
      return "terminated";
    case "not_referred":
      return "inadmissible";
    case "cancelled":
    case "ceased":
      return "cancelled";
    default:
      return d.protection === "refugee"
        ? "recognized"
        : d.protection === "humanitarian"
          ? "humanitarian"
          : "rejected";
  }
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
