import type { Person } from "../contracts/api.ts";
import { personIsOnAgenda } from "../security/access/db.ts";
import { may, staffReachesPerson } from "../security/access/policy.ts";
import { getPerson as loadPerson, personOffices } from "./db.ts";
import { audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { notFound } from "../app/errors.ts";

/**
 * A person, for staff who may read persons: every person for roles that span offices; otherwise
 * a person registered by the actor's office or with a case there; for a member of the committee, a
 * person with a case on its agenda. Anyone else: 404.
 */
export async function getPerson(ctx: AppContext, actor: Actor, id: string): Promise<Person> {
  const p = actor.principal;
  const at = ctx.clock();
  const person = await ctx.db.transaction(async (tx) => {
    // Reach first, decrypt after: nothing is decrypted for a person out of reach.
    const offices = may(p, "person.read") ? await personOffices(tx, id) : null;
    const reached =
      offices !== null &&
      (p.role === "committee_member"
        ? await personIsOnAgenda(tx, id, today(ctx))
        : staffReachesPerson(p, offices));
    await audit(tx, actor, at, {
      action: "person.read",
      outcome: reached ? "ok" : "denied",
      details: { personId: id },
    });
    return reached ? loadPerson(tx, ctx.keyring, id) : null;
  });
  if (!person) throw notFound(`person ${id}`);
  return person;
}
