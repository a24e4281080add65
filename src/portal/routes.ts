import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { PortalCaseSchema, portalCase, portalCases } from "./portal.ts";
import { IdSchema, LegalDateSchema, ProblemSchema } from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

export const portalRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/portal/cases",
      {
        schema: {
          tags: ["portal"],
          summary: "A representative's cases: those where they hold a current mandate",
          response: {
            200: z.object({
              items: z.array(
                z.object({ id: IdSchema, office: z.string(), stage: z.string(), filedOn: LegalDateSchema }),
              ),
            }),
            403: ProblemSchema,
          },
        },
      },
      async (req) => {
        requireRight(req, "portal.read");
        return { items: await portalCases(deps.ctx, actorOf(req)) };
      },
    );
    app.get(
      "/portal/cases/:id",
      {
        schema: {
          tags: ["portal"],
          summary: "A client's case: stage, deadlines and notices served (no internal notes or assessments)",
          params: z.object({ id: IdSchema }),
          response: { 200: PortalCaseSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "portal.read");
        return portalCase(deps.ctx, actorOf(req), req.params.id);
      },
    );
  };
