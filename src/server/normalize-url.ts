/**
 * One spelling per path, before routing and before the sign-in gate (docs/security.md requirement
 * 16). The router decodes `%61pi` to `api` when it matches a route, so a gate or a header rule that
 * looked at the undecoded path could be walked around: `/%61pi/v1/offices` would reach the offices
 * route without a sign-in and without the API's headers. Every request's path is therefore
 * normalized first (RFC 3986 §6.2.2): an escaped unreserved character (a letter, a digit, `-`, `.`,
 * `_`, `~`) is decoded, and every other escape is kept, with upper-case hex digits. Everything after
 * the router sees only that spelling. An escaped `/` stays escaped: it is part of a segment, not a
 * separator.
 */

const UNRESERVED = /^[A-Za-z0-9._~-]$/;

function normalizeEscape(escape: string, hex: string): string {
  const char = String.fromCharCode(Number.parseInt(hex, 16));
  return UNRESERVED.test(char) ? char : escape.toUpperCase();
}

/** The URL with its path normalized; the query string is left as it was sent. */
export function normalizeUrl(url: string): string {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const normalized = path.replace(/%([0-9A-Fa-f]{2})/g, normalizeEscape);
  return q < 0 ? normalized : normalized + url.slice(q);
}
