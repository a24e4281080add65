/**
 * The translation memory's routes (docs/translation.md, "Memory"): its units per language pair,
 * and a pair exported or a file imported as TMX 1.4b. Right translation.memory, the actor's office.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemSchema } from "../../contracts/api.ts";
import {
  MemoryStatsSchema,
  TmxExportQuerySchema,
  TmxImportResultSchema,
} from "../../contracts/translations.ts";
import { contentDisposition } from "../../evidence/items/routes.ts";
import { actorOf } from "../../server/actor.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { acceptXmlBodies, XML_BODY_LIMIT } from "../formats/body.ts";
import { exportTmx, importTmx, memoryStats } from "./exchange.ts";

const tags = ["translations"];
const errors = { 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema };

/** The media types a TMX upload may be sent as. */
export const TMX_TYPES = ["application/x-tmx+xml", "text/xml", "application/xml"] as const;

const TmxDocument = z.string().meta({ format: "binary" }).describe("A TMX 1.4b document (UTF-8)");

export const translationMemoryRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const ctx = deps.ctx;

    app.get(
      "/translation-memory",
      {
        schema: {
          tags,
          operationId: "getTranslationMemory",
          summary: "The office's translation memory: how many units each language pair holds",
          description:
            "Needs translation.memory; the actor's own office. The memory holds the office's final translations (added when a job is finalized) and the TMX files imported; its texts are sealed.",
          response: { 200: MemoryStatsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "translation.memory");
        return memoryStats(ctx, actorOf(req));
      },
    );

    app.get(
      "/translation-memory/tmx",
      {
        schema: {
          tags,
          operationId: "exportTranslationMemory",
          summary: "A language pair of the office's memory as a TMX 1.4b file",
          description:
            "Needs translation.memory; the actor's own office. An attachment (application/x-tmx+xml), one <tu> per unit with who translated it (creationid), who reviewed it (changeid), when it was approved (creationdate) and where it came from (prop x-openrsd-origin). Recorded in the access record with the pair and the number of units.",
          querystring: TmxExportQuerySchema,
          produces: ["application/x-tmx+xml"],
          response: { 200: TmxDocument, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "translation.memory");
        const out = await exportTmx(ctx, actorOf(req), req.query.source, req.query.target);
        return reply
          .header("content-type", "application/x-tmx+xml; charset=utf-8")
          .header("content-disposition", contentDisposition("attachment", out.fileName))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "no-store")
          .send(out.xml);
      },
    );

    // The upload is an XML document, read as UTF-8 text (up to the TMX reader's limit), not as JSON.
    const upload: FastifyPluginAsyncZod = async (files) => {
      acceptXmlBodies(files, TMX_TYPES, "the TMX document");
      files.post(
        "/translation-memory/tmx",
        {
          bodyLimit: XML_BODY_LIMIT,
          // The right before the body is checked against its schema.
          preValidation: async (req) => {
            requireRight(req, "translation.memory");
          },
          schema: {
            tags,
            operationId: "importTranslationMemory",
            summary: "Import a TMX 1.4b file into the office's memory",
            description: `Needs translation.memory; into the actor's own office. The body is the TMX document (${TMX_TYPES.join(", ")}; at most 10 MiB), checked against the TMX 1.4b schema first: a document that is not well-formed or not valid is refused whole (422 with the schema's messages), nothing added. Then each unit is added (origin tmx), skipped (the memory already holds its source and target) or refused with why (an unknown language, an empty or over-long text). Languages are kept without their region (en-US → en). Recorded in the access record.`,
            consumes: [...TMX_TYPES],
            body: TmxDocument,
            response: { 200: TmxImportResultSchema, 413: ProblemSchema, 415: ProblemSchema, ...errors },
          },
        },
        async (req) => importTmx(ctx, actorOf(req), req.body),
      );
    };
    await app.register(upload);
  };
