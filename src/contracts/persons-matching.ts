/**
 * Identity matching across scripts (docs/identity-matching.md): the earlier persons proposed for
 * a person, with the score and its explanation, and the decisions confirming or rejecting a pair.
 */
import { z } from "zod";
import { PRIOR_ENDINGS } from "../kernel/reapplication/policy.ts";
import { LegalDateSchema } from "../kernel/schemas.ts";
import { PersonInputSchema } from "./api.ts";
import { IdSchema } from "./common.ts";

export const LINK_DECISIONS = ["confirmed", "rejected"] as const;

/** Why a pair was confirmed or rejected; "other" needs a note. */
export const LINK_REASONS = {
  confirmed: ["applicant_confirmed", "same_documents", "details_agree", "other"],
  rejected: ["applicant_denied_and_details_differ", "different_documents", "details_differ", "other"],
} as const;
export const ALL_LINK_REASONS = [...new Set([...LINK_REASONS.confirmed, ...LINK_REASONS.rejected])] as [
  string,
  ...string[],
];

const Words = z.object({ en: z.string(), ko: z.string() });

export const MatchReasonSchema = z.object({
  field: z.enum(["identifier", "name", "birthDate", "nationality", "sex"]),
  level: z.string().describe("The field's agreement level (docs/identity-matching.md lists them)"),
  weight: z.number().describe("log2(m/u) of the level: what it adds to the score"),
  text: Words,
});

export const LinkDecisionSchema = z.object({
  decision: z.enum(LINK_DECISIONS),
  reason: z.enum(ALL_LINK_REASONS),
  note: z.string().optional().describe("The note, decrypted for the reader"),
  decidedBy: z.string(),
  decidedAt: z.string(),
});

export const MatchCaseSchema = z.object({
  id: IdSchema,
  caseNumber: z.string().nullable(),
  office: z.string(),
  kind: z.enum(["first", "subsequent"]),
  filedOn: LegalDateSchema,
  ending: z
    .object({
      ending: z.enum(PRIOR_ENDINGS),
      decidedOn: LegalDateSchema.nullable(),
      finalOn: LegalDateSchema,
    })
    .nullable()
    .describe(
      "How the case ended (as of today), in re-application terms; null while it runs or when it ended in protection",
    ),
});

export const PersonMatchSchema = z.object({
  personId: IdSchema,
  names: PersonInputSchema.shape.names,
  birthDate: LegalDateSchema.optional(),
  nationality: z.string(),
  score: z.number().describe("Fellegi-Sunter score: the sum of the reasons' weights"),
  proposed: z.boolean().describe("Whether the score reaches the proposal threshold"),
  reasons: z.array(MatchReasonSchema),
  explanation: Words.describe(
    'The reasons in words, e.g. "all name parts sound alike, same birth year, same nationality"',
  ),
  cases: z.array(MatchCaseSchema).describe("Their cases at offices the principal reaches, oldest first"),
  decision: LinkDecisionSchema.nullable().describe("The pair's current decision, if someone decided it"),
});
export type PersonMatch = z.infer<typeof PersonMatchSchema>;

export const PersonMatchListSchema = z.object({
  threshold: z.number(),
  candidates: z.number().describe("How many persons the blocking keys brought back and were compared"),
  items: z.array(PersonMatchSchema),
  ownCases: z
    .array(MatchCaseSchema)
    .describe(
      "The person's own cases at offices the principal reaches, oldest first, with how each ended: a new case for them follows those that ended",
    ),
});
export type PersonMatchList = z.infer<typeof PersonMatchListSchema>;

export const PersonLinkInputSchema = z
  .strictObject({
    otherPersonId: IdSchema,
    decision: z.enum(LINK_DECISIONS),
    reason: z.enum(ALL_LINK_REASONS),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (!(LINK_REASONS[v.decision] as readonly string[]).includes(v.reason))
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: `not a reason to have ${v.decision} a pair; one of ${LINK_REASONS[v.decision].join(", ")}`,
      });
    if (v.reason === "other" && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: 'the reason "other" needs a note' });
  });
export type PersonLinkInput = z.infer<typeof PersonLinkInputSchema>;

export const PersonLinkSchema = LinkDecisionSchema.extend({
  personId: IdSchema,
  otherPersonId: IdSchema,
  score: z.number().nullable(),
});
export type PersonLink = z.infer<typeof PersonLinkSchema>;
export const PersonLinkListSchema = z.object({
  items: z
    .array(PersonLinkSchema)
    .describe("The current decision of each pair with this person, newest first"),
});
