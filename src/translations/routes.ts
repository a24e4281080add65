/**
 * Translation with review by people (docs/translation.md, "API"): a case's translatable texts,
 * requests, jobs and their segments, review, finalization, assignment, cancellation and machine
 * drafts. Staff reach the jobs of the cases they reach; a translator only the jobs assigned to
 * them. Every read and write is in the access record; every change is in the case's record.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../app/errors.ts";
import { IdParams, ProblemSchema } from "../contracts/api.ts";
import {
  AssignJobSchema,
  CancelJobSchema,
  JobListQuerySchema,
  JobListSchema,
  JobSchema,
  JobSummaryListSchema,
  RequestTranslationSchema,
  ReviewSegmentSchema,
  SaveSegmentSchema,
  SegmentSchema,
  TranslatableListSchema,
  TranslationParams,
  TranslationSegmentParams,
} from "../contracts/translations.ts";
import { actorOf } from "../server/actor.ts";
import { principalOf, requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";
import { may } from "../security/access/policy.ts";
import { finalizeJob } from "./final.ts";
import { assignJob, cancelJob, getJob, listJobs, listTranslatables, requestTranslation } from "./jobs.ts";
import { machineDraft, reviewSegment, saveSegment } from "./segments.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};
const writeErrors = { ...errors, 412: ProblemSchema };

const JobVersionHeaders = z.object({
  "if-match": z
    .string()
    .optional()
    .describe('The translation\'s ETag as last read, e.g. "4" (without it: 428; stale: 412)'),
});

/** `If-Match: "7"` → 7; a missing or malformed one is refused (428). */
function ifMatch(header: string | string[] | undefined): number {
  const m = typeof header === "string" ? /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header) : null;
  if (!m)
    throw new AppError(
      "precondition_required",
      `send If-Match with the translation's ETag as last read, e.g. If-Match: "3"`,
    );
  return Number(m[1]);
}

const TAG = "translations";

export const translationRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const ctx = deps.ctx;

    app.get(
      "/cases/:id/translatables",
      {
        schema: {
          tags: [TAG],
          operationId: "listTranslatables",
          summary: "The case's texts that can be translated, each with its translations",
          description:
            "Needs the right translation.request or translation.work on a case the principal reaches (a translator reaches no case: 404). Each text (an evidence item's extracted text, a fact's statement, an interview's transcript, a decision's notice texts, a cited COI passage) with its language when known, whether a machine may draft it, and its translation jobs. The read is recorded.",
          params: IdParams,
          response: { 200: TranslatableListSchema, ...errors },
        },
      },
      async (req) => {
        const p = principalOf(req);
        if (!may(p, "translation.request")) requireRight(req, "translation.work");
        return listTranslatables(ctx, actorOf(req), req.params.id);
      },
    );

    app.post(
      "/cases/:id/translations",
      {
        schema: {
          tags: [TAG],
          operationId: "requestTranslation",
          summary: "Request a translation of a case's text into one or more languages",
          description:
            "Needs the right translation.request on the case. Makes one job per target language; the text is cut into sentences (segments), each pre-filled as a proposal when the office's memory holds the same sentence. 404: no such text in the case; 409: a live translation of the text into that language exists (named), or the text is empty; 422: the languages are wrong (the source's own, or unknown when the text does not say it), the engine is not enabled for the pair, an interview's record with an engine, or the translator or reviewer cannot work on it. Each job is a translation_requested event of the case's record.",
          params: IdParams,
          body: RequestTranslationSchema,
          response: { 201: JobSummaryListSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "translation.request");
        const jobs = await requestTranslation(ctx, actorOf(req), req.params.id, req.body);
        return reply.code(201).send(jobs);
      },
    );

    app.get(
      "/translations",
      {
        schema: {
          tags: [TAG],
          operationId: "listTranslations",
          summary: "Translation jobs, with how many wait for translation and for review",
          description:
            "Needs the right translation.work. A translator sees only the jobs assigned to them (as translator or reviewer); staff see the jobs of the cases they reach. Filters: a case, a state, assigned to me, awaiting translation (a segment to translate) or review (a segment to review, or every segment reviewed and the job to finalize). Newest first, at most 500. The read is recorded.",
          querystring: JobListQuerySchema,
          response: { 200: JobListSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "translation.work");
        return listJobs(ctx, actorOf(req), req.query);
      },
    );

    app.get(
      "/translations/:jobId",
      {
        schema: {
          tags: [TAG],
          operationId: "getTranslation",
          summary: "A translation job with its segments, side by side with the source",
          description:
            "Needs the right translation.work on the job (staff: its case in reach; a translator: assigned to it). The job's source is read again first: when it changed, the changed segments are reset to initial (their old target kept as a proposal), new ones added, removed ones dropped, and a final job reopened; that sync is a translation_changed event. ETag: the job's version. The read is recorded.",
          params: TranslationParams,
          response: { 200: JobSchema, ...errors },
          responseHeaders: { 200: ["etag"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "translation.work");
        const job = await getJob(ctx, actorOf(req), req.params.jobId);
        return reply.header("etag", `"${job.version}"`).send(job);
      },
    );

    app.put(
      "/translations/:jobId/segments/:segmentId",
      {
        schema: {
          tags: [TAG],
          operationId: "saveTranslationSegment",
          summary: "Save a segment's translation: it becomes translated, by me",
          description:
            "Needs the right translation.work on the job. `version` is the segment's as last read (stale: 412). The target must keep every placeholder of the source (422 naming the missing ones). Saving a proposal unchanged accepts it; saving a reviewed segment again voids its review. A final or cancelled job is read-only (409).",
          params: TranslationSegmentParams,
          body: SaveSegmentSchema,
          response: { 200: SegmentSchema, ...writeErrors },
        },
      },
      async (req) => {
        requireRight(req, "translation.work");
        return saveSegment(ctx, actorOf(req), req.params.jobId, req.params.segmentId, req.body);
      },
    );

    app.post(
      "/translations/:jobId/segments/:segmentId/review",
      {
        schema: {
          tags: [TAG],
          operationId: "reviewTranslationSegment",
          summary: "Review a translated segment, or return it with a reason",
          description:
            "Needs the right translation.work on the job. `reviewed`: only a translated segment, and only by someone who did not translate it (409). `returned` (with a reason, else 422): the segment goes back to initial keeping its target until its translator saves it again. `version` is the segment's as last read (stale: 412).",
          params: TranslationSegmentParams,
          body: ReviewSegmentSchema,
          response: { 200: SegmentSchema, ...writeErrors },
        },
      },
      async (req) => {
        requireRight(req, "translation.work");
        return reviewSegment(ctx, actorOf(req), req.params.jobId, req.params.segmentId, req.body);
      },
    );

    app.post(
      "/translations/:jobId/finalize",
      {
        schema: {
          tags: [TAG],
          operationId: "finalizeTranslation",
          summary: "Make a translation final: only then may a notice, decision or citation use it",
          description:
            "Needs the right translation.work on the job and If-Match with its ETag (428 without, 412 stale). Refused (409) unless every segment is reviewed, and to anyone who translated one of them. Every segment becomes final, the job read-only, and its segments enter the office's translation memory. A translation_finalized event of the case's record.",
          params: TranslationParams,
          headers: JobVersionHeaders,
          response: { 200: JobSchema, ...writeErrors, 428: ProblemSchema },
          responseHeaders: { 200: ["etag"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "translation.work");
        const version = ifMatch(req.headers["if-match"]);
        const job = await finalizeJob(ctx, actorOf(req), req.params.jobId, version);
        return reply.header("etag", `"${job.version}"`).send(job);
      },
    );

    app.put(
      "/translations/:jobId/assignment",
      {
        schema: {
          tags: [TAG],
          operationId: "assignTranslation",
          summary: "Assign a translation's translator and reviewer",
          description:
            "Needs the right translation.request on the job's case. Each is an enabled translator, or staff of the case's office who translate, or null; the two must differ (422). A translator reaches the job only while assigned to it. Only an open job (409).",
          params: TranslationParams,
          body: AssignJobSchema,
          response: { 200: JobSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "translation.request");
        return assignJob(ctx, actorOf(req), req.params.jobId, req.body);
      },
    );

    app.post(
      "/translations/:jobId/cancel",
      {
        schema: {
          tags: [TAG],
          operationId: "cancelTranslation",
          summary: "Cancel a translation, with the reason; its segments are kept",
          description:
            "Needs the right translation.request on the job's case. The text may then be requested again into the same language. 409 when already cancelled. A translation_cancelled event of the case's record.",
          params: TranslationParams,
          body: CancelJobSchema,
          response: { 200: JobSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "translation.request");
        return cancelJob(ctx, actorOf(req), req.params.jobId, req.body.reason);
      },
    );

    app.post(
      "/translations/:jobId/machine-draft",
      {
        schema: {
          tags: [TAG],
          operationId: "draftTranslationByMachine",
          summary: "Fill the empty segments with the chosen engine's drafts",
          description:
            "Needs the right translation.work on the job. Refused (409) for an interview's record (people interpret a person's own words), when no engine was chosen for the job, or when the engine is not enabled for the language pair. Drafts stay initial, named with the engine, until a person takes them.",
          params: TranslationParams,
          response: { 200: JobSchema, ...errors, 502: ProblemSchema, 503: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "translation.work");
        return machineDraft(ctx, actorOf(req), req.params.jobId);
      },
    );
  };
