/**
 * The Refugee Committee's agenda (RA 25-27): the secretariat puts a case on a meeting's agenda; the
 * committee's members then reach that case (and no other) until 30 days after the meeting, read
 * it and record their votes. What each sees of the votes: a member their own; the secretariat
 * every member's, with the tally.
 */
import { actorName, audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import { loadCaseHead } from "../cases/db/cases.ts";
import { currentSnapshot, writeCase } from "../cases/write.ts";
import { COMMITTEE_VOTES, type AgendaEntry } from "../contracts/committee.ts";
import { addDays, type LegalDate } from "../kernel/calendar/dates.ts";
import { openNames } from "../persons/db.ts";
import { AGENDA_READ_DAYS } from "../security/access/db.ts";
import { may } from "../security/access/policy.ts";
import type { Queryable } from "../store/db.ts";
import { agendaKey, agendaRows, insertAgendaEntry, votesOn, type AgendaRow, type VoteRow } from "./db.ts";

/** Put a case on the agenda of the meeting on `meetingOn` (the secretariat). */
export async function addToAgenda(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: string; meetingOn: LegalDate },
): Promise<AgendaEntry> {
  const at = ctx.clock();
  await writeCase(ctx, actor, input.caseId, {
    action: "committee.agenda.add",
    right: "committee.agenda_manage",
    async run({ tx, header }) {
      const added = await insertAgendaEntry(tx, {
        officeId: header.officeId,
        caseId: header.id,
        meetingOn: input.meetingOn,
        addedBy: actorName(actor),
        addedAt: at,
      });
      if (!added)
        throw new AppError(
          "conflict",
          `the case is already on the agenda of the meeting on ${input.meetingOn}`,
          {},
          409,
        );
      return { result: null, details: { meetingOn: input.meetingOn } };
    },
  });
  const [entry] = await listAgenda(ctx, actor, {
    from: input.meetingOn,
    to: input.meetingOn,
    caseId: input.caseId,
  });
  if (!entry) throw new Error("the agenda entry just added is missing");
  return entry;
}

/**
 * The agenda from `from` (default: the meetings of the last 30 days, whose cases members still
 * reach) to `to`, with the applicants' names (decrypted here; each case whose names are shown is
 * in the access record) and the votes the actor may see.
 */
export async function listAgenda(
  ctx: AppContext,
  actor: Actor,
  q: { from?: LegalDate | undefined; to?: LegalDate | undefined; caseId?: string },
): Promise<AgendaEntry[]> {
  const at = ctx.clock();
  const now = today(ctx);
  const earliest = addDays(now, -AGENDA_READ_DAYS);
  const member = actor.principal.role === "committee_member";
  // A member reaches only the cases of meetings not long past; earlier agendas are the secretariat's.
  const from = q.from === undefined || (member && q.from < earliest) ? earliest : q.from;
  const secretariat = may(actor.principal, "committee.agenda_manage");
  return ctx.db.transaction(async (tx) => {
    const rows = await agendaRows(tx, { from, to: q.to ?? null, ...(q.caseId ? { caseId: q.caseId } : {}) });
    const votes = await votesOn(tx, ctx.keyring, rows);
    await audit(tx, actor, at, {
      action: "committee.agenda.list",
      outcome: "ok",
      details: { count: rows.length },
    });
    for (const [caseId, officeId] of new Map(rows.map((r) => [r.caseId, r.office]))) {
      await audit(tx, actor, at, {
        action: "committee.agenda.applicant_names",
        outcome: "ok",
        caseId,
        officeId,
      });
    }
    const entries: AgendaEntry[] = [];
    for (const r of rows) {
      const entry = entryOf(ctx, actor, r, votes.get(agendaKey(r)) ?? [], secretariat);
      entries.push(member ? { ...entry, disqualified: await disqualified(ctx, tx, r.caseId, actor) } : entry);
    }
    return entries;
  });
}

/** Why the actor may not deliberate on the case as a member of the committee (the profile's rule), or null. */
export async function disqualified(
  ctx: AppContext,
  tx: Queryable,
  caseId: string,
  actor: Actor,
): Promise<string | null> {
  const head = await loadCaseHead(tx, caseId);
  if (!head) return null;
  const profile = ctx.profiles.require(head.header.profile);
  if (!profile.disqualifiedFromReview) return null;
  const snapshot = await currentSnapshot(tx, ctx.keyring, profile, head);
  return profile.disqualifiedFromReview(snapshot.state, actor.principal.username);
}

function entryOf(
  ctx: AppContext,
  actor: Actor,
  r: AgendaRow,
  votes: VoteRow[],
  secretariat: boolean,
): AgendaEntry {
  const mine = votes.find((v) => v.memberId === actor.principal.accountId);
  const strip = ({ memberId: _, ...v }: VoteRow) => v;
  const tally = Object.fromEntries(COMMITTEE_VOTES.map((v) => [v, votes.filter((x) => x.vote === v).length]));
  return {
    caseId: r.caseId,
    office: r.office,
    caseNumber: r.caseNumber,
    meetingOn: r.meetingOn,
    applicantNames: openNames(ctx.keyring, { id: r.personId, names: r.names, names_enc: r.namesEnc }),
    nationality: r.nationality,
    stage: r.stage,
    profile: r.profile,
    addedBy: r.addedBy,
    addedAt: new Date(r.addedAt).toISOString(),
    myVote: mine ? strip(mine) : null,
    votes: secretariat ? votes.map(strip) : null,
    tally: secretariat ? (tally as AgendaEntry["tally"]) : null,
    disqualified: null,
  };
}
