/**
 * The state of one case under the Korean procedure: a plain fold of its events (`evolve`).
 * The state holds only what happened; what it means on a given date (deadlines, finality,
 * applicant status, what may happen next) is derived in `derive.ts`.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Party } from "../../kernel/procedure/deadlines.ts";
import type { CaseKind, Channel, Protection } from "../../kernel/procedure/profile.ts";
import type { PriorEnding } from "../../kernel/reapplication/policy.ts";
import type { ApplicationFiled, CaseEvent, EventOf } from "./events.ts";

export type Level = 1 | 2 | 3;

export interface Judgment {
  level: Level;
  issuedOn: LegalDate;
  outcome: EventOf<"judgment_issued">["outcome"];
  court: string;
  docketNo: string;
  panel?: string;
  servedOn: Partial<Record<Party, LegalDate>>;
  appealedOn: Partial<Record<Party, LegalDate>>;
  waivedOn: Partial<Record<Party, LegalDate>>;
  /** A withdrawn appeal is deemed never filed (CPA 393(2), 267(1)); the date bounds finality. */
  appealWithdrawnOn: Partial<Record<Party, LegalDate>>;
}

/** One court level hearing the case: a first-instance suit, an appeal, or a remitted hearing after a remand. */
export interface Instance {
  level: Level;
  startedOn: LegalDate;
  court: string;
  docketNo: string;
  /** Parties who appealed to this level (empty for the suit and for a remitted hearing). */
  appellants: Party[];
  remitted: boolean;
  recordReceivedOn: LegalDate | null;
  /** Supreme Court: notice to each appellant that the record was received (CPA 426). */
  recordNoticeOn: Partial<Record<Party, LegalDate>>;
  /** Supreme Court: the day each appellant filed its grounds of appeal (CPA 427). */
  groundsFiledOn: Partial<Record<Party, LegalDate>>;
  judgment: Judgment | null;
}

/** A suit that was withdrawn: deemed never filed (CPA 267(1)), kept for the record. */
export interface WithdrawnSuit {
  withdrawnOn: LegalDate;
  instances: Instance[];
  /** A judgment on the merits had been given: the same suit cannot be brought again (CPA 267(2)). */
  afterMerits: boolean;
}

export interface Decision {
  issuedOn: LegalDate;
  outcome: "recognized" | "not_recognized" | "excluded";
  humanitarianStay: boolean;
  exclusionGround?: number;
  examinerId?: string;
  /** The refusal rests on false documents or statements (RA 8(5) 1). */
  falseDocuments?: boolean;
  noticeServedOn: LegalDate | null;
}

export interface Objection {
  filedOn: LegalDate;
  extendedDueOn: LegalDate | null;
  hearings: LegalDate[];
  decidedOn: LegalDate | null;
  outcome: EventOf<"objection_decided">["outcome"] | null;
  humanitarianStay: boolean;
  noticeServedOn: LegalDate | null;
  /** Withdrawn before its decision: as if never filed for the suit periods (ALA 20(1)). */
  withdrawnOn: LegalDate | null;
}

/**
 * What a round of challenge is about: the first-instance decision, a redecision after a
 * final annulment, a port non-referral, or a cancellation or cessation of refugee status.
 */
export type Subject = "first_instance" | "redecision" | "non_referral" | "cancellation" | "cessation";

/** One adverse (or favourable) act and everything that challenges it. */
export interface Round {
  subject: Subject;
  /** The decision (first instance or redecision). Null until issued. */
  decision: Decision | null;
  /** Date of the act being challenged, and of its service (null until served: notice_served). */
  actOn: LegalDate | null;
  actServedOn: LegalDate | null;
  objection: Objection | null;
  /** The suit now pending or decided (empty when none, or when every suit was withdrawn). */
  instances: Instance[];
  withdrawnSuits: WithdrawnSuit[];
}

export interface Examination {
  /** Original due date inputs: the period runs from `startedOn` (RA 18(4)). */
  startedOn: LegalDate;
  extension: { noticeOn: LegalDate; newDueOn: LegalDate } | null;
  interviewsHeld: number;
  consecutiveMissed: number;
  pendingSummons: { servedOn: LegalDate; interviewOn: LegalDate } | null;
}

export interface RemovalRequest {
  type: "removal_requested" | "extradition_requested";
  on: LegalDate;
  requestedBy: string;
}

/** The eligibility review of a re-application, once approved (docs/eligibility-review.md). */
export interface EligibilityReview {
  decidedOn: LegalDate;
  policy: string;
  priorEnding: PriorEnding;
  outcome: "eligible" | "ineligible";
  servedOn: LegalDate | null;
  remedyFiledOn: LegalDate | null;
  remedyDecidedOn: LegalDate | null;
  remedyOutcome: "upheld" | "annulled" | null;
}

export interface KrCaseState {
  profile: "kr-refugee-act";
  office: string;
  channel: Channel;
  kind: CaseKind;
  filedOn: LegalDate;
  priorCaseIds: string[];
  lastEventOn: LegalDate;
  version: number;
  referral: { decidedOn: LegalDate; referred: boolean; ground?: number } | null;
  examination: Examination;
  rounds: Round[];
  protection: { kind: Protection; since: LegalDate; by: string } | null;
  /** Protection held before a cancellation or cessation, restored if the act is annulled or overturned. */
  suspendedProtection: { kind: Protection; since: LegalDate; by: string } | null;
  withdrawnOn: LegalDate | null;
  terminatedOn: LegalDate | null;
  removalRequests: RemovalRequest[];
  /** Living-cost support extended beyond six months (RD 17(1)) until this date. */
  livingSupportUntil: LegalDate | null;
  /** The latest eligibility review of this re-application, if any. */
  eligibility: EligibilityReview | null;
}

export function initialState(filed: ApplicationFiled): KrCaseState {
  return {
    profile: "kr-refugee-act",
    office: filed.office,
    channel: filed.channel,
    kind: filed.kind,
    filedOn: filed.occurredOn,
    priorCaseIds: filed.priorCaseIds,
    lastEventOn: filed.occurredOn,
    version: 1,
    referral: null,
    examination: {
      startedOn: filed.occurredOn,
      extension: null,
      interviewsHeld: 0,
      consecutiveMissed: 0,
      pendingSummons: null,
    },
    rounds: [],
    protection: null,
    suspendedProtection: null,
    withdrawnOn: null,
    terminatedOn: null,
    removalRequests: [],
    livingSupportUntil: null,
    eligibility: null,
  };
}

export function currentRound(state: KrCaseState): Round | undefined {
  return state.rounds[state.rounds.length - 1];
}

function newRound(subject: Subject, decision: Decision | null, actOn: LegalDate | null): Round {
  // Every act takes effect on service of its notice (notice_served), including a non-referral,
  // a cancellation and a cessation (RA 21(1), 22(3)): the periods to challenge it run from then.
  return { subject, decision, actOn, actServedOn: null, objection: null, instances: [], withdrawnSuits: [] };
}

function newInstance(
  level: Level,
  on: LegalDate,
  court: string,
  docketNo: string,
  appellants: Party[],
  judgment: Judgment | null = null,
): Instance {
  return {
    level,
    startedOn: on,
    court,
    docketNo,
    appellants,
    remitted: judgment !== null,
    recordReceivedOn: null,
    recordNoticeOn: {},
    groundsFiledOn: {},
    judgment,
  };
}

/** Judgments on the merits: after one, a withdrawn suit cannot be brought again (CPA 267(2)). */
const MERITS: ReadonlySet<string> = new Set(["annulled", "claim_dismissed"]);

/** Replace the last round (rounds are never shared between states: evolve copies on write). */
function withRound(state: KrCaseState, update: (round: Round) => Round): KrCaseState {
  const round = currentRound(state);
  if (!round) throw new Error("no decision has been issued in this case yet");
  return { ...state, rounds: [...state.rounds.slice(0, -1), update(round)] };
}

function withInstance(state: KrCaseState, update: (instance: Instance) => Instance): KrCaseState {
  return withRound(state, (round) => {
    const last = round.instances[round.instances.length - 1];
    if (!last) throw new Error("no suit is pending in this case");
    return { ...round, instances: [...round.instances.slice(0, -1), update(last)] };
  });
}

/** Find the judgment at `level` in the current round, searching from the latest instance. */
function updateJudgmentAt(state: KrCaseState, level: Level, update: (j: Judgment) => Judgment): KrCaseState {
  return withRound(state, (round) => {
    const idx = findLastIndex(round.instances, (i) => i.level === level && i.judgment !== null);
    if (idx < 0) throw new Error(`no judgment at level ${level}`);
    const instances = round.instances.map((inst, k) =>
      k === idx && inst.judgment ? { ...inst, judgment: update(inst.judgment) } : inst,
    );
    return { ...round, instances };
  });
}

function withoutParty<T>(record: Partial<Record<Party, T>>, party: Party): Partial<Record<Party, T>> {
  const { [party]: _dropped, ...rest } = record;
  return rest;
}

export function findLastIndex<T>(items: readonly T[], pred: (t: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && pred(item)) return i;
  }
  return -1;
}

function decisionFrom(e: EventOf<"decision_issued"> | EventOf<"redecision_issued">): Decision {
  return {
    issuedOn: e.occurredOn,
    outcome: e.outcome,
    humanitarianStay: e.humanitarianStay,
    ...(e.exclusionGround !== undefined ? { exclusionGround: e.exclusionGround } : {}),
    ...(e.examinerId !== undefined ? { examinerId: e.examinerId } : {}),
    ...(e.falseDocuments ? { falseDocuments: true } : {}),
    noticeServedOn: null,
  };
}

/** Fold one event into the state. Pure; assumes `decide` has accepted the event. */
export function evolve(state: KrCaseState | null, event: CaseEvent): KrCaseState {
  if (event.type === "application_filed") return initialState(event);
  if (!state) throw new Error("a case starts with application_filed");
  const s: KrCaseState = { ...state, lastEventOn: event.occurredOn, version: state.version + 1 };
  const on = event.occurredOn;

  switch (event.type) {
    case "referral_decided": {
      const referral = {
        decidedOn: on,
        referred: event.referred,
        ...(event.nonReferralGround !== undefined ? { ground: event.nonReferralGround } : {}),
      };
      // RD 5(6): a referred applicant is deemed to have applied on the day of the referral, so the
      // decision period and the RA 40 dates run from it (also after an annulled non-referral).
      const startedOn = on;
      if (event.referred) return { ...s, referral, examination: { ...s.examination, startedOn } };
      return { ...s, referral, rounds: [...s.rounds, newRound("non_referral", null, on)] };
    }
    case "summons_served":
      return {
        ...s,
        examination: { ...s.examination, pendingSummons: { servedOn: on, interviewOn: event.interviewOn } },
      };
    case "interview_held":
      return {
        ...s,
        examination: {
          ...s.examination,
          interviewsHeld: s.examination.interviewsHeld + 1,
          consecutiveMissed: 0,
          pendingSummons: null,
        },
      };
    case "interview_missed":
      return {
        ...s,
        examination: {
          ...s.examination,
          consecutiveMissed: s.examination.consecutiveMissed + 1,
          pendingSummons: null,
        },
      };
    case "review_terminated":
      return { ...s, terminatedOn: on };
    case "decision_extended":
      return {
        ...s,
        examination: { ...s.examination, extension: { noticeOn: on, newDueOn: event.newDueOn } },
      };
    case "decision_issued":
    case "redecision_issued": {
      const decision = decisionFrom(event);
      const subject: Subject = event.type === "decision_issued" ? "first_instance" : "redecision";
      const refused = decision.outcome !== "recognized";
      const next = { ...s, rounds: [...s.rounds, newRound(subject, decision, refused ? on : null)] };
      if (decision.outcome === "recognized") return next; // protection starts on service of the notice
      if (decision.humanitarianStay) {
        return { ...next, protection: { kind: "humanitarian", since: on, by: event.type } };
      }
      return next;
    }
    case "notice_served": {
      const next = withRound(s, (r) =>
        r.decision
          ? {
              ...r,
              decision: { ...r.decision, noticeServedOn: on },
              actServedOn: r.decision.outcome !== "recognized" ? on : r.actServedOn,
            }
          : { ...r, actServedOn: on },
      );
      const decision = currentRound(next)?.decision;
      if (decision?.outcome === "recognized") {
        return { ...next, protection: { kind: "refugee", since: on, by: "notice_served" } };
      }
      return next;
    }
    case "objection_filed":
      return withRound(s, (r) => ({
        ...r,
        objection: {
          filedOn: on,
          extendedDueOn: null,
          hearings: [],
          decidedOn: null,
          outcome: null,
          humanitarianStay: false,
          noticeServedOn: null,
          withdrawnOn: null,
        },
      }));
    case "objection_withdrawn":
      return withRound(s, (r) => ({
        ...r,
        objection: r.objection ? { ...r.objection, withdrawnOn: on } : null,
      }));
    case "objection_extended":
      return withRound(s, (r) => ({
        ...r,
        objection: r.objection ? { ...r.objection, extendedDueOn: event.newDueOn } : null,
      }));
    case "committee_hearing_held":
      return withRound(s, (r) => ({
        ...r,
        objection: r.objection ? { ...r.objection, hearings: [...r.objection.hearings, on] } : null,
      }));
    case "objection_decided": {
      const next = withRound(s, (r) => ({
        ...r,
        objection: r.objection
          ? {
              ...r.objection,
              decidedOn: on,
              outcome: event.outcome,
              humanitarianStay: event.humanitarianStay,
            }
          : null,
      }));
      if (event.outcome !== "recognized" && event.humanitarianStay && next.protection?.kind !== "refugee") {
        return { ...next, protection: { kind: "humanitarian", since: on, by: "objection_decided" } };
      }
      return next;
    }
    case "objection_notice_served": {
      const next = withRound(s, (r) => ({
        ...r,
        objection: r.objection ? { ...r.objection, noticeServedOn: on } : null,
      }));
      const round = currentRound(next);
      if (round?.objection?.outcome === "recognized") return restoreOrGrantRefugee(next, round, on);
      return next;
    }
    case "suit_filed":
      return withRound(s, (r) => ({
        ...r,
        instances: [newInstance(1, on, event.court, event.docketNo, [])],
      }));
    case "judgment_issued": {
      const judgment: Judgment = {
        level: event.level,
        issuedOn: on,
        outcome: event.outcome,
        court: event.court,
        docketNo: event.docketNo,
        ...(event.panel !== undefined ? { panel: event.panel } : {}),
        servedOn: {},
        appealedOn: {},
        waivedOn: {},
        appealWithdrawnOn: {},
      };
      return withRound(s, (r) => {
        const last = r.instances[r.instances.length - 1];
        if (last && last.level === event.level && last.judgment === null) {
          return { ...r, instances: [...r.instances.slice(0, -1), { ...last, judgment }] };
        }
        // A judgment of the lower court after a remand: the remitted hearing starts with it.
        const remitted = newInstance(event.level, on, event.court, event.docketNo, [], judgment);
        return { ...r, instances: [...r.instances, remitted] };
      });
    }
    case "judgment_served":
      return updateJudgmentAt(s, event.level, (j) => ({
        ...j,
        servedOn: { ...j.servedOn, [event.party]: on },
      }));
    case "appeal_filed": {
      const next = updateJudgmentAt(s, (event.level - 1) as Level, (j) => ({
        ...j,
        appealedOn: { ...j.appealedOn, [event.by]: on },
        appealWithdrawnOn: withoutParty(j.appealWithdrawnOn, event.by),
      }));
      return withRound(next, (r) => {
        const last = r.instances[r.instances.length - 1];
        if (last && last.level === event.level && last.judgment === null) {
          // A second party's appeal joins the one already pending at that level.
          return {
            ...r,
            instances: [...r.instances.slice(0, -1), { ...last, appellants: [...last.appellants, event.by] }],
          };
        }
        return {
          ...r,
          instances: [...r.instances, newInstance(event.level, on, event.court, event.docketNo, [event.by])],
        };
      });
    }
    case "appeal_waived":
      return updateJudgmentAt(s, (event.level - 1) as Level, (j) => ({
        ...j,
        waivedOn: { ...j.waivedOn, [event.by]: on },
      }));
    case "appeal_withdrawn": {
      // CPA 393: the appeal is deemed never filed; the judgment below stands unless appealed again in time.
      const next = updateJudgmentAt(s, (event.level - 1) as Level, (j) => ({
        ...j,
        appealedOn: withoutParty(j.appealedOn, event.by),
        appealWithdrawnOn: { ...j.appealWithdrawnOn, [event.by]: on },
      }));
      return withRound(next, (r) => {
        const last = r.instances[r.instances.length - 1];
        if (!last || last.level !== event.level || last.judgment) return r;
        const appellants = last.appellants.filter((p) => p !== event.by);
        const rest = r.instances.slice(0, -1);
        return { ...r, instances: appellants.length ? [...rest, { ...last, appellants }] : rest };
      });
    }
    case "record_received":
      return withInstance(s, (i) => ({ ...i, recordReceivedOn: on }));
    case "record_receipt_notified":
      return withInstance(s, (i) => ({ ...i, recordNoticeOn: { ...i.recordNoticeOn, [event.party]: on } }));
    case "appeal_grounds_filed":
      return withInstance(s, (i) => ({ ...i, groundsFiledOn: { ...i.groundsFiledOn, [event.by]: on } }));
    case "suit_withdrawn":
      // CPA 267(1): the suit is deemed never filed; the periods to sue run on as before.
      return withRound(s, (r) => ({
        ...r,
        instances: [],
        withdrawnSuits: [
          ...r.withdrawnSuits,
          {
            withdrawnOn: on,
            instances: r.instances,
            afterMerits: r.instances.some((i) => i.judgment !== null && MERITS.has(i.judgment.outcome)),
          },
        ],
      }));
    case "living_support_extended":
      return { ...s, livingSupportUntil: event.untilOn };
    case "withdrawn":
      return { ...s, withdrawnOn: on };
    case "recognition_cancelled":
    case "cessation_decided": {
      const subject: Subject = event.type === "recognition_cancelled" ? "cancellation" : "cessation";
      return {
        ...s,
        suspendedProtection: s.protection,
        protection: null,
        rounds: [...s.rounds, newRound(subject, null, on)],
      };
    }
    case "eligibility_decided":
      return {
        ...s,
        eligibility: {
          decidedOn: on,
          policy: event.policy,
          priorEnding: event.priorEnding,
          outcome: event.outcome,
          servedOn: null,
          remedyFiledOn: null,
          remedyDecidedOn: null,
          remedyOutcome: null,
        },
      };
    case "eligibility_notice_served":
      return s.eligibility ? { ...s, eligibility: { ...s.eligibility, servedOn: on } } : s;
    case "eligibility_remedy_filed":
      return s.eligibility ? { ...s, eligibility: { ...s.eligibility, remedyFiledOn: on } } : s;
    case "eligibility_remedy_decided":
      return s.eligibility
        ? { ...s, eligibility: { ...s.eligibility, remedyDecidedOn: on, remedyOutcome: event.outcome } }
        : s;
    case "removal_requested":
    case "extradition_requested":
      return {
        ...s,
        removalRequests: [...s.removalRequests, { type: event.type, on, requestedBy: event.requestedBy }],
      };
  }
}

/** A favourable objection outcome: a cancellation is undone, or refugee status is granted. */
export function restoreOrGrantRefugee(state: KrCaseState, round: Round, on: LegalDate): KrCaseState {
  if ((round.subject === "cancellation" || round.subject === "cessation") && state.suspendedProtection) {
    return { ...state, protection: state.suspendedProtection, suspendedProtection: null };
  }
  return { ...state, protection: { kind: "refugee", since: on, by: "objection_notice_served" } };
}
