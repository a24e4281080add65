import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { portalCase, portalCases } from "./portal.ts";
import {
  IdParams,
  PortalCaseListSchema,
  PortalCaseSchema,
  PortalEvidenceInputSchema,
  PortalEvidenceListSchema,
  PortalEvidenceReceiptSchema,
  ProblemSchema,
} from "../contracts/api.ts";
import { filedEvidence, fileEvidence } from "./evidence.ts";
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
    app.post(
      "/portal/cases/:id/evidence",
      {
        schema: {
          tags: ["portal"],
          operationId: "filePortalEvidence",
          summary: "File evidence for a client: an item from complete uploads, with a receipt",
          description:
            "Needs the right portal.read and a current mandate on the case (any other case answers 404). The uploads are made through POST /api/v1/cases/{id}/uploads or /files, reached by the mandate. The item is supplied by the representative through the portal (its supplier and channel are set), appends evidence_attached to the case's chain, and the receipt names each file's SHA-256.",
          params: IdParams,
          body: PortalEvidenceInputSchema,
          response: {
            201: PortalEvidenceReceiptSchema,
            403: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "portal.read");
        return reply.code(201).send(await fileEvidence(deps.ctx, actorOf(req), req.params.id, req.body));
      },
    );
    app.get(
      "/portal/cases/:id/evidence",
      {
        schema: {
          tags: ["portal"],
          operationId: "listPortalEvidence",
          summary: "The evidence this representative filed for a client's case",
          description:
            "Needs the right portal.read and a current mandate on the case. Lists only the items this representative filed through the portal, each file with its SHA-256.",
          params: IdParams,
          response: { 200: PortalEvidenceListSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "portal.read");
        return { items: await filedEvidence(deps.ctx, actorOf(req), req.params.id) };
      },
    );
  };
