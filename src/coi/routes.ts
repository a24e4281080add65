/** The COI library's routes (docs/coi.md): documents, passages, the archived file, search, citations. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../app/errors.ts";
import { IdParams, ProblemSchema } from "../contracts/api.ts";
import {
  CaseCitationListSchema,
  CaseCitationSchema,
  CitationInputSchema,
  CitationParams,
  CitationTranslationSchema,
  CoiDocumentInputSchema,
  CoiDocumentListQuerySchema,
  CoiDocumentListSchema,
  CoiDocumentParams,
  CoiDocumentSchema,
  CoiDocumentUpdateSchema,
  CoiFacetsSchema,
  CoiPassageInputSchema,
  CoiPassageParams,
  CoiPassageSchema,
  CoiSearchQuerySchema,
  CoiSearchResultSchema,
} from "../contracts/coi.ts";
import { FileContentResponse } from "../contracts/evidence.ts";
import { FileUploadHeadersSchema } from "../contracts/uploads.ts";
import { QuarantinedError } from "../evidence/vault/index.ts";
import { CONTENT_CSP, contentDisposition } from "../evidence/items/routes.ts";
import { fileNameHeader } from "../evidence/uploads/tus-headers.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";
import { citePassage, listCitations, removeCitation } from "./citations.ts";
import { chooseCitationTranslation } from "./citation-translations.ts";
import { LanguageTagSchema } from "../contracts/translations.ts";
import {
  addPassage,
  createDocument,
  documentList,
  editDocument,
  editPassage,
  getDocument,
  libraryFacets,
  openDocumentFile,
  searchLibrary,
  storeDocumentFile,
} from "./library.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};
const tags = ["coi"];

export const coiRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const ctx = deps.ctx;

    app.get(
      "/coi/search",
      {
        schema: {
          tags,
          operationId: "searchCoi",
          summary: "Search the country-of-origin information library's passages",
          description:
            'Needs coi.read. Korean and English: words, "a phrase", OR, -excluded; filters on the document. Ranked by how much of the query a passage holds, then the newest publication; highlights as fragments of text with a match flag (never markup).',
          querystring: CoiSearchQuerySchema,
          response: { 200: CoiSearchResultSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "coi.read");
        return searchLibrary(ctx, req.query);
      },
    );

    app.get(
      "/coi/facets",
      {
        schema: {
          tags,
          operationId: "getCoiFacets",
          summary: "The library's countries, sources, topics and profiles, with their documents' counts",
          description: "Needs coi.read. For the search's filters.",
          response: { 200: CoiFacetsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "coi.read");
        return libraryFacets(ctx);
      },
    );

    app.get(
      "/coi/documents",
      {
        schema: {
          tags,
          operationId: "listCoiDocuments",
          summary: "The library's documents, newest publication first",
          description: "Needs coi.read.",
          querystring: CoiDocumentListQuerySchema,
          response: { 200: CoiDocumentListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "coi.read");
        return documentList(ctx, req.query);
      },
    );

    app.post(
      "/coi/documents",
      {
        schema: {
          tags,
          operationId: "createCoiDocument",
          summary: "Add a document to the library, with its passages",
          description: "Needs coi.manage.",
          body: CoiDocumentInputSchema,
          response: { 201: CoiDocumentSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "coi.manage");
        return reply.code(201).send(await createDocument(ctx, actorOf(req), req.body));
      },
    );

    app.get(
      "/coi/documents/:id",
      {
        schema: {
          tags,
          operationId: "getCoiDocument",
          summary: "A library document with its passages",
          description: "Needs coi.read.",
          params: CoiDocumentParams,
          response: { 200: CoiDocumentSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "coi.read");
        return getDocument(ctx, req.params.id);
      },
    );

    app.put(
      "/coi/documents/:id",
      {
        schema: {
          tags,
          operationId: "editCoiDocument",
          summary: "Edit a library document (its passages are edited one by one)",
          description: "Needs coi.manage. Citations made before keep what they froze.",
          params: CoiDocumentParams,
          body: CoiDocumentUpdateSchema,
          response: { 200: CoiDocumentSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "coi.manage");
        return editDocument(ctx, actorOf(req), req.params.id, req.body);
      },
    );

    app.post(
      "/coi/documents/:id/passages",
      {
        schema: {
          tags,
          operationId: "addCoiPassage",
          summary: "Add a quotable passage to a library document",
          description: "Needs coi.manage. The passage goes after the document's last one.",
          params: CoiDocumentParams,
          body: CoiPassageInputSchema,
          response: { 201: CoiPassageSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "coi.manage");
        return reply.code(201).send(await addPassage(ctx, actorOf(req), req.params.id, req.body));
      },
    );

    app.put(
      "/coi/documents/:id/passages/:passageId",
      {
        schema: {
          tags,
          operationId: "editCoiPassage",
          summary: "Edit a passage of a library document",
          description: "Needs coi.manage. Citations of the passage keep the text they froze.",
          params: CoiPassageParams,
          body: CoiPassageInputSchema,
          response: { 200: CoiPassageSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "coi.manage");
        return editPassage(ctx, actorOf(req), req.params.id, req.params.passageId, req.body);
      },
    );

    app.get(
      "/coi/documents/:id/file",
      {
        schema: {
          tags,
          operationId: "getCoiDocumentFile",
          summary: "The archived file of a library document",
          description:
            "Needs coi.read. The bytes as archived, with the type detected from them; 404 when the document has none.",
          params: CoiDocumentParams,
          produces: ["application/octet-stream"],
          response: { 200: FileContentResponse, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "coi.read");
        try {
          const { opened, name } = await openDocumentFile(ctx, req.params.id);
          return reply
            .header("content-type", opened.file.mediaType)
            .header("content-length", String(opened.file.size))
            .header("content-disposition", contentDisposition("inline", name))
            .header("x-content-type-options", "nosniff")
            .header("content-security-policy", CONTENT_CSP)
            .send(opened.stream as unknown as string);
        } catch (err) {
          if (err instanceof QuarantinedError) throw new AppError("conflict", err.message);
          throw err;
        }
      },
    );

    // The archived file's bytes are the body: handed to the route unread, whatever their type.
    const filePlugin: FastifyPluginAsyncZod = async (files) => {
      files.removeAllContentTypeParsers();
      files.addContentTypeParser("*", (_req, _payload, done) => done(null, undefined));
      files.put(
        "/coi/documents/:id/file",
        {
          schema: {
            tags,
            operationId: "putCoiDocumentFile",
            summary: "Store a library document's archived file",
            description:
              "Needs coi.manage. The body is the file (its type is detected from its bytes), with `X-File-Name` (percent-encoded UTF-8). Stored in the evidence vault under the library's key space, with its SHA-256; it replaces the document's earlier file (which stays stored).",
            params: CoiDocumentParams,
            headers: FileUploadHeadersSchema,
            response: { 200: CoiDocumentSchema, 413: ProblemSchema, 415: ProblemSchema, ...errors },
          },
        },
        async (req) => {
          try {
            requireRight(req, "coi.manage");
            const name = fileNameHeader(req.headers["x-file-name"]);
            const length = Number(req.headers["content-length"]);
            return await storeDocumentFile(ctx, actorOf(req), req.params.id, {
              name,
              stream: req.raw,
              ...(Number.isSafeInteger(length) && length >= 0 ? { declaredLength: length } : {}),
            });
          } catch (err) {
            if (!req.raw.readableEnded) req.raw.resume();
            throw err;
          }
        },
      );
    };
    await app.register(filePlugin);

    app.post(
      "/cases/:id/citations",
      {
        schema: {
          tags,
          operationId: "citeCoiPassage",
          summary: "Cite a library passage in the case",
          description:
            "Needs event.examination on a reached case. Freezes the passage's text, its SHA-256, the document's title, source, author, address, country and dates, and the locator; 409 when the case already cites the passage.",
          params: IdParams,
          body: CitationInputSchema,
          response: { 201: CaseCitationSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        return reply.code(201).send(await citePassage(ctx, actorOf(req), req.params.id, req.body));
      },
    );

    app.get(
      "/cases/:id/citations",
      {
        schema: {
          tags,
          operationId: "listCaseCitations",
          summary: "The library passages the case cites, as frozen",
          description:
            "Needs case.read on a reached case; recorded in the access record. Each says when the library holds a newer document on the same country and profile (newerDocument).",
          params: IdParams,
          response: { 200: CaseCitationListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return { items: await listCitations(ctx, actorOf(req), req.params.id) };
      },
    );

    app.delete(
      "/cases/:id/citations/:citationId",
      {
        schema: {
          tags,
          operationId: "removeCaseCitation",
          summary: "Remove a citation from the case",
          description:
            "Needs event.examination on a reached case. The citation's record is kept, marked removed, in the access record and the table.",
          params: CitationParams,
          response: { 204: z.null().describe("Removed"), ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        await removeCitation(ctx, actorOf(req), req.params.id, req.params.citationId);
        return reply.code(204).send(null);
      },
    );

    app.put(
      "/cases/:id/citations/:citationId/translations/:language",
      {
        schema: {
          tags,
          operationId: "chooseCitationTranslation",
          summary: "Quote the cited passage in the decision in a final translation",
          description:
            "Needs event.examination on a reached case. Chooses the case's translation of the citation's passage into the language for the decision's reasons, which then quote it naming who translated and who reviewed it. Refused (409 translation_not_final) unless that translation was requested, translated, reviewed by a second person and made final, of the passage as cited.",
          params: CitationParams.extend({ language: LanguageTagSchema }),
          response: { 200: CitationTranslationSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        return chooseCitationTranslation(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.citationId,
          req.params.language,
        );
      },
    );
  };
