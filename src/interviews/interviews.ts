/**
 * Interpreters see only the interviews assigned to them (docs/security.md requirement 5): an examiner assigns
 * an interpreter to an interview of a case they reach; the interpreter lists their assignments.
 */
import { v7 as uuidv7 } from "uuid";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { actorName, audit, type Actor } from "../app/actor.ts";
import { writeCase } from "../cases/write.ts";
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import { activeAccountRole } from "../security/identity/accounts.ts";
import type { Person } from "../contracts/api.ts";
import { openNames } from "../persons/db.ts";
import { assignmentsOf, insertAssignment, type InterviewAssignment } from "./db.ts";

export type { InterviewAssignment } from "./db.ts";

/** An assigned interview as its interpreter sees it: when, where, which language, and for whom. */
export type AssignedInterview = InterviewAssignment & { applicantNames: Person["names"] };

export async function assignInterpreter(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { interpreterId: string; interviewOn: LegalDate; language: string; place?: string | undefined },
): Promise<AssignedInterview> {
  const at = ctx.clock();
  return writeCase(ctx, actor, caseId, {
    action: "interview.assign",
    right: "event.examination",
    async run({ tx, header }) {
      if ((await activeAccountRole(tx, input.interpreterId)) !== "interpreter") {
        throw new AppError("invalid_input", "interpreterId must be the account of an active interpreter", {
          issues: [{ path: "interpreterId", message: "not an interpreter" }],
        });
      }
      const id = uuidv7();
      await insertAssignment(tx, {
        officeId: header.officeId,
        id,
        caseId,
        interpreterId: input.interpreterId,
        interviewOn: input.interviewOn,
        language: input.language,
        place: input.place ?? null,
        createdAt: at,
        createdBy: actorName(actor),
      });
      const assignment: InterviewAssignment = {
        id,
        caseId,
        office: header.officeId,
        interviewOn: input.interviewOn,
        language: input.language,
        place: input.place ?? null,
      };
      return { result: { ...assignment, applicantNames: [] }, details: { assignmentId: id } };
    },
  });
}

/**
 * The interviews assigned to the interpreter, each with the applicant's names (decrypted here, for
 * this interpreter's own assignments only: they need to know whom they interpret for). The access
 * record names the cases whose names were shown.
 */
export async function myInterviews(ctx: AppContext, actor: Actor): Promise<AssignedInterview[]> {
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows = await assignmentsOf(tx, actor.principal.accountId);
    await audit(tx, actor, at, { action: "interview.list", outcome: "ok", details: { count: rows.length } });
    // One access record per case whose applicant's names the list shows.
    const shown = new Map(rows.map((r) => [r.caseId, r.office]));
    for (const [caseId, officeId] of shown) {
      await audit(tx, actor, at, { action: "interview.applicant_names", outcome: "ok", caseId, officeId });
    }
    return rows.map(({ personId, names, namesEnc, ...a }) => ({
      ...a,
      applicantNames: openNames(ctx.keyring, { id: personId, names, names_enc: namesEnc }),
    }));
  });
}
