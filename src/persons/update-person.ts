import type { Person } from "../contracts/api.ts";
import { staffReachesPerson } from "../security/access/policy.ts";
import { getPerson as loadPerson, personOffices } from "./db.ts";
import { audit, type Actor, type AuditFields } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { notFound } from "../app/errors.ts";
import type { Queryable } from "../store/db.ts";

/**
 * A change to a person, for staff who reach them (like reading them; anyone else gets 404, and the
 * refusal is recorded): `change` runs in the transaction with the person's row locked and its
 * offices and countries as stored, and returns the details of the access record (never the
 * content). Answers the person as changed.
 */
export async function updatePerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  change: (
    tx: Queryable,
    stored: NonNullable<Awaited<ReturnType<typeof personOffices>>>,
  ) => Promise<AuditFields["details"]>,
): Promise<Person> {
  const at = ctx.clock();
  const person = await ctx.db.transaction(async (tx) => {
    const offices = await personOffices(tx, id, { lock: true });
    if (!offices || !staffReachesPerson(actor.principal, offices)) {
      await audit(tx, actor, at, { action: "person.update", outcome: "denied", details: { personId: id } });
      return null;
    }
    const details = await change(tx, offices);
    await audit(tx, actor, at, {
      action: "person.update",
      outcome: "ok",
      details: { personId: id, ...details },
    });
    return loadPerson(tx, ctx.keyring, id);
  });
  if (!person) throw notFound(`person ${id}`);
  return person;
}
