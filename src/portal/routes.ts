import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { portalCase, portalCases } from "./portal.ts";
import { IdParams, PortalCaseListSchema, PortalCaseSchema, ProblemSchema } from "../contracts/api.ts";
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
          operationId: "listPortalCases",
          description: "Needs the right portal.read (representatives).",
          summary: "A representative's cases: those where they hold a current mandate",
          response: { 200: PortalCaseListSchema, 403: ProblemSchema },
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
          operationId: "getPortalCase",
          description:
            "Needs the right portal.read and a current mandate on the case; any other case answers 404.",
          summary: "A client's case: stage, deadlines and notices served (no internal notes or assessments)",
          params: IdParams,
          response: { 200: PortalCaseSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "portal.read");
        return portalCase(deps.ctx, actorOf(req), req.params.id);
      },
    );
  };
