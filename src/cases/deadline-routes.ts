/** The worklist: deadlines across the cases the user reaches. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { findDeadlines } from "./find-deadlines.ts";
import { DeadlineQuerySchema, ProblemSchema, WorklistPageSchema } from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

export const deadlineRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/deadlines",
      {
        schema: {
          tags: ["deadlines"],
          operationId: "listDeadlines",
          description:
            "Needs the right deadline.read. Deadlines of the cases the principal reaches, each with its status and legal basis.",
          summary: "Worklist: deadlines across cases, earliest due first",
          querystring: DeadlineQuerySchema,
          response: { 200: WorklistPageSchema, 403: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "deadline.read");
        return findDeadlines(deps.ctx, actorOf(req), req.query);
      },
    );
  };
