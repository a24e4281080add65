/**
 * The eligibility review of a re-application (docs/eligibility-review.md): the policies as values,
 * the policy an office runs from which date, and a case's review (the policy in force for it, how
 * the earlier cases ended, the compared elements as classified, the proposal awaiting a second
 * person, and what the approved review did to the case).
 */
import { z } from "zod";
import { ELEMENT_KINDS, ELEMENT_TAGS, PRIOR_ENDINGS } from "../kernel/reapplication/policy.ts";
import { ChannelSchema, LegalDateSchema } from "../kernel/schemas.ts";
import { IdSchema } from "./common.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

export const PolicyIdSchema = z.string().min(1).max(60).describe("A policy's id, e.g. kr-2025-bill");
export const PriorEndingSchema = z.enum(PRIOR_ENDINGS);
export const ElementKindSchema = z.enum(ELEMENT_KINDS);
export const ElementTagSchema = z.enum(ELEMENT_TAGS);

export const ReapplicationPolicySchema = z.object({
  id: z.string(),
  title: z.object({ en: z.string(), ko: z.string() }),
  jurisdiction: z.string(),
  standing: z.enum(["law", "bill", "comparison"]),
  inForce: z.object({ from: LegalDateSchema.nullable(), to: LegalDateSchema.nullable() }),
  sources: z.array(z.object({ cite: z.string(), provides: z.string() })),
  assumptions: z.array(z.object({ key: z.string(), text: z.string() })),
  trigger: z.object({
    priorEndings: z.array(PriorEndingSchema),
    channels: z.array(ChannelSchema).nullable(),
    description: z.string(),
  }),
  elementsCompared: z.array(ElementKindSchema),
  test: z.enum(["none", "material_change", "significant_new_elements", "realistic_prospect", "bar"]),
  noFault: z.boolean().nullable(),
  decisionPeriodDays: z.number().int().nullable(),
  interview: z.enum(["required", "optional", "not_required"]),
  statusDuring: z.enum(["applicant", "applicant_limited", "none"]),
  onIneligible: z.object({
    outcome: z.string(),
    applicantStatus: z.enum(["kept", "lost"]),
    removal: z.enum(["barred_until_decided_on_merits", "after_remedy", "after_notice"]),
  }),
  remedy: z.object({
    kind: z.enum(["objection_and_suit", "appeal", "judicial_review", "none"]),
    days: z.number().int().nullable(),
    suspensive: z.boolean(),
    description: z.string(),
  }),
});

export const ReapplicationPolicyListSchema = z.object({
  profile: z.string(),
  defaultPolicy: z.string(),
  items: z.array(ReapplicationPolicySchema),
});

export const OfficeParams = z.object({ office: z.string().min(1).max(40) });
export const OfficePolicyQuerySchema = z.object({
  on: LegalDateSchema.optional().describe("The date the policy in force is asked for (default: today)"),
});

export const OfficePolicyChangeSchema = z.object({
  policy: z.string(),
  from: LegalDateSchema,
  reason: z.string(),
  setBy: z.string().nullable().describe("Who set it: shown to those who may set the policy"),
  setAt: z.string(),
});

export const OfficePolicySchema = z.object({
  office: z.string(),
  on: LegalDateSchema,
  policy: z.string().describe("The policy the office runs on `on`"),
  from: LegalDateSchema.nullable().describe("Since when (null: the profile's default, never set)"),
  isDefault: z.boolean(),
  /** Why an office running this policy should take care: a bill or a comparison is not law. */
  warning: z.string().nullable(),
  history: z.array(OfficePolicyChangeSchema),
});

export const OfficePolicyInputSchema = z.strictObject({
  policy: PolicyIdSchema,
  from: LegalDateSchema.describe("From this date on (not before today: a change is never retroactive)"),
  reason: text(2_000).describe(
    "Why the office runs this policy (e.g. a training office trying the 2025 bill)",
  ),
});

/** One compared element as the examiner judged it in a proposal. */
export const ReviewElementInputSchema = z.strictObject({
  refKind: ElementKindSchema,
  refId: text(200),
  material: z.boolean(),
  reason: text(4_000).describe("Why it is, or is not, material: stored encrypted"),
});

export const ReviewProposalInputSchema = z.strictObject({
  occurredOn: LegalDateSchema.optional().describe("The date of the review (default: today)"),
  outcome: z.enum(["eligible", "ineligible"]),
  reasons: text(20_000).describe("The reasons for the outcome: stored encrypted"),
  elements: z.array(ReviewElementInputSchema).max(500).default([]),
});

export const ReviewElementSchema = z.object({
  refKind: ElementKindSchema,
  refId: z.string(),
  tag: ElementTagSchema.nullable(),
  withoutFault: z.boolean().nullable(),
  aroseOn: LegalDateSchema.nullable(),
  compared: z.boolean().describe("The policy compares elements of this kind"),
  /** How the policy's strict and generous readings would count it (never a decision). */
  counts: z.object({ strict: z.boolean(), generous: z.boolean() }),
});

export const EligibilityReviewSchema = z.object({
  caseId: IdSchema,
  subsequent: z.boolean(),
  filedOn: LegalDateSchema,
  channel: ChannelSchema,
  policy: ReapplicationPolicySchema.describe("The office's policy in force on the filing date"),
  policyWarning: z.string().nullable(),
  earlierCases: z.array(
    z.object({
      caseId: IdSchema,
      caseNumber: z.string().nullable(),
      ending: PriorEndingSchema.nullable(),
      decidedOn: LegalDateSchema.nullable(),
      finalOn: LegalDateSchema.nullable(),
    }),
  ),
  priorEnding: PriorEndingSchema.nullable().describe("The latest earlier ending: the trigger reads it"),
  triggerApplies: z.boolean(),
  decideBy: LegalDateSchema.nullable().describe("The policy's period for the review, from filing"),
  elements: z.array(ReviewElementSchema),
  /** What the policy would do under each reading, with the elements as classified: never a decision. */
  reading: z.object({
    strict: z.enum(["not_reviewed", "eligible", "ineligible"]),
    generous: z.enum(["not_reviewed", "eligible", "ineligible"]),
  }),
  proposal: z
    .object({
      draftId: IdSchema,
      status: z.enum(["pending", "approved", "returned"]),
      draftedBy: z.string(),
      draftedAt: z.string(),
      event: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  review: z
    .object({
      policy: z.string(),
      outcome: z.enum(["eligible", "ineligible"]),
      decidedOn: LegalDateSchema,
      servedOn: LegalDateSchema.nullable(),
      remedyFiledOn: LegalDateSchema.nullable(),
      remedyDecidedOn: LegalDateSchema.nullable(),
      remedyOutcome: z.enum(["upheld", "annulled"]).nullable(),
      reasons: z.string().nullable(),
      elements: z.array(
        z.object({
          refKind: ElementKindSchema,
          refId: z.string(),
          tag: ElementTagSchema.nullable(),
          material: z.boolean(),
          reason: z.string(),
        }),
      ),
    })
    .nullable(),
  status: z.object({
    stage: z.string(),
    applicantStatus: z.string().nullable(),
    removalBarred: z.boolean(),
    removalBarBasis: z.string().nullable(),
    remedyDueOn: LegalDateSchema.nullable(),
  }),
  version: z.number().int(),
});

export type EligibilityReview = z.infer<typeof EligibilityReviewSchema>;
export type OfficePolicy = z.infer<typeof OfficePolicySchema>;
