/**
 * Translation with review by people (docs/translation.md): a case's translatable texts, the
 * translation requested of one into a language, its segments with their XLIFF 2 states, the
 * office's translation memory and the configured machine engines.
 */
import { z } from "zod";
import { IdSchema, LegalDateSchema } from "./common.ts";
import { isKnownLanguage } from "./languages.ts";

export const LanguageTagSchema = z
  .string()
  .trim()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 tag, e.g. ko, en, km")
  .refine(isKnownLanguage, "not an ISO 639 language code");

/**
 * What can be translated, by kind: an evidence item's extracted text, a material fact's
 * statement, an interview's transcript (never by a machine), a decision's notice texts (the
 * outcome, reasons, remedies and what follows, as the notice words them) and a passage of country
 * information cited in the case.
 */
export const SOURCE_KINDS = [
  "evidence_text",
  "fact_statement",
  "interview_transcript",
  "decision_notice",
  "coi_passage",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SourceKindSchema = z.enum(SOURCE_KINDS);

/** XLIFF 2 segment states (XLIFF 2.1 §4.2.2.15 `state`). */
export const SEGMENT_STATES = ["initial", "translated", "reviewed", "final"] as const;
export type SegmentState = (typeof SEGMENT_STATES)[number];
export const SegmentStateSchema = z.enum(SEGMENT_STATES);

/** Where a segment's current target came from. */
export const ORIGINS = ["none", "memory", "engine", "person", "import"] as const;
export type Origin = (typeof ORIGINS)[number];

export const JOB_STATES = ["open", "final", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const EngineRefSchema = z.object({
  engine: z.string().describe("The engine's id in the deployment's configuration"),
  name: z.string().describe("libretranslate or openai-compatible"),
  model: z.string().describe("The model the engine answered with (or was configured with)"),
  version: z.string().nullable().describe("The engine's version or fingerprint, when it says one"),
});
export type EngineRef = z.infer<typeof EngineRefSchema>;

export const OriginDetailSchema = z
  .object({
    origin: z.enum(ORIGINS),
    /** memory: the match's score (0-100) and the memory unit it came from */
    score: z.number().min(0).max(100).optional(),
    memoryUnitId: IdSchema.optional(),
    engine: EngineRefSchema.optional(),
  })
  .describe("Where the target text came from: a person, the memory (with its score), an engine (named)");
export type OriginDetail = z.infer<typeof OriginDetailSchema>;

export const PersonRefSchema = z.object({ id: IdSchema, name: z.string() });

export const MemoryMatchSchema = z.object({
  unitId: IdSchema,
  score: z.number().min(0).max(100).describe("100: the same source text; below: fuzzy"),
  source: z.string(),
  target: z.string(),
  translatedBy: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  approvedOn: LegalDateSchema.describe("The day the unit was approved (made final or imported)"),
});
export type MemoryMatch = z.infer<typeof MemoryMatchSchema>;

export const SegmentSchema = z.object({
  id: IdSchema,
  position: z.number().int().min(1),
  /** The unit of the source the segment is in (e.g. "reasons.2", "remedy.objection.text"). */
  unit: z.string(),
  source: z.string(),
  target: z.string().nullable(),
  state: SegmentStateSchema,
  origin: OriginDetailSchema,
  /** Placeholders of the source (`{date}`) that the target must keep. */
  placeholders: z.array(z.string()),
  translatedBy: PersonRefSchema.nullable(),
  translatedAt: z.string().nullable(),
  reviewedBy: PersonRefSchema.nullable(),
  reviewedAt: z.string().nullable(),
  /** Set when a reviewer sent the segment back: why. Cleared by the next translation. */
  returned: z.object({ reason: z.string(), by: PersonRefSchema, at: z.string() }).nullable(),
  /** Set when the source changed under a segment that had a target: the target before. */
  sourceChanged: z.boolean(),
  version: z.number().int().min(1),
  matches: z.array(MemoryMatchSchema).describe("The memory's best matches for the source (at most 3)"),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const StateCountsSchema = z.object({
  initial: z.number().int(),
  translated: z.number().int(),
  reviewed: z.number().int(),
  final: z.number().int(),
});
export type StateCounts = z.infer<typeof StateCountsSchema>;

export const JobSummarySchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  caseNumber: z.string().nullable(),
  kind: SourceKindSchema,
  ref: z
    .string()
    .describe("The id of what is translated (evidence item, fact, interview, decision event, passage)"),
  label: z
    .string()
    .describe("What is translated, in words (e.g. 'Decision of 2026-11-20: reasons and remedies')"),
  sourceLanguage: LanguageTagSchema,
  targetLanguage: LanguageTagSchema,
  state: z.enum(JOB_STATES),
  machineAllowed: z.boolean().describe("False for interview transcripts: people interpret a person's words"),
  engine: z.string().nullable().describe("The engine chosen for machine drafts, if any"),
  translator: PersonRefSchema.nullable(),
  reviewer: PersonRefSchema.nullable(),
  requestedBy: PersonRefSchema,
  requestedAt: z.string(),
  counts: StateCountsSchema,
  finalizedBy: PersonRefSchema.nullable(),
  finalizedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const JobSchema = JobSummarySchema.extend({
  segments: z.array(SegmentSchema),
  /** The version of the job (every change to a segment or the job adds one): for If-Match. */
  version: z.number().int().min(1),
});
export type Job = z.infer<typeof JobSchema>;

export const TranslatableSchema = z.object({
  kind: SourceKindSchema,
  ref: z.string(),
  label: z.string(),
  sourceLanguage: LanguageTagSchema.nullable().describe(
    "null when the source does not say; the request must",
  ),
  machineAllowed: z.boolean(),
  jobs: z.array(JobSummarySchema),
});
export type Translatable = z.infer<typeof TranslatableSchema>;

export const RequestTranslationSchema = z.strictObject({
  kind: SourceKindSchema,
  ref: z.string().min(1).max(200),
  sourceLanguage: LanguageTagSchema.optional().describe("Required when the source does not say its language"),
  targetLanguages: z.array(LanguageTagSchema).min(1).max(10),
  engine: z
    .string()
    .max(100)
    .nullable()
    .optional()
    .describe("An engine enabled for the pair, for machine drafts"),
  translatorId: IdSchema.nullable().optional(),
  reviewerId: IdSchema.nullable().optional(),
});
export type RequestTranslation = z.infer<typeof RequestTranslationSchema>;

export const SaveSegmentSchema = z.strictObject({
  target: z.string().max(20_000),
  /** The segment's version the translator last saw. */
  version: z.number().int().min(1).max(2_147_483_647),
});

export const ReviewSegmentSchema = z.strictObject({
  decision: z.enum(["reviewed", "returned"]),
  reason: z.string().trim().min(1).max(2_000).optional().describe("Required when returned"),
  version: z.number().int().min(1).max(2_147_483_647),
});

export const AssignJobSchema = z.strictObject({
  translatorId: IdSchema.nullable(),
  reviewerId: IdSchema.nullable(),
});

export const CancelJobSchema = z.strictObject({ reason: z.string().trim().min(1).max(2_000) });

export const ImportResultSchema = z.object({
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.array(z.object({ segment: z.string(), reason: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const EngineSchema = z.object({
  id: z.string(),
  kind: z.enum(["libretranslate", "openai-compatible"]),
  url: z.string(),
  model: z.string().nullable(),
  external: z.boolean().describe("Outside the deployment (not loopback or a private network)"),
  allowExternal: z.boolean().describe("The configuration explicitly allows sending case text to it"),
  pairs: z.array(
    z.object({
      source: LanguageTagSchema,
      target: LanguageTagSchema,
      enabled: z.boolean(),
      enabledBy: z.string().nullable(),
      enabledAt: z.string().nullable(),
    }),
  ),
});
export type Engine = z.infer<typeof EngineSchema>;

export const SetEnginePairSchema = z.strictObject({
  source: LanguageTagSchema,
  target: LanguageTagSchema,
  enabled: z.boolean(),
});

export const MemoryStatsSchema = z.object({
  pairs: z.array(z.object({ source: z.string(), target: z.string(), units: z.number().int() })),
});

export const EngineParams = z.object({
  id: z.string().min(1).max(100).describe("The engine's id in the deployment's configuration"),
});

export const TmxExportQuerySchema = z.strictObject({
  source: LanguageTagSchema.describe("The source language of the units to export"),
  target: LanguageTagSchema.describe("Their target language"),
});

export const TmxImportResultSchema = z.object({
  added: z.number().int().describe("Units added to the office's memory"),
  skipped: z.number().int().describe("Units the memory already held (the same source and target)"),
  refused: z
    .array(
      z.object({
        unit: z.string().describe("Where in the file: the unit's tuid, or its line"),
        reason: z.string(),
      }),
    )
    .describe("Units not imported, and why"),
});
export type TmxImportResult = z.infer<typeof TmxImportResultSchema>;
export type MemoryStats = z.infer<typeof MemoryStatsSchema>;

export const TranslationParams = z.object({ jobId: IdSchema });
export const TranslationSegmentParams = z.object({ jobId: IdSchema, segmentId: IdSchema });

export const JobListQuerySchema = z.object({
  case: IdSchema.optional().describe("Only the translations of this case"),
  state: z.enum(JOB_STATES).optional().describe("Only jobs in this state (default: every state)"),
  assigned: z
    .literal("me")
    .optional()
    .describe("Only jobs assigned to me, as translator or reviewer (a translator sees no others)"),
  awaiting: z
    .enum(["translation", "review"])
    .optional()
    .describe(
      "translation: open jobs with a segment to translate; review: open jobs with a segment to review or ready to finalize",
    ),
});
export type JobListQuery = z.infer<typeof JobListQuerySchema>;

export const JobListSchema = z.object({
  items: z.array(JobSummarySchema),
  counts: z.object({
    awaitingTranslation: z.number().int().describe("Of the jobs listed: open, with a segment to translate"),
    awaitingReview: z
      .number()
      .int()
      .describe("Of the jobs listed: open, with a segment to review, or every segment reviewed"),
  }),
});

export const TranslatableListSchema = z.array(TranslatableSchema);
export const JobSummaryListSchema = z.array(JobSummarySchema);

/** A translation in the inbox: why it waits for me. */
export const AwaitingJobSchema = JobSummarySchema.extend({
  awaiting: z.enum(["translation", "review"]),
});
