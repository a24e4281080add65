import { listCases, type CaseListFilter, type CaseSummaryRow } from "../../store/cases.ts";
import type { AppContext } from "../context.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";

export async function findCases(
  ctx: AppContext,
  filter: Omit<CaseListFilter, "beforeId"> & { cursor?: string },
): Promise<{ items: CaseSummaryRow[]; nextCursor: string | null }> {
  const key = decodeCursor(filter.cursor, 1);
  const { cursor: _c, ...rest } = filter;
  const rows = await listCases(ctx.db, {
    ...rest,
    ...(key ? { beforeId: String(key[0]) } : {}),
    limit: filter.limit + 1,
  });
  const items = rows.slice(0, filter.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.id]) : null };
}
