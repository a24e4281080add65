/**
 * The Refugee Committee's agenda and its members' votes (RA 25-27): the secretariat puts a case
 * whose objection is before the committee on a meeting's agenda; each member reads the cases on
 * the agenda and records a vote with reasons.
 */
import { z } from "zod";
import { IdSchema, LegalDateSchema } from "./common.ts";

export const COMMITTEE_VOTES = ["recognize", "humanitarian_stay", "dismiss", "abstain"] as const;
export const CommitteeVoteSchema = z
  .enum(COMMITTEE_VOTES)
  .describe(
    "recognize: recognize as a refugee; humanitarian_stay: dismiss, with humanitarian stay; dismiss: dismiss the objection; abstain",
  );

export const AgendaInputSchema = z.strictObject({
  caseId: IdSchema,
  meetingOn: LegalDateSchema.describe("The date of the committee meeting whose agenda the case goes on"),
});

export const AgendaParams = z.object({ caseId: IdSchema, meetingOn: LegalDateSchema });

export const AgendaQuerySchema = z
  .object({
    from: LegalDateSchema.optional().describe("Meetings on or after this date (default: 30 days ago)"),
    to: LegalDateSchema.optional().describe("Meetings on or before this date (default: no limit)"),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "from must not be after to",
    path: ["from"],
  });

export const VoteInputSchema = z
  .strictObject({
    vote: CommitteeVoteSchema,
    reasons: z
      .string()
      .trim()
      .max(20_000)
      .optional()
      .describe("The member's reasons: plain paragraphs and lists, kept as written"),
  })
  .superRefine((v, ctx) => {
    if (v.vote !== "abstain" && v.vote !== "recognize" && !v.reasons)
      ctx.addIssue({
        code: "custom",
        path: ["reasons"],
        message: "a vote to dismiss the objection gives its reasons (APA 23(1))",
      });
  });

const VoteSchema = z.object({
  member: z.string().describe("The member's display name"),
  vote: CommitteeVoteSchema,
  reasons: z.string().nullable(),
  recordedAt: z.string(),
});

export const AgendaEntrySchema = z.object({
  caseId: IdSchema,
  office: z.string(),
  caseNumber: z.string().nullable(),
  meetingOn: LegalDateSchema,
  applicantNames: z.array(
    z.object({ value: z.string(), script: z.string().optional(), kind: z.string().optional() }),
  ),
  nationality: z.string(),
  stage: z.string(),
  profile: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
  myVote: VoteSchema.nullable().describe(
    "The signed-in member's own vote; null if none yet (or not a member)",
  ),
  votes: z
    .array(VoteSchema)
    .nullable()
    .describe(
      "Every member's vote, for the secretariat; null for a member, who sees only their own before the meeting",
    ),
  tally: z
    .object(
      Object.fromEntries(COMMITTEE_VOTES.map((v) => [v, z.number().int().min(0)])) as Record<
        (typeof COMMITTEE_VOTES)[number],
        z.ZodNumber
      >,
    )
    .nullable()
    .describe("How many members voted each way; for the secretariat only"),
  disqualified: z
    .string()
    .nullable()
    .describe("Why the signed-in member may not deliberate on this case (RA 26), or null"),
});
export type AgendaEntry = z.infer<typeof AgendaEntrySchema>;
export const AgendaSchema = z.object({ items: z.array(AgendaEntrySchema) });
