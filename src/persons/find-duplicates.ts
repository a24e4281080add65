import type { Person, PersonDuplicate, PersonDuplicatesQuery } from "../contracts/api.ts";
import { staffReachesOffice, staffReachesPerson } from "../security/access/policy.ts";
import {
  casesOfPerson,
  findPersonIdsByIdentifier,
  findPersonIdsByNameBlocks,
  getPerson as loadPerson,
  nameBlocks,
  personOffices,
} from "./db.ts";
import { nameKeys, nameWords } from "./name-keys.ts";
import { audit, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";

/** Candidates a name brings back, at most: those sharing all its blocking keys and the nationality. */
const NAME_CANDIDATES = 200;

/** A name's words, folded and sorted: "Chan Sokha" and "SOKHA chan" are the same name. */
const wordsOf = (value: string) => nameWords(value).sort().join(" ");

function sameName(given: readonly { value: string }[], stored: Person["names"]): boolean {
  const mine = new Set(given.map((n) => wordsOf(n.value)).filter((w) => w !== ""));
  return stored.some((n) => mine.has(wordsOf(n.value)));
}

/**
 * Persons already registered who may be the one about to be registered (intake's duplicate
 * warning): those holding one of the identifiers given (through the blind index), and those with
 * one of the names given, the same date of birth and the same nationality (candidates through the
 * name blocking keys, then decrypted and compared here). Only persons the actor reaches are
 * decrypted and answered, with their cases at offices the actor reaches. The check is recorded
 * with how many it found, never with what was asked. Matching across scripts and spellings comes
 * once the person is registered (GET /persons/{id}/matches, docs/identity-matching.md).
 */
export async function findDuplicates(
  ctx: AppContext,
  actor: Actor,
  q: PersonDuplicatesQuery,
): Promise<PersonDuplicate[]> {
  const p = actor.principal;
  const byIdentifier = new Set<string>();
  for (const id of q.identifiers ?? [])
    for (const personId of await findPersonIdsByIdentifier(ctx.db, ctx.keyring, id.kind, id.value))
      byIdentifier.add(personId);
  const byName = new Set<string>();
  if (q.names?.length && q.birthDate && q.nationality)
    for (const name of q.names) {
      const blocks = nameBlocks(ctx.keyring, nameKeys([name]));
      if (blocks.length === 0) continue;
      for (const personId of await findPersonIdsByNameBlocks(ctx.db, q.nationality, blocks, NAME_CANDIDATES))
        byName.add(personId);
    }
  return ctx.db.transaction(async (tx) => {
    const out: PersonDuplicate[] = [];
    for (const personId of new Set([...byIdentifier, ...byName])) {
      // Reach first, decrypt after: nothing is decrypted for a person out of reach.
      const offices = await personOffices(tx, personId);
      if (!offices || !staffReachesPerson(p, offices)) continue;
      const person = await loadPerson(tx, ctx.keyring, personId);
      if (!person) continue;
      const matchedBy: PersonDuplicate["matchedBy"] = [];
      if (byIdentifier.has(personId)) matchedBy.push("identifier");
      if (
        byName.has(personId) &&
        person.birthDate === q.birthDate &&
        person.nationality === q.nationality &&
        sameName(q.names ?? [], person.names)
      )
        matchedBy.push("name_birth_date_nationality");
      if (matchedBy.length === 0) continue;
      const cases = (await casesOfPerson(tx, personId)).filter((c) => staffReachesOffice(p, c.officeId));
      out.push({
        personId,
        names: person.names,
        ...(person.birthDate ? { birthDate: person.birthDate } : {}),
        nationality: person.nationality,
        matchedBy,
        cases: cases.map((c) => ({
          id: c.id,
          caseNumber: c.caseNumber,
          office: c.officeId,
          filedOn: c.filedOn,
        })),
      });
    }
    await audit(tx, actor, ctx.clock(), {
      action: "person.duplicates",
      outcome: "ok",
      details: { matches: out.length, personIds: out.map((d) => d.personId).join(",") },
    });
    return out;
  });
}
