import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { disableAccount, listAccounts, revokeToken } from "../commands/accounts.ts";
import { AccountListSchema, IdParams, ProblemSchema } from "../../contracts/api.ts";
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

/**
 * Accounts as administrators see them. Nobody creates an account or a token here: that is an
 * access request, which a second administrator approves (access-routes.ts).
 */
export const accountRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
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
