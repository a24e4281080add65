/** Checking the files the case chains record against the vault (for `openrsd verify` through a server). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  EvidenceItemsCheckRequestSchema,
  EvidenceItemsCheckSchema,
  ProblemSchema,
} from "../../contracts/api.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { checkItemFiles } from "./verify-items.ts";

export const verifyItemRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/integrity/evidence-items",
      {
        schema: {
          tags: ["integrity"],
          operationId: "verifyEvidenceItems",
          summary: "Compare every file the case chains record with the vault, naming case and item",
          description:
            "Needs the right integrity.verify. Each file recorded by evidence_attached in a case's chain must be a stored file whose SHA-256 is the one the chain recorded; the files the vault found altered (the answer of GET /integrity/evidence-files, sent as `altered`) are named by case number, item number and file id. Changes nothing.",
          body: EvidenceItemsCheckRequestSchema,
          response: { 200: EvidenceItemsCheckSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "integrity.verify");
        return checkItemFiles(
          deps.ctx,
          req.body.altered.map((a) => ({ ...a, ok: false })),
        );
      },
    );
  };
