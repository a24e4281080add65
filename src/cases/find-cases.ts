import { ROLE_DEFINITIONS } from "../security/access/rights.ts";
import { listCases, type CaseListFilter, type CaseSummaryRow } from "./db/cases.ts";
import { audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { decodeCursor, encodeCursor, IdCursorKey } from "../app/cursor.ts";

/**
 * The office whose rows a staff member may list: their own, unless their role spans offices
 * (then the filter they asked for, if any). A filter for another office lists nothing.
 */
export function officeScope(
  actor: Actor,
  requested: string | undefined,
): { office?: string; empty: boolean } {
  const p = actor.principal;
  if (ROLE_DEFINITIONS[p.role].spansOffices)
    return { ...(requested ? { office: requested } : {}), empty: false };
  const own = p.officeId ?? undefined;
  if (requested && requested !== own) return { empty: true };
  return { ...(own ? { office: own } : {}), empty: !own };
}

export async function findCases(
  ctx: AppContext,
  actor: Actor,
  filter: Omit<CaseListFilter, "beforeId"> & { cursor?: string },
): Promise<{ items: CaseSummaryRow[]; nextCursor: string | null }> {
  const key = decodeCursor(filter.cursor, IdCursorKey);
  const { cursor: _c, office: requested, ...rest } = filter;
  const scope = officeScope(actor, requested);
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows = scope.empty
      ? []
      : await listCases(tx, {
          ...rest,
          ...(scope.office ? { office: scope.office } : {}),
          ...(key ? { beforeId: key[0] } : {}),
          limit: filter.limit + 1,
        });
    const items = rows.slice(0, filter.limit);
    await audit(tx, actor, at, {
      action: "case.list",
      outcome: "ok",
      officeId: scope.office ?? null,
      details: { count: items.length },
    });
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.id]) : null };
  });
}
