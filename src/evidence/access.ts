/**
 * Who may attach evidence to a case (docs/evidence.md, "Access"): the office's staff whose role
 * carries evidence.attach and who reach the case, an interpreter assigned to an interview of the
 * case, and a representative while holding a current mandate for it (through the portal, on the
 * same upload routes).
 */
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { holdsCurrentMandate } from "../security/access/db.ts";
import { may, reachesCase, type Principal } from "../security/access/policy.ts";
import type { Queryable } from "../store/db.ts";

export async function mayAttachEvidence(
  tx: Queryable,
  principal: Principal,
  c: { id: string; officeId: string },
  today: LegalDate,
): Promise<boolean> {
  if (await reachesCase(tx, principal, "evidence.attach", c, today)) return true;
  if (principal.role === "representative" && may(principal, "portal.read"))
    return holdsCurrentMandate(tx, principal.accountId, c, today);
  if (principal.role === "interpreter" && may(principal, "evidence.attach"))
    return interpretsFor(tx, principal.accountId, c);
  return false;
}

/** Whether the interpreter is assigned to an interview of this case. */
export async function interpretsFor(
  db: Queryable,
  interpreterId: string,
  c: { id: string; officeId: string },
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM interview_assignments WHERE office_id = $1 AND case_id = $2 AND interpreter_id = $3 LIMIT 1`,
    [c.officeId, c.id, interpreterId],
  );
  return rows.length > 0;
}
