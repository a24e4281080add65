/**
 * The interview assignments table (an interpreter assigned to an interview of a case), and the
 * check that the account named as interpreter is an active one.
 */
import type { Person } from "../contracts/api.ts";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import type { Queryable } from "../store/db.ts";

export interface InterviewAssignment {
  id: string;
  caseId: string;
  office: string;
  interviewOn: LegalDate;
  language: string;
  place: string | null;
}

/** An assignment as the interpreter's list reads it: with the applicant's names as stored (sealed). */
export type AssignmentRow = InterviewAssignment & {
  personId: string;
  names: Person["names"];
  namesEnc: string | null;
};

export async function insertAssignment(
  tx: Queryable,
  a: {
    officeId: string;
    id: string;
    caseId: string;
    interpreterId: string;
    interviewOn: LegalDate;
    language: string;
    place: string | null;
    createdAt: Date;
    createdBy: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO interview_assignments (office_id, id, case_id, interpreter_id, interview_on, language, place,
                                       created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      a.officeId,
      a.id,
      a.caseId,
      a.interpreterId,
      a.interviewOn,
      a.language,
      a.place,
      a.createdAt.toISOString(),
      a.createdBy,
    ],
  );
}

/** The interviews an interpreter is assigned to, earliest first, with the applicant's names as stored. */
export async function assignmentsOf(tx: Queryable, interpreterId: string): Promise<AssignmentRow[]> {
  return tx.query<AssignmentRow>(
    `SELECT a.id, a.case_id AS "caseId", a.office_id AS office, a.interview_on AS "interviewOn", a.language,
            a.place, c.person_id AS "personId", p.names, p.names_enc AS "namesEnc"
       FROM interview_assignments a
       JOIN cases c ON c.office_id = a.office_id AND c.id = a.case_id
       JOIN persons p ON p.id = c.person_id
      WHERE a.interpreter_id = $1
      ORDER BY a.interview_on, a.id`,
    [interpreterId],
  );
}
