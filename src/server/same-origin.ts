/**
 * A request that changes something on the strength of a session cookie must come from the
 * application's own pages (docs/security.md requirement 3). The cookie is SameSite=Strict, but
 * "site" is wider than "origin": a page on a sibling host (another service of the same ministry,
 * another port of the same machine) is same-site, and its requests carry the cookie. So every
 * POST, PUT, PATCH and DELETE made with a session must prove its origin, whatever its content
 * type, through what the browser alone sets and a page cannot forge:
 *
 * - `Sec-Fetch-Site: same-origin` (every current browser sends it), or, without that header,
 * - an `Origin` equal to the application's own origin (`ServerOptions.origin`).
 *
 * Anything else (`cross-site`, `same-site`, `none`, another or an opaque `null` origin, or no
 * word at all) is refused with 403 before the route runs, and changes nothing. Bearer-token
 * clients are other systems, not browsers: they are not asked. Signing in is not made with a
 * session, but a browser that says it comes from elsewhere is refused there too, so that no
 * other page can sign someone in to an account of its choosing.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../app/errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Where the browser says a request comes from: this application, elsewhere, or it did not say. */
export type Provenance = "same-origin" | "elsewhere" | "unsaid";

export function provenance(req: FastifyRequest, ownOrigin: string): Provenance {
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") return site.trim() === "same-origin" ? "same-origin" : "elsewhere";
  const origin = req.headers.origin;
  if (typeof origin === "string") return origin.trim() === ownOrigin ? "same-origin" : "elsewhere";
  return "unsaid";
}

/** `https://Rsd.example.go.kr:443/` → `https://rsd.example.go.kr`: as a browser serializes it. */
export function serializedOrigin(origin: string): string {
  return new URL(origin).origin;
}

/** Registered after `installAuthentication`: the principal is known when this runs. */
export function installOriginCheck(app: FastifyInstance, origin: string): void {
  const own = serializedOrigin(origin);
  app.addHook("onRequest", async (req) => {
    if (SAFE_METHODS.has(req.method) || req.principal?.via === "token") return;
    const from = provenance(req, own);
    if (from === "same-origin") return;
    if (from === "elsewhere" || req.principal?.via === "session") {
      throw new AppError(
        "cross_origin",
        from === "elsewhere"
          ? "this request comes from another origin; only the application's own pages may change anything with a session"
          : "a request made with a session must say where it comes from: send Origin (browsers do), or use an API token",
      );
    }
  });
}
