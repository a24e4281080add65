/**
 * The alerts administrators and supervisors see (docs/security.md requirements 8 and 15): a
 * refused disclosure, one held until its recipient is confirmed, an access one administrator
 * approved alone (break-glass). Every office's for roles that span offices, else those about the
 * actor's own office's cases.
 *
 * An alert stays open until someone who sees it acknowledges it with a note of what was done. Not
 * the person who set it off (who asked for the refused disclosure), and not a break-glass alert,
 * which is acknowledged by reviewing that approval (`POST /access-requests/{id}/review`).
 */
import { audit, actorName, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { ROLE_DEFINITIONS } from "../security/access/rights.ts";
import { acknowledgeAlertRow, lockAlert, openAlerts, type Alert } from "./db.ts";

export type { Alert } from "./db.ts";

/** The offices whose alerts the actor sees: null for every office. */
function alertOffice(actor: Actor): { all: true } | { all: false; officeId: string | null } {
  const p = actor.principal;
  return p.system === true || ROLE_DEFINITIONS[p.role].spansOffices
    ? { all: true }
    : { all: false, officeId: p.officeId };
}

/** Open alerts: every office's for roles that span offices, else those of the actor's office. */
export async function listOpenAlerts(ctx: AppContext, actor: Actor): Promise<Alert[]> {
  const reach = alertOffice(actor);
  if (!reach.all && !reach.officeId) return [];
  return openAlerts(ctx.db, reach.all ? null : reach.officeId);
}

export async function acknowledgeAlert(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { note: string },
): Promise<void> {
  const at = ctx.clock();
  const reach = alertOffice(actor);
  const refuse = (message: string, status: 403 | 409) =>
    new AppError(status === 403 ? "forbidden" : "conflict", message, {}, status);
  const outcome = await ctx.db.transaction(async (tx) => {
    const alert = await lockAlert(tx, id);
    const officeId = typeof alert?.details.officeId === "string" ? alert.details.officeId : null;
    const caseId = typeof alert?.details.caseId === "string" ? alert.details.caseId : null;
    if (!alert || (!reach.all && (!reach.officeId || officeId !== reach.officeId))) {
      // An alert out of reach answers like one that does not exist; the attempt is recorded.
      await audit(tx, actor, at, {
        action: "alert.acknowledge",
        outcome: "denied",
        details: { requested: id },
      });
      return { reached: false as const };
    }
    const refusal = alert.acknowledgedAt
      ? refuse("the alert was already acknowledged", 409)
      : alert.kind === "access_break_glass"
        ? refuse("a break-glass alert is acknowledged by reviewing the approval it reports", 409)
        : alert.details.requestedBy === actorName(actor)
          ? refuse("the alert is about your own request: someone else must acknowledge it", 403)
          : null;
    await audit(tx, actor, at, {
      action: "alert.acknowledge",
      outcome: refusal ? "failed" : "ok",
      caseId,
      officeId,
      details: refusal ? { alertId: id, refused: refusal.kind } : { alertId: id, kind: alert.kind },
    });
    if (!refusal)
      await acknowledgeAlertRow(tx, ctx.keyring, { id, by: actorName(actor), at, note: input.note });
    return { reached: true as const, refusal };
  });
  if (!outcome.reached) throw notFound(`alert ${id}`);
  if (outcome.refusal) throw outcome.refusal;
}
