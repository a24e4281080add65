/**
 * Who is asking: a session cookie (`__Host-openrsd_session`, for the browser and the portal) or a
 * bearer token (for other systems). Every `/api/v1` route needs one, except signing in, the
 * public statistics and the API's own description; without one the answer is 401.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../app/errors.ts";
import type { AppContext } from "../app/context.ts";
import { isRole, type Right } from "../security/access/rights.ts";
import { may, type Principal } from "../security/access/policy.ts";
import { resolveApiToken } from "../security/identity/api-tokens.ts";
import { resolveSession } from "../security/identity/sessions.ts";

export const SESSION_COOKIE = "__Host-openrsd_session";
/** The account whose token the command line uses to reach a running server (see src/cli/operator.ts). */
export const OPERATOR_USERNAME = "operator";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Routes anyone may call. Everything else under /api/v1 needs a principal. */
const PUBLIC = [
  /^\/api\/v1\/auth\/(login|passkey\/options)$/,
  // A new account's user, before they have a password: the link and the code are the credential.
  /^\/api\/v1\/enrolment(\/start)?$/,
  /^\/api\/v1\/public\//,
  /^\/api\/v1\/health$/,
];

export function isPublic(url: string): boolean {
  const path = url.split("?")[0] ?? url;
  return !path.startsWith("/api/v1/") || PUBLIC.some((re) => re.test(path));
}

export function cookieValue(req: FastifyRequest, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A malformed escape is no session at all (401 where one is needed), never an error.
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== "string") return null;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})$/.exec(h.trim());
  return m?.[1] ?? null;
}

export async function resolvePrincipal(ctx: AppContext, req: FastifyRequest): Promise<Principal | null> {
  const now = ctx.clock();
  const token = bearer(req);
  if (token) {
    const account = await resolveApiToken(ctx.db, token, now);
    if (!account || !isRole(account.role)) return null;
    return {
      accountId: account.id,
      username: account.username,
      role: account.role,
      officeId: account.officeId,
      via: "token",
      scopes: account.scopes,
      ...(account.username === OPERATOR_USERNAME && account.role === "administrator"
        ? { operator: true }
        : {}),
    };
  }
  const cookie = cookieValue(req, SESSION_COOKIE);
  if (!cookie) return null;
  const resolved = await resolveSession(ctx.db, cookie, now);
  if (!resolved || !isRole(resolved.account.role)) return null;
  const { account, session } = resolved;
  return {
    accountId: account.id,
    username: account.username,
    role: account.role,
    officeId: account.officeId,
    via: "session",
    sessionId: session.idHash,
    mfaAt: session.mfaAt,
  };
}

export function installAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (req) => {
    req.principal = await resolvePrincipal(ctx, req);
    // The route the router matched (on the normalized path, src/server/normalize-url.ts) decides,
    // not the text of the URL; a path that matched no route is judged by its normalized text.
    if (!req.principal && !isPublic(req.routeOptions.url ?? req.url)) {
      throw new AppError(
        "unauthenticated",
        "sign in first (POST /api/v1/auth/login), or send a bearer token",
      );
    }
  });
}

/** The principal of an authenticated route (the hook has already refused anonymous requests). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError("unauthenticated", "sign in first");
  return req.principal;
}

/** A right the route needs whatever the object: missing it is 403 (for a case, see `reachesCase`: 404). */
export function requireRight(req: FastifyRequest, right: Right): Principal {
  const p = principalOf(req);
  if (!may(p, right)) throw new AppError("forbidden", `your role (${p.role}) may not do this (${right})`);
  return p;
}
