import type { Person, PersonContact } from "../contracts/api.ts";
import { setPersonContact } from "./db.ts";
import type { Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { updatePerson } from "./update-person.ts";

/**
 * Change where the applicant can be reached and who acts for them, learned after intake (a new
 * address, a lawyer instructed later): both are replaced as given, sealed like at intake. For staff
 * who reach the person; anyone else gets 404. The change is recorded, without its content.
 */
export async function updateContact(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: PersonContact,
): Promise<Person> {
  return updatePerson(ctx, actor, id, async (tx) => {
    await setPersonContact(tx, ctx.keyring, id, input);
    return {
      contact: input.contact ? "set" : "removed",
      representative: input.representative ? "set" : "removed",
    };
  });
}
