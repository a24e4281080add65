/**
 * Access requests (docs/security.md requirement 18): one administrator asks for a new account, a
 * new role or an API token; another approves it with a second factor proven for that approval.
 * And enrolment, where the new account's user sets their own password and authenticator (public:
 * the link and the code are the credential).
 */
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  approveAccessRequest,
  listAccessRequests,
  rejectAccessRequest,
  requestAccess,
  reviewBreakGlass,
} from "../commands/access-requests.ts";
import { completeEnrolment, startEnrolment } from "../commands/enrolment.ts";
import { SignInRefused, stepUp } from "../commands/sign-in.ts";
import {
  AccessApprovalSchema,
  AccessApprovedSchema,
  AccessRejectionSchema,
  AccessRequestedSchema,
  AccessRequestInputSchema,
  AccessRequestListSchema,
  AccessRequestSchema,
  EnrolledSchema,
  EnrolmentCompleteSchema,
  EnrolmentStartedSchema,
  EnrolmentStartSchema,
  IdParams,
  ProblemSchema,
} from "../../contracts/api.ts";
import { AppError } from "../../app/errors.ts";
import { actorOf } from "../../server/actor.ts";
import { cookieValue, requireRight, SESSION_COOKIE } from "../../server/auth.ts";
import { clientAddress } from "../../server/client-address.ts";
import type { ServerDeps } from "../../server/deps.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

const PERSON =
  "Only a signed-in administrator (a token gets 403, whatever its scopes: no token gives access).";

/** A session's person, or 403: tokens never request, approve or review access. */
function signedInAdministrator(req: FastifyRequest) {
  const p = requireRight(req, "account.manage");
  if (p.via !== "session")
    throw new AppError(
      "forbidden",
      "no API token can request or approve access: sign in as an administrator",
    );
  return p;
}

export const accessRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/access-requests",
      {
        schema: {
          tags: ["accounts"],
          operationId: "listAccessRequests",
          description: `${PERSON} Requests waiting for a second administrator, and break-glass approvals waiting for review.`,
          summary: "Access requests waiting for a decision or a review",
          response: { 200: AccessRequestListSchema, ...errors },
        },
      },
      async (req) => {
        signedInAdministrator(req);
        return { items: await listAccessRequests(deps.ctx, actorOf(req)) };
      },
    );

    app.post(
      "/access-requests",
      {
        schema: {
          tags: ["accounts"],
          operationId: "requestAccess",
          description: `${PERSON} Nothing takes effect until another administrator approves it. For a person's new account, and for a new enrolment of a person who lost their password or authenticator (\`kind: enrolment\`; on approval what they had stops working), the answer carries the enrolment link's secret, shown this once: give it to the user, who also needs the approver's code. A token's scopes must be rights of the service account's role, never account.manage or token.manage (422). 409 if the username is taken, looks like another, or is requested already.`,
          summary: "Request a new account, a new role, an API token or a new enrolment",
          body: AccessRequestInputSchema,
          response: { 201: AccessRequestedSchema, ...errors },
        },
      },
      async (req, reply) => {
        signedInAdministrator(req);
        if (req.body.kind === "token") requireRight(req, "token.manage");
        return reply.code(201).send(await requestAccess(deps.ctx, actorOf(req), req.body));
      },
    );

    app.post(
      "/access-requests/:id/approve",
      {
        schema: {
          tags: ["accounts"],
          operationId: "approveAccessRequest",
          description: `${PERSON} Never one's own request (403). Needs a second factor proven for this approval: \`secondFactor\` in this request (a TOTP code not used before, or a passkey assertion), or a step-up of the last 2 minutes that no other action used; else 401 step-up-required. A new person's account gets no password and no second factor, and a new enrolment takes away the ones the account had: the answer carries the enrolment's one-time code, shown this once to the approver. A token request's answer carries the token, shown this once. 409 if the request was decided already.`,
          summary: "Approve an access request (a second administrator, with a fresh second factor)",
          params: IdParams,
          body: AccessApprovalSchema.nullish(),
          response: { 200: AccessApprovedSchema, ...errors },
        },
      },
      async (req) => {
        const p = signedInAdministrator(req);
        const factor = req.body?.secondFactor;
        if (factor && (factor.totp !== undefined || factor.passkey !== undefined)) {
          const token = cookieValue(req, SESSION_COOKIE);
          if (!token) throw new AppError("forbidden", "only a signed-in person can give a second factor");
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
              { address: clientAddress(req), rp: deps.rp },
            );
          } catch (e) {
            if (!(e instanceof SignInRefused)) throw e;
            throw new AppError(
              "step_up_required",
              "the second factor sent with the approval was not accepted: use a new code (each code works once) or your passkey",
            );
          }
        }
        return approveAccessRequest(deps.ctx, actorOf(req), req.params.id);
      },
    );

    app.post(
      "/access-requests/:id/reject",
      {
        schema: {
          tags: ["accounts"],
          operationId: "rejectAccessRequest",
          description: `${PERSON} Never one's own request (403). Nothing is granted. 409 if the request was decided already.`,
          summary: "Reject an access request, with the reason",
          params: IdParams,
          body: AccessRejectionSchema,
          response: { 200: AccessRequestSchema, ...errors },
        },
      },
      async (req) => {
        signedInAdministrator(req);
        return rejectAccessRequest(deps.ctx, actorOf(req), req.params.id, req.body.reason);
      },
    );

    app.post(
      "/access-requests/:id/review",
      {
        schema: {
          tags: ["accounts"],
          operationId: "reviewBreakGlass",
          description: `${PERSON} A break-glass approval (made at the machine without a second administrator) leaves the list of those waiting, and its alert is acknowledged. Not the approval of one's own account (403). 409 if it is not a break-glass approval waiting for review.`,
          summary: "Review a break-glass approval",
          params: IdParams,
          response: { 200: AccessRequestSchema, ...errors },
        },
      },
      async (req) => {
        signedInAdministrator(req);
        return reviewBreakGlass(deps.ctx, actorOf(req), req.params.id);
      },
    );

    app.post(
      "/enrolment/start",
      {
        schema: {
          tags: ["auth"],
          operationId: "startEnrolment",
          description:
            "No sign-in: the enrolment link's secret and the one-time code are the credential. Every try counts, right or wrong (5 at most); 422 for a wrong code, 404 for a link that is unknown, used, expired or out of tries. The answer is a new authenticator secret, shown to the user this once.",
          summary:
            "Enrolment: a new account's user proves the link and code, and gets an authenticator secret",
          body: EnrolmentStartSchema,
          response: { 200: EnrolmentStartedSchema, 404: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => startEnrolment(deps.ctx, req.body, clientAddress(req)),
    );

    app.post(
      "/enrolment",
      {
        schema: {
          tags: ["auth"],
          operationId: "completeEnrolment",
          description:
            "No sign-in. The link, the code (a try, as for POST /enrolment/start), the user's own password and a code from the authenticator set up with POST /enrolment/start. Then the account signs in like any other; the link is spent. 422 for a weak password or a wrong code, 404 for a spent link.",
          summary: "Enrolment: set one's own password and second factor",
          body: EnrolmentCompleteSchema,
          response: { 200: EnrolledSchema, 404: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => completeEnrolment(deps.ctx, req.body, clientAddress(req)),
    );
  };
