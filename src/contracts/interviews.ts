/**
 * The interview record (docs/interviews.md): an interview of a case scheduled with its mode,
 * place, language and interpreter; the applicant's requests for a same-sex interviewer or
 * interpreter (RA 8(2)) and whether they were met; who attended; the recording as an evidence
 * item; the transcript as question-and-answer segments with times, read back (confirmed or
 * corrected, each correction a new version); the signatures or the refusal to sign; after
 * signature, change requests a supervisor approves; and a representative's request for a copy
 * through the portal (RA 16).
 */
import { z } from "zod";
import { LegalDateSchema } from "../kernel/schemas.ts";
import { IdSchema } from "./common.ts";
import { EvidenceLanguageSchema } from "./evidence.ts";

const Instant = z.iso.datetime({ offset: true }).max(40).describe("An instant (ISO 8601 with its offset)");
const Text = (max: number) => z.string().trim().min(1).max(max);

export const INTERVIEW_MODES = ["in_person", "video"] as const;

const SameSexRequestSchema = z
  .strictObject({
    requested: z.boolean().describe("The applicant asked for a person of the same sex"),
    met: z
      .boolean()
      .nullable()
      .describe("Whether the request was met (null: not yet known, or nothing was requested)"),
  })
  .refine((r) => r.requested || r.met === null, {
    message: "a request that was not made cannot be met",
    path: ["met"],
  });

export const InterviewRequestsSchema = z
  .strictObject({
    interviewer: SameSexRequestSchema.describe("A same-sex interviewer (RA 8(2))"),
    interpreter: SameSexRequestSchema.describe("A same-sex interpreter (RA 8(2))"),
  })
  .describe("The applicant's requests for a same-sex interviewer or interpreter, and whether each was met");

export const InterviewAttendanceSchema = z
  .strictObject({
    representative: Text(200).nullable().describe("The applicant's representative who attended, by name"),
    trustedPerson: Text(200).nullable().describe("A trusted person who attended (RA 14), by name"),
    unhcr: Text(200).nullable().describe("A UNHCR officer who attended, by name"),
  })
  .describe("Who attended beside the applicant, the examiner and the interpreter");

const NO_REQUESTS = {
  interviewer: { requested: false, met: null },
  interpreter: { requested: false, met: null },
};
const NOBODY = { representative: null, trustedPerson: null, unhcr: null };

const TimeOfDay = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM (24 hours)")
  .describe("The time of day in the office's time zone, HH:MM");

export const ScheduleInterviewSchema = z.strictObject({
  interviewOn: LegalDateSchema,
  startTime: TimeOfDay,
  mode: z.enum(INTERVIEW_MODES).describe("in_person (in a room of the office) or video"),
  place: Text(300).describe("The room, or the video link or video room"),
  language: EvidenceLanguageSchema.describe("The language of the interview (BCP 47)"),
  interpreterId: IdSchema.nullable()
    .default(null)
    .describe("The account of an active interpreter, who then sees this interview in GET /interviews"),
  requests: InterviewRequestsSchema.default(NO_REQUESTS),
  attendance: InterviewAttendanceSchema.default(NOBODY),
  recordingItemId: IdSchema.nullable()
    .default(null)
    .describe("The recording, as an evidence item of the same case"),
});
export type ScheduleInterview = z.infer<typeof ScheduleInterviewSchema>;

export const UpdateInterviewSchema = z
  .strictObject({
    interviewOn: LegalDateSchema.optional(),
    startTime: TimeOfDay.optional(),
    mode: z.enum(INTERVIEW_MODES).optional(),
    place: Text(300).optional(),
    language: EvidenceLanguageSchema.optional(),
    interpreterId: IdSchema.nullable().optional(),
    requests: InterviewRequestsSchema.optional(),
    attendance: InterviewAttendanceSchema.optional(),
    recordingItemId: IdSchema.nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: "nothing to change" });
export type UpdateInterview = z.infer<typeof UpdateInterviewSchema>;

const Second = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600)
  .describe("Seconds from the start of the interview (or of its recording)");

const SegmentContentObject = z.strictObject({
  question: Text(10000).describe("The question as asked"),
  answer: Text(20000).describe("The answer as interpreted"),
  startSecond: Second,
  endSecond: Second,
});
const endAfterStart = <T extends { startSecond: number; endSecond: number }>(s: T) =>
  s.endSecond >= s.startSecond;
const END_MESSAGE = { message: "the end is before the start", path: ["endSecond"] };

export const SegmentContentSchema = SegmentContentObject.refine(endAfterStart, END_MESSAGE);
export type SegmentContent = z.infer<typeof SegmentContentSchema>;

export const SegmentCorrectionSchema = SegmentContentObject.extend({
  reason: Text(2000).describe("Why: in the applicant's words, as read back"),
}).refine(endAfterStart, END_MESSAGE);
export type SegmentCorrection = z.infer<typeof SegmentCorrectionSchema>;

export const SignatureInputSchema = z.strictObject({
  applicant: z
    .discriminatedUnion("signed", [
      z.strictObject({ signed: z.literal(true) }),
      z.strictObject({ signed: z.literal(false), refusalReason: Text(2000) }),
    ])
    .describe("The applicant signed, or refused to sign (with the reason they gave)"),
  interpreterSigned: z
    .boolean()
    .describe("The interpreter signed (must be true when an interpreter was assigned)"),
});
export type SignatureInput = z.infer<typeof SignatureInputSchema>;

export const ReturnChangeSchema = z.strictObject({ reason: Text(2000) });

export const InterviewParams = z.object({ id: IdSchema, interviewId: IdSchema });
export const SegmentParams = InterviewParams.extend({ segmentId: IdSchema });
export const ChangeRequestParams = InterviewParams.extend({ requestId: IdSchema });

export const SegmentVersionSchema = SegmentContentObject.extend({
  version: z.number().int().min(1),
  kind: z
    .enum(["entered", "correction", "change"])
    .describe(
      "entered: as first typed; correction: corrected by the applicant at read-back; change: an approved change after signature",
    ),
  reason: z.string().nullable(),
  changeRequestId: IdSchema.nullable(),
  recordedAt: Instant,
  recordedBy: z.string(),
});
export type SegmentVersion = z.infer<typeof SegmentVersionSchema>;

export const SegmentSchema = z.object({
  id: IdSchema,
  position: z.number().int().min(1),
  current: SegmentVersionSchema.describe("The current version"),
  history: z.array(SegmentVersionSchema).describe("Every version, oldest first (the current one last)"),
  readBack: z
    .object({ outcome: z.enum(["confirmed", "corrected"]), at: Instant, by: z.string() })
    .nullable()
    .describe("How the applicant answered when the segment was read back; null: not yet read back"),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const ChangeRequestSchema = z.object({
  id: IdSchema,
  segmentId: IdSchema,
  position: z.number().int(),
  proposal: SegmentContentObject,
  reason: z.string(),
  status: z.enum(["pending", "approved", "returned"]),
  requestedBy: z.string(),
  requestedAt: Instant,
  decidedBy: z.string().nullable(),
  decidedAt: Instant.nullable(),
  returnReason: z.string().nullable(),
});
export type ChangeRequest = z.infer<typeof ChangeRequestSchema>;

export const CopyRequestSchema = z.object({
  id: IdSchema,
  requestedBy: z.string(),
  requestedAt: Instant,
});

export const SignatureSchema = z.object({
  applicant: z.union([
    z.object({ signed: z.literal(true) }),
    z.object({ signed: z.literal(false), refusalReason: z.string() }),
  ]),
  interpreterSigned: z.boolean(),
  signedAt: Instant,
  recordedBy: z.string(),
});

export const InterviewRecordSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  office: z.string(),
  interviewOn: LegalDateSchema,
  startTime: z.string(),
  mode: z.enum(INTERVIEW_MODES),
  place: z.string(),
  language: z.string(),
  interpreter: z.object({ id: IdSchema, displayName: z.string() }).nullable(),
  requests: InterviewRequestsSchema,
  attendance: InterviewAttendanceSchema,
  recordingItemId: IdSchema.nullable(),
  status: z.enum(["open", "signed"]).describe("open: being recorded and read back; signed: closed"),
  signature: SignatureSchema.nullable(),
  segments: z.array(SegmentSchema),
  changeRequests: z.array(ChangeRequestSchema),
  copyRequests: z.array(CopyRequestSchema).describe("Requests for a copy of the record through the portal"),
  createdAt: Instant,
  createdBy: z.string(),
});
export type InterviewRecord = z.infer<typeof InterviewRecordSchema>;
export const InterviewRecordListSchema = z.object({ items: z.array(InterviewRecordSchema) });

// The portal: a representative's view of their client's interviews.
export const PortalInterviewSchema = z.object({
  id: IdSchema,
  interviewOn: LegalDateSchema,
  startTime: z.string(),
  language: z.string(),
  status: z.enum(["open", "signed"]),
  copyRequestedAt: Instant.nullable().describe("When this representative first requested a copy"),
  downloadable: z.boolean().describe("Signed and requested: the record can be downloaded"),
});
export const PortalInterviewListSchema = z.object({ items: z.array(PortalInterviewSchema) });
export type PortalInterview = z.infer<typeof PortalInterviewSchema>;

/** Changes to signed interview records waiting for a supervisor: where they are and who asked. */
export const PendingInterviewChangeListSchema = z.object({
  items: z.array(
    z.object({
      requestId: IdSchema,
      caseId: IdSchema,
      caseNumber: z.string().nullable(),
      interviewId: IdSchema,
      interviewOn: LegalDateSchema,
      position: z.number().int(),
      requestedBy: z.string(),
      requestedAt: z.string(),
    }),
  ),
});
