/** Four eyes: the queue of drafts awaiting a second person's approval, approval and return. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { approveDraft, listCaseDrafts, listPendingDrafts, returnDraft } from "./decision-drafts.ts";
import {
  CaseViewSchema,
  DecisionDraftListSchema,
  DecisionDraftSchema,
  DraftApprovalSchema,
  DraftReturnSchema,
  IdParams,
  ProblemSchema,
} from "../contracts/api.ts";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { AppError } from "../app/errors.ts";
import { SignInRefused, stepUp } from "../security/commands/sign-in.ts";
import { actorOf } from "../server/actor.ts";
import { cookieValue, principalOf, requireRight, SESSION_COOKIE } from "../server/auth.ts";
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
            "Needs the right decision.approve and a signed-in person (a token gets 403); the supervisor may not approve their own draft. A draft that takes protection away (`takesProtection`) needs a second factor proven for this approval alone: `secondFactor` in this request (a TOTP code not used before, or a passkey assertion), or a step-up (POST /auth/step-up) of the last 2 minutes that no other action used; else 401 step-up-required. Any other draft also accepts a step-up of the last 5 minutes. The event is recorded on the case; the answer is the case view with its ETag.",
          summary: "Approve a draft: the event is recorded on the case (needs a fresh second factor)",
          params: IdParams,
          body: DraftApprovalSchema.nullish(),
          response: { 201: CaseViewSchema, ...errors },
          responseHeaders: { 201: ["etag"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "decision.approve");
        const factor = req.body?.secondFactor;
        if (factor && (factor.totp !== undefined || factor.passkey !== undefined)) {
          // The second factor sent with the approval is a step-up made for it (one use, in the
          // approval's own transaction).
          const p = principalOf(req);
          const token = cookieValue(req, SESSION_COOKIE);
          if (p.via !== "session" || !token)
            throw new AppError("forbidden", "only a signed-in person can give a second factor");
          try {
            await stepUp(
              deps.ctx,
              { token, account: { id: p.accountId, username: p.username, role: p.role } },
              {
                ...(factor.totp !== undefined ? { totp: factor.totp } : {}),
                ...(factor.passkey
                  ? { passkey: factor.passkey as unknown as AuthenticationResponseJSON }
                  : {}),
              },
              { address: req.ip, rp: deps.rp },
            );
          } catch (e) {
            if (!(e instanceof SignInRefused)) throw e;
            throw new AppError(
              "step_up_required",
              "the second factor sent with the approval was not accepted: use a new code (each code works once) or your passkey",
            );
          }
        }
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

    app.get(
      "/cases/:id/drafts",
      {
        schema: {
          tags: ["approvals"],
          operationId: "listCaseDrafts",
          description:
            "Needs the right case.read on the case. Its latest drafts (up to 5), newest first: one `pending` waits for a supervisor's approval (no other decision can be drafted meanwhile); a `returned` one carries the supervisor's reason.",
          summary: "A case's latest decision drafts and their state",
          params: IdParams,
          response: { 200: DecisionDraftListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return { items: await listCaseDrafts(deps.ctx, actorOf(req), req.params.id) };
      },
    );
  };
