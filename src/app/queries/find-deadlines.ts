import { findDeadlines as queryDeadlines, type WorklistFilter } from "../../store/worklist.ts";
import { today, type AppContext } from "../context.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";

/** Deadlines across cases, earliest due first: the worklist. */
export async function findDeadlines(
  ctx: AppContext,
  filter: Omit<WorklistFilter, "today" | "after"> & { cursor?: string },
) {
  const key = decodeCursor(filter.cursor, 3);
  const { cursor: _c, ...rest } = filter;
  const rows = await queryDeadlines(ctx.db, {
    ...rest,
    today: today(ctx),
    ...(key ? { after: { dueOn: String(key[0]), caseId: String(key[1]), ord: Number(key[2]) } } : {}),
    limit: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ ord: _o, party, level, ...d }) => ({
      ...d,
      ...(party ? { party } : {}),
      ...(level ? { level } : {}),
    })),
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.dueOn, last.caseId, last.ord]) : null,
  };
}
