/** Four eyes: the queue of drafts awaiting a second person's approval, approval and return. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { approveDraft, listPendingDrafts, returnDraft } from "./decision-drafts.ts";
import {
  CaseViewSchema,
  DecisionDraftListSchema,
  DecisionDraftSchema,
  DraftReturnSchema,
  IdParams,
  ProblemSchema,
} from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

export const approvalRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/approvals",
      {
        schema: {
          tags: ["approvals"],
          operationId: "listPendingApprovals",
          description:
            "Needs the right decision.approve. Drafts kept by the four-eyes rule until a second person approves or returns them.",
          summary: "Decisions waiting for a supervisor's approval",
          response: { 200: DecisionDraftListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "decision.approve");
        return { items: await listPendingDrafts(deps.ctx, actorOf(req)) };
      },
    );

    app.post(
      "/approvals/:id/approve",
      {
        schema: {
          tags: ["approvals"],
          operationId: "approveDraft",
          description:
            "Needs the right decision.approve and a second factor proven again shortly before (401 step-up-required otherwise); the supervisor may not approve their own draft. The decision is recorded on the case; the answer is the case view with its ETag.",
          summary: "Approve a draft decision: it is recorded on the case (needs a fresh second factor)",
          params: IdParams,
          response: { 201: CaseViewSchema, ...errors },
          responseHeaders: { 201: ["etag"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "decision.approve");
        const view = await approveDraft(deps.ctx, actorOf(req), req.params.id);
        return reply.code(201).header("etag", `"${view.version}"`).send(view);
      },
    );

    app.post(
      "/approvals/:id/return",
      {
        schema: {
          tags: ["approvals"],
          operationId: "returnDraft",
          description:
            "Needs the right decision.approve. The draft goes back to its examiner with the reason; the case does not change.",
          summary: "Return a draft decision to its examiner with a reason",
          params: IdParams,
          body: DraftReturnSchema,
          response: { 200: DecisionDraftSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "decision.approve");
        return returnDraft(deps.ctx, actorOf(req), req.params.id, req.body.reason);
      },
    );
  };
