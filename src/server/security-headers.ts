/**
 * Security headers on every response (docs/security.md requirement 16): a content security policy that forbids
 * framing, HSTS, no MIME sniffing, no referrer, and no caching of anything from the API, which
 * carries personal data. The API documentation page needs its own scripts and styles, nothing else.
 */
import type { FastifyInstance, FastifyReply } from "fastify";

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_req, reply, payload) => {
    applySecurityHeaders(reply);
    return payload;
  });
}

/** Set the headers on one reply (also used where hooks do not run: errors of the router itself). */
export function applySecurityHeaders(reply: FastifyReply): void {
  const url = reply.request.url;
  const api = url.startsWith("/api/v1") || url.startsWith("/api/openapi.json");
  // A file of evidence served inline brings its own, stricter policy (a sandbox): it is kept.
  const own = reply.getHeader("content-security-policy");
  const sandboxed = api && typeof own === "string" && own.includes("sandbox");
  if (!sandboxed) reply.header("content-security-policy", api ? API_CSP : PAGE_CSP);
  reply.header("strict-transport-security", "max-age=63072000; includeSubDomains");
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "no-referrer");
  reply.header("x-frame-options", "DENY");
  reply.header("cross-origin-opener-policy", "same-origin");
  reply.header("cross-origin-resource-policy", "same-origin");
  reply.header("permissions-policy", "camera=(), microphone=(), geolocation=()");
  if (api) reply.header("cache-control", "no-store");
}
