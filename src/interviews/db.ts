/**
 * The interview assignments table (an interpreter assigned to an interview of a case), and the
 * check that the account named as interpreter is an active one.
 */
import type { LegalDate } from "../kernel/calendar/dates.ts";
import type { Queryable } from "../store/db.ts";

export interface InterviewAssignment {
  id: string;
  caseId: string;
  office: string;
  interviewOn: LegalDate;
  language: string;
}

export async function insertAssignment(
  tx: Queryable,
  a: {
    officeId: string;
    id: string;
    caseId: string;
    interpreterId: string;
    interviewOn: LegalDate;
    language: string;
    createdAt: Date;
    createdBy: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO interview_assignments (office_id, id, case_id, interpreter_id, interview_on, language, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      a.officeId,
      a.id,
      a.caseId,
      a.interpreterId,
      a.interviewOn,
      a.language,
      a.createdAt.toISOString(),
      a.createdBy,
    ],
  );
}

/** The interviews an interpreter is assigned to, earliest first. */
export async function assignmentsOf(tx: Queryable, interpreterId: string): Promise<InterviewAssignment[]> {
  return tx.query<InterviewAssignment>(
    `SELECT id, case_id AS "caseId", office_id AS office, interview_on AS "interviewOn", language
         FROM interview_assignments WHERE interpreter_id = $1 ORDER BY interview_on`,
    [interpreterId],
  );
}
