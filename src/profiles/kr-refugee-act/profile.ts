/**
 * The `kr-refugee-act` procedure profile as one value: the Korean Refugee Act procedure from
 * filing to a final ruling, its calendar (Korean public holidays, "today" in Asia/Seoul), which
 * act each event is, which events need a second person's approval, and what a case contributes
 * to the statistics. Registered in `src/profiles/index.ts`.
 */
import { findOffice } from "../../kernel/offices.ts";
import type {
  Act,
  DecideContext,
  Decision,
  ProcedureProfile,
  ProfileEvent,
} from "../../kernel/procedure/profile.ts";
import { createKoreanCalendar, SEED_EXTRA_HOLIDAYS, TIME_ZONE } from "./calendar.ts";
import { committeeConflict, decide } from "./decide.ts";
import { derive } from "./derive.ts";
import { ApplicationFiledSchema, EventSchemas, type CaseEvent, type EventType } from "./events.ts";
import { LABELS } from "./labels.ts";
import { NOTICES } from "./notices.ts";
import { DEFAULT_POLICY, REAPPLICATION_POLICIES } from "./reapplication/index.ts";
import { DEADLINE_KINDS, DEFAULT_SETTINGS, type KrSettings } from "./rules.ts";
import { evolve, type KrCaseState } from "./state.ts";
import { krStatistics, type KrStatAcc } from "./statistics.ts";

export const PROFILE_ID = "kr-refugee-act";

/** Which act each event is: the right that records it follows from this (docs/security.md). */
export const EVENT_ACTS: Record<EventType, Act> = {
  referral_decided: "intake",
  notice_served: "intake",
  objection_notice_served: "intake",
  withdrawn: "intake",
  living_support_extended: "intake",
  summons_served: "examination",
  interview_held: "examination",
  interview_missed: "examination",
  review_terminated: "examination",
  decision_extended: "examination",
  decision_issued: "decision",
  redecision_issued: "decision",
  objection_filed: "objection",
  objection_withdrawn: "objection",
  objection_extended: "objection",
  committee_hearing_held: "objection",
  objection_decided: "objection",
  suit_filed: "litigation",
  judgment_issued: "litigation",
  judgment_served: "litigation",
  appeal_filed: "litigation",
  appeal_waived: "litigation",
  appeal_withdrawn: "litigation",
  record_received: "litigation",
  record_receipt_notified: "litigation",
  appeal_grounds_filed: "litigation",
  suit_withdrawn: "litigation",
  recognition_cancelled: "status",
  cessation_decided: "status",
  eligibility_decided: "examination",
  eligibility_notice_served: "intake",
  eligibility_remedy_filed: "litigation",
  eligibility_remedy_decided: "litigation",
  removal_requested: "enforcement",
  extradition_requested: "enforcement",
};

/**
 * First-instance decisions and the eligibility review of a re-application take effect only when a
 * supervisor approves them (four eyes). Serving a negative review that lifts the bar on removal is
 * caught by the kernel's rule (protection.ts): it too waits for a second person, with a second factor.
 */
export const NEEDS_APPROVAL: ReadonlySet<EventType> = new Set<EventType>([
  "decision_issued",
  "redecision_issued",
  "eligibility_decided",
]);

/**
 * Events that take protection away whenever they are recorded (docs/security.md requirement 18;
 * docs/procedure.md §2, "Events that need a second person"): cancellation (RA 22(1)) and
 * cessation (RA 22(2)) end refugee status; a withdrawal and the termination of the examination
 * for missed interviews (RA 8(6)) end the application, and with it the applicant's stay and the
 * bar on removal (RA 3, 5(6)). Any other event that does the same on the day it is recorded (a
 * final judgment, a waiver, a suit or objection withdrawn once the time to bring it again has run
 * out, a notice served long ago) is caught by the kernel's rule (src/kernel/procedure/protection.ts).
 */
export const REMOVES_PROTECTION: ReadonlySet<EventType> = new Set<EventType>([
  "recognition_cancelled",
  "cessation_decided",
  "withdrawn",
  "review_terminated",
]);

const FILING_STAGE = "filing";

/** The filing (RA 5): the application's channel must fit the receiving office (RA 6, RD 5). */
function decideFiling(input: unknown, ctx: DecideContext): Decision {
  const refuse = (
    code: "invalid_event" | "future_date" | "rule",
    message: string,
    path?: string,
  ): Decision => ({
    ok: false,
    refusal: {
      code,
      message,
      stage: FILING_STAGE,
      allowedEvents: ["application_filed"],
      ...(path ? { issues: [{ path, message }] } : {}),
    },
  });
  const parsed = ApplicationFiledSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return {
      ok: false,
      refusal: {
        code: "invalid_event",
        message: `application_filed: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`,
        stage: FILING_STAGE,
        allowedEvents: ["application_filed"],
        issues,
      },
    };
  }
  const filed = parsed.data;
  if (filed.occurredOn > ctx.today)
    return refuse(
      "future_date",
      `the filing date ${filed.occurredOn} is after today (${ctx.today})`,
      "occurredOn",
    );
  if (filed.channel === "port_of_entry" && findOffice(filed.office)?.kind === "detention_centre") {
    return refuse(
      "rule",
      "a port-of-entry application is received by an immigration office, not a detention centre (RA 6)",
      "channel",
    );
  }
  if (filed.kind === "subsequent" && filed.priorCaseIds.length === 0) {
    return refuse(
      "rule",
      "a subsequent application names the earlier case(s) in priorCaseIds",
      "priorCaseIds",
    );
  }
  return { ok: true, event: filed };
}

/**
 * The profile under a chosen reading of the points the law leaves open (`KrSettings` in
 * rules.ts; docs/procedure.md §4). `krRefugeeAct` is the profile with the default readings.
 */
export function createKrRefugeeAct(
  settings: Partial<KrSettings> = {},
): ProcedureProfile<KrCaseState, KrStatAcc> {
  const chosen: KrSettings = { ...DEFAULT_SETTINGS, ...settings };
  return {
    id: PROFILE_ID,
    // 3: notices of non-referral, cancellation and cessation are served on their own date; withdrawn
    // suits, objections and appeals; the Supreme Court's notices and grounds per appellant.
    // 4: the eligibility review of a re-application (state.eligibility).
    foldVersion: 4,
    title: "Republic of Korea: Refugee Act (난민법)",
    jurisdiction: "KR",
    timeZone: TIME_ZONE,
    filingSchema: ApplicationFiledSchema,
    eventSchemas: EventSchemas,
    acts: EVENT_ACTS,
    approvals: NEEDS_APPROVAL,
    removesProtection: REMOVES_PROTECTION,
    deadlineKinds: DEADLINE_KINDS,
    labels: LABELS,
    calendar: (added) => createKoreanCalendar(added),
    seedHolidays: SEED_EXTRA_HOLIDAYS,
    decide: (state, input, ctx) =>
      state === null ? decideFiling(input, ctx) : decide(state, input, ctx, chosen),
    evolve: (state, event: ProfileEvent) => evolve(state, event as CaseEvent),
    derive: (state, asOf, calendar) => derive(state, asOf, calendar, chosen),
    statistics: krStatistics,
    reapplication: { policies: REAPPLICATION_POLICIES, defaultPolicy: DEFAULT_POLICY },
    disqualifiedFromReview: committeeConflict,
    notices: NOTICES,
  };
}

export const krRefugeeAct = createKrRefugeeAct();
