/** Helpers for the profile's tests: find the one deadline a scenario is about. */
import { expect } from "vitest";
import type { Deadline } from "../../kernel/procedure/deadlines.ts";
import type { KrDerived } from "./derive.ts";

/** The one deadline of `kind` (and these fields, e.g. party and level) in the view; fails unless exactly one. */
export function deadline(v: KrDerived, kind: string, extra: Record<string, unknown> = {}): Deadline {
  const found = v.deadlines.filter(
    (d) =>
      d.kind === kind &&
      Object.entries(extra).every(([k, val]) => (d as unknown as Record<string, unknown>)[k] === val),
  );
  expect(found, `exactly one ${kind} deadline ${JSON.stringify(extra)}`).toHaveLength(1);
  return found[0]!;
}
