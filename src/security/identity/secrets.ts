/**
 * Bearer secrets (session and API tokens): 32 random bytes, so far beyond guessing that a plain
 * SHA-256 of the token is a safe thing to store and look up (no salt or slow hash needed).
 */
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_BYTES = 32;

export function randomToken(prefix = ""): string {
  return prefix + randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
