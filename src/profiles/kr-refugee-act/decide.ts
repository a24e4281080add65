/**
 * `decide`: may this event be recorded now? Either the event (with its defaults filled in) or a
 * refusal that names the stage, the events allowed there, and the rule that stands in the way.
 */
import { addDays, type LegalDate } from "../../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../../kernel/calendar/holidays.ts";
import {
  appealOpenFor,
  derive,
  due,
  groundsDeadline,
  originalDecisionDue,
  type KrDerived,
} from "./derive.ts";
import { EventSchemas, isEventType, type ProcedureEvent } from "./events.ts";
import { DEFAULT_SETTINGS, EXTENSION_NOTICE_DAYS, type KrSettings } from "./rules.ts";
import { currentRound, type Instance, type Judgment, type KrCaseState, type Level } from "./state.ts";
import type {
  DecideContext,
  Decision as KernelDecision,
  Refusal,
  RefusalCode,
} from "../../kernel/procedure/profile.ts";

export type { DecideContext, Refusal, RefusalCode };

/** The profile contract's decision, with the Korean event type (today is the date in Asia/Seoul). */
export type Decision = KernelDecision<ProcedureEvent>;

export function decide(
  state: KrCaseState,
  input: unknown,
  ctx: DecideContext,
  settings: KrSettings = DEFAULT_SETTINGS,
): Decision {
  const now = derive(state, ctx.today, ctx.calendar, settings);
  const refuse = (code: RefusalCode, message: string, at: KrDerived = now): Decision => ({
    ok: false,
    refusal: { code, message, stage: at.stage, allowedEvents: at.allowedEvents },
  });

  const type = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof type !== "string" || !isEventType(type)) {
    const named =
      typeof type === "string" ? `"${type}" is not an event that can be recorded` : "the event has no type";
    return refuse("invalid_event", `${named}; events allowed now: ${now.allowedEvents.join(", ") || "none"}`);
  }
  const parsed = EventSchemas[type].safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return {
      ok: false,
      refusal: {
        code: "invalid_event",
        message: `${type}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`,
        stage: now.stage,
        allowedEvents: now.allowedEvents,
        issues,
      },
    };
  }
  const event = parsed.data as ProcedureEvent;
  const on = event.occurredOn;
  if (on > ctx.today)
    return refuse("future_date", `${type} cannot be dated ${on}, after today (${ctx.today})`);
  if (on < state.lastEventOn) {
    return refuse(
      "out_of_order",
      `${type} is dated ${on}, before the case's latest event (${state.lastEventOn}); events are recorded in the order they happened`,
    );
  }

  const at = derive(state, on, ctx.calendar, settings);
  if (!at.allowedEvents.includes(type)) {
    return refuse("not_allowed", notAllowedMessage(type, on, at), at);
  }
  const problem = ruleProblem(state, event, at, ctx.calendar);
  if (problem) return refuse("rule", problem, at);
  return { ok: true, event };
}

function notAllowedMessage(type: string, on: LegalDate, at: KrDerived): string {
  const why = at.final ? ` (the case has been final since ${at.finalSince})` : "";
  return `${type} is not allowed on ${on} at stage "${at.stage}"${why}; allowed then: ${at.allowedEvents.join(", ") || "none"}`;
}

function latestJudgmentAt(state: KrCaseState, level: number): Judgment | null {
  const round = currentRound(state);
  if (!round) return null;
  for (let k = round.instances.length - 1; k >= 0; k--) {
    const j = round.instances[k]?.judgment;
    if (j && j.level === level) return j;
  }
  return null;
}

/** The rules an event must satisfy beyond being allowed at this stage. Returns the problem, or null. */
function ruleProblem(
  state: KrCaseState,
  e: ProcedureEvent,
  at: KrDerived,
  calendar: HolidayCalendar,
): string | null {
  const on = e.occurredOn;
  switch (e.type) {
    case "referral_decided":
      if (!e.referred && e.nonReferralGround === undefined) {
        return "a non-referral must name its ground (nonReferralGround, an item of RD 5(1))";
      }
      if (e.referred && e.nonReferralGround !== undefined)
        return "nonReferralGround applies only to a non-referral";
      return null;
    case "committee_hearing_held": {
      // RA 26: no member of the Committee sits on a matter they took part in; the examiner of the
      // decision under review is such a member.
      const examiner = currentRound(state)?.decision?.examinerId;
      return examiner && e.members?.includes(examiner)
        ? `RA 26: ${examiner} decided the case under review as its examiner and may not sit on the hearing of its objection`
        : null;
    }
    case "summons_served":
      return e.interviewOn < on
        ? `the interview (${e.interviewOn}) cannot be before the summons (${on})`
        : null;
    case "interview_missed": {
      const summons = state.examination.pendingSummons;
      return summons && on < summons.interviewOn
        ? `the interview was summoned for ${summons.interviewOn}; it cannot be missed on ${on}`
        : null;
    }
    case "decision_extended": {
      const original = originalDecisionDue(state, calendar);
      const latestNotice = addDays(original, -EXTENSION_NOTICE_DAYS);
      if (on > latestNotice) {
        return `RA 18(5): the extension must be notified at least ${EXTENSION_NOTICE_DAYS} days before the due date ${original}, i.e. by ${latestNotice}`;
      }
      const max = due("first_instance_extension", original, calendar);
      if (e.newDueOn <= original || e.newDueOn > max) {
        return `RA 18(5): the new due date must be after ${original} and no later than ${max} (6 more months)`;
      }
      return null;
    }
    case "decision_issued":
    case "redecision_issued":
      if (e.outcome === "excluded" && e.exclusionGround === undefined) {
        return "an exclusion must name its ground (exclusionGround, an item of RA 19)";
      }
      if (e.outcome !== "excluded" && e.exclusionGround !== undefined) {
        return "exclusionGround applies only to an exclusion";
      }
      if (e.outcome === "recognized" && e.humanitarianStay) {
        return "a humanitarian stay is granted only with a refusal (RA 2(3), RD 2)";
      }
      return null;
    case "objection_extended": {
      const obj = currentRound(state)?.objection;
      if (!obj) return "no objection is pending";
      const current = due("objection_decision", obj.filedOn, calendar);
      const latestNotice = addDays(current, -EXTENSION_NOTICE_DAYS);
      if (on > latestNotice) {
        return `RA 21(8): the extension must be notified at least ${EXTENSION_NOTICE_DAYS} days before the due date ${current}, i.e. by ${latestNotice}`;
      }
      const max = due("objection_extension", current, calendar);
      if (e.newDueOn <= current || e.newDueOn > max) {
        return `RA 21(8): the new due date must be after ${current} and no later than ${max} (6 more months)`;
      }
      return null;
    }
    case "objection_decided":
      return e.outcome === "recognized" && e.humanitarianStay
        ? "a humanitarian stay is granted only when the objection is not upheld (RD 2(1))"
        : null;
    case "judgment_issued":
      return judgmentProblem(state, e.level, e.outcome, on, at, calendar);
    case "judgment_served": {
      const j = latestJudgmentAt(state, e.level);
      if (!j) return `no judgment has been issued at level ${e.level}`;
      if (j.servedOn[e.party])
        return `the level ${e.level} judgment was already served on the ${e.party} (${j.servedOn[e.party]})`;
      return null;
    }
    case "appeal_filed":
    case "appeal_waived": {
      const by = e.by;
      const below = latestJudgmentAt(state, e.level - 1);
      if (!below) return `there is no level ${e.level - 1} judgment to appeal`;
      const newest = latestJudgmentLevel(state);
      if (newest !== null && newest >= e.level) {
        return `the level ${e.level} court has already ruled; an appeal now goes to level ${newest + 1}`;
      }
      if (!appealOpenFor(below, by, on, calendar)) {
        const served = below.servedOn[by];
        return below.appealedOn[by]
          ? `the ${by} already appealed on ${below.appealedOn[by]}`
          : below.waivedOn[by]
            ? `the ${by} waived the appeal on ${below.waivedOn[by]}`
            : `the ${by}'s appeal period ended on ${served ? due("appeal_filing", served, calendar) : "?"} (CPA 396, 425)`;
      }
      return null;
    }
    case "record_received":
      return at.litigationLevel === 3
        ? null
        : "the record can be received only by the Supreme Court (level 3)";
    case "appeal_withdrawn": {
      const inst = pendingInstance(state);
      if (!inst || inst.level !== e.level || !inst.appellants.includes(e.by)) {
        return `the ${e.by} has no appeal pending at level ${e.level}`;
      }
      return null;
    }
    case "record_receipt_notified": {
      const inst = pendingInstance(state);
      if (!inst?.appellants.includes(e.party)) return `the ${e.party} has not appealed to the Supreme Court`;
      const notified = inst.recordNoticeOn[e.party];
      return notified ? `the ${e.party} was already notified of the record's receipt on ${notified}` : null;
    }
    case "appeal_grounds_filed": {
      const inst = pendingInstance(state);
      if (!inst?.appellants.includes(e.by)) return `the ${e.by} has not appealed to the Supreme Court`;
      if (!inst.recordNoticeOn[e.by]) {
        return `the ${e.by} has not yet been notified that the record was received (CPA 426)`;
      }
      const filed = inst.groundsFiledOn[e.by];
      return filed ? `the ${e.by} already filed grounds on ${filed}` : null;
    }
    case "living_support_extended": {
      const current = at.deadlineSpecs.find((d) => d.kind === "living_support_end")?.dueOn;
      if (!current) return "living-cost support does not apply to this case";
      if (on > current)
        return `RD 17(1): support ended on ${current}; it can be extended only before it ends`;
      if (e.untilOn <= current) return `RD 17(1): the extension must end after the current end, ${current}`;
      return null;
    }
    default:
      return null;
  }
}

/** The court level now hearing the case, while it has not ruled. */
function pendingInstance(state: KrCaseState): Instance | null {
  const round = currentRound(state);
  const last = round?.instances[round.instances.length - 1];
  return last && !last.judgment ? last : null;
}

function latestJudgmentLevel(state: KrCaseState): Level | null {
  const round = currentRound(state);
  const last = round?.instances[round.instances.length - 1];
  return last?.judgment ? last.judgment.level : null;
}

function judgmentProblem(
  state: KrCaseState,
  level: Level,
  outcome: string,
  on: LegalDate,
  at: KrDerived,
  calendar: HolidayCalendar,
): string | null {
  if (at.litigationLevel !== level) {
    return `the case is before the level ${at.litigationLevel ?? "?"} court, not level ${level}`;
  }
  if (outcome === "remanded" && level === 1) return "only an appellate court (level 2 or 3) can remand";
  if (outcome === "summary_dismissal") {
    if (level !== 3) return "summary dismissal (SCA 4) is a Supreme Court (level 3) outcome";
    const round = currentRound(state);
    const inst = round?.instances[round.instances.length - 1];
    if (!inst?.recordReceivedOn)
      return "summary dismissal needs the date the record was received (record_received)";
    const windowEnd = due("summary_dismissal", inst.recordReceivedOn, calendar);
    if (on > windowEnd) return `SCA 6(2): summary dismissal was possible only until ${windowEnd}`;
  }
  if (outcome === "dismissed_no_grounds") {
    if (level !== 3) return "dismissal for want of grounds (CPA 429) is a Supreme Court (level 3) outcome";
    const inst = pendingInstance(state);
    for (const party of inst?.appellants ?? []) {
      const grounds = inst ? groundsDeadline(inst, party, calendar) : null;
      if (!grounds)
        return `CPA 429: the notice of the record's receipt to the ${party} is not recorded (CPA 426)`;
      if (grounds.resolution === "met") return `CPA 429: the ${party} filed its grounds in time`;
      if (on <= grounds.dueOn) return `CPA 429: the ${party} may file grounds until ${grounds.dueOn}`;
    }
  }
  return null;
}
