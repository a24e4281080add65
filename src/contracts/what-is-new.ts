/**
 * What is new in a subsequent application (docs/what-is-new.md): the earlier cases it follows and
 * how each ended, and every element the new application brings compared with the earlier file —
 * claimed material facts, evidence, audience observations, country information, law and case law,
 * foreign-state actions — each with a proposed tag (why) and the examiner's classification.
 */
import { z } from "zod";
import { ELEMENT_KINDS, ELEMENT_TAGS, PRIOR_ENDINGS } from "../kernel/reapplication/policy.ts";
import { LegalDateSchema } from "../kernel/schemas.ts";
import { IdSchema } from "./common.ts";

/** Why a tag is proposed, as a code the web words in the reader's language (`why` is English). */
export const REASON_CODES = [
  "same_statement",
  "occurred_after",
  "occurred_before",
  "changed_before",
  "changed_undated",
  "undated",
  "identical_hash",
  "dated_after",
  "dated_before",
  "no_decision",
  "other_jurisdiction",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const ElementKindSchema = z
  .enum(ELEMENT_KINDS)
  .describe(
    "fact: a claimed material fact; evidence: an evidence item; audience: an observation of a social-media audience; coi: a country-of-origin document; law: a change of law or case law; foreign_state_action: an action of the state of origin",
  );
export const ElementTagSchema = z
  .enum(ELEMENT_TAGS)
  .describe(
    "arose_after: arose after the earlier decision; existed_not_relied_on: existed but was not relied on (CJEU C-18/20); already_considered: considered in the earlier decision",
  );
export const PriorEndingSchema = z.enum(PRIOR_ENDINGS);

export const EarlierCaseSchema = z.object({
  caseId: IdSchema,
  caseNumber: z.string().nullable(),
  officeId: z.string(),
  filedOn: LegalDateSchema,
  ending: PriorEndingSchema.nullable().describe(
    "How it had ended when the new application was filed; null if it had not ended then (or ended with protection)",
  ),
  decidedOn: LegalDateSchema.nullable().describe("The last decision on the merits, if any"),
  finalOn: LegalDateSchema.nullable().describe("When the ending became final"),
});
export type EarlierCase = z.infer<typeof EarlierCaseSchema>;

export const ItemRefSchema = z
  .object({ caseNumber: z.string().nullable(), number: z.number().int() })
  .describe("The evidence item the element is, or is on: its case's number and its number there");
export const ObservationRefSchema = z.object({
  metric: z.string().describe("followers, subscribers, views…"),
  value: z.number().int(),
  observedOn: LegalDateSchema,
});

export const EarlierFindingSchema = z
  .object({
    caseId: IdSchema.describe("The earlier case"),
    caseNumber: z.string().nullable(),
    summary: z.string().describe("What the earlier file held (decrypted for the reader)"),
    finding: z
      .enum(["accepted", "rejected", "benefit_of_doubt"])
      .nullable()
      .describe("For a fact: the earlier assessment's finding on it (null: none recorded)"),
    item: ItemRefSchema.nullable(),
    observation: ObservationRefSchema.nullable().describe(
      "For an audience: the last figure before the decision",
    ),
  })
  .describe("What the earlier file held about the same thing");

export const FactComparisonSchema = z
  .enum(["new", "changed", "already_considered"])
  .describe(
    "new: claimed for the first time; changed: a different account of a fact claimed earlier; already_considered: the same statement was examined",
  );

export const WhatIsNewElementSchema = z.object({
  refKind: ElementKindSchema,
  refId: z.string().describe("The record it points to: a fact, item or document id, or a reference key"),
  caseId: IdSchema.nullable().describe("The case the record is in (null: the library or the law list)"),
  summary: z
    .string()
    .describe(
      "The record's own words (a statement, a title, an account's name; decrypted, never stored with the tag); empty for an item the reader may not read",
    ),
  item: ItemRefSchema.nullable(),
  observation: ObservationRefSchema.nullable().describe("For an audience element: what was observed"),
  action: z
    .object({ action: z.string(), state: z.string() })
    .nullable()
    .describe("For a foreign-state action: what the state did (aroseOn: when)"),
  aroseOn: LegalDateSchema.nullable().describe("When it arose (a fact's date, a post's, an observation's…)"),
  comparison: FactComparisonSchema.nullable().describe("For a fact: how it compares with the earlier claim"),
  proposedTag: ElementTagSchema.nullable().describe(
    "OpenRSD's proposal from the dates and hashes (null: none)",
  ),
  why: z.string().describe("Why it is proposed so, in English"),
  reason: z
    .enum(REASON_CODES)
    .describe("Why it is proposed so, as a code (the web words it in the reader's language with aroseOn)"),
  tag: ElementTagSchema.nullable().describe("The examiner's classification (null: not classified)"),
  withoutFault: z.boolean().nullable(),
  classifiedBy: z.string().nullable(),
  classifiedAt: z.string().nullable(),
  earlier: EarlierFindingSchema.nullable(),
});
export type WhatIsNewElement = z.infer<typeof WhatIsNewElementSchema>;

export const WhatIsNewSchema = z.object({
  caseId: IdSchema,
  filedOn: LegalDateSchema,
  earlierCases: z.array(EarlierCaseSchema),
  earlierDecisionOn: LegalDateSchema.nullable().describe(
    "The date elements are compared with: the latest earlier decision on the merits (for an ending without one, the date it became final)",
  ),
  lastFinalOn: LegalDateSchema.nullable().describe("The date the last earlier case became final"),
  surPlace: z.boolean().describe("Whether any claimed fact of the new application arose sur place"),
  elements: z.array(WhatIsNewElementSchema),
});
export type WhatIsNew = z.infer<typeof WhatIsNewSchema>;

export const ClassificationSchema = z.strictObject({
  refKind: ElementKindSchema,
  refId: z.string().min(1).max(200),
  tag: ElementTagSchema.nullable().describe("null removes the classification"),
  withoutFault: z
    .boolean()
    .nullable()
    .optional()
    .describe(
      "For existed_not_relied_on: the applicant could not raise it earlier through no fault of theirs",
    ),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const ClassificationRequestSchema = z.strictObject({
  elements: z
    .array(ClassificationSchema)
    .min(1)
    .max(500)
    .refine(
      (es) => new Set(es.map((e) => `${e.refKind}/${e.refId}`)).size === es.length,
      "each element once",
    ),
});
export type ClassificationRequest = z.infer<typeof ClassificationRequestSchema>;
