/**
 * Integrity and oversight for administrators and the data protection officer: hash-chain checks,
 * signed checkpoints, the monthly access review, key status and rotation.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  checkpoint,
  keys,
  monthlyReport,
  rotate,
  searchAuditEntries,
  verifyIntegrity,
} from "../commands/operations.ts";
import { requireRecentSecondFactor } from "../commands/step-up.ts";
import {
  AuditCheckpointSchema,
  AuditEntriesQuerySchema,
  AuditEntriesSchema,
  AuditReportQuerySchema,
  AuditReportSchema,
  CheckpointInputSchema,
  CheckpointVerificationSchema,
  IntegrityReportSchema,
  KeyRotationSchema,
  KeyStatusSchema,
  ProblemSchema,
} from "../../contracts/api.ts";
import { verifyCheckpoint } from "../audit/checkpoint.ts";
import { AppError } from "../../app/errors.ts";
import { decodeCursor, encodeCursor } from "../../app/cursor.ts";
import { actorOf } from "../../server/actor.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";

/** The audit search's key: the number of the last entry shown. */
const SeqCursorKey = z.tuple([z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)]);

const errors = { 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export const integrityRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/integrity",
      {
        schema: {
          tags: ["integrity"],
          operationId: "verifyIntegrity",
          description:
            "Needs the right integrity.verify. `ok` is false when any entry of a case's chain or of the audit chain was altered, removed or reordered.",
          summary:
            "Check every case's hash chain and the audit chain; names the first entry altered, removed or reordered",
          response: { 200: IntegrityReportSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "integrity.verify");
        return verifyIntegrity(deps.ctx);
      },
    );
    app.post(
      "/audit/checkpoints",
      {
        schema: {
          tags: ["integrity"],
          operationId: "createAuditCheckpoint",
          description:
            "Needs the right integrity.verify. Keep it outside the database; POST /audit/checkpoints/verify checks it later.",
          summary:
            "A signed (Ed25519) checkpoint of the audit chain head and every case chain head, to keep elsewhere",
          response: { 201: AuditCheckpointSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "integrity.verify");
        return reply.code(201).send(await checkpoint(deps.ctx, actorOf(req)));
      },
    );
    app.post(
      "/audit/checkpoints/verify",
      {
        schema: {
          tags: ["integrity"],
          operationId: "verifyAuditCheckpoint",
          description:
            "Needs the right integrity.verify. The signature is checked with the server's configured signing key only, never with the key the checkpoint names. Names the first mismatch: the signature, the audit chain or a case chain.",
          summary: "Check a checkpoint kept elsewhere against the database",
          body: CheckpointInputSchema,
          response: { 200: CheckpointVerificationSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "integrity.verify");
        // The server's own key, never the one the checkpoint carries (docs/security.md item 13).
        const key = deps.ctx.signingKey?.publicKey;
        if (!key) throw new AppError("conflict", "this server has no audit signing key configured", {}, 409);
        return verifyCheckpoint(deps.ctx.db, req.body, key, { keyring: deps.ctx.keyring });
      },
    );
    app.get(
      "/audit/report",
      {
        schema: {
          tags: ["integrity"],
          operationId: "getAuditReport",
          description:
            "Needs the right audit.report. Reads and writes per actor, refusals, failed sign-ins, refused exports and unusual patterns of one month.",
          summary: "The monthly access review for the data protection officer (PIPA)",
          querystring: AuditReportQuerySchema,
          response: { 200: AuditReportSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "audit.report");
        return monthlyReport(deps.ctx, actorOf(req), req.query.month);
      },
    );
    app.get(
      "/audit/entries",
      {
        schema: {
          tags: ["integrity"],
          operationId: "searchAuditEntries",
          description:
            "Needs the right audit.report. Newest first; every filter given must hold. `caseNumber` instead of `caseId` finds the case by its number; `personId` finds entries about any case of that person; `account` is a username; `from` and `to` are days in Asia/Seoul, both included. The search is itself recorded (`audit.search`).",
          summary: "Search the access records: who read or changed which case or person, and when",
          querystring: AuditEntriesQuerySchema,
          response: { 200: AuditEntriesSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "audit.report");
        const { cursor, ...q } = req.query;
        const before = decodeCursor(cursor, SeqCursorKey)?.[0];
        const page = await searchAuditEntries(deps.ctx, actorOf(req), { ...q, before });
        const last = page.items.at(-1);
        return { items: page.items, nextCursor: page.more && last ? encodeCursor([last.seq]) : null };
      },
    );
    app.get(
      "/keys",
      {
        schema: {
          tags: ["integrity"],
          operationId: "getKeyStatus",
          description: "Needs the right keys.manage.",
          summary: "Key versions and data keys (no key material)",
          response: { 200: KeyStatusSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "keys.manage");
        return keys(deps.ctx);
      },
    );
    app.post(
      "/keys/rotate",
      {
        schema: {
          tags: ["integrity"],
          operationId: "rotateKeys",
          description:
            "Needs the right keys.manage, and a second factor proven again shortly before (except for the local operator).",
          summary:
            "Rotate the key-encryption key: every data key is re-wrapped, nothing stops, old records still decrypt",
          response: { 201: KeyRotationSchema, ...errors },
        },
      },
      async (req, reply) => {
        const p = requireRight(req, "keys.manage");
        const actor = actorOf(req);
        if (!p.operator) requireRecentSecondFactor(deps.ctx, actor);
        return reply.code(201).send(await rotate(deps.ctx, actor));
      },
    );
  };
