/**
 * `Idempotency-Key` on creating requests: the first answer is kept and replayed for a retry with
 * the same key and body; the same key with another body is refused (422). A request still in
 * progress with the same key gets 409, so a double click cannot create two records.
 */
import { canonicalize } from "../store/canonical.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../app/errors.ts";
import { audit } from "../app/actor.ts";
import { actorOf } from "./actor.ts";
import type { AppContext } from "../app/context.ts";

const KEY = /^[\x21-\x7e]{1,200}$/;

export interface Created {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ONE_UUID = new RegExp(`^${UUID.source}$`, "i");
const isUuid = (v: unknown): v is string => typeof v === "string" && ONE_UUID.test(v);

/** The access record of a replayed answer: which case (from the path or the answer) and what. */
async function recordReplay(
  ctx: AppContext,
  req: FastifyRequest,
  path: string,
  body: unknown,
): Promise<void> {
  const answer = (body ?? {}) as { id?: unknown; office?: unknown; caseId?: unknown };
  const inPath = /^\/api\/v1\/cases\/([^/]+)/.exec(path)?.[1];
  const caseId = [inPath, path === "/api/v1/cases" ? answer.id : null, answer.caseId].find(isUuid) ?? null;
  const personId = path === "/api/v1/persons" && isUuid(answer.id) ? answer.id : null;
  await ctx.db.transaction((tx) =>
    audit(tx, actorOf(req), ctx.clock(), {
      action: "request.replay",
      outcome: "ok",
      caseId,
      officeId: typeof answer.office === "string" ? answer.office : null,
      details: { method: req.method, path: path.replace(UUID, ":id"), ...(personId ? { personId } : {}) },
    }),
  );
}

export async function idempotent(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  actor: string,
  run: () => Promise<Created>,
): Promise<FastifyReply> {
  const key = req.headers["idempotency-key"];
  const send = (c: Created) =>
    reply
      .code(c.status)
      .headers(c.headers ?? {})
      .send(c.body);
  if (key === undefined) return send(await run());
  if (typeof key !== "string" || !KEY.test(key)) {
    throw new AppError("invalid_input", "Idempotency-Key must be 1 to 200 visible ASCII characters", {
      issues: [{ path: "headers.idempotency-key", message: "invalid" }],
    });
  }
  const path = req.url.split("?")[0] ?? req.url;
  const { db, keyring } = ctx;
  // Keyed: a plain hash of a body holding a passport number could be reversed by guessing.
  const requestHash = keyring.keyedDigest(
    "idempotency-request",
    `${req.method} ${path}\n${canonicalize(req.body ?? null) ?? ""}`,
  );
  // The first answer can hold decrypted identifiers: it is stored encrypted, bound to its key.
  const where = { table: "idempotency_keys", row: JSON.stringify([actor, key]), field: "response" };
  const claimed = await db.query(
    `INSERT INTO idempotency_keys (actor, key, method, path, request_hash, status, created_at)
     VALUES ($1, $2, $3, $4, $5, 0, now()) ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
    [actor, key, req.method, path, requestHash],
  );
  if (claimed.length === 0) {
    const rows = await db.query<{
      request_hash: string;
      status: number;
      response: unknown;
      headers: Record<string, string> | null;
    }>(`SELECT request_hash, status, response, headers FROM idempotency_keys WHERE actor = $1 AND key = $2`, [
      actor,
      key,
    ]);
    const prior = rows[0];
    if (!prior) throw new AppError("conflict", "the Idempotency-Key could not be claimed; retry", {}, 409);
    if (prior.request_hash !== requestHash) {
      throw new AppError(
        "idempotency_mismatch",
        "this Idempotency-Key was already used for a different request",
      );
    }
    if (prior.status === 0) {
      throw new AppError(
        "conflict",
        "a request with this Idempotency-Key is still in progress; retry shortly",
        {},
        409,
      );
    }
    const body: unknown =
      typeof prior.response === "string" ? JSON.parse(keyring.decrypt(prior.response, where)) : null;
    // A replay hands out the first answer again (a case view, a person): that is an access too.
    await recordReplay(ctx, req, path, body);
    return reply
      .code(prior.status)
      .headers({ ...(prior.headers ?? {}), "idempotent-replayed": "true" })
      .send(body);
  }
  try {
    const created = await run();
    await db.query(
      `UPDATE idempotency_keys SET status = $3, response = $4, headers = $5 WHERE actor = $1 AND key = $2`,
      [
        actor,
        key,
        created.status,
        JSON.stringify(keyring.encrypt(JSON.stringify(created.body ?? null), where)),
        JSON.stringify(created.headers ?? {}),
      ],
    );
    return send(created);
  } catch (e) {
    // The request failed and changed nothing: free the key so a corrected retry can use it.
    await db.query(`DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2`, [actor, key]);
    throw e;
  }
}
