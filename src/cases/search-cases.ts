import { findPersonIdsByIdentifier, nameBlocks, openNames } from "../persons/db.ts";
import { namesMatch, queryWords } from "../persons/name-keys.ts";
import type { Queryable } from "../store/db.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import { searchCases as querySearch, type CaseSearchFilter, type CaseSearchRow } from "./db/cases.ts";
import { audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { decodeCursor, encodeCursor, IdCursorKey } from "../app/cursor.ts";
import { officeScope } from "./find-cases.ts";

export interface CaseSearch {
  name?: string;
  caseNumber?: string;
  identifierKind?: string;
  identifier?: string;
  office?: string;
  stage?: string;
  nationality?: string;
  cursor?: string;
  limit: number;
}

/** Candidates read per round trip of a name search: decrypted and compared in the application. */
const BATCH = 200;

/**
 * The case list of the web workspace: the cases the actor may list, with the applicant's names,
 * found by name (any script, see src/persons/name-keys.ts), identifier (exact, through its blind
 * index), nationality, stage and office. Names are stored only encrypted: the database narrows a
 * name search to candidates by keyed, truncated blocking keys, and the names of the candidates are
 * decrypted and compared here. The search terms travel in a request body and are never written
 * to the audit trail.
 */
export async function searchCases(
  ctx: AppContext,
  actor: Actor,
  search: CaseSearch,
): Promise<{ items: CaseSearchRow[]; nextCursor: string | null }> {
  const key = decodeCursor(search.cursor, IdCursorKey);
  const scope = officeScope(actor, search.office);
  const personIds =
    search.identifierKind && search.identifier
      ? await findPersonIdsByIdentifier(ctx.db, ctx.keyring, search.identifierKind, search.identifier)
      : undefined;
  const words = queryWords(search.name ?? "");
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows =
      scope.empty || (personIds && personIds.length === 0)
        ? []
        : await matchingCases(tx, ctx.keyring, words, search.limit + 1, {
            ...(scope.office ? { office: scope.office } : {}),
            ...(search.stage ? { stage: search.stage } : {}),
            ...(search.nationality ? { nationality: search.nationality } : {}),
            ...(search.caseNumber ? { caseNumber: search.caseNumber } : {}),
            ...(personIds ? { personIds } : {}),
            ...(key ? { beforeId: key[0] } : {}),
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

/**
 * Up to `limit` cases, newest first, whose applicant's names match every word: candidates a batch
 * at a time by blocking keys, their names decrypted (once per person) and compared.
 */
export async function matchingCases(
  tx: Queryable,
  keyring: Keyring,
  words: ReturnType<typeof queryWords>,
  limit: number,
  filter: Omit<CaseSearchFilter, "limit" | "nameBlocks">,
): Promise<CaseSearchRow[]> {
  const blocks = words.filter((w) => w.keys.length > 0).map((w) => nameBlocks(keyring, w.keys));
  const names = new Map<string, CaseSearchRow["names"]>();
  const found: CaseSearchRow[] = [];
  let beforeId = filter.beforeId;
  for (;;) {
    const batch = words.length ? Math.max(BATCH, limit) : limit;
    const candidates = await querySearch(tx, {
      ...filter,
      ...(beforeId ? { beforeId } : {}),
      ...(blocks.length ? { nameBlocks: blocks } : {}),
      limit: batch,
    });
    for (const { namesEnc, names: plain, ...row } of candidates) {
      let decrypted = names.get(row.personId);
      if (!decrypted) {
        decrypted = openNames(keyring, { id: row.personId, names_enc: namesEnc, names: plain });
        names.set(row.personId, decrypted);
      }
      if (namesMatch(words, decrypted)) found.push({ ...row, names: decrypted });
      if (found.length === limit) return found;
    }
    const last = candidates.at(-1);
    if (candidates.length < batch || !last) return found;
    beforeId = last.id;
  }
}
