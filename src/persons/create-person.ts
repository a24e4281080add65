import { v7 as uuidv7 } from "uuid";
import type { Person, PersonInput } from "../contracts/api.ts";
import { insertPerson } from "./db.ts";
import type { AppContext } from "../app/context.ts";
import { actorName, audit, type Actor } from "../app/actor.ts";

/**
 * Register a person. Names in any script are kept as given; the search text (and its bigrams,
 * for two-syllable Korean terms) is derived from them.
 */
export async function createPerson(ctx: AppContext, actor: Actor, input: PersonInput): Promise<Person> {
  const person: Person = {
    id: uuidv7(),
    ...input,
    createdAt: ctx.clock().toISOString(),
    createdBy: actorName(actor),
  };
  await ctx.db.transaction(async (tx) => {
    await insertPerson(tx, ctx.keyring, person, actor.principal.officeId);
    await audit(tx, actor, ctx.clock(), {
      action: "person.create",
      outcome: "ok",
      details: { personId: person.id },
    });
  });
  return person;
}
