/**
 * The policies a simulation may replay: those the Korean profile lists
 * (`src/profiles/kr-refugee-act/reapplication/index.ts`), whatever their standing (law, bill or
 * comparison), since a simulation never decides a case.
 */
import { AppError } from "../../app/errors.ts";
import type { ReapplicationPolicy } from "../../kernel/reapplication/policy.ts";
import { REAPPLICATION_POLICIES } from "../../profiles/kr-refugee-act/reapplication/index.ts";

/** Every policy the profile offers, in its order. */
export function policyCatalogue(): readonly ReapplicationPolicy[] {
  return REAPPLICATION_POLICIES;
}

/** The policies named, in the order named; an unknown id is a 422 naming the known ones. */
export function resolvePolicies(
  ids: readonly string[],
  catalogue: readonly ReapplicationPolicy[] = policyCatalogue(),
): ReapplicationPolicy[] {
  if (ids.length === 0) throw new AppError("invalid_input", "name at least one policy");
  return [...new Set(ids)].map((id) => {
    const p = catalogue.find((x) => x.id === id);
    if (!p)
      throw new AppError(
        "invalid_input",
        `no re-application policy "${id}"; known: ${catalogue.map((x) => x.id).join(", ")}`,
      );
    return p;
  });
}
