/**
 * The canonical event vocabulary of the Korean procedure (docs/procedure.md §2), as zod schemas.
 * Every event has `occurredOn` (the legal date); the other fields are the event's data.
 * Unknown fields are refused (strict objects).
 */
import { z } from "zod";
import { CaseKindSchema, ChannelSchema, LegalDateSchema, PartySchema } from "../../kernel/schemas.ts";
import { ELEMENT_KINDS, ELEMENT_TAGS, PRIOR_ENDINGS } from "../../kernel/reapplication/policy.ts";
import { POLICY_IDS } from "./reapplication/index.ts";
import { EXCLUSION_GROUNDS, NON_REFERRAL_GROUNDS } from "./rules.ts";

const legalDate = LegalDateSchema;

export { LegalDateSchema, PartySchema, ChannelSchema, CaseKindSchema };
/** How a summons or notice reached the person (in person, by post, electronically, by public notice, to the representative). */
export const ServiceMethodSchema = z.enum([
  "in_person",
  "post",
  "electronic",
  "phone",
  "public_notice",
  "representative",
]);
const text = (max: number) => z.string().trim().min(1).max(max);
const firstInstanceOutcome = z.enum(["recognized", "not_recognized", "excluded"]);

const decisionData = {
  outcome: firstInstanceOutcome,
  humanitarianStay: z.boolean().default(false),
  exclusionGround: z
    .number()
    .int()
    .min(1, "an item of RA 19 (1 to 4)")
    .max(EXCLUSION_GROUNDS.length, "an item of RA 19 (1 to 4)")
    .optional(),
  reasons: text(20_000).optional(),
  examinerId: text(200).optional(),
  /**
   * The refusal rests on false documents or false statements concealing facts (RA 8(5) 1): how the
   * case ended for a later re-application policy (`refused_false_documents`).
   */
  falseDocuments: z.boolean().optional(),
};

function event<T extends string, S extends z.ZodRawShape>(type: T, data: S) {
  return z.strictObject({ type: z.literal(type), occurredOn: legalDate, ...data });
}

/**
 * A refusal states its reasons: a first-instance non-recognition or exclusion (RA 18(2)-(3): the
 * notice gives the reasons, with the findings on the applicant's claims), and an objection
 * dismissed or rejected (APA 23(1): every disposition states its grounds).
 */
function reasonsForRefusal(refused: (e: { outcome: string }) => boolean, basis: string) {
  return (e: { outcome: string; reasons?: string | undefined }, ctx: z.RefinementCtx) => {
    if (refused(e) && !e.reasons)
      ctx.addIssue({ code: "custom", path: ["reasons"], message: `required for a refusal (${basis})` });
  };
}
const firstInstanceRefusal = reasonsForRefusal((e) => e.outcome !== "recognized", "RA 18(2)-(3)");

export const EventSchemas = {
  referral_decided: event("referral_decided", {
    referred: z.boolean(),
    nonReferralGround: z
      .number()
      .int()
      .min(1, "an item of RD 5(1) (1 to 7)")
      .max(NON_REFERRAL_GROUNDS.length, "an item of RD 5(1) (1 to 7)")
      .optional(),
  }),
  summons_served: event("summons_served", { interviewOn: legalDate, method: ServiceMethodSchema }),
  interview_held: event("interview_held", {
    examinerId: text(200),
    interpreter: z
      .strictObject({
        language: text(35),
        sex: z.enum(["female", "male"]).optional(),
        relay: z.boolean().default(false),
      })
      .nullable()
      .optional(),
    recorded: z.boolean().default(false),
    video: z.boolean().default(false),
    readBack: z.boolean().default(false),
    corrections: text(20_000).optional(),
  }),
  interview_missed: event("interview_missed", {}),
  review_terminated: event("review_terminated", { reason: z.literal("no_show") }),
  decision_extended: event("decision_extended", { newDueOn: legalDate }),
  decision_issued: event("decision_issued", decisionData).superRefine(firstInstanceRefusal),
  notice_served: event("notice_served", { method: ServiceMethodSchema }),
  objection_filed: event("objection_filed", {
    filedBy: z.enum(["applicant", "representative"]).optional(),
    representative: text(200).optional(),
    grounds: text(20_000).optional(),
  }).superRefine((e, ctx) => {
    if (e.filedBy === "representative" && !e.representative)
      ctx.addIssue({
        code: "custom",
        path: ["representative"],
        message: "name the representative who filed it",
      });
    if (e.representative && e.filedBy !== "representative")
      ctx.addIssue({
        code: "custom",
        path: ["filedBy"],
        message: "a representative is named: filedBy is representative",
      });
  }),
  objection_withdrawn: event("objection_withdrawn", {}),
  objection_extended: event("objection_extended", { newDueOn: legalDate }),
  committee_hearing_held: event("committee_hearing_held", {
    members: z
      .array(text(200))
      .min(1)
      .max(20)
      .refine((m) => new Set(m).size === m.length, "each member once")
      .optional(),
    minutes: text(20_000).optional(),
  }),
  objection_decided: event("objection_decided", {
    outcome: z.enum(["recognized", "dismissed", "rejected_unlawful"]),
    humanitarianStay: z.boolean().default(false),
    panel: text(200).optional(),
    reasons: text(20_000).optional(),
  }).superRefine(reasonsForRefusal((e) => e.outcome !== "recognized", "APA 23(1)")),
  objection_notice_served: event("objection_notice_served", { method: ServiceMethodSchema }),
  suit_filed: event("suit_filed", { court: text(200), level: z.literal(1), docketNo: text(100) }),
  judgment_issued: event("judgment_issued", {
    court: text(200),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    docketNo: text(100),
    outcome: z.enum([
      "annulled",
      "claim_dismissed",
      "suit_rejected",
      "remanded",
      "summary_dismissal",
      "dismissed_no_grounds",
    ]),
    panel: text(200).optional(),
  }),
  judgment_served: event("judgment_served", {
    party: PartySchema,
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  }),
  appeal_filed: event("appeal_filed", {
    by: PartySchema,
    level: z.union([z.literal(2), z.literal(3)]),
    court: text(200),
    docketNo: text(100),
  }),
  appeal_waived: event("appeal_waived", { by: PartySchema, level: z.union([z.literal(2), z.literal(3)]) }),
  appeal_withdrawn: event("appeal_withdrawn", {
    by: PartySchema,
    level: z.union([z.literal(2), z.literal(3)]),
  }),
  record_received: event("record_received", { level: z.literal(3) }),
  record_receipt_notified: event("record_receipt_notified", { party: PartySchema, level: z.literal(3) }),
  appeal_grounds_filed: event("appeal_grounds_filed", { by: PartySchema, level: z.literal(3) }),
  suit_withdrawn: event("suit_withdrawn", {}),
  redecision_issued: event("redecision_issued", decisionData).superRefine(firstInstanceRefusal),
  withdrawn: event("withdrawn", {}),
  living_support_extended: event("living_support_extended", {
    untilOn: legalDate,
    ground: z.enum(["unable_to_work", "other_special_circumstances"]),
  }),
  recognition_cancelled: event("recognition_cancelled", { ground: text(500) }),
  cessation_decided: event("cessation_decided", { ground: text(500) }),
  /**
   * The eligibility review of a re-application (docs/eligibility-review.md): under the office's
   * policy, how the earlier case ended, each compared element with whether it is material and
   * why, and the outcome with its reasons. Takes effect only when a second person approves it.
   */
  eligibility_decided: event("eligibility_decided", {
    policy: z.enum(POLICY_IDS),
    priorEnding: z.enum(PRIOR_ENDINGS),
    outcome: z.enum(["eligible", "ineligible"]),
    elements: z
      .array(
        z.strictObject({
          refKind: z.enum(ELEMENT_KINDS),
          refId: text(200),
          tag: z.enum(ELEMENT_TAGS).nullable(),
          withoutFault: z.boolean().nullable().optional(),
          material: z.boolean(),
          reason: text(4_000),
        }),
      )
      .max(500)
      .default([]),
    reasons: text(20_000),
  }),
  /** The review's notice served on the person: a negative review takes effect then. */
  eligibility_notice_served: event("eligibility_notice_served", { method: ServiceMethodSchema }),
  /** The person brought the remedy the policy gives against a negative review. */
  eligibility_remedy_filed: event("eligibility_remedy_filed", { court: text(200).optional() }),
  /** The remedy was decided: the negative review stands, or it is annulled and the case examined. */
  eligibility_remedy_decided: event("eligibility_remedy_decided", {
    outcome: z.enum(["upheld", "annulled"]),
  }),
  removal_requested: event("removal_requested", { requestedBy: text(200) }),
  extradition_requested: event("extradition_requested", { requestedBy: text(200) }),
} as const;

export type EventType = keyof typeof EventSchemas;
export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[];

/** Every event a user may record (application_filed is made by opening the case). */
export const RecordableEventSchema = z.discriminatedUnion(
  "type",
  Object.values(EventSchemas) as unknown as [
    (typeof EventSchemas)[EventType],
    ...(typeof EventSchemas)[EventType][],
  ],
);

export type ProcedureEvent = { [K in EventType]: z.output<(typeof EventSchemas)[K]> }[EventType];
export type EventOf<K extends EventType> = z.output<(typeof EventSchemas)[K]>;

export const ApplicationFiledSchema = z.strictObject({
  type: z.literal("application_filed"),
  occurredOn: legalDate,
  channel: ChannelSchema,
  office: text(40),
  kind: CaseKindSchema,
  priorCaseIds: z.array(z.string().uuid()).default([]),
});
export type ApplicationFiled = z.output<typeof ApplicationFiledSchema>;

/** Any event as stored in a case's history. */
export type CaseEvent = ApplicationFiled | ProcedureEvent;

export function isEventType(s: string): s is EventType {
  return Object.prototype.hasOwnProperty.call(EventSchemas, s);
}
