/**
 * Who may be given a translation to translate or review: the active accounts whose role holds
 * `translation.work`, of the requester's office or of none (translators serve every office).
 * Their ids, names and roles only; the reading is in the audit log.
 */
import { audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { hasRight, ROLE_DEFINITIONS, type Role } from "../security/access/rights.ts";

export interface TranslationPerson {
  id: string;
  displayName: string;
  role: string;
}

const WORKING_ROLES = (Object.keys(ROLE_DEFINITIONS) as Role[]).filter((r) =>
  hasRight(r, "translation.work"),
);

export async function translationPeople(ctx: AppContext, actor: Actor): Promise<TranslationPerson[]> {
  const officeId = actor.principal.officeId ?? null;
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<TranslationPerson>(
      `SELECT id, display_name AS "displayName", role FROM accounts
        WHERE role = ANY($1::text[]) AND disabled_at IS NULL
          AND (office_id IS NULL OR office_id = $2)
        ORDER BY role DESC, display_name, id`,
      [WORKING_ROLES, officeId],
    );
    await audit(tx, actor, ctx.clock(), {
      action: "translation.people.list",
      outcome: "ok",
      officeId,
      details: { count: rows.length },
    });
    return rows;
  });
}
