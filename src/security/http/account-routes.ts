import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addAccount,
  disableAccount,
  issueApiToken,
  listAccounts,
  revokeToken,
} from "../commands/accounts.ts";
import {
  AccountCreatedSchema,
  AccountInputSchema,
  AccountListSchema,
  IdParams,
  ProblemSchema,
  TokenInputSchema,
  TokenIssuedSchema,
} from "../../contracts/api.ts";
import { IdentityError } from "../identity/accounts.ts";
import { AppError } from "../../app/errors.ts";
import { findOffice } from "../../kernel/offices.ts";
import { actorOf } from "../../server/actor.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

/** The field of the request an account's refusal is about, for the form to point at. */
const ISSUE_FIELD: Partial<Record<IdentityError["code"], string>> = {
  invalid_username: "body.username",
  username_taken: "body.username",
  username_confusable: "body.username",
  invalid_display_name: "body.displayName",
  weak_password: "body.password",
};

export const accountRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/accounts",
      {
        schema: {
          tags: ["accounts"],
          operationId: "createAccount",
          description:
            "Needs the right account.manage. 409 if the username is taken; 422 for an unknown office.",
          summary:
            "Create an account: a person's (with a password; its TOTP secret is returned once, for their authenticator app) or a service account for another system (`service: true`, no password; it acts only through API tokens)",
          body: AccountInputSchema,
          response: { 201: AccountCreatedSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "account.manage");
        if (req.body.officeId !== null && !findOffice(req.body.officeId)) {
          throw new AppError("invalid_input", `office "${req.body.officeId}" is not an office code`, {
            issues: [{ path: "officeId", message: "unknown office" }],
          });
        }
        try {
          return reply.code(201).send(await addAccount(deps.ctx, actorOf(req), req.body));
        } catch (e) {
          if (e instanceof IdentityError) {
            const taken = e.code === "username_taken" || e.code === "username_confusable";
            const field = ISSUE_FIELD[e.code];
            throw new AppError(
              taken ? "conflict" : "invalid_input",
              e.message,
              field ? { issues: [{ path: field, message: e.message }] } : {},
              taken ? 409 : 422,
            );
          }
          throw e;
        }
      },
    );
    app.get(
      "/accounts",
      {
        schema: {
          tags: ["accounts"],
          operationId: "listAccounts",
          description:
            "Needs the right account.manage. Every account with its role, office and second factors; no secret.",
          summary: "Accounts",
          response: { 200: AccountListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "account.manage");
        return { items: await listAccounts(deps.ctx) };
      },
    );
    app.post(
      "/accounts/:id/disable",
      {
        schema: {
          tags: ["accounts"],
          operationId: "disableAccount",
          description:
            "Needs the right account.manage. 409 for one's own account, and for the last administrator who can sign in.",
          summary: "Disable an account: its sessions and tokens die at once",
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "account.manage");
        await disableAccount(deps.ctx, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      "/tokens",
      {
        schema: {
          tags: ["accounts"],
          operationId: "issueToken",
          description: "Needs the right token.manage. The token is shown in this answer only.",
          summary: "Issue an API token to a service account (shown once); a person's account never gets one",
          body: TokenInputSchema,
          response: { 201: TokenIssuedSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "token.manage");
        return reply
          .code(201)
          .send(await issueApiToken(deps.ctx, actorOf(req), req.body.username, req.body.name));
      },
    );
    app.delete(
      "/tokens/:id",
      {
        schema: {
          tags: ["accounts"],
          operationId: "revokeToken",
          description: "Needs the right token.manage. The token stops working at once.",
          summary: "Revoke an API token",
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "token.manage");
        await revokeToken(deps.ctx, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
