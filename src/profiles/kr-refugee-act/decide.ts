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
import { EventSchemas, isEventType, type EventOf, type ProcedureEvent } from "./events.ts";
import { policyById } from "./reapplication/index.ts";
import { DEFAULT_SETTINGS, EXTENSION_NOTICE_DAYS, type KrSettings } from "./rules.ts";
import { ruleProblem as rule, type RuleProblem } from "./rule-messages.ts";
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
  const problem = problemOf(state, event, at, ctx.calendar);
  if (problem)
    return {
      ok: false,
      refusal: {
        code: "rule",
        message: problem.message,
        stage: at.stage,
        allowedEvents: at.allowedEvents,
        rule: { key: problem.key, params: problem.params },
      },
    };
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
function problemOf(
  state: KrCaseState,
  e: ProcedureEvent,
  at: KrDerived,
  calendar: HolidayCalendar,
): RuleProblem | null {
  const on = e.occurredOn;
  switch (e.type) {
    case "referral_decided":
      if (!e.referred && e.nonReferralGround === undefined) {
        return rule("non_referral_ground_missing");
      }
      if (e.referred && e.nonReferralGround !== undefined) return rule("non_referral_ground_only");
      return null;
    case "committee_hearing_held":
      return (e.members ?? []).map((m) => conflictOf(state, m)).find((why) => why !== null) ?? null;
    case "summons_served":
      return e.interviewOn < on ? rule("interview_before_summons", { interviewOn: e.interviewOn, on }) : null;
    case "interview_missed": {
      const summons = state.examination.pendingSummons;
      return summons && on < summons.interviewOn
        ? rule("interview_missed_early", { interviewOn: summons.interviewOn, on })
        : null;
    }
    case "decision_extended": {
      const original = originalDecisionDue(state, calendar);
      const latestNotice = addDays(original, -EXTENSION_NOTICE_DAYS);
      if (on > latestNotice) {
        return rule("decision_extension_notice_late", {
          days: EXTENSION_NOTICE_DAYS,
          due: original,
          latest: latestNotice,
        });
      }
      const max = due("first_instance_extension", original, calendar);
      if (e.newDueOn <= original || e.newDueOn > max) {
        return rule("decision_extension_range", { due: original, max });
      }
      return null;
    }
    case "decision_issued":
    case "redecision_issued":
      if (e.outcome === "excluded" && e.exclusionGround === undefined) {
        return rule("exclusion_ground_missing");
      }
      if (e.outcome !== "excluded" && e.exclusionGround !== undefined) {
        return rule("exclusion_ground_only");
      }
      if (e.outcome === "recognized" && e.humanitarianStay) {
        return rule("humanitarian_with_recognition");
      }
      if (e.outcome === "recognized" && e.falseDocuments) return rule("false_documents_only_refusal");
      return null;
    case "objection_extended": {
      const obj = currentRound(state)?.objection;
      if (!obj) return rule("no_objection_pending");
      const current = due("objection_decision", obj.filedOn, calendar);
      const latestNotice = addDays(current, -EXTENSION_NOTICE_DAYS);
      if (on > latestNotice) {
        return rule("objection_extension_notice_late", {
          days: EXTENSION_NOTICE_DAYS,
          due: current,
          latest: latestNotice,
        });
      }
      const max = due("objection_extension", current, calendar);
      if (e.newDueOn <= current || e.newDueOn > max) {
        return rule("objection_extension_range", { due: current, max });
      }
      return null;
    }
    case "objection_decided":
      return e.outcome === "recognized" && e.humanitarianStay
        ? rule("objection_humanitarian_with_recognition")
        : null;
    case "judgment_issued":
      return judgmentProblem(state, e.level, e.outcome, on, at, calendar);
    case "judgment_served": {
      const j = latestJudgmentAt(state, e.level);
      if (!j) return rule("no_judgment_at_level", { level: e.level });
      if (j.servedOn[e.party])
        return rule("judgment_already_served", {
          level: e.level,
          party: e.party,
          servedOn: j.servedOn[e.party] ?? "",
        });
      return null;
    }
    case "appeal_filed":
    case "appeal_waived": {
      const by = e.by;
      const below = latestJudgmentAt(state, e.level - 1);
      if (!below) return rule("no_judgment_to_appeal", { level: e.level - 1 });
      const newest = latestJudgmentLevel(state);
      if (newest !== null && newest >= e.level) {
        return rule("court_already_ruled", { level: e.level, next: newest + 1 });
      }
      if (!appealOpenFor(below, by, on, calendar)) {
        const served = below.servedOn[by];
        const appealed = below.appealedOn[by];
        const waived = below.waivedOn[by];
        return appealed
          ? rule("already_appealed", { party: by, on: appealed })
          : waived
            ? rule("appeal_already_waived", { party: by, on: waived })
            : rule("appeal_period_ended", {
                party: by,
                due: served ? due("appeal_filing", served, calendar) : "?",
              });
      }
      return null;
    }
    case "record_received":
      return at.litigationLevel === 3 ? null : rule("record_only_supreme");
    case "appeal_withdrawn": {
      const inst = pendingInstance(state);
      if (!inst || inst.level !== e.level || !inst.appellants.includes(e.by)) {
        return rule("no_appeal_pending", { party: e.by, level: e.level });
      }
      return null;
    }
    case "record_receipt_notified": {
      const inst = pendingInstance(state);
      if (!inst?.appellants.includes(e.party)) return rule("not_appealed_to_supreme", { party: e.party });
      const notified = inst.recordNoticeOn[e.party];
      return notified ? rule("record_notice_already", { party: e.party, on: notified }) : null;
    }
    case "appeal_grounds_filed": {
      const inst = pendingInstance(state);
      if (!inst?.appellants.includes(e.by)) return rule("not_appealed_to_supreme", { party: e.by });
      if (!inst.recordNoticeOn[e.by]) {
        return rule("record_notice_missing", { party: e.by });
      }
      const filed = inst.groundsFiledOn[e.by];
      return filed ? rule("grounds_already_filed", { party: e.by, on: filed }) : null;
    }
    case "eligibility_decided":
      return eligibilityProblem(state, e);
    case "living_support_extended": {
      const current = at.deadlineSpecs.find((d) => d.kind === "living_support_end")?.dueOn;
      if (!current) return rule("living_support_not_applicable");
      if (on > current) return rule("living_support_ended", { end: current });
      if (e.untilOn <= current) return rule("living_support_extension_short", { end: current });
      return null;
    }
    default:
      return null;
  }
}

/**
 * The eligibility review against its policy (docs/eligibility-review.md): the policy's trigger
 * must apply to how the earlier case ended and to the channel; an element already considered is
 * never material, nor one of a kind the policy does not compare; the outcome follows the elements
 * found material (a bar is ineligible whatever is new). The examiner decides what is material;
 * OpenRSD only keeps the outcome consistent with it.
 */
function eligibilityProblem(state: KrCaseState, e: EventOf<"eligibility_decided">): RuleProblem | null {
  const policy = policyById(e.policy);
  if (!policy) return null; // the schema admits only known ids
  const name = policy.id;
  const { priorEndings, channels } = policy.trigger;
  if (!priorEndings.includes(e.priorEnding) || (channels && !channels.includes(state.channel)))
    return rule("eligibility_trigger_not_met", {
      policy: name,
      endings: priorEndings.join(", "),
      ending: channels && !channels.includes(state.channel) ? state.channel : e.priorEnding,
    });
  const seen = new Set<string>();
  for (const el of e.elements) {
    const key = `${el.refKind}/${el.refId}`;
    if (seen.has(key)) return rule("eligibility_element_twice", { kind: el.refKind, ref: el.refId });
    seen.add(key);
    if (!el.material) continue;
    if (el.tag === "already_considered")
      return rule("eligibility_already_considered", { kind: el.refKind, ref: el.refId });
    if (!policy.elementsCompared.includes(el.refKind))
      return rule("eligibility_not_compared", { policy: name, kind: el.refKind });
  }
  if (policy.test === "bar")
    return e.outcome === "eligible" ? rule("eligibility_bar", { policy: name }) : null;
  const material = e.elements.find((el) => el.material);
  if (e.outcome === "eligible" && !material && policy.test !== "none")
    return rule("eligibility_needs_material");
  if (e.outcome === "ineligible" && material)
    return rule("eligibility_material_means_eligible", {
      policy: name,
      kind: material.refKind,
      ref: material.refId,
    });
  return null;
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
): RuleProblem | null {
  if (at.litigationLevel !== level) {
    return rule("wrong_court_level", { current: at.litigationLevel ?? "?", level });
  }
  if (outcome === "remanded" && level === 1) return rule("remand_first_instance");
  if (outcome === "summary_dismissal") {
    if (level !== 3) return rule("summary_dismissal_level");
    const round = currentRound(state);
    const inst = round?.instances[round.instances.length - 1];
    if (!inst?.recordReceivedOn) return rule("summary_dismissal_record_missing");
    const windowEnd = due("summary_dismissal", inst.recordReceivedOn, calendar);
    if (on > windowEnd) return rule("summary_dismissal_late", { until: windowEnd });
  }
  if (outcome === "dismissed_no_grounds") {
    if (level !== 3) return rule("no_grounds_level");
    const inst = pendingInstance(state);
    for (const party of inst?.appellants ?? []) {
      const grounds = inst ? groundsDeadline(inst, party, calendar) : null;
      if (!grounds) return rule("no_grounds_notice_missing", { party });
      if (grounds.resolution === "met") return rule("no_grounds_filed_in_time", { party });
      if (on <= grounds.dueOn) return rule("no_grounds_period_open", { party, due: grounds.dueOn });
    }
  }
  return null;
}

/**
 * RA 26: no member of the Refugee Committee deliberates on a matter they took part in; the
 * examiner of the decision under review is such a member. Why `username` may not sit, or null.
 */
export function committeeConflict(state: KrCaseState, username: string): string | null {
  return conflictOf(state, username)?.message ?? null;
}

function conflictOf(state: KrCaseState, username: string): RuleProblem | null {
  const examiner = currentRound(state)?.decision?.examinerId;
  return examiner !== undefined && examiner === username ? rule("committee_conflict", { examiner }) : null;
}
