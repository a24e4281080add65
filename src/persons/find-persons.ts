import type { Person } from "../contracts/api.ts";
import { findPersonIdsByIdentifier } from "./db.ts";
import { audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { getPerson } from "./get-person.ts";
import { AppError } from "../app/errors.ts";

/**
 * Find persons by the exact value of an identifier (passport, alien registration …), through its
 * keyed blind index: the database is never asked to decrypt or compare plaintext. Only persons the
 * actor may read are returned.
 */
export async function findPersonsByIdentifier(
  ctx: AppContext,
  actor: Actor,
  kind: string,
  value: string,
): Promise<Person[]> {
  const ids = await findPersonIdsByIdentifier(ctx.db, ctx.keyring, kind, value);
  await ctx.db.transaction((tx) =>
    audit(tx, actor, ctx.clock(), {
      action: "person.search",
      outcome: "ok",
      details: { kind, matches: ids.length },
    }),
  );
  const out: Person[] = [];
  for (const id of ids) {
    try {
      out.push(await getPerson(ctx, actor, id));
    } catch (e) {
      if (!(e instanceof AppError && e.kind === "not_found")) throw e;
    }
  }
  return out;
}
