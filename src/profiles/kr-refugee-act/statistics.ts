/**
 * What a Korean case contributes to the statistics (docs/statistics.md): each decision with its
 * UNHCR level and outcome, folded event by event so that recording an event costs the same on a
 * long case as on a short one. The levels: NA or RA (first instance, new or repeat application),
 * AR (objection, RA 21), C1–C3 (the three court levels).
 */
import type {
  DerivedCase,
  Filing,
  ProfileEvent,
  StatisticsContribution,
} from "../../kernel/procedure/profile.ts";
import {
  SUBSTANTIVE_OUTCOMES,
  type CaseOutcome,
  type DecisionLevel,
  type DecisionOutcome,
  type StatDecision,
} from "../../kernel/statistics/facts.ts";
import type { ProcedureEvent } from "./events.ts";

/** What the fold carries from one event to the next. Plain JSON: it is kept in the case's snapshot. */
export interface KrStatAcc {
  filedOn: string;
  channel: string;
  kind: "first" | "subsequent";
  office: string;
  firstLevel: DecisionLevel;
  /** The level a withdrawal would end at: where the case is now. */
  level: DecisionLevel;
  lastExaminer: string | null;
  refusedAtFirstInstance: boolean;
  annulled: boolean;
  decisions: StatDecision[];
}

type NewDecision = Omit<
  StatDecision,
  "seq" | "decidedOn" | "substantive" | "redecision" | "reversesRefusal"
> &
  Partial<Pick<StatDecision, "redecision" | "reversesRefusal">>;

function step(acc: KrStatAcc, event: ProfileEvent, seq: number): KrStatAcc {
  const e = event as ProcedureEvent;
  const next: KrStatAcc = { ...acc };
  const add = (d: NewDecision) => {
    next.decisions = [
      ...acc.decisions,
      {
        seq,
        decidedOn: e.occurredOn,
        substantive: SUBSTANTIVE_OUTCOMES.includes(d.outcome),
        redecision: false,
        reversesRefusal: false,
        ...d,
      },
    ];
  };
  const firstLevel = acc.firstLevel;
  switch (e.type) {
    case "referral_decided":
      if (!e.referred) add({ level: firstLevel, outcome: "inadmissible", decisionMaker: null });
      break;
    case "interview_held":
      next.lastExaminer = e.examinerId;
      break;
    case "review_terminated":
      add({ level: firstLevel, outcome: "terminated", decisionMaker: acc.lastExaminer });
      break;
    case "decision_issued":
    case "redecision_issued": {
      const outcome: DecisionOutcome =
        e.outcome === "recognized" ? "recognized" : e.humanitarianStay ? "humanitarian" : "rejected";
      const redecision = e.type === "redecision_issued" || acc.annulled;
      if (!redecision) next.refusedAtFirstInstance = outcome !== "recognized";
      add({ level: firstLevel, outcome, decisionMaker: e.examinerId ?? acc.lastExaminer, redecision });
      next.level = firstLevel;
      break;
    }
    case "objection_filed":
      next.level = "AR";
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
        reversesRefusal: acc.refusedAtFirstInstance && outcome === "recognized",
      });
      break;
    }
    case "suit_filed":
      next.level = "C1";
      break;
    case "appeal_filed":
      next.level = e.level === 2 ? "C2" : "C3";
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
      if (outcome === "annulled") next.annulled = true;
      add({
        level: courtLevel,
        outcome,
        decisionMaker: `${e.court}${e.panel ? ` / ${e.panel}` : ""}`,
        reversesRefusal: acc.refusedAtFirstInstance && outcome === "annulled",
      });
      next.level = courtLevel;
      break;
    }
    case "withdrawn":
    case "suit_withdrawn":
      add({ level: acc.level, outcome: "withdrawn", decisionMaker: null });
      break;
    case "objection_withdrawn":
      add({ level: "AR", outcome: "withdrawn", decisionMaker: null });
      break;
    case "appeal_withdrawn":
      add({ level: e.level === 2 ? "C2" : "C3", outcome: "withdrawn", decisionMaker: null });
      break;
    default:
      break;
  }
  return next;
}

function finalOutcome(d: DerivedCase): CaseOutcome {
  switch (d.stage) {
    case "recognized":
      return "recognized";
    case "withdrawn":
      return "withdrawn";
    case "terminated":
      return "terminated";
    // Found not eligible in the review of a re-application (docs/eligibility-review.md): closed
    // without a decision on the merits, like a non-referral.
    case "not_referred":
    case "ineligible":
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

export const krStatistics: StatisticsContribution<KrStatAcc> = {
  start(filing: Filing): KrStatAcc {
    const firstLevel: DecisionLevel = filing.kind === "subsequent" ? "RA" : "NA";
    return {
      filedOn: filing.occurredOn,
      channel: filing.channel,
      kind: filing.kind,
      office: filing.office,
      firstLevel,
      level: firstLevel,
      lastExaminer: null,
      refusedAtFirstInstance: false,
      annulled: false,
      decisions: [],
    };
  },
  step,
  result(acc, derived) {
    const first = acc.decisions.find((d) => (d.level === "NA" || d.level === "RA") && !d.redecision);
    return {
      filedOn: acc.filedOn,
      channel: acc.channel,
      kind: acc.kind,
      office: acc.office,
      decisions: acc.decisions,
      firstInstance: first ? { outcome: first.outcome, decidedOn: first.decidedOn } : null,
      final:
        derived.final && derived.finalSince
          ? { outcome: finalOutcome(derived), since: derived.finalSince }
          : null,
    };
  },
};
