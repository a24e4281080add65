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

export interface InterviewAssignment {
  id: string;
  caseId: string;
  office: string;
  interviewOn: LegalDate;
  language: string;
}

export async function assignInterpreter(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { interpreterId: string; interviewOn: LegalDate; language: string },
): Promise<InterviewAssignment> {
  const at = ctx.clock();
  return writeCase(ctx, actor, caseId, {
    action: "interview.assign",
    right: "event.examination",
    async run({ tx, header }) {
      const rows = await tx.query<{ role: string }>(
        `SELECT role FROM accounts WHERE id = $1 AND disabled_at IS NULL`,
        [input.interpreterId],
      );
      if (rows[0]?.role !== "interpreter") {
        throw new AppError("invalid_input", "interpreterId must be the account of an active interpreter", {
          issues: [{ path: "interpreterId", message: "not an interpreter" }],
        });
      }
      const id = uuidv7();
      await tx.query(
        `INSERT INTO interview_assignments (office_id, id, case_id, interpreter_id, interview_on, language, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          header.officeId,
          id,
          caseId,
          input.interpreterId,
          input.interviewOn,
          input.language,
          at.toISOString(),
          actorName(actor),
        ],
      );
      const assignment: InterviewAssignment = {
        id,
        caseId,
        office: header.officeId,
        interviewOn: input.interviewOn,
        language: input.language,
      };
      return { result: assignment, details: { assignmentId: id } };
    },
  });
}

export async function myInterviews(ctx: AppContext, actor: Actor): Promise<InterviewAssignment[]> {
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<InterviewAssignment>(
      `SELECT id, case_id AS "caseId", office_id AS office, interview_on AS "interviewOn", language
         FROM interview_assignments WHERE interpreter_id = $1 ORDER BY interview_on`,
      [actor.principal.accountId],
    );
    await audit(tx, actor, at, { action: "interview.list", outcome: "ok", details: { count: rows.length } });
    return rows;
  });
}
