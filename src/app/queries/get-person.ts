import type { Person } from "../../contracts/api.ts";
import { ROLE_DEFINITIONS, hasRight } from "../../security/access/rights.ts";
import { getPerson as loadPerson } from "../../store/persons.ts";
import { audit, type Actor } from "../actor.ts";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";

/**
 * A person, for staff who may read persons: those of every office for roles that span offices;
 * otherwise a person with a case in the actor's office, or with no case yet (just registered).
 */
export async function getPerson(ctx: AppContext, actor: Actor, id: string): Promise<Person> {
  const p = actor.principal;
  const at = ctx.clock();
  const person = await ctx.db.transaction(async (tx) => {
    const found = hasRight(p.role, "person.read") ? await loadPerson(tx, ctx.keyring, id) : null;
    let reached = found !== null;
    if (found && !ROLE_DEFINITIONS[p.role].spansOffices) {
      const offices = await tx.query<{ office_id: string }>(
        `SELECT DISTINCT office_id FROM cases WHERE person_id = $1`,
        [id],
      );
      reached = offices.length === 0 || offices.some((o) => o.office_id === p.officeId);
    }
    await audit(tx, actor, at, {
      action: "person.read",
      outcome: reached ? "ok" : "denied",
      details: { personId: id },
    });
    return reached ? found : null;
  });
  if (!person) throw notFound(`person ${id}`);
  return person;
}
