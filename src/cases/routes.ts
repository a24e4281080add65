import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { openCase } from "./open-case.ts";
import { recordEvent } from "./record-event.ts";
import { AppError } from "../app/errors.ts";
import { findCases } from "./find-cases.ts";
import { searchCases } from "./search-cases.ts";
import { getCase, getTimeline } from "./get-case.ts";
import {
  CaseListQuerySchema,
  CaseOpenSchema,
  CaseSearchPageSchema,
  CaseSearchSchema,
  CaseSummaryPageSchema,
  CaseViewQuerySchema,
  CaseViewSchema,
  CaseWriteHeaders,
  DecisionDraftSchema,
  IdempotencyHeaders,
  IdParams,
  ProblemSchema,
  TimelineSchema,
} from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import { idempotent, type Created } from "../server/idempotency.ts";
import { recordableEventSchema } from "../reference/profile-schemas.ts";
import type { ServerDeps } from "../server/deps.ts";

const etag = (version: number) => `"${version}"`;

/** `If-Match: "7"` → 7. A missing header is 428; `*` or a malformed one is refused too. */
function expectedVersion(ifMatch: string | string[] | undefined): number {
  if (ifMatch === undefined) {
    throw new AppError(
      "precondition_required",
      'send If-Match with the case\'s ETag (e.g. If-Match: "3"), so that a change made meanwhile by someone else is not overwritten',
    );
  }
  const m = typeof ifMatch === "string" ? /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch) : null;
  if (!m) throw new AppError("precondition_required", 'If-Match must be the case\'s ETag, e.g. "3"');
  return Number(m[1]);
}

const caseParams = IdParams;
const problems = { 404: ProblemSchema, 422: ProblemSchema };

export const caseRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/cases",
      {
        schema: {
          tags: ["cases"],
          operationId: "openCase",
          description:
            "Needs the right case.open. Records application_filed under the case's procedure profile, computes its deadlines, and answers the case view with its ETag. Accepts Idempotency-Key.",
          summary: "Open a case (records application_filed)",
          body: CaseOpenSchema,
          headers: IdempotencyHeaders,
          response: { 201: CaseViewSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
          responseHeaders: { 201: ["etag", "location"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "case.open");
        const actor = actorOf(req);
        return idempotent(deps.ctx, req, reply, actor.principal.accountId, async () => {
          const view = await openCase(deps.ctx, actor, req.body);
          return {
            status: 201,
            body: view,
            headers: { etag: etag(view.version), location: `/api/v1/cases/${view.id}` },
          };
        });
      },
    );

    app.get(
      "/cases",
      {
        schema: {
          tags: ["cases"],
          operationId: "listCases",
          description:
            "Needs the right case.list. Summaries of the cases the principal reaches, filtered, newest first, a page at a time.",
          summary: "List cases, newest first",
          querystring: CaseListQuerySchema,
          response: { 200: CaseSummaryPageSchema, 403: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "case.list");
        return findCases(deps.ctx, actorOf(req), req.query);
      },
    );

    app.post(
      "/cases/search",
      {
        schema: {
          tags: ["cases"],
          operationId: "searchCases",
          summary: "Find cases by the applicant's name (any script) or identifier, and filters; newest first",
          description:
            "A POST so that names and document numbers travel in the body, never in a URL that proxies and logs keep. Each case comes with the applicant's names. Office-bound staff find only their office's cases.",
          body: CaseSearchSchema,
          response: {
            200: CaseSearchPageSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "case.list");
        return reply.code(200).send(await searchCases(deps.ctx, actorOf(req), req.body));
      },
    );

    app.get(
      "/cases/:id",
      {
        schema: {
          tags: ["cases"],
          operationId: "getCase",
          summary: "The case view on a date",
          description:
            "Stage, applicant status, protection, finality, removal bar, deadlines with their legal basis, and the events allowed next, evaluated on `asOf` (default: today in the time zone of the case's procedure profile; Asia/Seoul for kr-refugee-act).",
          params: caseParams,
          querystring: CaseViewQuerySchema,
          response: { 200: CaseViewSchema, ...problems },
          responseHeaders: { 200: ["etag"] },
        },
      },
      async (req, reply) => {
        const view = await getCase(deps.ctx, actorOf(req), req.params.id, req.query.asOf);
        return reply.header("etag", etag(view.version)).send(view);
      },
    );

    app.get(
      "/cases/:id/events",
      {
        schema: {
          tags: ["cases"],
          operationId: "getCaseEvents",
          description:
            "Every event of a case the principal reaches, oldest first, each with the hash that chains it to the one before. Any other case answers 404.",
          summary: "The case's timeline: every event with its sequence, hash and who recorded it",
          params: caseParams,
          response: { 200: TimelineSchema, 404: ProblemSchema },
        },
      },
      async (req) => {
        const events = await getTimeline(deps.ctx, actorOf(req), req.params.id);
        return {
          items: events.map((e) => ({
            sequence: e.sequence,
            type: e.type,
            occurredOn: e.occurredOn,
            data: e.payload,
            recordedAt: e.recordedAt,
            recordedBy: e.recordedBy,
            prevHash: e.prevHash,
            hash: e.hash,
          })),
        };
      },
    );

    app.post(
      "/cases/:id/events",
      {
        schema: {
          tags: ["cases"],
          operationId: "recordEvent",
          summary: "Record an event",
          description:
            "Send `If-Match` with the ETag of the case as you last read it. The body is an event of the case's procedure profile (GET /api/v1/profiles/{id} lists them with their JSON Schemas). An event the profile says needs a second person's approval (in kr-refugee-act: decision_issued, redecision_issued) is kept as a draft (202) until a supervisor approves it (POST /api/v1/approvals/{id}/approve). 412 if the case changed meanwhile, 428 without If-Match; 409 or 422 with the stage and the allowed events if the procedure does not allow the event. A refused event changes nothing.",
          params: caseParams,
          headers: CaseWriteHeaders,
          body: recordableEventSchema(deps.ctx.profiles),
          response: {
            201: CaseViewSchema,
            202: DecisionDraftSchema,
            403: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
            412: ProblemSchema,
            422: ProblemSchema,
            428: ProblemSchema,
          },
          responseHeaders: { 201: ["etag", "location"], 202: ["location"] },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const version = expectedVersion(req.headers["if-match"]);
        // The eligibility review is proposed under the office's policy in force, never as a bare event.
        if ((req.body as { type?: unknown } | null)?.type === "eligibility_decided")
          throw new AppError(
            "invalid_input",
            "propose an eligibility review with POST /cases/{id}/eligibility-review: it takes the office's policy in force",
            { issues: [{ path: "type", message: "use the eligibility review" }] },
          );
        return idempotent(deps.ctx, req, reply, actor.principal.accountId, async () => {
          const done = await recordEvent(deps.ctx, actor, req.params.id, version, req.body);
          if (done.kind === "drafted") {
            // Four eyes: the event waits for a supervisor (GET /api/v1/approvals).
            const accepted: Created = {
              status: 202,
              body: done.draft,
              headers: { location: `/api/v1/approvals/${done.draft.id}` },
            };
            return accepted;
          }
          const view = done.view;
          return {
            status: 201,
            body: view,
            headers: { etag: etag(view.version), location: `/api/v1/cases/${view.id}` },
          };
        });
      },
    );
  };
