/**
 * A committee member records their vote on a case on the agenda of a meeting, with reasons (a vote
 * to dismiss must give them). A member who took part in the decision under review may not vote
 * (in Korea RA 26; the rule is the profile's). A member may change their vote; each change is in
 * the access record.
 */
import type { Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { writeCase } from "../cases/write.ts";
import type { AgendaEntry, COMMITTEE_VOTES } from "../contracts/committee.ts";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { listAgenda } from "./agenda.ts";
import { isOnMeetingAgenda, upsertVote } from "./db.ts";

export async function castVote(
  ctx: AppContext,
  actor: Actor,
  at: { caseId: string; meetingOn: LegalDate },
  input: { vote: (typeof COMMITTEE_VOTES)[number]; reasons?: string | undefined },
): Promise<AgendaEntry> {
  const now = ctx.clock();
  await writeCase(ctx, actor, at.caseId, {
    action: "committee.vote",
    right: "committee.vote",
    async run(c) {
      const { tx, header, profile } = c;
      if (!(await isOnMeetingAgenda(tx, { officeId: header.officeId, ...at })))
        throw notFound(`the case on the agenda of the meeting on ${at.meetingOn}`);
      const why = profile.disqualifiedFromReview?.(c.state(), actor.principal.username) ?? null;
      if (why)
        throw new AppError("procedure_refused", why, { issues: [{ path: "vote", message: why }] }, 409);
      await upsertVote(tx, ctx.keyring, {
        officeId: header.officeId,
        caseId: header.id,
        meetingOn: at.meetingOn,
        memberId: actor.principal.accountId,
        vote: input.vote,
        reasons: input.reasons ? input.reasons : null,
        recordedAt: now,
      });
      return { result: null, details: { meetingOn: at.meetingOn, vote: input.vote } };
    },
  });
  const [entry] = await listAgenda(ctx, actor, { from: at.meetingOn, to: at.meetingOn, caseId: at.caseId });
  if (!entry) throw new Error("the agenda entry voted on is missing");
  return entry;
}
