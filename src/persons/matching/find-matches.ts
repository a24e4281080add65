/**
 * The earlier persons who may be this person (docs/identity-matching.md): candidates by the blind
 * index of each identifier and by the keyed blocking keys (keys.ts), reach checked before anything
 * is decrypted, the reached candidates' names and dates of birth decrypted here and scored
 * (score.ts), explained (explain.ts), with their cases and how each ended. Nothing is linked: a
 * person confirms or rejects each proposal (link-persons.ts). The query is recorded with how many
 * it compared and proposed, never with what it compared.
 */
import type { PersonMatch, PersonMatchList } from "../../contracts/persons-matching.ts";
import { audit, type Actor } from "../../app/actor.ts";
import { calendarOf, today, type AppContext } from "../../app/context.ts";
import { notFound } from "../../app/errors.ts";
import { openEvents, readEvents } from "../../cases/db/event-store.ts";
import { toCaseEvents } from "../../cases/view.ts";
import type { CaseEvent } from "../../profiles/kr-refugee-act/events.ts";
import { PROFILE_ID as KR } from "../../profiles/kr-refugee-act/profile.ts";
import { priorEnding } from "../../profiles/kr-refugee-act/reapplication/prior-ending.ts";
import { may, staffReachesOffice, staffReachesPerson } from "../../security/access/policy.ts";
import type { Queryable } from "../../store/db.ts";
import { findPersonIdsByIdentifier, getPerson as loadPerson, personOffices } from "../db.ts";
import {
  candidateIds,
  casesOfPersons,
  currentLinks,
  matchFields,
  noteField,
  reachOf,
  type CaseOfPerson,
  type LinkRow,
} from "./db.ts";
import { explain } from "./explain.ts";
import { PROPOSAL_THRESHOLD, prepare, score } from "./score.ts";
import { queryMatchKeys, storedMatchKeys } from "./keys.ts";
import { queryMatchBlocks } from "./store-blocks.ts";

/** Candidates compared at most (the blocking keys usually bring back far fewer). */
export const MAX_CANDIDATES = 1000;
/** Persons answered at most, best first. */
export const MAX_MATCHES = 20;
/** Ids per access record (five UUIDs fit the 200 characters a detail may hold). */
const AUDIT_IDS = 5;

export type Ending = PersonMatch["cases"][number]["ending"];

/** How a case ended, as of `asOf`, in re-application terms (only for the Korean profile). */
export async function endingOf(
  ctx: AppContext,
  db: Queryable,
  c: CaseOfPerson,
  asOf: string,
): Promise<Ending> {
  if (c.profile !== KR) return null;
  const profile = ctx.profiles.get(c.profile);
  if (!profile) return null;
  const events = toCaseEvents(openEvents(ctx.keyring, await readEvents(db, c.officeId, c.id))) as CaseEvent[];
  return priorEnding(events, asOf, calendarOf(ctx, profile));
}

export function decisionOf(ctx: AppContext, link: LinkRow | undefined): PersonMatch["decision"] {
  if (!link) return null;
  const note = link.noteEnc ? ctx.keyring.decrypt(link.noteEnc, noteField(link.personA, link.personB)) : null;
  return {
    decision: link.decision,
    reason: link.reason,
    ...(note ? { note } : {}),
    decidedBy: link.decidedBy,
    decidedAt: new Date(link.decidedAt).toISOString(),
  };
}

/** The core, without reach or audit: candidates of a person's fields, scored (also the benchmark's). */
export async function scoreCandidates(
  ctx: AppContext,
  db: Queryable,
  subject: { id: string; names: { value: string }[]; birthDate?: string; nationality: string; sex?: string },
  identifierHits: ReadonlyMap<string, string[]>,
  reaches: (r: { registeredOfficeId: string | null; caseOfficeIds: readonly string[] }) => boolean,
  extra: readonly string[] = [],
) {
  const blocked = await candidateIds(db, queryMatchBlocks(ctx.keyring, subject), subject.id, MAX_CANDIDATES);
  const ids = [...new Set([...identifierHits.keys(), ...extra, ...blocked])].filter(
    (id) => id !== subject.id,
  );
  // Reach first, decrypt after: nothing is decrypted for a person out of reach.
  const reached = (await reachOf(db, ids)).filter(reaches).map((r) => r.id);
  const me = prepare(subject);
  // A stored number stands for several keys: a candidate that shares none of the query's keys
  // themselves (only their truncated hashes) is dropped before scoring, unless found otherwise.
  const asked = new Set(queryMatchKeys(subject));
  const named = new Set([...identifierHits.keys(), ...extra]);
  const fields = (await matchFields(db, ctx.keyring, reached)).filter(
    (f) => named.has(f.id) || storedMatchKeys(f).some((k) => asked.has(k)),
  );
  const scored = fields.map((f) => {
    const kinds = identifierHits.get(f.id) ?? [];
    const s = score(me, prepare(f), kinds.length > 0);
    return { fields: f, score: s, ...explain(s, kinds) };
  });
  scored.sort((a, b) => b.score.total - a.score.total || a.fields.id.localeCompare(b.fields.id));
  return { compared: fields.length, scored };
}

export async function findMatches(ctx: AppContext, actor: Actor, personId: string): Promise<PersonMatchList> {
  const p = actor.principal;
  const at = ctx.clock();
  const asOf = today(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const offices = may(p, "person.read") ? await personOffices(tx, personId) : null;
    const reached = offices !== null && staffReachesPerson(p, offices);
    if (!reached) {
      await audit(tx, actor, at, { action: "person.matches", outcome: "denied", details: { personId } });
      return null;
    }
    const person = await loadPerson(tx, ctx.keyring, personId);
    if (!person) return null;
    const identifierHits = new Map<string, string[]>();
    for (const id of person.identifiers ?? [])
      for (const other of await findPersonIdsByIdentifier(tx, ctx.keyring, id.kind, id.value))
        if (other !== personId) identifierHits.set(other, [...(identifierHits.get(other) ?? []), id.kind]);
    const links = await currentLinks(tx, [personId]);
    const decided = new Map(links.map((l) => [l.personA === personId ? l.personB : l.personA, l]));
    const { compared, scored } = await scoreCandidates(
      ctx,
      tx,
      person,
      identifierHits,
      (r) => staffReachesPerson(p, r),
      [...decided.keys()],
    );
    const kept = scored
      .filter((s) => s.score.proposed || identifierHits.has(s.fields.id) || decided.has(s.fields.id))
      .slice(0, MAX_MATCHES);
    const cases = await casesOfPersons(tx, [personId, ...kept.map((k) => k.fields.id)]);
    const casesOf = async (id: string) => {
      const withEndings: PersonMatch["cases"] = [];
      for (const c of cases.filter((c) => c.personId === id && staffReachesOffice(p, c.officeId)))
        withEndings.push({
          id: c.id,
          caseNumber: c.caseNumber,
          office: c.officeId,
          kind: c.kind,
          filedOn: c.filedOn,
          ending: await endingOf(ctx, tx, c, asOf),
        });
      return withEndings;
    };
    const ownCases = await casesOf(personId);
    const items: PersonMatch[] = [];
    for (const k of kept) {
      const withEndings = await casesOf(k.fields.id);
      items.push({
        personId: k.fields.id,
        names: k.fields.names,
        ...(k.fields.birthDate ? { birthDate: k.fields.birthDate } : {}),
        nationality: k.fields.nationality,
        score: k.score.total,
        proposed: k.score.proposed,
        reasons: k.reasons,
        explanation: k.explanation,
        cases: withEndings,
        decision: decisionOf(ctx, decided.get(k.fields.id)),
      });
    }
    // The persons shown and the cases whose endings were read, five ids to an access record (a
    // record's details hold short values): the first also holds how many were compared.
    const shown = items.map((i) => i.personId);
    const read = [...ownCases, ...items.flatMap((i) => i.cases)].map((c) => c.id);
    const chunks = Math.max(1, Math.ceil(shown.length / AUDIT_IDS), Math.ceil(read.length / AUDIT_IDS));
    for (let k = 0; k < chunks; k++)
      await audit(tx, actor, at, {
        action: "person.matches",
        outcome: "ok",
        details: {
          personId,
          ...(k === 0
            ? { compared, proposed: items.filter((i) => i.proposed).length, shown: shown.length }
            : {}),
          personIds: shown.slice(k * AUDIT_IDS, (k + 1) * AUDIT_IDS).join(","),
          caseIds: read.slice(k * AUDIT_IDS, (k + 1) * AUDIT_IDS).join(","),
        },
      });
    return { threshold: PROPOSAL_THRESHOLD, candidates: compared, items, ownCases };
  });
  if (!result) throw notFound(`person ${personId}`);
  return result;
}
