/**
 * Interviews: the record of a case's interviews (docs/interviews.md), interpreters assigned to
 * interviews and an interpreter's own assignments, and the portal's copy of a client's record.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { assignInterpreter, myInterviews } from "./interviews.ts";
import {
  IdParams,
  InterviewAssignmentSchema,
  InterviewListSchema,
  InterviewSchema,
  ProblemSchema,
} from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";
import {
  ChangeRequestParams,
  InterviewParams,
  InterviewRecordListSchema,
  InterviewRecordSchema,
  PendingInterviewChangeListSchema,
  PortalInterviewListSchema,
  PortalInterviewSchema,
  ReturnChangeSchema,
  ScheduleInterviewSchema,
  SegmentContentSchema,
  SegmentCorrectionSchema,
  SegmentParams,
  SignatureInputSchema,
  UpdateInterviewSchema,
} from "../contracts/interviews.ts";
import {
  pendingChanges,
  activeInterpreters,
  addSegment,
  confirmSegment,
  correctSegment,
  decideChange,
  getInterview,
  listInterviews,
  requestChange,
  scheduleInterview,
  signRecord,
  updateInterviewDetails,
} from "./record.ts";
import { downloadRecord, portalInterviews, requestCopy } from "../portal/interview-copies.ts";
import { contentDisposition } from "../evidence/items/routes.ts";
import { z } from "zod";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

export const interviewRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/cases/:id/interview-assignments",
      {
        schema: {
          tags: ["interviews"],
          operationId: "assignInterpreter",
          description:
            "Needs the right event.examination. The interpreter then sees this interview, and nothing else of the case, in GET /interviews.",
          summary: "Assign an interpreter to an interview of the case",
          params: IdParams,
          body: InterviewAssignmentSchema,
          response: { 201: InterviewSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        return reply.code(201).send(await assignInterpreter(deps.ctx, actorOf(req), req.params.id, req.body));
      },
    );

    app.get(
      "/interviews",
      {
        schema: {
          tags: ["interviews"],
          operationId: "listMyInterviews",
          description:
            "Needs the right interview.read_assigned: an interpreter's own assignments, without the case file.",
          summary: "An interpreter's assigned interviews (and nothing else)",
          response: { 200: InterviewListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "interview.read_assigned");
        return { items: await myInterviews(deps.ctx, actorOf(req)) };
      },
    );

    const EXAMINATION =
      "Needs the right event.examination on a case the principal reaches (examiners, supervisors of the office).";
    app.get(
      "/cases/:id/interviews",
      {
        schema: {
          tags: ["interviews"],
          operationId: "listCaseInterviews",
          summary: "A case's interviews with their transcripts (current versions and history)",
          description:
            "Needs the right case.read on a case the principal reaches through the workspace (not interpreters or representatives). Each interview with its requests, attendance, recording, signature, segments (current version and every earlier one), change requests and the portal's copy requests. Recorded in the access record.",
          params: IdParams,
          response: { 200: InterviewRecordListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return { items: await listInterviews(deps.ctx, actorOf(req), req.params.id) };
      },
    );
    app.post(
      "/cases/:id/interviews",
      {
        schema: {
          tags: ["interviews"],
          operationId: "scheduleInterview",
          summary: "Schedule an interview of the case",
          description: `${EXAMINATION} The interpreter (an active interpreter's account) then sees it in GET /interviews; the recording must be an active evidence item of the same case.`,
          params: IdParams,
          body: ScheduleInterviewSchema,
          response: { 201: InterviewRecordSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        const record = await scheduleInterview(deps.ctx, actorOf(req), req.params.id, req.body);
        return reply
          .code(201)
          .header("location", `/api/v1/cases/${req.params.id}/interviews/${record.id}`)
          .send(record);
      },
    );
    app.get(
      "/cases/:id/interviews/:interviewId",
      {
        schema: {
          tags: ["interviews"],
          operationId: "getCaseInterview",
          summary: "One interview of the case with its transcript",
          description: "Needs the right case.read, as GET /cases/{id}/interviews.",
          params: InterviewParams,
          response: { 200: InterviewRecordSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return getInterview(deps.ctx, actorOf(req), req.params.id, req.params.interviewId);
      },
    );
    app.patch(
      "/cases/:id/interviews/:interviewId",
      {
        schema: {
          tags: ["interviews"],
          operationId: "updateCaseInterview",
          summary: "Change an interview's schedule, requests, attendance or recording (before signature)",
          description: `${EXAMINATION} A signed record answers 409.`,
          params: InterviewParams,
          body: UpdateInterviewSchema,
          response: { 200: InterviewRecordSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        return updateInterviewDetails(
          deps.ctx,
          actorOf(req),
          req.params.id,
          req.params.interviewId,
          req.body,
        );
      },
    );
    app.post(
      "/cases/:id/interviews/:interviewId/segments",
      {
        schema: {
          tags: ["interviews"],
          operationId: "addInterviewSegment",
          summary: "Add a question-and-answer segment to the transcript",
          description: `${EXAMINATION} Numbered after the last; a signed record answers 409.`,
          params: InterviewParams,
          body: SegmentContentSchema,
          response: { 201: InterviewRecordSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        const p = req.params;
        return reply.code(201).send(await addSegment(deps.ctx, actorOf(req), p.id, p.interviewId, req.body));
      },
    );
    app.post(
      "/cases/:id/interviews/:interviewId/segments/:segmentId/confirm",
      {
        schema: {
          tags: ["interviews"],
          operationId: "confirmInterviewSegment",
          summary: "Read-back: the applicant confirms the segment as it stands",
          description: `${EXAMINATION} A signed record answers 409.`,
          params: SegmentParams,
          response: { 200: InterviewRecordSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        const p = req.params;
        return confirmSegment(deps.ctx, actorOf(req), p.id, p.interviewId, p.segmentId);
      },
    );
    app.post(
      "/cases/:id/interviews/:interviewId/segments/:segmentId/corrections",
      {
        schema: {
          tags: ["interviews"],
          operationId: "correctInterviewSegment",
          summary: "Read-back: the applicant corrects the segment (a new version, with the reason)",
          description: `${EXAMINATION} The earlier version is kept. A signed record answers 409 (ask for a change instead).`,
          params: SegmentParams,
          body: SegmentCorrectionSchema,
          response: { 200: InterviewRecordSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        const p = req.params;
        return correctSegment(deps.ctx, actorOf(req), p.id, p.interviewId, p.segmentId, req.body);
      },
    );
    app.post(
      "/cases/:id/interviews/:interviewId/signature",
      {
        schema: {
          tags: ["interviews"],
          operationId: "signInterviewRecord",
          summary: "The applicant and the interpreter sign the record (or the applicant's refusal)",
          description: `${EXAMINATION} Every segment must have been read back (409 otherwise). After this, a change is a change request.`,
          params: InterviewParams,
          body: SignatureInputSchema,
          response: { 200: InterviewRecordSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        return signRecord(deps.ctx, actorOf(req), req.params.id, req.params.interviewId, req.body);
      },
    );
    app.post(
      "/cases/:id/interviews/:interviewId/segments/:segmentId/change-requests",
      {
        schema: {
          tags: ["interviews"],
          operationId: "requestInterviewChange",
          summary: "Ask for a change to a segment of a signed record",
          description: `${EXAMINATION} Takes effect only when a supervisor of the office other than the requester approves it.`,
          params: SegmentParams,
          body: SegmentCorrectionSchema,
          response: { 201: InterviewRecordSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        const p = req.params;
        return reply
          .code(201)
          .send(await requestChange(deps.ctx, actorOf(req), p.id, p.interviewId, p.segmentId, req.body));
      },
    );
    app.post(
      "/cases/:id/interviews/:interviewId/change-requests/:requestId/approve",
      {
        schema: {
          tags: ["interviews"],
          operationId: "approveInterviewChange",
          summary: "Approve a change to a signed record: the proposal becomes the segment's next version",
          description:
            "Needs the right decision.approve on the case (a supervisor of the office); never one's own request (403).",
          params: ChangeRequestParams,
          response: { 200: InterviewRecordSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "decision.approve");
        const p = req.params;
        return decideChange(deps.ctx, actorOf(req), p.id, p.interviewId, p.requestId, { approve: true });
      },
    );
    app.post(
      "/cases/:id/interviews/:interviewId/change-requests/:requestId/return",
      {
        schema: {
          tags: ["interviews"],
          operationId: "returnInterviewChange",
          summary: "Return a change request with the reason (the record stays as it is)",
          description: "Needs the right decision.approve on the case; never one's own request (403).",
          params: ChangeRequestParams,
          body: ReturnChangeSchema,
          response: { 200: InterviewRecordSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "decision.approve");
        const p = req.params;
        return decideChange(deps.ctx, actorOf(req), p.id, p.interviewId, p.requestId, {
          approve: false,
          reason: req.body.reason,
        });
      },
    );

    app.get(
      "/interview-interpreters",
      {
        schema: {
          tags: ["interviews"],
          operationId: "listInterviewInterpreters",
          summary: "The active interpreters an interview can be given to",
          description: "Needs the right event.examination. Their ids and names only.",
          response: {
            200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) }),
            ...errors,
          },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        return { items: await activeInterpreters(deps.ctx, actorOf(req)) };
      },
    );

    app.get(
      "/interview-change-requests",
      {
        schema: {
          tags: ["interviews"],
          operationId: "listPendingInterviewChanges",
          summary: "Changes to signed interview records waiting for the supervisor",
          description:
            "Needs the right decision.approve. The pending change requests of the cases the principal reaches for it, except their own, oldest first: where they are (case, interview, segment) and who asked when; the text is read on the interview.",
          response: {
            200: PendingInterviewChangeListSchema,
            ...errors,
          },
        },
      },
      async (req) => {
        requireRight(req, "decision.approve");
        return { items: await pendingChanges(deps.ctx, actorOf(req)) };
      },
    );

    // The portal: a representative's copy of the client's record (RA 16).
    const PORTAL =
      "Needs the right portal.read and a current mandate on the case; any other case answers 404.";
    app.get(
      "/portal/cases/:id/interviews",
      {
        schema: {
          tags: ["portal"],
          operationId: "listPortalInterviews",
          summary: "A client's interviews: date, status, and this representative's copy requests",
          description: PORTAL,
          params: IdParams,
          response: { 200: PortalInterviewListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "portal.read");
        return { items: await portalInterviews(deps.ctx, actorOf(req), req.params.id) };
      },
    );
    app.post(
      "/portal/cases/:id/interviews/:interviewId/copy-requests",
      {
        schema: {
          tags: ["portal"],
          operationId: "requestInterviewCopy",
          summary: "Request a copy of the client's interview record (RA 16)",
          description: `${PORTAL} The request is kept and shown to the office on the case.`,
          params: InterviewParams,
          response: { 201: PortalInterviewSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "portal.read");
        return reply
          .code(201)
          .send(await requestCopy(deps.ctx, actorOf(req), req.params.id, req.params.interviewId));
      },
    );
    app.get(
      "/portal/cases/:id/interviews/:interviewId/record",
      {
        schema: {
          tags: ["portal"],
          operationId: "downloadInterviewRecord",
          summary: "Download the signed interview record (plain UTF-8 text, Korean and English)",
          description: `${PORTAL} Only after this representative requested a copy and the record is signed (409 otherwise).`,
          params: InterviewParams,
          produces: ["text/plain"],
          response: {
            200: z.string().describe("The record as printable UTF-8 text"),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "portal.read");
        const doc = await downloadRecord(deps.ctx, actorOf(req), req.params.id, req.params.interviewId);
        return reply
          .header("content-type", "text/plain; charset=utf-8")
          .header("content-disposition", contentDisposition("attachment", doc.filename))
          .header("x-content-type-options", "nosniff")
          .send(doc.text);
      },
    );
  };
