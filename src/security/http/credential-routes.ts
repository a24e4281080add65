/**
 * A signed-in person's own credentials: a new password, a new authenticator app. Each needs a
 * second factor proven for it alone (`POST /auth/step-up` just before), docs/security.md
 * requirement 3.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { changePassword, confirmTotpChange, startTotpChange } from "../commands/credentials.ts";
import {
  PasswordChangeSchema,
  ProblemSchema,
  SessionsEndedSchema,
  TotpConfirmSchema,
  TotpEnrollmentSchema,
} from "../../contracts/api.ts";
import { actorOf } from "../../server/actor.ts";
import type { ServerDeps } from "../../server/deps.ts";

const STEP_UP =
  "Only a signed-in person (403 for a token), with a second factor proven for this action: `POST /auth/step-up` just before (401 step-up-required otherwise).";

export const credentialRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/auth/password",
      {
        schema: {
          tags: ["auth"],
          operationId: "changePassword",
          description: `${STEP_UP} The current password is checked like a sign-in (wrong ones slow down and lock the account; 422). Every other session of the account ends.`,
          summary: "Change one's own password",
          body: PasswordChangeSchema,
          response: { 200: SessionsEndedSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => changePassword(deps.ctx, actorOf(req), req.body),
    );
    app.post(
      "/auth/totp/options",
      {
        schema: {
          tags: ["auth"],
          operationId: "startAuthenticatorChange",
          description: `${STEP_UP} A new secret, shown this once; the old one keeps working until a code from the new one confirms it (POST /auth/totp) within 10 minutes.`,
          summary: "A new authenticator app: its secret",
          response: { 200: TotpEnrollmentSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (req) => startTotpChange(deps.ctx, actorOf(req)),
    );
    app.post(
      "/auth/totp",
      {
        schema: {
          tags: ["auth"],
          operationId: "confirmAuthenticatorChange",
          description:
            "A code from the new authenticator makes it the account's; every other session ends. 409 when no new authenticator is waiting; 422 for a code that does not match (counted like a failed sign-in).",
          summary: "A new authenticator app: confirm it with a code",
          body: TotpConfirmSchema,
          response: {
            200: SessionsEndedSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req) => confirmTotpChange(deps.ctx, actorOf(req), req.body.totp),
    );
  };
