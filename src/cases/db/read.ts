/**
 * The case read as one statement: the case, whether it is within the reader's reach, the access
 * record, and the events (docs/security.md requirements 5 and 12).
 *
 * One statement sent on its own is one transaction. Its data-modifying part (the INSERT of the
 * access record) runs to completion whatever the rest returns, and the statement commits before
 * the server answers it: if the record cannot be written, or its commit fails, the statement fails
 * and the caller gets no row. So the record and the read commit together or not at all, as in a
 * transaction of several statements, but in one round trip instead of four (BEGIN, the read, the
 * record, COMMIT), and the database plans it once per connection (`prepared`).
 *
 * The record says what happened: `ok` for a case within reach, `denied` with the case and its
 * office for a case out of reach, and `denied` with the requested id for a case that does not
 * exist; the caller cannot tell the last two apart (both are 404).
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { REACH_KINDS, reachParams, reachSql, type CaseReach } from "../../security/access/db.ts";
import type { AuditColumn } from "../../security/audit/append.ts";
import { prepared, type Queryable } from "../../store/db.ts";
import { LOADED_CASE_COLUMNS, loadedCaseOf, type LoadedCase, type LoadedCaseRow } from "./cases.ts";

/** Parameters $1 … $9 below; the reach condition's own start at $10. */
const FIRST_REACH_PARAM = 10;

function readStatement(reach: string): string {
  return prepared(`WITH c AS (
  SELECT c.id, c.office_id, c.person_id, c.nationality, c.profile, c.case_number, c.assigned_to, (${reach}) AS reached
    FROM cases c WHERE c.id = $1::uuid
), access AS (
  INSERT INTO audit_log (at, actor, actor_role, address, office_id, case_id, person_ref, action, purpose,
                         outcome, details)
  SELECT $2, $3, $4, $5, c.office_id, c.id, $6, $7, $8,
         CASE WHEN c.reached IS TRUE THEN 'ok' ELSE 'denied' END,
         CASE WHEN c.id IS NULL THEN jsonb_build_object('requested', $1::uuid::text) ELSE $9::jsonb END
    FROM (VALUES (1)) AS one LEFT JOIN c ON true
)
SELECT ${LOADED_CASE_COLUMNS}
  FROM c JOIN case_events e ON e.office_id = c.office_id AND e.case_id = c.id
 WHERE c.reached IS TRUE
 ORDER BY e.sequence`);
}

/** One statement per kind of reach: its text depends on the kind only, so each stays prepared. */
const STATEMENTS = Object.fromEntries(
  REACH_KINDS.map((kind) => [kind, readStatement(reachSql(kind, "c", FIRST_REACH_PARAM))]),
) as Record<CaseReach["kind"], string>;

/**
 * Read a case and record the access in one statement. `record` is the access record of a permitted
 * read (its outcome, case and office are chosen by the statement). Null when the case does not
 * exist or is out of `reach`.
 */
export async function readCaseRecorded(
  db: Queryable,
  caseId: string,
  reach: CaseReach,
  today: LegalDate,
  record: Record<AuditColumn, string | null>,
): Promise<LoadedCase | null> {
  const rows = await db.query<LoadedCaseRow>(STATEMENTS[reach.kind], [
    caseId,
    record.at,
    record.actor,
    record.actor_role,
    record.address,
    record.person_ref,
    record.action,
    record.purpose,
    record.details,
    ...reachParams(reach, today),
  ]);
  return loadedCaseOf(caseId, rows);
}
