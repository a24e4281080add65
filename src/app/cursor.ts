/** Opaque cursors for keyset pagination: base64url JSON of the last row's sort key. */
import { AppError } from "./errors.ts";

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === "string" || typeof k === "number")
    ) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("invalid_input", "the cursor is not one this server issued; start again without it", {
    issues: [{ path: "cursor", message: "invalid cursor" }],
  });
}
