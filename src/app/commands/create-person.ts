import { v7 as uuidv7 } from "uuid";
import type { Person, PersonInput } from "../../contracts/api.ts";
import { insertPerson } from "../../store/persons.ts";
import type { AppContext } from "../context.ts";

/**
 * Register a person. Names in any script are kept as given; the search text (and its bigrams,
 * for two-syllable Korean terms) is derived from them.
 */
export async function createPerson(ctx: AppContext, actor: string, input: PersonInput): Promise<Person> {
  const person: Person = {
    id: uuidv7(),
    ...input,
    createdAt: ctx.clock().toISOString(),
    createdBy: actor,
  };
  await insertPerson(ctx.db, person);
  return person;
}
