import type { Person, PersonCountries } from "../contracts/api.ts";
import { addPersonCountries } from "./db.ts";
import type { Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import { updatePerson } from "./update-person.ts";

/** What a person's record may hold of each list (as PersonInputSchema). */
const MAX_COUNTRIES = 10;
const UNKNOWN = "XXX";

/**
 * Record countries the applicant fears, or where they habitually lived, learned after intake
 * (docs/security.md requirement 8). Countries are only ever added, so the country-of-origin barrier
 * only grows stronger; a real feared country takes the place of "unknown" (XXX). For staff who
 * reach the person (like reading them); anyone else gets 404. The change is recorded.
 */
export async function addCountries(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: PersonCountries,
): Promise<Person> {
  return updatePerson(ctx, actor, id, async (tx, offices) => {
    const merge = (stored: readonly string[], added: readonly string[] = []) => {
      const all = [...new Set([...stored, ...added])];
      return added.some((c) => c !== UNKNOWN) ? all.filter((c) => c !== UNKNOWN) : all;
    };
    const countriesFeared = merge(offices.countriesFeared, input.countriesFeared);
    const formerResidences = merge(offices.formerResidences, input.formerResidences);
    for (const [field, list] of [
      ["countriesFeared", countriesFeared],
      ["formerResidences", formerResidences],
    ] as const)
      if (list.length > MAX_COUNTRIES)
        throw new AppError("invalid_input", `a person holds at most ${MAX_COUNTRIES} countries in ${field}`, {
          issues: [{ path: `body.${field}`, message: `at most ${MAX_COUNTRIES} in all` }],
        });
    await addPersonCountries(tx, id, { countriesFeared, formerResidences });
    return { countriesFeared: countriesFeared.length, formerResidences: formerResidences.length };
  });
}
