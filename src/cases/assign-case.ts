/**
 * Who works a case: a supervisor assigns it to an examiner (or a supervisor) of its office, whose
 * worklist then shows it under "my cases". An assignment is not part of the procedure: it is kept
 * on the case row (`cases.assigned_to`), through the one case-write path, with its access record.
 */
import { audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import type { Queryable } from "../store/db.ts";
import { writeCase } from "./write.ts";

/** The roles a case can be assigned to. */
const ASSIGNABLE_ROLES = ["examiner", "supervisor"];

interface Assignable {
  id: string;
  displayName: string;
  role: string;
}

async function assignableOf(db: Queryable, officeId: string): Promise<Assignable[]> {
  return db.query<Assignable>(
    `SELECT id, display_name AS "displayName", role FROM accounts
      WHERE office_id = $1 AND role = ANY($2::text[]) AND disabled_at IS NULL AND NOT service
      ORDER BY display_name, id`,
    [officeId, ASSIGNABLE_ROLES],
  );
}

/** Assign the case to `accountId` (null: to nobody); the assignee as the case now shows it. */
export async function assignCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  accountId: string | null,
): Promise<{ assignee: Assignable | null }> {
  return writeCase(ctx, actor, caseId, {
    action: "case.assign",
    right: "case.assign",
    async run({ tx, header }) {
      let assignee: Assignable | null = null;
      if (accountId !== null) {
        assignee = (await assignableOf(tx, header.officeId)).find((a) => a.id === accountId) ?? null;
        if (!assignee) {
          throw new AppError(
            "invalid_input",
            "accountId must be an active examiner or supervisor of the case's office",
            { issues: [{ path: "accountId", message: "not an examiner of this office" }] },
          );
        }
      }
      await tx.query("UPDATE cases SET assigned_to = $3 WHERE office_id = $1 AND id = $2", [
        header.officeId,
        caseId,
        accountId,
      ]);
      return { result: { assignee }, details: { assignedTo: accountId } };
    },
  });
}

/** The examiners and supervisors of the actor's office, to whom its cases can be assigned. */
export async function listAssignable(ctx: AppContext, actor: Actor): Promise<Assignable[]> {
  const officeId = actor.principal.officeId;
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const items = officeId ? await assignableOf(tx, officeId) : [];
    await audit(tx, actor, at, {
      action: "case.assignable.list",
      outcome: "ok",
      officeId: officeId ?? null,
      details: { count: items.length },
    });
    return items;
  });
}
