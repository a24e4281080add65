/**
 * What a case's state means on a given date: stage, applicant status, protection, finality,
 * removal bar, deadlines and the events the procedure allows next. Pure: the date and the
 * holiday calendar are arguments.
 */
import { addDays, type LegalDate } from "../../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../../kernel/calendar/holidays.ts";
import { periodEnd } from "../../kernel/calendar/periods.ts";
import {
  evaluateDeadline,
  type DeadlineSpec as SettledSpec,
  type Party,
} from "../../kernel/procedure/deadlines.ts";
import type { ApplicantStatus, DerivedCase, Protection } from "../../kernel/procedure/profile.ts";
import type { ReapplicationPolicy } from "../../kernel/reapplication/policy.ts";
import type { EventType } from "./events.ts";
import { policyById } from "./reapplication/index.ts";
import {
  BARS,
  DEFAULT_SETTINGS,
  EXTENSION_NOTICE_DAYS,
  LIVING_SUPPORT_EXTENSION_BASIS,
  MISSED_INTERVIEWS_FOR_TERMINATION,
  PERIODS,
  REFERRAL_BASIS,
  passMeaning,
  type DeadlineKind,
  type KrSettings,
  type PeriodName,
} from "./rules.ts";

/** A deadline as the rules below produce it; `finish` adds what its passing means. */
type DeadlineSpec = Omit<SettledSpec, "onPass"> & { kind: DeadlineKind };
import {
  currentRound,
  type EligibilityReview,
  type Instance,
  type Judgment,
  type KrCaseState,
  type Level,
  type Objection,
  type Round,
  type WithdrawnSuit,
} from "./state.ts";

export type Stage =
  | "port_screening"
  | "examination"
  | "decision_notice"
  | "challenge_period"
  | "objection"
  | "objection_notice"
  | "objection_and_litigation"
  | "litigation"
  | "redecision"
  | "recognized"
  | "refused"
  | "not_referred"
  | "cancelled"
  | "ceased"
  | "withdrawn"
  | "terminated"
  | "eligibility_notice"
  | "eligibility_remedy"
  | "ineligible";

export interface KrDerived extends DerivedCase {
  stage: Stage;
  /** The court level now hearing the case, or whose judgment is awaiting finality. */
  litigationLevel: Level | null;
  deemedAdmitted: boolean;
  /** Due date of the first-instance decision before any extension (RA 18(4)). */
  originalDecisionDueOn: LegalDate;
}

const PARTIES: Party[] = ["applicant", "authority"];
const ALWAYS: EventType[] = ["removal_requested", "extradition_requested"];

export function due(rule: PeriodName, from: LegalDate, calendar: HolidayCalendar): LegalDate {
  const r = PERIODS[rule];
  return periodEnd(from, r.amount, r.unit, calendar, { rollForward: r.rollForward }).dueOn;
}

function spec(
  kind: DeadlineKind,
  rule: PeriodName,
  from: LegalDate,
  calendar: HolidayCalendar,
  extra: Partial<DeadlineSpec> = {},
): DeadlineSpec {
  const r = PERIODS[rule];
  return {
    kind,
    from,
    dueOn: due(rule, from, calendar),
    basis: r.basis,
    obligation: r.obligation,
    resolution: null,
    ...extra,
  };
}

/** Resolution of a deadline met by an act on `doneOn` (or not yet done). */
function doneBy(doneOn: LegalDate | null | undefined, dueOn: LegalDate): DeadlineSpec["resolution"] {
  if (!doneOn) return null;
  return doneOn <= dueOn ? "met" : "missed";
}

/** Settle `d` by an act on `doneOn` (met, or missed when late), keeping the day; nothing if not done. */
function settle(d: DeadlineSpec, doneOn: LegalDate | null | undefined): void {
  d.resolution = doneBy(doneOn, d.dueOn);
  if (d.resolution && doneOn) d.settledOn = doneOn;
}

/** `d` no longer applies since `on` (the case closed, the right was waived or withdrawn in time). */
function lapse(d: DeadlineSpec, on: LegalDate | null | undefined): void {
  d.resolution = "lapsed";
  if (on) d.settledOn = on;
}

/** How a round ended, once it has: the act stands, it was annulled, or the outcome was favourable. */
type Effect = "upheld" | "annulled" | "favourable";

interface RoundView {
  phase: Extract<
    Stage,
    | "decision_notice"
    | "challenge_period"
    | "objection"
    | "objection_notice"
    | "objection_and_litigation"
    | "litigation"
  > | null;
  final: { since: LegalDate; effect: Effect } | null;
  deadlines: DeadlineSpec[];
  allowed: EventType[];
  litigationLevel: Level | null;
}

/** The port-of-entry referral's due date, under the profile's reading of the 7-day period. */
export function referralDue(filedOn: LegalDate, calendar: HolidayCalendar, settings: KrSettings): LegalDate {
  if (settings.portReferralCounting === "civil_act") return due("referral_decision", filedOn, calendar);
  // FAAA 6(2): the first day counts, and the period ends on its last day whatever the weekday.
  const days = PERIODS.referral_decision.amount;
  return periodEnd(addDays(filedOn, -1), days, "days", calendar, { rollForward: false }).dueOn;
}

export function originalDecisionDue(state: KrCaseState, calendar: HolidayCalendar): LegalDate {
  return due("first_instance_decision", state.examination.startedOn, calendar);
}

/** The latest of several dates. */
function latest(dates: LegalDate[]): LegalDate {
  return dates.reduce((a, b) => (a > b ? a : b));
}

/** Appeal windows of one judgment of a first-instance court or High Court. */
function appealDeadlines(j: Judgment, calendar: HolidayCalendar): DeadlineSpec[] {
  const out: DeadlineSpec[] = [];
  for (const party of PARTIES) {
    const served = j.servedOn[party];
    if (!served) continue;
    const d = spec("appeal_filing", "appeal_filing", served, calendar, {
      party,
      level: (j.level + 1) as Level,
    });
    const appealed = j.appealedOn[party];
    if (appealed) settle(d, appealed);
    else if (j.waivedOn[party]) lapse(d, j.waivedOn[party]);
    out.push(d);
  }
  return out;
}

/**
 * When a judgment becomes final. Levels 1 and 2 (CPA 498): every party has waived, or its appeal
 * period ran out unused; a withdrawn appeal is deemed never filed (CPA 393(2)), so the judgment is
 * final when the period ends, or on the withdrawal if that is later. Level 3: on pronouncement,
 * but a summary dismissal (심리불속행) only once served on the appellants (SCA 5(2)).
 * Null while a party can still appeal (or has not been served).
 */
function judgmentFinalSince(
  j: Judgment,
  inst: Instance,
  asOf: LegalDate,
  calendar: HolidayCalendar,
): LegalDate | null {
  if (j.level === 3) {
    if (j.outcome !== "summary_dismissal") return j.issuedOn;
    const appellants = inst.appellants.length > 0 ? inst.appellants : PARTIES;
    const served = appellants.map((p) => j.servedOn[p]);
    if (served.some((d) => !d)) return null;
    return latest(served as LegalDate[]);
  }
  const settled: LegalDate[] = [];
  for (const party of PARTIES) {
    if (j.appealedOn[party]) return null;
    const waived = j.waivedOn[party];
    if (waived) {
      settled.push(waived);
      continue;
    }
    const served = j.servedOn[party];
    if (!served) return null;
    const ended = addDays(due("appeal_filing", served, calendar), 1);
    const withdrawn = j.appealWithdrawnOn[party];
    const on = withdrawn && withdrawn > ended ? withdrawn : ended;
    if (asOf < on) return null;
    settled.push(on);
  }
  return latest(settled);
}

/**
 * The effect of a final judgment; a summary dismissal (SCA 4-5) or a dismissal for want of
 * grounds (CPA 429) leaves the judgment below standing.
 */
function judgmentEffect(instances: Instance[], index: number): Effect | "remanded" {
  const inst = instances[index];
  const j = inst?.judgment;
  if (!j) return "upheld";
  switch (j.outcome) {
    case "annulled":
      return "annulled";
    case "claim_dismissed":
    case "suit_rejected":
      return "upheld";
    case "remanded":
      return "remanded";
    case "summary_dismissal":
    case "dismissed_no_grounds": {
      for (let k = index - 1; k >= 0; k--) {
        const below = instances[k]?.judgment;
        if (below && below.level < j.level) return judgmentEffect(instances, k);
      }
      return "upheld";
    }
  }
}

/**
 * Resolution of an appellant's grounds deadline: met or missed by the filing; a ruling of the
 * Supreme Court on anything but missing grounds shows that they were filed.
 */
function groundsResolution(inst: Instance, party: Party, dueOn: LegalDate): DeadlineSpec["resolution"] {
  const filed = inst.groundsFiledOn[party];
  if (filed) return doneBy(filed, dueOn);
  if (inst.judgment && inst.judgment.outcome !== "dismissed_no_grounds") return "met";
  return null;
}

/** The grounds deadline of one appellant, once the notice of receipt of the record reached it (CPA 426-427). */
export function groundsDeadline(
  inst: Instance,
  party: Party,
  calendar: HolidayCalendar,
): DeadlineSpec | null {
  const noticeOn = inst.recordNoticeOn[party];
  if (!noticeOn) return null;
  const d = spec("supreme_court_grounds", "supreme_court_grounds", noticeOn, calendar, { party, level: 3 });
  d.resolution = groundsResolution(inst, party, d.dueOn);
  const filed = inst.groundsFiledOn[party];
  if (d.resolution && filed) d.settledOn = filed;
  return d;
}

/** Every deadline of a suit's instances: appeals per party; at the Supreme Court, grounds and summary dismissal. */
function instanceDeadlines(instances: Instance[], calendar: HolidayCalendar): DeadlineSpec[] {
  const out: DeadlineSpec[] = [];
  for (const inst of instances) {
    if (inst.judgment && inst.judgment.level < 3) out.push(...appealDeadlines(inst.judgment, calendar));
    if (inst.level !== 3) continue;
    for (const party of inst.appellants) {
      const grounds = groundsDeadline(inst, party, calendar);
      if (grounds) out.push(grounds);
    }
    if (inst.recordReceivedOn) {
      const window = spec("summary_dismissal", "summary_dismissal", inst.recordReceivedOn, calendar, {
        level: 3,
      });
      if (inst.judgment) window.resolution = inst.judgment.outcome === "summary_dismissal" ? "met" : "lapsed";
      out.push(window);
    }
  }
  return out;
}

/** The Supreme Court's own steps before its judgment: the record, the notices, the grounds (CPA 426-427). */
function supremeCourtSteps(inst: Instance): EventType[] {
  if (!inst.recordReceivedOn) return ["record_received"];
  const steps: EventType[] = [];
  if (inst.appellants.some((p) => !inst.recordNoticeOn[p])) steps.push("record_receipt_notified");
  if (inst.appellants.some((p) => inst.recordNoticeOn[p] && !inst.groundsFiledOn[p])) {
    steps.push("appeal_grounds_filed");
  }
  return steps;
}

function litigationView(round: Round, asOf: LegalDate, calendar: HolidayCalendar): RoundView {
  const deadlines = instanceDeadlines(round.instances, calendar);
  const allowed: EventType[] = [];
  const index = round.instances.length - 1;
  const last = round.instances[index];
  if (!last) throw new Error("litigation without an instance");

  if (!last.judgment) {
    allowed.push("judgment_issued", "suit_withdrawn");
    if (last.level === 3) allowed.push(...supremeCourtSteps(last));
    if (last.level > 1 && last.appellants.length > 0) allowed.push("appeal_withdrawn");
    // A party who has not yet appealed the judgment below may still join the appeal (cross-appeal).
    const below = previousJudgment(round.instances, index);
    if (below) allowed.push(...openAppealActions(below, asOf, calendar));
    return { phase: "litigation", final: null, deadlines, allowed, litigationLevel: last.level };
  }

  const j = last.judgment;
  const since = judgmentFinalSince(j, last, asOf, calendar);
  if (since === null || since > asOf) {
    const servable = PARTIES.some((p) => !j.servedOn[p]);
    if (servable) allowed.push("judgment_served");
    allowed.push(...openAppealActions(j, asOf, calendar), "suit_withdrawn");
    return { phase: "litigation", final: null, deadlines, allowed, litigationLevel: j.level };
  }
  const effect = judgmentEffect(round.instances, index);
  if (effect === "remanded") {
    // The remitted court hears the case again: its next judgment is recorded at the level below.
    allowed.push("judgment_issued", "suit_withdrawn");
    if (PARTIES.some((p) => !j.servedOn[p])) allowed.push("judgment_served");
    return { phase: "litigation", final: null, deadlines, allowed, litigationLevel: (j.level - 1) as Level };
  }
  if (PARTIES.some((p) => !j.servedOn[p])) allowed.push("judgment_served");
  return { phase: null, final: { since, effect }, deadlines, allowed, litigationLevel: null };
}

function previousJudgment(instances: Instance[], index: number): Judgment | null {
  for (let k = index - 1; k >= 0; k--) {
    const j = instances[k]?.judgment;
    if (j) return j;
  }
  return null;
}

function openAppealActions(j: Judgment, asOf: LegalDate, calendar: HolidayCalendar): EventType[] {
  if (j.level === 3) return [];
  const open = PARTIES.some((p) => appealOpenFor(j, p, asOf, calendar));
  return open ? ["appeal_filed", "appeal_waived"] : [];
}

/** A party may appeal before service (CPA 396(1) proviso) and until 2 weeks after it. */
export function appealOpenFor(
  j: Judgment,
  party: Party,
  asOf: LegalDate,
  calendar: HolidayCalendar,
): boolean {
  if (j.level === 3 || j.appealedOn[party] || j.waivedOn[party]) return false;
  const served = j.servedOn[party];
  return !served || asOf <= due("appeal_filing", served, calendar);
}

/** The objection that counts: one withdrawn is as if never filed (ALA 20(1)), and a new one may follow. */
function activeObjection(round: Round): Objection | null {
  return round.objection && !round.objection.withdrawnOn ? round.objection : null;
}

/** Objection period (RA 21(1) or, against a cancellation or cessation, RA 22(3)). */
function objectionWindow(round: Round, calendar: HolidayCalendar): DeadlineSpec | null {
  if (round.subject === "non_referral" || !round.actServedOn) return null;
  const isStatus = round.subject === "cancellation" || round.subject === "cessation";
  const kind = isStatus ? "status_objection_filing" : "objection_filing";
  const d = spec(kind, kind, round.actServedOn, calendar, { party: "applicant" });
  settle(d, activeObjection(round)?.filedOn);
  return d;
}

export function objectionIsLate(round: Round, calendar: HolidayCalendar): boolean {
  const w = objectionWindow(round, calendar);
  const obj = activeObjection(round);
  return !!(w && obj && obj.filedOn > w.dueOn);
}

/** The objection decision period (RA 21(7)), or its extension (RA 21(8)). */
function objectionDecisionDeadline(obj: Objection, calendar: HolidayCalendar): DeadlineSpec {
  const dueOn = obj.extendedDueOn ?? due("objection_decision", obj.filedOn, calendar);
  const rule = obj.extendedDueOn ? PERIODS.objection_extension : PERIODS.objection_decision;
  const withdrawnInTime = obj.withdrawnOn !== null && !obj.decidedOn && obj.withdrawnOn <= dueOn;
  return {
    kind: "objection_decision",
    from: obj.filedOn,
    dueOn,
    basis: rule.basis,
    obligation: "duty",
    resolution: obj.decidedOn ? doneBy(obj.decidedOn, dueOn) : withdrawnInTime ? "lapsed" : null,
    ...(obj.decidedOn
      ? { settledOn: obj.decidedOn }
      : withdrawnInTime && obj.withdrawnOn
        ? { settledOn: obj.withdrawnOn }
        : {}),
  };
}

/**
 * The suit periods (ALA 20): 90 days from service of the act, or of the objection decision when a
 * timely objection was dismissed; 1 year from the day that act took effect. A late objection, one
 * withdrawn, or one rejected as unlawful does not restart them. Null while a timely objection is
 * undecided. A withdrawn suit is deemed never filed (CPA 267(1)): only the pending suit meets them.
 */
function suitWindows(round: Round, calendar: HolidayCalendar): DeadlineSpec[] | null {
  const obj = activeObjection(round);
  const late = objectionIsLate(round, calendar);
  let servedOn: LegalDate | null = round.actServedOn;
  let decidedOn: LegalDate | null = round.actOn;
  if (obj && !late) {
    if (!obj.decidedOn || obj.outcome === "recognized") return null;
    if (obj.outcome === "dismissed") {
      servedOn = obj.noticeServedOn;
      decidedOn = obj.decidedOn;
    }
  }
  if (!decidedOn) return null;
  const filedOn = round.instances[0]?.startedOn;
  const out: DeadlineSpec[] = [];
  if (servedOn) {
    const d = spec("suit_filing", "suit_filing", servedOn, calendar, { party: "applicant", level: 1 });
    settle(d, filedOn);
    out.push(d);
  }
  // ALA 20(2): one year from the day the disposition took effect, which for a decision addressed
  // to a person is the day it reached them (service); until service is recorded, from the decision.
  const outer = spec("suit_filing_outer", "suit_filing_outer", servedOn ?? decidedOn, calendar, {
    party: "applicant",
    level: 1,
  });
  settle(outer, filedOn);
  out.push(outer);
  return out;
}

interface Track {
  phase: "objection" | "objection_notice";
  allowed: EventType[];
}

/**
 * The objection while it awaits its decision or the service of that decision. The objection is
 * optional (ALA 18(1)): a suit may be brought while a timely one is pending; beside a late one,
 * only while the suit periods from the act still run.
 */
function objectionTrack(
  obj: Objection,
  late: boolean,
  suits: DeadlineSpec[] | null,
  asOf: LegalDate,
  calendar: HolidayCalendar,
): Track | null {
  if (obj.decidedOn && obj.noticeServedOn) return null;
  const suit: EventType[] = !late || (suits && windowsOpen(suits, asOf)) ? ["suit_filed"] : [];
  if (obj.decidedOn) return { phase: "objection_notice", allowed: ["objection_notice_served", ...suit] };
  const allowed: EventType[] = ["committee_hearing_held", "objection_decided", "objection_withdrawn"];
  // RA 21(8): one extension, notified at least 7 days before the original due date.
  const objectionDue = due("objection_decision", obj.filedOn, calendar);
  if (!obj.extendedDueOn && asOf <= addDays(objectionDue, -EXTENSION_NOTICE_DAYS)) {
    allowed.push("objection_extended");
  }
  return { phase: "objection", allowed: [...allowed, ...suit] };
}

function challengeView(round: Round, asOf: LegalDate, calendar: HolidayCalendar): RoundView {
  const objWindow = objectionWindow(round, calendar);
  const obj = activeObjection(round);
  const late = objectionIsLate(round, calendar);
  const suits = suitWindows(round, calendar);
  const deadlines: DeadlineSpec[] = [
    ...(objWindow ? [objWindow] : []),
    ...(round.objection ? [objectionDecisionDeadline(round.objection, calendar)] : []),
    ...(suits ?? []),
    ...round.withdrawnSuits.flatMap((w) => withdrawnSuitDeadlines(w, calendar)),
  ];
  const track = obj ? objectionTrack(obj, late, suits, asOf, calendar) : null;
  const favourableSince = obj?.outcome === "recognized" ? obj.noticeServedOn : null;
  const final = (
    since: LegalDate,
    effect: Effect,
    allowed: EventType[] = [],
    extra: DeadlineSpec[] = [],
  ) => ({
    phase: null,
    final: { since, effect },
    deadlines: [...deadlines, ...extra],
    allowed,
    litigationLevel: null,
  });
  const noSecondSuit = (events: EventType[]) => events.filter((e) => e !== "suit_filed");

  if (round.instances.length > 0) {
    const lit = litigationView(round, asOf, calendar);
    const all = [...deadlines, ...lit.deadlines];
    // A favourable objection decision ends the dispute; the suit's own end may still be recorded.
    if (favourableSince) return final(favourableSince, "favourable", lit.allowed, lit.deadlines);
    if (track && (!lit.final || lit.final.effect !== "annulled")) {
      // Both tracks run: the objection and the suit (ALA 18(1)).
      const phase = lit.final ? track.phase : "objection_and_litigation";
      return {
        phase,
        final: null,
        deadlines: all,
        allowed: [...noSecondSuit(track.allowed), ...lit.allowed],
        litigationLevel: lit.final ? null : lit.litigationLevel,
      };
    }
    return { ...lit, deadlines: all };
  }

  const barred = round.withdrawnSuits.filter((w) => w.afterMerits).at(-1);
  if (track) {
    const allowed = barred ? noSecondSuit(track.allowed) : track.allowed;
    return { phase: track.phase, final: null, deadlines, allowed, litigationLevel: null };
  }
  if (favourableSince) return final(favourableSince, "favourable");
  // CPA 267(2): after a judgment on the merits, a withdrawn suit cannot be brought again.
  if (barred) return final(barred.withdrawnOn, "upheld");

  // The act (or the objection decision) stands unless challenged in time.
  const open: DeadlineSpec[] = [...(suits ?? [])];
  if (objWindow && !obj) open.push(objWindow);
  if (windowsOpen(open, asOf)) {
    const allowed: EventType[] = [];
    if (objWindow && !obj) allowed.push("objection_filed");
    if (suits && windowsOpen(suits, asOf)) allowed.push("suit_filed");
    return { phase: "challenge_period", final: null, deadlines, allowed, litigationLevel: null };
  }
  const governing = suits?.[0] ?? objWindow;
  const ended = governing ? addDays(governing.dueOn, 1) : asOf;
  // Finality never goes back before a step that kept the act open: the settling of a late
  // objection, the withdrawal of an objection or of a suit.
  const kept = [
    round.objection?.noticeServedOn,
    round.objection?.withdrawnOn,
    ...round.withdrawnSuits.map((w) => w.withdrawnOn),
  ].filter((d): d is LegalDate => !!d);
  return final(latest([ended, ...kept]), "upheld");
}

/** A withdrawn suit's deadlines, kept for the record: those still running when it was withdrawn lapse. */
function withdrawnSuitDeadlines(w: WithdrawnSuit, calendar: HolidayCalendar): DeadlineSpec[] {
  return settleOnClose(instanceDeadlines(w.instances, calendar), w.withdrawnOn);
}

/**
 * Whether any of these periods is still running on `asOf`. The suit period from service governs
 * when the notice was served; the 1-year outer limit only when it was not.
 */
function windowsOpen(windows: DeadlineSpec[], asOf: LegalDate): boolean {
  const served = windows.some((w) => w.kind === "suit_filing");
  return windows.some((w) => {
    if (w.kind === "suit_filing_outer" && served) return false;
    return w.resolution === null && asOf <= w.dueOn;
  });
}

function roundView(round: Round, asOf: LegalDate, calendar: HolidayCalendar): RoundView {
  const decision = round.decision;
  // A non-referral, cancellation or cessation, like a decision, takes effect on service of its notice.
  if ((decision && !decision.noticeServedOn) || (!decision && !round.actServedOn)) {
    return {
      phase: "decision_notice",
      final: null,
      deadlines: [],
      allowed: ["notice_served"],
      litigationLevel: null,
    };
  }
  if (decision && decision.outcome === "recognized" && decision.noticeServedOn) {
    return {
      phase: null,
      final: { since: decision.noticeServedOn, effect: "favourable" },
      deadlines: [],
      allowed: [],
      litigationLevel: null,
    };
  }
  return challengeView(round, asOf, calendar);
}

const FINAL_STAGE: Record<Round["subject"], Stage> = {
  first_instance: "refused",
  redecision: "refused",
  non_referral: "not_referred",
  cancellation: "cancelled",
  cessation: "ceased",
};

/**
 * Case-level deadlines: port referral, first-instance decision, and the RA 40 dates. The last two
 * run from the day the application counts as made: filing, or the referral at a port of entry
 * (RD 5(6)).
 */
function caseDeadlines(
  state: KrCaseState,
  calendar: HolidayCalendar,
  closedOn: LegalDate | null,
  settings: KrSettings,
): DeadlineSpec[] {
  const out: DeadlineSpec[] = [];
  if (state.channel === "port_of_entry") {
    const d = spec("referral_decision", "referral_decision", state.filedOn, calendar, {
      dueOn: referralDue(state.filedOn, calendar, settings),
      basis: REFERRAL_BASIS[settings.portReferralCounting],
    });
    settle(d, state.referral?.decidedOn);
    out.push(d);
  }
  const nonReferred = state.referral && !state.referral.referred;
  if (!nonReferred || state.rounds.some((r) => r.subject === "first_instance")) {
    const firstDecision = state.rounds.find((r) => r.subject === "first_instance")?.decision ?? null;
    const ext = state.examination.extension;
    const dueOn = ext ? ext.newDueOn : originalDecisionDue(state, calendar);
    const d: DeadlineSpec = {
      kind: "first_instance_decision",
      from: state.examination.startedOn,
      dueOn,
      basis: ext ? PERIODS.first_instance_extension.basis : PERIODS.first_instance_decision.basis,
      obligation: "duty",
      resolution: null,
    };
    settle(d, firstDecision?.issuedOn);
    if (!d.resolution && closedOn && closedOn <= dueOn) lapse(d, closedOn);
    out.push(d);
  }
  for (const kind of ["work_permission", "living_support_end"] as const) {
    const d = spec(kind, kind, state.examination.startedOn, calendar, { party: "applicant" });
    if (kind === "living_support_end" && state.livingSupportUntil) {
      d.dueOn = state.livingSupportUntil;
      d.basis = LIVING_SUPPORT_EXTENSION_BASIS;
    }
    if (closedOn && closedOn <= d.dueOn) lapse(d, closedOn);
    out.push(d);
  }
  return out;
}

function examinationAllowed(state: KrCaseState, asOf: LegalDate, calendar: HolidayCalendar): EventType[] {
  const ex = state.examination;
  const allowed: EventType[] = ["summons_served", "interview_held"];
  if (ex.pendingSummons) allowed.push("interview_missed");
  if (ex.consecutiveMissed >= MISSED_INTERVIEWS_FOR_TERMINATION) allowed.push("review_terminated");
  if (!ex.extension && asOf <= addDays(originalDecisionDue(state, calendar), -EXTENSION_NOTICE_DAYS)) {
    allowed.push("decision_extended");
  }
  allowed.push("decision_issued");
  if (mayReviewEligibility(state)) allowed.push("eligibility_decided");
  return allowed;
}

/**
 * A re-application may go through the eligibility review before its first decision, once (again
 * only after a court annulled a negative review).
 */
function mayReviewEligibility(state: KrCaseState): boolean {
  if (state.kind !== "subsequent") return false;
  if (state.rounds.some((r) => r.subject === "first_instance")) return false;
  return state.eligibility === null || state.eligibility.remedyOutcome === "annulled";
}

/**
 * The review that governs the case: a negative review under a policy whose ineligible person
 * loses applicant status, not annulled by a court. Null otherwise (an eligible outcome, or Korea's
 * law in force, where the case goes on in the simplified procedure).
 */
function governingIneligibility(
  state: KrCaseState,
): { review: EligibilityReview; policy: ReapplicationPolicy } | null {
  const review = state.eligibility;
  if (!review || review.outcome !== "ineligible" || review.remedyOutcome === "annulled") return null;
  const policy = policyById(review.policy);
  if (!policy || policy.onIneligible.applicantStatus !== "lost") return null;
  return { review, policy };
}

/** The remedy period against a served negative review, in the policy's days (null: none counted). */
function eligibilityRemedyDeadline(
  review: EligibilityReview,
  policy: ReapplicationPolicy,
  calendar: HolidayCalendar,
): DeadlineSpec | null {
  const days = policy.remedy.days;
  if (!review.servedOn || policy.remedy.kind === "none" || days === null) return null;
  const d: DeadlineSpec = {
    kind: "eligibility_remedy",
    from: review.servedOn,
    dueOn: periodEnd(review.servedOn, days, "days", calendar, { rollForward: true }).dueOn,
    basis: `${policy.title.en}: ${policy.remedy.description}; ${COUNT_BASIS}`,
    obligation: "right",
    party: "applicant",
    resolution: null,
  };
  settle(d, review.remedyFiledOn);
  return d;
}

const COUNT_BASIS = "counted from service, CA 157, 161";

/** The bar on removal while a negative review's remedy runs or is pending, as the policy says. */
export function eligibilityBar(policy: ReapplicationPolicy): string {
  return `${policy.title.en}: removal waits for the remedy against the negative review (${policy.remedy.description})`;
}

/** A re-application found ineligible under a policy that takes applicant status away. */
function ineligibleView(
  state: KrCaseState,
  asOf: LegalDate,
  calendar: HolidayCalendar,
  settings: KrSettings,
  base: Pick<KrDerived, "originalDecisionDueOn" | "deemedAdmitted" | "litigationLevel">,
  { review, policy }: { review: EligibilityReview; policy: ReapplicationPolicy },
): KrDerived {
  if (!review.servedOn) {
    // A disposition takes effect on service: until then the person is an applicant as before.
    return finish(asOf, {
      ...base,
      stage: "eligibility_notice",
      final: false,
      finalSince: null,
      redecisionRequired: false,
      applicantStatus: "under_review",
      protection: state.protection?.kind ?? null,
      deadlineSpecs: caseDeadlines(state, calendar, null, settings),
      allowedEvents: ["eligibility_notice_served", "withdrawn", ...ALWAYS],
    });
  }
  const remedy = eligibilityRemedyDeadline(review, policy, calendar);
  const deadlineSpecs = [
    ...caseDeadlines(state, calendar, review.servedOn, settings),
    ...(remedy ? [remedy] : []),
  ];
  const pending = review.remedyFiledOn !== null && review.remedyDecidedOn === null;
  const windowOpen = remedy !== null && remedy.resolution === null && asOf <= remedy.dueOn;
  const afterRemedy = policy.onIneligible.removal === "after_remedy";
  const barred = (pending && (policy.remedy.suspensive || afterRemedy)) || (windowOpen && afterRemedy);
  const remedyOpen =
    policy.remedy.kind !== "none" && review.remedyFiledOn === null && (windowOpen || !remedy);
  const allowed: EventType[] = [
    ...(remedyOpen ? (["eligibility_remedy_filed"] as EventType[]) : []),
    ...(pending ? (["eligibility_remedy_decided"] as EventType[]) : []),
    ...ALWAYS,
  ];
  const finalSince = pending
    ? null
    : review.remedyDecidedOn
      ? review.remedyDecidedOn
      : windowOpen
        ? null
        : remedy
          ? addDays(remedy.dueOn, 1)
          : review.servedOn;
  return finish(asOf, {
    ...base,
    stage: finalSince ? "ineligible" : "eligibility_remedy",
    final: finalSince !== null,
    finalSince,
    redecisionRequired: false,
    applicantStatus: null,
    protection: state.protection?.kind ?? null,
    deadlineSpecs,
    allowedEvents: allowed,
    extraBar: barred ? eligibilityBar(policy) : null,
  });
}

/** Derive the case as it stood on `asOf`, from a state folded from the events up to that date. */
export function derive(
  state: KrCaseState,
  asOf: LegalDate,
  calendar: HolidayCalendar,
  settings: KrSettings = DEFAULT_SETTINGS,
): KrDerived {
  const base = {
    originalDecisionDueOn: originalDecisionDue(state, calendar),
    deemedAdmitted: false,
    litigationLevel: null as Level | null,
  };
  const closedOn = state.withdrawnOn ?? state.terminatedOn;
  if (closedOn) {
    const deadlineSpecs = settleOnClose(
      caseAndRoundDeadlines(state, asOf, calendar, closedOn, settings),
      closedOn,
    );
    return finish(asOf, {
      ...base,
      stage: state.withdrawnOn ? "withdrawn" : "terminated",
      final: true,
      finalSince: closedOn,
      redecisionRequired: false,
      applicantStatus: null,
      protection: state.protection?.kind ?? null,
      deadlineSpecs,
      allowedEvents: [...ALWAYS],
    });
  }

  const ineligible = governingIneligibility(state);
  if (ineligible) return ineligibleView(state, asOf, calendar, settings, base, ineligible);

  const last = currentRound(state);
  // After a non-referral was annulled and the applicant then referred, the examination runs again.
  const round = last && !(last.subject === "non_referral" && state.referral?.referred) ? last : undefined;
  if (!round) {
    const referralPending = state.channel === "port_of_entry" && !state.referral;
    const deadlineSpecs = caseDeadlines(state, calendar, null, settings);
    if (referralPending && asOf <= referralDue(state.filedOn, calendar, settings)) {
      return finish(asOf, {
        ...base,
        stage: "port_screening",
        final: false,
        finalSince: null,
        redecisionRequired: false,
        applicantStatus: "under_review",
        protection: null,
        deadlineSpecs,
        allowedEvents: [
          "referral_decided",
          ...(mayReviewEligibility(state) ? (["eligibility_decided"] as EventType[]) : []),
          "withdrawn",
          ...ALWAYS,
        ],
      });
    }
    return finish(asOf, {
      ...base,
      deemedAdmitted: referralPending,
      stage: "examination",
      final: false,
      finalSince: null,
      redecisionRequired: false,
      applicantStatus: "under_review",
      protection: state.protection?.kind ?? null,
      deadlineSpecs,
      allowedEvents: [...examinationAllowed(state, asOf, calendar), "withdrawn", ...ALWAYS],
    });
  }

  const view = roundView(round, asOf, calendar);
  const deadlineSpecs = [
    ...caseDeadlines(state, calendar, view.final?.since ?? null, settings),
    ...view.deadlines,
  ];
  const statusRound = round.subject === "cancellation" || round.subject === "cessation";

  if (!view.final) {
    const phase = view.phase ?? "litigation";
    const applicantStatus: ApplicantStatus | null = statusRound
      ? null
      : phase === "challenge_period"
        ? "awaiting_challenge"
        : phase === "litigation" || phase === "objection_and_litigation"
          ? "in_litigation"
          : "under_review";
    return finish(asOf, {
      ...base,
      litigationLevel: view.litigationLevel,
      stage: phase,
      final: false,
      finalSince: null,
      redecisionRequired: false,
      applicantStatus,
      protection: state.protection?.kind ?? null,
      deadlineSpecs,
      allowedEvents: [...view.allowed, ...(statusRound ? [] : (["withdrawn"] as EventType[])), ...ALWAYS],
      pendingStatusChallenge: statusRound,
    });
  }

  const { since, effect } = view.final;
  if (effect === "annulled" && !statusRound) {
    // ALA 30(2): the office must decide again in line with the judgment.
    const redecide: EventType = round.subject === "non_referral" ? "referral_decided" : "redecision_issued";
    return finish(asOf, {
      ...base,
      stage: "redecision",
      final: false,
      finalSince: null,
      redecisionRequired: true,
      applicantStatus: "under_review",
      protection: state.protection?.kind ?? null,
      deadlineSpecs,
      allowedEvents: [redecide, ...view.allowed, "withdrawn", ...ALWAYS],
    });
  }
  const favourable = effect === "favourable" || (effect === "annulled" && statusRound);
  const protection: Protection | null =
    effect === "annulled" && statusRound
      ? (state.suspendedProtection?.kind ?? null)
      : (state.protection?.kind ?? null);
  return finish(asOf, {
    ...base,
    stage: favourable ? "recognized" : FINAL_STAGE[round.subject],
    final: true,
    finalSince: since,
    redecisionRequired: false,
    applicantStatus: null,
    protection,
    deadlineSpecs,
    allowedEvents: [
      ...view.allowed,
      ...(protection === "refugee" ? (["recognition_cancelled", "cessation_decided"] as EventType[]) : []),
      ...ALWAYS,
    ],
  });
}

/** Every deadline that the case's history has produced, for a closed case. */
function caseAndRoundDeadlines(
  state: KrCaseState,
  asOf: LegalDate,
  calendar: HolidayCalendar,
  closedOn: LegalDate,
  settings: KrSettings,
): DeadlineSpec[] {
  const round = currentRound(state);
  const roundDeadlines = round ? roundView(round, asOf, calendar).deadlines : [];
  return [...caseDeadlines(state, calendar, closedOn, settings), ...roundDeadlines];
}

/** Withdrawal or termination ends every period still running: they lapse. */
function settleOnClose(specs: DeadlineSpec[], closedOn: LegalDate): DeadlineSpec[] {
  return specs.map((d) =>
    d.resolution === null && closedOn <= d.dueOn ? { ...d, resolution: "lapsed", settledOn: closedOn } : d,
  );
}

interface Partial0 extends Omit<
  KrDerived,
  "removalBarred" | "removalBarBasis" | "deadlines" | "deadlineSpecs"
> {
  deadlineSpecs: DeadlineSpec[];
  pendingStatusChallenge?: boolean;
  /** A bar on removal beyond status and protection (a negative review's remedy, as its policy says). */
  extraBar?: string | null;
}

function finish(asOf: LegalDate, d: Partial0): KrDerived {
  const { pendingStatusChallenge, extraBar, ...rest } = d;
  const bar =
    rest.protection === "refugee"
      ? BARS.refugee
      : pendingStatusChallenge
        ? BARS.refugee_not_final
        : rest.protection === "humanitarian"
          ? BARS.humanitarian
          : rest.applicantStatus
            ? BARS.applicant
            : (extraBar ?? null);
  const deadlineSpecs: SettledSpec[] = rest.deadlineSpecs.map((s) => ({
    ...s,
    onPass: passMeaning(s.kind, s.obligation),
  }));
  return {
    ...rest,
    deadlineSpecs,
    deadlines: deadlineSpecs.map((s) => evaluateDeadline(s, asOf)),
    // An applicant's living-cost support may be extended while the procedure runs (RD 17(1)).
    allowedEvents: [
      ...new Set([
        ...rest.allowedEvents,
        ...(rest.applicantStatus ? (["living_support_extended"] as EventType[]) : []),
      ]),
    ],
    removalBarred: bar !== null,
    removalBarBasis: bar,
  };
}
