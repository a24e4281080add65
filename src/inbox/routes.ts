/** The inbox: what needs the signed-in person now. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { inbox } from "./inbox.ts";
import { InboxQuerySchema, InboxSchema, ProblemSchema } from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import type { ServerDeps } from "../server/deps.ts";

export const inboxRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/inbox",
      {
        schema: {
          tags: ["inbox"],
          operationId: "readInbox",
          description:
            "Any signed-in staff member. Their own drafts a supervisor returned (with the reason) that no new draft has answered; with the right decision.approve, the drafts of their office waiting for approval (not their own); with deadline.read, the open deadlines of the active cases assigned to them due within `days` days. `count` is what the header shows.",
          summary: "What needs me: returned drafts, approvals waiting, deadlines soon",
          querystring: InboxQuerySchema,
          response: { 200: InboxSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => inbox(deps.ctx, actorOf(req), req.query.days),
    );
  };
