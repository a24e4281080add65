/**
 * Text that PostgreSQL cannot store (a NUL character) or that is not well-formed Unicode (an
 * unpaired surrogate) is refused at the door with 422, naming where it is, before any route
 * sees it: otherwise it reaches the database and fails there as an internal error.
 */
import type { FastifyInstance } from "fastify";
import { AppError } from "../app/errors.ts";

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string in `value` that cannot be stored, or null. */
export function findUnstorableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : null;
  if (value === null || typeof value !== "object" || depth > 64) return null;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const where = `${path}.${key}`;
    if (UNSTORABLE.test(key)) return where;
    const found = findUnstorableText(inner, where, depth + 1);
    if (found) return found;
  }
  return null;
}

export function installTextGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (req) => {
    for (const [name, part] of [
      ["body", req.body],
      ["querystring", req.query],
      ["params", req.params],
    ] as const) {
      const path = findUnstorableText(part, name);
      if (path) {
        throw new AppError(
          "invalid_input",
          `${path}: text may not hold a NUL character or an unpaired surrogate`,
          {
            issues: [{ path, message: "not storable text" }],
          },
        );
      }
    }
  });
}
