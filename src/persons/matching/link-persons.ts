/**
 * Confirming or rejecting that two person records are one person (docs/identity-matching.md,
 * "Decisions"). Only a person decides: the application proposes, never links. Each decision is a
 * new row (the latest of a pair counts), with its reason code, a note sealed by the keyring (it
 * may name someone), the score when decided, who and when, and an access record without the note.
 */
import type { PersonLink, PersonLinkInput } from "../../contracts/persons-matching.ts";
import { audit, actorName, type Actor } from "../../app/actor.ts";
import { AppError, notFound } from "../../app/errors.ts";
import type { AppContext } from "../../app/context.ts";
import { staffReachesPerson } from "../../security/access/policy.ts";
import { personOffices } from "../db.ts";
import { currentLinks, insertLink, matchFields, noteField, pairOf, type LinkRow } from "./db.ts";
import { prepare, score } from "./score.ts";

function present(ctx: AppContext, personId: string, l: LinkRow): PersonLink {
  const note = l.noteEnc ? ctx.keyring.decrypt(l.noteEnc, noteField(l.personA, l.personB)) : null;
  return {
    personId,
    otherPersonId: l.personA === personId ? l.personB : l.personA,
    decision: l.decision,
    reason: l.reason,
    ...(note ? { note } : {}),
    score: l.score === null ? null : Number(l.score),
    decidedBy: l.decidedBy,
    decidedAt: new Date(l.decidedAt).toISOString(),
  };
}

export async function linkPersons(
  ctx: AppContext,
  actor: Actor,
  personId: string,
  input: PersonLinkInput,
): Promise<PersonLink> {
  if (input.otherPersonId === personId)
    throw new AppError("invalid_input", "a person cannot be linked with themself", {
      issues: [{ path: "otherPersonId", message: "the same person" }],
    });
  const at = ctx.clock();
  const link = await ctx.db.transaction(async (tx) => {
    for (const id of [personId, input.otherPersonId]) {
      const offices = await personOffices(tx, id, { lock: true });
      if (!offices || !staffReachesPerson(actor.principal, offices)) {
        await audit(tx, actor, at, {
          action: "person.link",
          outcome: "denied",
          details: { personId, otherPersonId: input.otherPersonId },
        });
        return null;
      }
    }
    const [a, b] = pairOf(personId, input.otherPersonId);
    const fields = await matchFields(tx, ctx.keyring, [a, b]);
    const fa = fields.find((f) => f.id === a);
    const fb = fields.find((f) => f.id === b);
    const s = fa && fb ? score(prepare(fa), prepare(fb)).total : null;
    await insertLink(tx, {
      personA: a,
      personB: b,
      decision: input.decision,
      reason: input.reason,
      noteEnc: input.note ? ctx.keyring.encrypt(input.note, noteField(a, b)) : null,
      score: s,
      decidedBy: actorName(actor),
      decidedAt: at.toISOString(),
    });
    await audit(tx, actor, at, {
      action: "person.link",
      outcome: "ok",
      details: {
        personId,
        otherPersonId: input.otherPersonId,
        decision: input.decision,
        reason: input.reason,
        note: input.note !== undefined,
      },
    });
    const [current] = (await currentLinks(tx, [a])).filter((l) => l.personB === b);
    return current ?? null;
  });
  if (!link) throw notFound(`person ${personId} or ${input.otherPersonId}`);
  return present(ctx, personId, link);
}

/** The current decision of every pair with this person that the actor may see, newest first. */
export async function listLinks(ctx: AppContext, actor: Actor, personId: string): Promise<PersonLink[]> {
  const at = ctx.clock();
  const out = await ctx.db.transaction(async (tx) => {
    const offices = await personOffices(tx, personId);
    const reached = offices !== null && staffReachesPerson(actor.principal, offices);
    await audit(tx, actor, at, {
      action: "person.links",
      outcome: reached ? "ok" : "denied",
      details: { personId },
    });
    if (!reached) return null;
    const items: PersonLink[] = [];
    for (const l of await currentLinks(tx, [personId])) {
      const other = l.personA === personId ? l.personB : l.personA;
      const o = await personOffices(tx, other);
      if (o && staffReachesPerson(actor.principal, o)) items.push(present(ctx, personId, l));
    }
    return items.sort((x, y) => y.decidedAt.localeCompare(x.decidedAt));
  });
  if (!out) throw notFound(`person ${personId}`);
  return out;
}
