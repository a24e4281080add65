/** The signed-in account's e-mail notifications: whether the deployment sends them, and to which address. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { audit } from "../app/actor.ts";
import { AppError } from "../app/errors.ts";
import {
  NotificationSettingsInputSchema,
  NotificationSettingsSchema,
  ProblemSchema,
} from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { principalOf } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

const errors = { 400: ProblemSchema, 401: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export const notificationRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const { ctx } = deps;
    const available = deps.mail !== null && deps.mail !== undefined;
    const emailOf = async (accountId: string) =>
      (
        await ctx.db.query<{ email: string | null }>("SELECT email FROM accounts WHERE id = $1", [accountId])
      )[0]?.email ?? null;

    app.get(
      "/notifications/settings",
      {
        schema: {
          tags: ["accounts"],
          operationId: "getNotificationSettings",
          summary: "The signed-in account's e-mail notifications",
          description:
            "Whether the deployment sends e-mail (a mail server is configured) and the address the account gave. Messages name a case by its number, never the applicant.",
          response: { 200: NotificationSettingsSchema, ...errors },
        },
      },
      async (req) => ({ available, email: await emailOf(principalOf(req).accountId) }),
    );

    app.put(
      "/notifications/settings",
      {
        schema: {
          tags: ["accounts"],
          operationId: "setNotificationSettings",
          summary: "Give (or remove) the address for e-mail notifications",
          description:
            "The signed-in account is told at this address when a decision is returned to it or waits for its approval. Refused (409) when the deployment sends no e-mail. The change is recorded.",
          body: NotificationSettingsInputSchema,
          response: { 200: NotificationSettingsSchema, ...errors },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const email = req.body.email;
        if (email !== null && !available)
          throw new AppError(
            "conflict",
            "this deployment sends no e-mail: no mail server is configured",
            {},
            409,
          );
        await ctx.db.transaction(async (tx) => {
          await tx.query("UPDATE accounts SET email = $2 WHERE id = $1", [p.accountId, email]);
          await audit(tx, actorOf(req), ctx.clock(), {
            action: "account.notifications",
            outcome: "ok",
            details: { email: email === null ? "removed" : "given" },
          });
        });
        return { available, email };
      },
    );
  };
