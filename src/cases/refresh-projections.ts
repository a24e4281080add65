import { casesDueForRefresh, casesWithStaleFold, loadCaseHead, type CaseHeaderRow } from "./db/cases.ts";
import { currentSnapshot, project } from "./write.ts";
import { calendarOf, today, type AppContext } from "../app/context.ts";

/**
 * Recompute the projection of these cases as of today (after a holiday change or a period's end),
 * from each case's snapshot (or its history, when no snapshot of the current fold exists).
 */
export async function refreshProjections(ctx: AppContext, cases: readonly CaseHeaderRow[]): Promise<void> {
  for (const c of cases) {
    await ctx.db.transaction(async (tx) => {
      const head = await loadCaseHead(tx, c.id);
      if (!head) return;
      const profile = ctx.profiles.require(head.header.profile);
      const snapshot = await currentSnapshot(tx, ctx.keyring, profile, head);
      await project(
        tx,
        ctx.keyring,
        profile,
        head.header,
        snapshot,
        head.version,
        today(ctx, profile),
        calendarOf(ctx, profile),
      );
    });
  }
}

/**
 * Bring forward every case whose stage or deadlines changed because a period ran out since its
 * last event (e.g. a refusal becoming final). Run at start-up and then periodically.
 */
export async function refreshDueProjections(ctx: AppContext, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await casesDueForRefresh(ctx.db, today(ctx), batch);
    if (due.length === 0) return total;
    await refreshProjections(ctx, due);
    total += due.length;
    if (due.length < batch) return total;
  }
}

/**
 * Recompute the view of every case whose snapshot an older version of its profile's fold made
 * (the profile's rules changed: a new foldVersion). Without this, a case nobody touches would keep
 * the stage and due dates of the old rules in the worklist until its next event. Run at start-up.
 */
export async function refreshStaleFolds(ctx: AppContext, batch = 500): Promise<number> {
  let total = 0;
  for (const profile of ctx.profiles.all()) {
    let after: string | null = null;
    for (;;) {
      const stale = await casesWithStaleFold(ctx.db, profile.id, profile.foldVersion, after, batch);
      if (stale.length === 0) break;
      await refreshProjections(ctx, stale);
      total += stale.length;
      after = stale[stale.length - 1]?.id ?? null;
      if (stale.length < batch) break;
    }
  }
  return total;
}
