/**
 * The upload routes (docs/api.md, "Evidence uploads"): tus 1.0 creation, offset (HEAD) and
 * PATCH, the upload's state as JSON, and a single-request upload. File bodies are never parsed:
 * the request streams into the vault as it arrives, so these routes take any size up to the
 * vault's limits, while every other route keeps the server's 1 MiB body limit.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { PassThrough } from "node:stream";
import { z } from "zod";
import { AppError } from "../../app/errors.ts";
import {
  FileUploadHeadersSchema,
  IdParams,
  ProblemSchema,
  TUS_OFFSET_HEADERS,
  TusCreationHeadersSchema,
  TusPatchHeadersSchema,
  UploadCreatedSchema,
  UploadSchema,
} from "../../contracts/api.ts";
import { actorOf } from "../../server/actor.ts";
import { principalOf } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { createUpload } from "./create-upload.ts";
import { getUpload, presentUpload, uploadOffset } from "./get-upload.ts";
import { patchUpload } from "./patch-upload.ts";
import { storeUpload } from "./store-upload.ts";
import { fileNameHeader, parseLength, parseTusMetadata, requireTus, TUS_VERSION } from "./tus-headers.ts";

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
  422: ProblemSchema,
};

/** A body the server will not read: drained when small, else the connection is closed after the answer. */
function leaveBody(req: FastifyRequest, reply: FastifyReply): void {
  if (req.raw.readableEnded) return;
  const length = Number(req.headers["content-length"] ?? Number.POSITIVE_INFINITY);
  if (length <= 1024 * 1024) req.raw.resume();
  else reply.header("connection", "close");
}

/**
 * The request body as a stream of its own, so that a refusal does not destroy the request. When
 * the client goes away before the end, the stream fails, unless the route asked to keep what
 * arrived (`keepWhatArrives`): then it just ends there.
 */
export interface Body extends PassThrough {
  keepWhatArrives(): void;
}

function bodyOf(req: FastifyRequest): Body {
  let keep = false;
  const body = Object.assign(new PassThrough(), { keepWhatArrives: () => (keep = true) });
  req.raw.pipe(body);
  req.raw.once("close", () => {
    if (req.raw.readableEnded || req.raw.complete) return;
    req.raw.unpipe(body);
    if (keep) body.end();
    else body.destroy(new Error("the client stopped sending"));
  });
  return body;
}

async function streaming<T>(req: FastifyRequest, reply: FastifyReply, run: (body: Body) => Promise<T>) {
  const body = bodyOf(req);
  try {
    return await run(body);
  } catch (err) {
    req.raw.unpipe(body);
    leaveBody(req, reply);
    throw err;
  }
}

export const uploadRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    // Bodies here are files: handed to the route unread, whatever their type.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_req, _payload, done) => done(null, undefined));
    app.addHook("onSend", async (_req, reply) => {
      reply.header("tus-resumable", TUS_VERSION);
    });

    app.post(
      "/cases/:id/uploads",
      {
        schema: {
          tags: ["evidence"],
          operationId: "createUpload",
          summary: "Start a resumable upload of an evidence file to a case (tus creation)",
          description:
            "tus 1.0 creation: `Tus-Resumable: 1.0.0`, `Upload-Length` (bytes) and `Upload-Metadata` (`filename` required, `filetype` optional, base64). Needs evidence.attach on the case, or a representative's current mandate for it. A length over the limit (2 GiB for video, 50 MiB otherwise, as deployed) is refused with 413 before any byte. Then PATCH the Location.",
          params: IdParams,
          headers: TusCreationHeadersSchema,
          response: { 201: UploadCreatedSchema, ...errors },
        },
      },
      async (req, reply) => {
        try {
          requireTus(req.headers["tus-resumable"]);
          if (req.headers["upload-defer-length"] !== undefined)
            throw new AppError("bad_request", "Upload-Defer-Length is not supported: send Upload-Length");
          const length = parseLength(req.headers["upload-length"], "Upload-Length");
          const meta = parseTusMetadata(req.headers["upload-metadata"]);
          const upload = await createUpload(deps.ctx, actorOf(req), req.params.id, {
            length,
            name: meta.filename,
            ...(meta.filetype ? { declaredType: meta.filetype } : {}),
          });
          leaveBody(req, reply);
          return reply
            .code(201)
            .header("location", `/api/v1/uploads/${upload.id}`)
            .header("upload-offset", "0")
            .header("upload-expires", new Date(upload.expiresAt).toUTCString())
            .header("cache-control", "no-store")
            .send(presentUpload(upload, null));
        } catch (err) {
          leaveBody(req, reply);
          throw err;
        }
      },
    );

    app.head(
      "/uploads/:id",
      {
        schema: {
          tags: ["evidence"],
          operationId: "getUploadOffset",
          summary: "How many bytes of an upload have arrived (tus)",
          description:
            "tus 1.0: answers `Upload-Offset` and `Upload-Length`; resume with a PATCH at that offset. Only the account that created the upload sees it.",
          params: IdParams,
          response: { 200: z.null().meta({ headers: { ...TUS_OFFSET_HEADERS } }), ...errors },
        },
      },
      async (req, reply) => {
        const { offset, length } = await uploadOffset(deps.ctx, actorOf(req), req.params.id);
        return reply
          .code(200)
          .header("upload-offset", String(offset))
          .header("upload-length", String(length))
          .header("cache-control", "no-store")
          .send(null);
      },
    );

    app.patch(
      "/uploads/:id",
      {
        schema: {
          tags: ["evidence"],
          operationId: "patchUpload",
          summary: "Send bytes of an upload (tus)",
          description:
            "tus 1.0: `Content-Type: application/offset+octet-stream`, `Upload-Offset` equal to the upload's current offset (409 otherwise). The bytes are hashed, type-checked, scanned and sealed as they arrive. With the last byte the upload completes: 204 with the new `Upload-Offset`; a file of a type that is not accepted is 415, one over its type's limit 413 (the upload is then refused). GET the upload for its stored file.",
          params: IdParams,
          headers: TusPatchHeadersSchema,
          response: { 204: z.null().meta({ headers: { ...TUS_OFFSET_HEADERS } }), ...errors },
        },
      },
      async (req, reply) => {
        const upload = await streaming(req, reply, async (body) => {
          requireTus(req.headers["tus-resumable"]);
          const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
          if (type !== "application/offset+octet-stream")
            throw new AppError("unsupported_media_type", "send the bytes as application/offset+octet-stream");
          const offset = parseLength(req.headers["upload-offset"], "Upload-Offset");
          const length =
            req.headers["content-length"] !== undefined
              ? parseLength(req.headers["content-length"], "Content-Length")
              : undefined;
          return patchUpload(deps.ctx, actorOf(req), req.params.id, {
            offset,
            ...(length !== undefined ? { length } : {}),
            stream: body,
            keepWhatArrives: body.keepWhatArrives,
          });
        });
        leaveBody(req, reply);
        return reply.code(204).header("upload-offset", String(upload.offset)).send(null);
      },
    );

    app.get(
      "/uploads/:id",
      {
        schema: {
          tags: ["evidence"],
          operationId: "getUpload",
          summary: "An upload: its progress, status and stored file",
          description:
            "Only the account that created the upload sees it. Once complete (or quarantined), `file` holds the stored file's detected type, size, SHA-256 and scan verdict.",
          params: IdParams,
          response: { 200: UploadSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply
          .header("cache-control", "no-store")
          .send(await getUpload(deps.ctx, actorOf(req), req.params.id)),
    );

    app.post(
      "/cases/:id/files",
      {
        schema: {
          tags: ["evidence"],
          operationId: "uploadFile",
          summary: "Upload an evidence file to a case in one request",
          description:
            "The body is the file (any Content-Type; the type is detected from its bytes), with `Content-Length` and `X-File-Name` (percent-encoded UTF-8). Same rights, limits, checks and answers as a resumable upload; 201 with the complete (or quarantined) upload and its stored file.",
          params: IdParams,
          headers: FileUploadHeadersSchema,
          response: { 201: UploadSchema, ...errors },
        },
      },
      async (req, reply) => {
        principalOf(req);
        const stored = await streaming(req, reply, async (body) => {
          const name = fileNameHeader(req.headers["x-file-name"]);
          if (req.headers["content-length"] === undefined)
            throw new AppError("bad_request", "send Content-Length: the file's size in bytes");
          const length = parseLength(req.headers["content-length"], "Content-Length");
          const actor = actorOf(req);
          const upload = await createUpload(deps.ctx, actor, req.params.id, { length, name });
          return storeUpload(deps.ctx, actor, upload, body);
        });
        return reply.code(201).send(presentUpload(stored.upload, stored.file));
      },
    );
  };
