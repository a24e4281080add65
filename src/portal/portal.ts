/**
 * The representatives' portal (docs/security.md requirements 5 and 6): only cases where the representative
 * holds a current mandate, and of them only what the applicant's lawyer needs: their client's
 * names, the case's number, stage, status, deadlines and the notices served. No internal notes, assessments, examiner or interpreter
 * details, and no other applicant's data.
 */
import type { PortalCase } from "../contracts/api.ts";
import { audit, type Actor } from "../app/actor.ts";
import { readCase } from "../cases/access.ts";
import { presentCase, toCaseEvents } from "../cases/view.ts";
import { openEvents } from "../cases/db/event-store.ts";
import { calendarOf, today, type AppContext } from "../app/context.ts";
import { notFound } from "../app/errors.ts";
import { mandatedCases } from "./db.ts";
import { namesOfPerson, openNames } from "../persons/db.ts";

/** Events whose date the applicant's side is entitled to know (decisions and notices served). */
const NOTICE_EVENTS = new Set([
  "application_filed",
  "summons_served",
  "decision_issued",
  "redecision_issued",
  "notice_served",
  "objection_filed",
  "objection_decided",
  "objection_notice_served",
  "suit_filed",
  "judgment_issued",
  "judgment_served",
  "appeal_filed",
  "withdrawn",
]);

export type { PortalCase };

export async function portalCase(ctx: AppContext, actor: Actor, caseId: string): Promise<PortalCase> {
  const at = ctx.clock();
  const now = today(ctx);
  const loaded = await readCase(ctx.db, actor, caseId, "portal.read", "portal.case.read", { at, today: now });
  if (!loaded) throw notFound(`case ${caseId}`);
  const profile = ctx.profiles.require(loaded.header.profile);
  const { view } = presentCase(
    profile,
    loaded.header,
    toCaseEvents(openEvents(ctx.keyring, loaded.events)),
    now,
    calendarOf(ctx, profile),
  );
  // The client's own names (never another applicant's): the lawyer acts for them.
  const names = await namesOfPerson(ctx.db, ctx.keyring, loaded.header.personId);
  return {
    id: view.id,
    caseNumber: view.caseNumber,
    names,
    office: view.office,
    profile: profile.id,
    filedOn: view.filedOn,
    stage: view.stage,
    applicantStatus: view.applicantStatus,
    protection: view.protection,
    final: view.final,
    finalSince: view.finalSince,
    redecisionRequired: view.redecisionRequired,
    deadlines: view.deadlines,
    notices: loaded.events
      .filter((e) => NOTICE_EVENTS.has(e.type))
      .map((e) => ({ type: e.type, occurredOn: e.occurredOn })),
  };
}

/** The cases where the representative holds a current mandate. */
export async function portalCases(ctx: AppContext, actor: Actor) {
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows = await mandatedCases(tx, actor.principal.accountId, today(ctx));
    await audit(tx, actor, at, {
      action: "portal.case.list",
      outcome: "ok",
      details: { count: rows.length },
    });
    return rows.map(({ personId, namesEnc, names, ...row }) => ({
      ...row,
      names: openNames(ctx.keyring, { id: personId, names_enc: namesEnc, names }),
    }));
  });
}
