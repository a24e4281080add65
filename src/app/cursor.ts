/**
 * Opaque cursors for keyset pagination: base64url JSON of the last row's sort key. A cursor comes
 * back from the client, so it is checked like any input: one that does not decode to a key of the
 * list's shape (an id that is not a UUID, a date outside the sane range, a number too large for the
 * database) is a client's mistake, answered with 422, never a query that fails (500).
 */
import { z } from "zod";
import { IdSchema, LegalDateSchema } from "../contracts/common.ts";
import { AppError } from "./errors.ts";

/** The key of a list ordered by id: cases. */
export const IdCursorKey = z.tuple([IdSchema]);
/** The key of the worklist: due date, case, and the deadline's place in the case (an int4). */
export const DeadlineCursorKey = z.tuple([
  LegalDateSchema,
  IdSchema,
  z.number().int().min(0).max(2_147_483_647),
]);

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<K extends z.ZodType>(cursor: string | undefined, key: K): z.infer<K> | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const parsed = key.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError("invalid_input", "the cursor is not one this server issued; start again without it", {
    issues: [{ path: "cursor", message: "invalid cursor" }],
  });
}
