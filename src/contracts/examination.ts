/**
 * The examination of a claim (docs/examination.md): the applicant's material facts, each linked to
 * the evidence, interview segments and country information for and against it; the structured
 * assessment of the case, step by step (UNHCR RSD Procedural Standards 4.3; EUAA, Evidence and
 * risk assessment); the check a decision draft must pass before it goes to a supervisor; and the
 * reasons composed from the assessment.
 */
import { z } from "zod";
import { LegalDateSchema } from "../kernel/schemas.ts";
import { IdSchema } from "./common.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const note = z.string().trim().max(10_000).optional().describe("Free text, stored encrypted");

export const CONVENTION_GROUNDS = [
  "race",
  "religion",
  "nationality",
  "particular_social_group",
  "political_opinion",
] as const;
export const ConventionGroundSchema = z.enum(CONVENTION_GROUNDS);

export const FactParams = z.object({ id: IdSchema, factId: IdSchema });

export const FactInputSchema = z
  .strictObject({
    statement: text(20_000).describe(
      "Who did what to whom, where and when; or an activity of the applicant (a role, a post)",
    ),
    occurredOn: LegalDateSchema.optional().describe("The date, when the applicant gives one"),
    period: text(200).optional().describe('An approximate period, e.g. "spring 2024"'),
    place: text(500).optional(),
    grounds: z
      .array(ConventionGroundSchema)
      .max(CONVENTION_GROUNDS.length)
      .refine((g) => new Set(g).size === g.length, "each ground once")
      .default([])
      .describe("The Convention grounds the fact may relate to (none: an empty list)"),
    actor: text(500).optional().describe("The actor of persecution feared"),
    surPlace: z.boolean().default(false).describe("The fact arose after the applicant left the country"),
    position: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .describe("Its place in the claim (default: last)"),
  })
  .refine((f) => !(f.occurredOn && f.period), {
    message: "a date or an approximate period, not both",
    path: ["period"],
  });
export type FactInput = z.output<typeof FactInputSchema>;

export const FactWithdrawalSchema = z.strictObject({ reason: text(2000) });

export const LINK_KINDS = ["evidence", "segment", "citation"] as const;
export const LinkInputSchema = z.strictObject({
  kind: z
    .enum(LINK_KINDS)
    .describe("An evidence item, an interview segment or a COI citation of the same case"),
  targetId: IdSchema,
  stance: z.enum(["supports", "contradicts"]),
});
export const LinksInputSchema = z.strictObject({
  links: z
    .array(LinkInputSchema)
    .max(200)
    .refine((ls) => new Set(ls.map((l) => `${l.kind}/${l.targetId}`)).size === ls.length, "each source once"),
});
export type LinkInput = z.output<typeof LinkInputSchema>;

export const FactLinkSchema = LinkInputSchema.extend({
  label: z.string().describe("What the link points at, as the examiner sees it"),
  available: z.boolean().describe("False when the source is withdrawn or no longer found"),
});

export const FactSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  position: z.number().int(),
  status: z.enum(["active", "withdrawn"]),
  version: z.number().int(),
  statement: z.string(),
  occurredOn: LegalDateSchema.nullable(),
  period: z.string().nullable(),
  place: z.string().nullable(),
  grounds: z.array(ConventionGroundSchema),
  actor: z.string().nullable(),
  surPlace: z.boolean(),
  withdrawal: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  links: z.array(FactLinkSchema),
  recordedBy: z.string(),
  recordedAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type Fact = z.output<typeof FactSchema>;
export const FactListSchema = z.object({ items: z.array(FactSchema) });

export const FactVersionSchema = z.object({
  version: z.number().int(),
  statement: z.string(),
  occurredOn: LegalDateSchema.nullable(),
  period: z.string().nullable(),
  place: z.string().nullable(),
  grounds: z.array(ConventionGroundSchema),
  actor: z.string().nullable(),
  surPlace: z.boolean(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const FactVersionsSchema = z.object({ items: z.array(FactVersionSchema) });

// The assessment

const RatingSchema = z
  .enum(["positive", "neutral", "negative"])
  .describe("positive: speaks for the statement's credibility; negative: against it");
const IndicatorSchema = z.strictObject({ rating: RatingSchema.optional(), note });
export const INDICATORS = [
  "detail",
  "internalConsistency",
  "externalConsistency",
  "coiConsistency",
  "plausibility",
] as const;
/** The indicators whose negative rating is an inconsistency (the applicant must be asked to explain it). */
export const CONSISTENCY_INDICATORS = [
  "internalConsistency",
  "externalConsistency",
  "coiConsistency",
] as const;

export const FINDINGS = ["accepted", "rejected", "benefit_of_doubt"] as const;
export const FactFindingSchema = z.strictObject({
  factId: IdSchema,
  indicators: z
    .strictObject({
      detail: IndicatorSchema.optional().describe("Sufficiency of detail and specificity"),
      internalConsistency: IndicatorSchema.optional().describe(
        "Consistency of the applicant's own statements",
      ),
      externalConsistency: IndicatorSchema.optional().describe("Consistency with the other evidence"),
      coiConsistency: IndicatorSchema.optional().describe("Consistency with country-of-origin information"),
      plausibility: IndicatorSchema.optional(),
    })
    .default({}),
  finding: z.enum(FINDINGS).optional(),
  explanationSegmentId: IdSchema.optional().describe(
    "For a rejection on an inconsistency: the interview segment where the applicant was asked to explain it",
  ),
  note,
});
export type FactFinding = z.output<typeof FactFindingSchema>;

const YesNo = z.enum(["yes", "no", "not_applicable"]).optional();

export const OUTCOMES = ["recognized", "not_recognized", "humanitarian_stay", "excluded"] as const;
export const AssessmentContentSchema = z.strictObject({
  identity: z
    .strictObject({
      finding: z.enum(["established", "partly_established", "not_established"]).optional(),
      note,
    })
    .default({}),
  facts: z
    .array(FactFindingSchema)
    .max(500)
    .refine((fs) => new Set(fs.map((f) => f.factId)).size === fs.length, "each fact once")
    .default([]),
  risk: z
    .strictObject({
      note,
      attention: note.describe("Sur place: how the activity could come to the authorities' attention"),
      audience: note.describe("Sur place: its audience"),
      foreignStateAction: note.describe("Sur place: any action of the foreign state"),
    })
    .default({}),
  persecution: z.strictObject({ finding: YesNo, note }).default({}),
  nexus: z
    .strictObject({
      grounds: z
        .array(ConventionGroundSchema)
        .max(CONVENTION_GROUNDS.length)
        .refine((g) => new Set(g).size === g.length, "each ground once")
        .default([]),
      note,
    })
    .default({ grounds: [] }),
  stateProtection: z.strictObject({ available: YesNo, note }).default({}),
  internalProtection: z.strictObject({ available: YesNo, note }).default({}),
  exclusion: z
    .strictObject({
      applies: z.boolean().optional(),
      ground: z.number().int().min(1).max(4).optional().describe("An item of RA 19 (1 to 4)"),
      note,
    })
    .default({}),
  conclusion: z
    .strictObject({
      outcome: z.enum(OUTCOMES).optional(),
      note,
      remedy: z
        .string()
        .trim()
        .max(5000)
        .optional()
        .describe("For a refusal: the remedies (objection, suit) as the decision states them"),
    })
    .default({}),
});
export type AssessmentContent = z.output<typeof AssessmentContentSchema>;

export const AssessmentSchema = z.object({
  caseId: IdSchema,
  version: z.number().int().describe("0: no assessment yet"),
  content: AssessmentContentSchema,
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  history: z.array(z.object({ version: z.number().int(), recordedBy: z.string(), recordedAt: z.string() })),
});
export type Assessment = z.output<typeof AssessmentSchema>;

export const AssessmentVersionParams = z.object({
  id: IdSchema,
  version: z.coerce.number().int().min(1).max(1e6),
});
export const AssessmentVersionSchema = z.object({
  version: z.number().int(),
  content: AssessmentContentSchema,
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const ASSESSMENT_HEADERS = z.object({
  "if-match": z
    .string()
    .optional()
    .describe(
      'The assessment\'s ETag as last read, e.g. "2"; needed once an assessment exists (428; stale: 412)',
    ),
});

// The check

export const CHECK_CODES = [
  "no_assessment",
  "fact_without_finding",
  "inconsistency_without_segment",
  "citation_undated",
  "remedy_missing",
  "conclusion_missing",
] as const;
export const CheckIssueSchema = z.object({
  code: z.enum(CHECK_CODES),
  path: z.string(),
  message: z.string(),
  factId: IdSchema.optional(),
  citationId: IdSchema.optional(),
});
export type CheckIssue = z.output<typeof CheckIssueSchema>;
export const CheckResultSchema = z.object({ ok: z.boolean(), issues: z.array(CheckIssueSchema) });

// Sources a fact may link to, and the record's sur-place observations

export const ExaminationSourcesSchema = z.object({
  evidence: z.array(
    z.object({
      id: IdSchema,
      number: z.number().int(),
      title: z.string(),
      kind: z.string(),
      status: z.enum(["active", "withdrawn"]),
    }),
  ),
  segments: z.array(
    z.object({
      id: IdSchema,
      interviewId: IdSchema,
      interviewOn: LegalDateSchema,
      position: z.number().int(),
      question: z.string(),
    }),
  ),
  citations: z.array(
    z.object({
      id: IdSchema,
      title: z.string(),
      source: z.string(),
      quote: z.string(),
      publishedOn: LegalDateSchema.nullable(),
      accessedOn: LegalDateSchema.nullable(),
      locator: z.string().nullable(),
    }),
  ),
  available: z.object({
    segments: z.boolean().describe("Whether interview segments can be linked in this deployment"),
    citations: z.boolean().describe("Whether COI citations can be linked in this deployment"),
  }),
  audience: z.array(
    z.object({
      itemId: IdSchema,
      number: z.number().int(),
      title: z.string(),
      platform: z.string().nullable(),
      observedOn: LegalDateSchema,
      metric: z.string(),
      value: z.number(),
    }),
  ),
  foreignStateActions: z.array(
    z.object({
      itemId: IdSchema,
      number: z.number().int(),
      title: z.string(),
      state: z.string(),
      action: z.string(),
      actedOn: LegalDateSchema,
    }),
  ),
});
export type ExaminationSources = z.output<typeof ExaminationSourcesSchema>;

// The draft from the assessment

export const ReasonsLanguageSchema = z.enum(["ko", "en"]);
export const DraftFromAssessmentSchema = z.strictObject({
  language: ReasonsLanguageSchema.default("ko").describe("The language of the reasons' sentence frames"),
  occurredOn: LegalDateSchema.optional().describe("The decision's date (default: today)"),
});
export const ReasonsPreviewSchema = z.object({
  type: z.string().describe("The decision event the profile allows now"),
  reasons: z.string(),
});
