/**
 * The eligibility review's routes (docs/eligibility-review.md): the policies as values, the policy
 * an office runs from which date, and a case's review (read; propose: the proposal waits for a
 * supervisor in the approvals API; the notice is served with `eligibility_notice_served` through
 * the case's events).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { CaseWriteHeaders, DecisionDraftSchema, IdParams, ProblemSchema } from "../../contracts/api.ts";
import {
  EligibilityReviewSchema,
  OfficeParams,
  OfficePolicyInputSchema,
  OfficePolicyQuerySchema,
  OfficePolicySchema,
  ReapplicationPolicyListSchema,
  ReviewProposalInputSchema,
} from "../../contracts/eligibility.ts";
import { AppError } from "../../app/errors.ts";
import { may } from "../../security/access/policy.ts";
import { actorOf } from "../../server/actor.ts";
import { principalOf, requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { getOfficePolicy, reapplicationHook, setOfficePolicy } from "./office-policy.ts";
import { getEligibilityReview } from "./get-review.ts";
import { proposeEligibilityReview } from "./propose-review.ts";

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

/** `If-Match: "7"` → 7; absent or malformed: 428. */
function caseVersion(header: string | string[] | undefined): number {
  const m = typeof header === "string" ? /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header) : null;
  if (!m)
    throw new AppError("precondition_required", 'send If-Match with the case\'s ETag, e.g. If-Match: "3"');
  return Number(m[1]);
}

export const eligibilityRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const ctx = deps.ctx;

    app.get(
      "/reapplication-policies",
      {
        schema: {
          tags: ["eligibility"],
          operationId: "listReapplicationPolicies",
          summary: "The re-application (eligibility review) policies, as values with their texts",
          description:
            "Any signed-in principal. Each policy with its sources and the readings it takes where the texts leave a point open.",
          response: { 200: ReapplicationPolicyListSchema, 401: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (req) => {
        principalOf(req);
        const hook = reapplicationHook(ctx);
        return {
          profile: ctx.profiles.defaultProfile.id,
          defaultPolicy: hook.defaultPolicy,
          items: [...hook.policies] as never,
        };
      },
    );

    app.get(
      "/offices/:office/reapplication-policy",
      {
        schema: {
          tags: ["eligibility"],
          operationId: "getOfficeReapplicationPolicy",
          summary: "The re-application policy an office runs on a date, with its history",
          description: "Any signed-in principal.",
          params: OfficeParams,
          querystring: OfficePolicyQuerySchema,
          response: { 200: OfficePolicySchema, ...errors },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        const policy = await getOfficePolicy(ctx, req.params.office, req.query.on);
        // Staff names are for those who manage the policy; everyone may know which policy runs.
        if (may(principal, "policy.manage")) return policy;
        return { ...policy, history: policy.history.map((c) => ({ ...c, setBy: null })) };
      },
    );

    app.put(
      "/offices/:office/reapplication-policy",
      {
        schema: {
          tags: ["eligibility"],
          operationId: "setOfficeReapplicationPolicy",
          summary: "Set the re-application policy an office runs from a date on",
          description:
            "Needs the right policy.manage. Never back in time; a bill or another jurisdiction's rule may be set (a training office) and is answered with a warning. 409 when a change from that date exists.",
          params: OfficeParams,
          body: OfficePolicyInputSchema,
          response: { 200: OfficePolicySchema, ...errors, 409: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "policy.manage");
        return setOfficePolicy(ctx, actorOf(req), req.params.office, req.body);
      },
    );

    app.get(
      "/cases/:id/eligibility-review",
      {
        schema: {
          tags: ["eligibility"],
          operationId: "getEligibilityReview",
          summary:
            "A re-application's eligibility review: policy, earlier endings, elements, proposal, effect",
          description:
            "Needs case.read on the case. The policy's strict and generous readings are shown for the examiner; they never decide.",
          params: IdParams,
          response: { 200: EligibilityReviewSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return getEligibilityReview(ctx, actorOf(req), req.params.id);
      },
    );

    app.post(
      "/cases/:id/eligibility-review",
      {
        schema: {
          tags: ["eligibility"],
          operationId: "proposeEligibilityReview",
          summary: "Propose the eligibility review of a re-application (a supervisor approves it)",
          description:
            "Needs event.examination. Answers 202 with the draft: the review takes effect when a second person approves it (POST /approvals/{id}/approve). 422 names the rule of the policy the proposal breaks.",
          params: IdParams,
          headers: CaseWriteHeaders,
          body: ReviewProposalInputSchema,
          response: {
            202: DecisionDraftSchema,
            ...errors,
            409: ProblemSchema,
            412: ProblemSchema,
            428: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        const done = await proposeEligibilityReview(
          ctx,
          actorOf(req),
          req.params.id,
          caseVersion(req.headers["if-match"]),
          req.body,
        );
        if (done.kind !== "drafted")
          throw new Error("an eligibility review always waits for a second person");
        return reply.code(202).header("location", `/api/v1/approvals/${done.draft.id}`).send(done.draft);
      },
    );
  };
