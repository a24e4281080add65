import { casesDueForRefresh, type CaseHeaderRow } from "../../store/cases.ts";
import { readEvents } from "../../store/event-store.ts";
import { presentCase, toCaseEvents } from "../case-view.ts";
import { today, type AppContext } from "../context.ts";
import { saveProjection } from "./save-projection.ts";

/** Recompute the projection of these cases as of today (after a holiday change or a period's end). */
export async function refreshProjections(ctx: AppContext, cases: readonly CaseHeaderRow[]): Promise<void> {
  const now = today(ctx);
  const calendar = ctx.calendar();
  for (const header of cases) {
    await ctx.db.transaction(async (tx) => {
      const events = toCaseEvents(await readEvents(tx, header.officeId, header.id));
      const presented = presentCase(header, events, now, calendar);
      await saveProjection(tx, header, header.nationality, events, presented.derived, presented.view, now);
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
