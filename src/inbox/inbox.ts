/**
 * What needs me: one place that gathers, for the signed-in person, their drafts that a supervisor
 * returned (with the reason), the drafts waiting for their approval, the open deadlines of the
 * cases assigned to them that fall due within a few days, and the translations assigned to them
 * that wait for their translation or review. Read from the tables each feature keeps;
 * names are decrypted only for the rows shown, and never written to the access record.
 */
import { draftsAwaitingMe, myReturnedDrafts } from "../approvals/decision-drafts.ts";
import { findDeadlines } from "../cases/db/worklist.ts";
import { worklistEntries } from "../cases/find-deadlines.ts";
import { addDays } from "../kernel/calendar/dates.ts";
import { hasRight } from "../security/access/rights.ts";
import { translationsAwaiting } from "../translations/awaiting.ts";
import { audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";

/** Deadlines listed at most, soonest first. */
const DEADLINES = 100;

export async function inbox(ctx: AppContext, actor: Actor, days: number) {
  const at = ctx.clock();
  const now = today(ctx);
  const p = actor.principal;
  return ctx.db.transaction(async (tx) => {
    const returned = hasRight(p.role, "case.read") ? await myReturnedDrafts(tx, ctx.keyring, actor) : [];
    const approvals = hasRight(p.role, "decision.approve")
      ? await draftsAwaitingMe(tx, ctx.keyring, actor)
      : [];
    const deadlines = hasRight(p.role, "deadline.read")
      ? await findDeadlines(tx, {
          today: now,
          status: "open",
          activeOnly: true,
          tasksOnly: true,
          assignedTo: p.accountId,
          ...(p.officeId ? { office: p.officeId } : {}),
          dueBefore: addDays(now, days + 1),
          limit: DEADLINES,
        })
      : [];
    const translations = hasRight(p.role, "translation.work")
      ? await translationsAwaiting(tx, ctx.keyring, p.accountId)
      : [];
    await audit(tx, actor, at, {
      action: "inbox.read",
      outcome: "ok",
      officeId: p.officeId ?? null,
      details: {
        returned: returned.length,
        approvals: approvals.length,
        deadlines: deadlines.length,
        translations: translations.length,
      },
    });
    return {
      days,
      count: returned.length + approvals.length + deadlines.length + translations.length,
      returnedDrafts: returned,
      approvals,
      deadlines: worklistEntries(ctx.keyring, deadlines),
      translations,
    };
  });
}
