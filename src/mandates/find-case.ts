/**
 * Finding the case a mandate is for, by the applicant's name (any script) or the case number: an
 * administrator grants mandates but reads no case files, so a match shows only what confirming it
 * needs (the applicant's names and nationality, the case's number, office and filing date). The
 * search terms travel in a request body and are never written to the access record.
 */
import { audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { matchingCases } from "../cases/search-cases.ts";
import { officeScope } from "../cases/find-cases.ts";
import { queryWords } from "../persons/name-keys.ts";

/** Matches shown at most: a person picks one, or narrows the search. */
const MATCHES = 20;

export async function findCasesForMandate(
  ctx: AppContext,
  actor: Actor,
  q: { name?: string | undefined; caseNumber?: string | undefined },
) {
  const scope = officeScope(actor, undefined);
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows = scope.empty
      ? []
      : await matchingCases(tx, ctx.keyring, queryWords(q.name ?? ""), MATCHES, {
          ...(scope.office ? { office: scope.office } : {}),
          ...(q.caseNumber ? { caseNumber: q.caseNumber } : {}),
        });
    await audit(tx, actor, at, {
      action: "mandate.case_search",
      outcome: "ok",
      officeId: scope.office ?? null,
      details: { count: rows.length, byNumber: q.caseNumber !== undefined },
    });
    return rows.map((r) => ({
      caseId: r.id,
      caseNumber: r.caseNumber,
      office: r.office,
      filedOn: r.filedOn,
      nationality: r.nationality,
      names: r.names,
    }));
  });
}
