/**
 * Integrity and oversight for administrators and the data protection officer: hash-chain checks,
 * signed checkpoints, the monthly access review, key status and rotation.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AUDIT_MONTH_RULE, parseAuditMonth } from "../audit/report.ts";
import { checkpoint, keys, monthlyReport, rotate, verifyIntegrity } from "../commands/operations.ts";
import { requireRecentSecondFactor } from "../commands/step-up.ts";
import { ProblemSchema } from "../../contracts/api.ts";
import { verifyCheckpoint } from "../audit/checkpoint.ts";
import { actorOf } from "../../server/actor.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";

const Any = z.record(z.string(), z.unknown());
const errors = { 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export const integrityRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/integrity",
      {
        schema: {
          tags: ["integrity"],
          summary:
            "Check every case's hash chain and the audit chain; names the first entry altered, removed or reordered",
          response: { 200: z.object({ ok: z.boolean(), cases: Any, audit: Any }), ...errors },
        },
      },
      async (req) => {
        requireRight(req, "integrity.verify");
        return verifyIntegrity(deps.ctx) as unknown as {
          ok: boolean;
          cases: Record<string, unknown>;
          audit: Record<string, unknown>;
        };
      },
    );
    app.post(
      "/audit/checkpoints",
      {
        schema: {
          tags: ["integrity"],
          summary:
            "A signed (Ed25519) checkpoint of the audit chain head and every case chain head, to keep elsewhere",
          response: { 201: Any, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "integrity.verify");
        return reply
          .code(201)
          .send((await checkpoint(deps.ctx, actorOf(req))) as unknown as Record<string, unknown>);
      },
    );
    app.post(
      "/audit/checkpoints/verify",
      {
        schema: {
          tags: ["integrity"],
          summary: "Check a checkpoint kept elsewhere against the database",
          body: z.looseObject({}),
          response: { 200: z.object({ ok: z.boolean(), firstMismatch: Any.optional() }), ...errors },
        },
      },
      async (req) => {
        requireRight(req, "integrity.verify");
        return (await verifyCheckpoint(deps.ctx.db, req.body)) as unknown as { ok: boolean };
      },
    );
    app.get(
      "/audit/report",
      {
        schema: {
          tags: ["integrity"],
          summary: "The monthly access review for the data protection officer (PIPA)",
          querystring: z.object({
            month: z.string().refine((m) => parseAuditMonth(m) !== null, AUDIT_MONTH_RULE),
          }),
          response: { 200: Any, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "audit.report");
        return (await monthlyReport(deps.ctx, actorOf(req), req.query.month)) as unknown as Record<
          string,
          unknown
        >;
      },
    );
    app.get(
      "/keys",
      {
        schema: {
          tags: ["integrity"],
          summary: "Key versions and data keys (no key material)",
          response: { 200: Any, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "keys.manage");
        return (await keys(deps.ctx)) as unknown as Record<string, unknown>;
      },
    );
    app.post(
      "/keys/rotate",
      {
        schema: {
          tags: ["integrity"],
          summary:
            "Rotate the key-encryption key: every data key is re-wrapped, nothing stops, old records still decrypt",
          response: { 201: z.object({ kekVersion: z.number(), rewrapped: z.number() }), ...errors },
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
