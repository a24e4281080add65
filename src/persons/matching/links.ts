/**
 * What other features read of the decisions on pairs: the persons confirmed to be one person with
 * a given one, and their cases (a subsequent application's earlier cases; docs/what-is-new.md and
 * the eligibility review read them through here).
 */
import type { Queryable } from "../../store/db.ts";
import { casesOfPersons, currentLinks, type CaseOfPerson } from "./db.ts";

/** At most this many persons in one chain of confirmed links. */
const MAX_LINKED = 50;

/**
 * The persons confirmed to be the same person as `personId`, directly or through other confirmed
 * links (not `personId` itself). A pair whose latest decision is a rejection does not link.
 */
export async function linkedPersonIds(db: Queryable, personId: string): Promise<string[]> {
  const seen = new Set<string>([personId]);
  let frontier = [personId];
  while (frontier.length > 0 && seen.size < MAX_LINKED) {
    const next: string[] = [];
    for (const link of await currentLinks(db, frontier)) {
      if (link.decision !== "confirmed") continue;
      for (const id of [link.personA, link.personB])
        if (!seen.has(id)) {
          seen.add(id);
          next.push(id);
        }
    }
    frontier = next;
  }
  seen.delete(personId);
  return [...seen];
}

/** The cases of the persons confirmed to be `personId` (not the person's own), oldest first. */
export async function earlierCasesOf(db: Queryable, personId: string): Promise<CaseOfPerson[]> {
  return casesOfPersons(db, await linkedPersonIds(db, personId));
}
