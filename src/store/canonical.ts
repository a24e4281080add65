/** RFC 8785 canonical JSON (the `canonicalize` package, a CommonJS module with a default export). */
import canonicalizeModule from "canonicalize";

type Serialize = (input: unknown) => string | undefined;
const serialize: Serialize =
  typeof canonicalizeModule === "function"
    ? (canonicalizeModule as Serialize)
    : (canonicalizeModule as unknown as { default: Serialize }).default;

export function canonicalize(value: unknown): string {
  const out = serialize(value);
  if (out === undefined) throw new TypeError("value cannot be represented as canonical JSON");
  return out;
}
