import { findPersonIdsByIdentifier } from "../persons/db.ts";
import { searchCases as querySearch, type CaseSearchRow } from "./db/cases.ts";
import { audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { decodeCursor, encodeCursor } from "../app/cursor.ts";
import { officeScope } from "./find-cases.ts";

export interface CaseSearch {
  name?: string;
  identifierKind?: string;
  identifier?: string;
  office?: string;
  stage?: string;
  nationality?: string;
  cursor?: string;
  limit: number;
}

/**
 * The case list of the web workspace: the cases the actor may list, with the applicant's names,
 * found by name (any script), identifier (exact, through its blind index), nationality, stage and
 * office. The search terms travel in a request body and are never written to the audit trail.
 */
export async function searchCases(
  ctx: AppContext,
  actor: Actor,
  search: CaseSearch,
): Promise<{ items: CaseSearchRow[]; nextCursor: string | null }> {
  const key = decodeCursor(search.cursor, 1);
  const scope = officeScope(actor, search.office);
  const personIds =
    search.identifierKind && search.identifier
      ? await findPersonIdsByIdentifier(ctx.db, ctx.keyring, search.identifierKind, search.identifier)
      : undefined;
  const nameWords = (search.name ?? "").split(/\s+/).filter((w) => w.length > 0);
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows =
      scope.empty || (personIds && personIds.length === 0)
        ? []
        : await querySearch(tx, {
            ...(scope.office ? { office: scope.office } : {}),
            ...(search.stage ? { stage: search.stage } : {}),
            ...(search.nationality ? { nationality: search.nationality } : {}),
            ...(personIds ? { personIds } : {}),
            ...(nameWords.length ? { nameWords } : {}),
            ...(key ? { beforeId: String(key[0]) } : {}),
            limit: search.limit + 1,
          });
    const items = rows.slice(0, search.limit);
    await audit(tx, actor, at, {
      action: "case.list",
      outcome: "ok",
      officeId: scope.office ?? null,
      details: { count: items.length, search: true },
    });
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > search.limit && last ? encodeCursor([last.id]) : null };
  });
}
