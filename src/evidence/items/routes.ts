/** Evidence items of a case: attach, list, read, custody, file content, changes, search. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  CorrectionRequestSchema,
  CustodySchema,
  EvidenceFileParams,
  EvidenceInputSchema,
  EvidenceItemSchema,
  EvidenceListSchema,
  EvidenceParams,
  EvidenceSearchQuerySchema,
  EvidenceSearchResultSchema,
  FileContentQuerySchema,
  FileContentResponse,
  IdParams,
  ObservationRequestSchema,
  ProblemSchema,
  WithdrawalRequestSchema,
} from "../../contracts/api.ts";
import { AppError } from "../../app/errors.ts";
import { actorOf } from "../../server/actor.ts";
import { principalOf, requireRight } from "../../server/auth.ts";
import type { FastifyRequest } from "fastify";
import type { ServerDeps } from "../../server/deps.ts";
import { attachEvidence } from "./attach-evidence.ts";
import { correctEvidence, observeAudience, withdrawEvidence } from "./change-item.ts";
import { getCustody } from "./custody.ts";
import { fileContent, UnsatisfiableRange } from "./file-content.ts";
import { getEvidence, listEvidence } from "./read-items.ts";
import { searchEvidence } from "./search-evidence.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};
const writeErrors = { ...errors, 412: ProblemSchema, 428: ProblemSchema };

/** `If-Match: "7"` → 7 when given (evidence writes may leave it out); a malformed one is refused. */
export function optionalVersion(ifMatch: string | string[] | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const m = typeof ifMatch === "string" ? /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch) : null;
  if (!m) throw new AppError("precondition_required", 'If-Match must be the case\'s ETag, e.g. "3"');
  return Number(m[1]);
}

/** A file name for Content-Disposition: ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Inline content may be anything a sender made: it runs nothing, loads nothing, is framed by nobody. */
export const CONTENT_CSP =
  "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The role's right to read evidence; an interpreter, who has none, may read what they attached
 * (an item, its files), with the right to attach.
 */
function requireReadOrOwn(req: FastifyRequest): void {
  if (principalOf(req).role === "interpreter") requireRight(req, "evidence.attach");
  else requireRight(req, "evidence.read");
}

const IF_MATCH =
  " Send `If-Match` with the case's ETag to refuse the change when the case changed meanwhile (412); without it the change is made on the case as it is.";

export const evidenceItemRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/cases/:id/evidence",
      {
        schema: {
          tags: ["evidence"],
          operationId: "attachEvidence",
          summary: "Attach evidence: make an item of the case from complete uploads",
          description:
            "Needs the right evidence.attach on the case (an interpreter: a case of an interview assigned to them). Each upload must be a complete upload of this case by the caller, not yet attached (422 otherwise; 409 if attached meanwhile). A document needs at least one file; a social-media capture says what it captured; a foreign-state action what the state did, and places a removal hold on the case. Appends evidence_attached (each file's SHA-256, derivatives included) and an audience_observed per observation to the case's chain. Text is extracted from PDFs, and images get a thumbnail and a disclosure copy without their metadata, in the same request." +
            IF_MATCH,
          params: IdParams,
          body: EvidenceInputSchema,
          response: { 201: EvidenceItemSchema, ...writeErrors },
          responseHeaders: { 201: ["location"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "evidence.attach");
        const expectedVersion = optionalVersion(req.headers["if-match"]);
        const { item } = await attachEvidence(deps.ctx, actorOf(req), req.params.id, req.body, {
          ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        });
        return reply
          .code(201)
          .header("location", `/api/v1/cases/${req.params.id}/evidence/${item.id}`)
          .send(item);
      },
    );

    app.get(
      "/cases/:id/evidence",
      {
        schema: {
          tags: ["evidence"],
          operationId: "listEvidence",
          summary: "The evidence items of a case",
          description:
            "Needs the right evidence.read on the case; an interpreter sees only the items they attached. The read is recorded.",
          params: IdParams,
          response: { 200: EvidenceListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "evidence.read");
        return { items: await listEvidence(deps.ctx, actorOf(req), req.params.id) };
      },
    );

    app.get(
      "/cases/:id/evidence/:itemId",
      {
        schema: {
          tags: ["evidence"],
          operationId: "getEvidence",
          summary: "An evidence item with its files",
          description:
            "Needs the right evidence.read on the case (an interpreter: an item they attached). The read is recorded with the item's id.",
          params: EvidenceParams,
          response: { 200: EvidenceItemSchema, ...errors },
        },
      },
      async (req) => {
        requireReadOrOwn(req);
        return getEvidence(deps.ctx, actorOf(req), req.params.id, req.params.itemId);
      },
    );

    app.get(
      "/cases/:id/evidence/:itemId/custody",
      {
        schema: {
          tags: ["evidence"],
          operationId: "getEvidenceCustody",
          summary: "An item's chain of custody",
          description:
            "Every upload, attachment, derivative, correction, withdrawal, observation (from the case's chain), and every view, download and export (from the access record), oldest first. Needs the right evidence.read.",
          params: EvidenceParams,
          response: { 200: CustodySchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "evidence.read");
        return { items: await getCustody(deps.ctx, actorOf(req), req.params.id, req.params.itemId) };
      },
    );

    app.get(
      "/cases/:id/evidence/:itemId/files/:fileId/content",
      {
        schema: {
          tags: ["evidence"],
          operationId: "getEvidenceFileContent",
          summary: "A file of an item: its bytes, or a range of them",
          description:
            "Needs the right evidence.read. Serves one byte range (`Range: bytes=…`, 206 with Content-Range; 416 outside the file), inline by default or as an attachment with ?download=1; recorded as a view or a download. The Content-Type is the type detected from the file's bytes. A quarantined file (infected) answers 409 and is never served.",
          params: EvidenceFileParams,
          querystring: FileContentQuerySchema,
          produces: ["application/octet-stream"],
          response: { 200: FileContentResponse, 206: FileContentResponse, 416: ProblemSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireReadOrOwn(req);
        const download = req.query.download === "1";
        try {
          const c = await fileContent(
            deps.ctx,
            actorOf(req),
            req.params.id,
            req.params.itemId,
            req.params.fileId,
            {
              download,
              range: req.headers.range,
            },
          );
          reply
            .header("content-type", c.mediaType)
            .header("accept-ranges", "bytes")
            .header("content-disposition", contentDisposition(download ? "attachment" : "inline", c.name))
            .header("x-content-type-options", "nosniff")
            .header("content-security-policy", CONTENT_CSP);
          if (c.range) {
            reply
              .code(206)
              .header("content-range", `bytes ${c.range.start}-${c.range.end - 1}/${c.size}`)
              .header("content-length", String(c.range.end - c.range.start));
          } else reply.header("content-length", String(c.size));
          return reply.send(c.stream as unknown as string);
        } catch (err) {
          if (err instanceof UnsatisfiableRange) reply.header("content-range", `bytes */${err.size}`);
          throw err;
        }
      },
    );

    app.post(
      "/cases/:id/evidence/:itemId/observations",
      {
        schema: {
          tags: ["evidence"],
          operationId: "observeAudience",
          summary: "Record a dated audience figure of a social-media capture",
          description:
            "Needs the right evidence.manage. Appends audience_observed to the case's chain; the item must be an active social-media capture." +
            IF_MATCH,
          params: EvidenceParams,
          body: ObservationRequestSchema,
          response: { 200: EvidenceItemSchema, ...writeErrors },
        },
      },
      async (req) => {
        requireRight(req, "evidence.manage");
        return observeAudience(
          deps.ctx,
          actorOf(req),
          req.params.id,
          req.params.itemId,
          req.body,
          optionalVersion(req.headers["if-match"]),
        );
      },
    );

    app.post(
      "/cases/:id/evidence/:itemId/withdrawal",
      {
        schema: {
          tags: ["evidence"],
          operationId: "withdrawEvidence",
          summary: "Withdraw an item, with a reason; its files are kept",
          description:
            "Needs the right evidence.manage. Appends evidence_withdrawn; a foreign-state action's removal hold is lifted. An item already withdrawn answers 409." +
            IF_MATCH,
          params: EvidenceParams,
          body: WithdrawalRequestSchema,
          response: { 200: EvidenceItemSchema, ...writeErrors },
        },
      },
      async (req) => {
        requireRight(req, "evidence.manage");
        return withdrawEvidence(
          deps.ctx,
          actorOf(req),
          req.params.id,
          req.params.itemId,
          req.body.reason,
          optionalVersion(req.headers["if-match"]),
        );
      },
    );

    app.post(
      "/cases/:id/evidence/:itemId/corrections",
      {
        schema: {
          tags: ["evidence"],
          operationId: "correctEvidence",
          summary: "Correct what an item says (never its files)",
          description:
            "Needs the right evidence.manage. Appends evidence_corrected with the reason and the fields corrected. A withdrawn item answers 409." +
            IF_MATCH,
          params: EvidenceParams,
          body: CorrectionRequestSchema,
          response: { 200: EvidenceItemSchema, ...writeErrors },
        },
      },
      async (req) => {
        requireRight(req, "evidence.manage");
        return correctEvidence(
          deps.ctx,
          actorOf(req),
          req.params.id,
          req.params.itemId,
          req.body,
          optionalVersion(req.headers["if-match"]),
        );
      },
    );

    app.get(
      "/cases/:id/evidence-search",
      {
        schema: {
          tags: ["evidence"],
          operationId: "searchEvidence",
          summary: "Find words in the texts of a case's evidence",
          description:
            "Needs the right evidence.read. Searches the text extracted from the case's PDFs and its text files (decrypted for this search only; the words searched for are not recorded), and answers each file that holds them with the text around the first match.",
          params: IdParams,
          querystring: EvidenceSearchQuerySchema,
          response: { 200: EvidenceSearchResultSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "evidence.read");
        return { items: await searchEvidence(deps.ctx, actorOf(req), req.params.id, req.query.q) };
      },
    );
  };
