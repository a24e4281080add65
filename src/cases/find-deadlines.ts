import { findDeadlines as queryDeadlines, type WorklistFilter } from "./db/worklist.ts";
import { audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { DeadlineCursorKey, decodeCursor, encodeCursor } from "../app/cursor.ts";
import { officeScope } from "./find-cases.ts";

/** Deadlines across the cases the actor reaches, earliest due first: the worklist. */
export async function findDeadlines(
  ctx: AppContext,
  actor: Actor,
  filter: Omit<WorklistFilter, "today" | "after"> & { cursor?: string },
) {
  const key = decodeCursor(filter.cursor, DeadlineCursorKey);
  const { cursor: _c, office: requested, ...rest } = filter;
  const scope = officeScope(actor, requested);
  if (scope.empty) return { items: [], nextCursor: null };
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows = await queryDeadlines(tx, {
      ...rest,
      ...(scope.office ? { office: scope.office } : {}),
      today: today(ctx),
      ...(key ? { after: { dueOn: key[0], caseId: key[1], ord: key[2] } } : {}),
      limit: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    await audit(tx, actor, at, {
      action: "deadline.list",
      outcome: "ok",
      officeId: scope.office ?? null,
      details: { count: page.length },
    });
    const last = page[page.length - 1];
    return {
      items: page.map(({ ord: _o, party, level, ...d }) => ({
        ...d,
        ...(party ? { party } : {}),
        ...(level ? { level } : {}),
      })),
      nextCursor:
        rows.length > filter.limit && last ? encodeCursor([last.dueOn, last.caseId, last.ord]) : null,
    };
  });
}
