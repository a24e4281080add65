/** What the portal reads beside the case record: the cases a representative holds a mandate for. */
import type { LegalDate } from "../kernel/calendar/dates.ts";
import type { Person } from "../contracts/api.ts";
import type { Queryable } from "../store/db.ts";

export interface MandatedCaseRow {
  id: string;
  caseNumber: string | null;
  personId: string;
  namesEnc: string | null;
  names: Person["names"];
  office: string;
  profile: string;
  stage: string;
  filedOn: string;
}

/**
 * The cases where the representative holds a mandate on `on` (not revoked, within its validity),
 * newest first.
 */
export async function mandatedCases(
  tx: Queryable,
  representativeId: string,
  on: LegalDate,
): Promise<MandatedCaseRow[]> {
  return tx.query<MandatedCaseRow>(
    `SELECT c.id, c.case_number AS "caseNumber", c.office_id AS office, c.profile, c.stage, c.filed_on AS "filedOn",
              c.person_id AS "personId", p.names_enc AS "namesEnc", COALESCE(p.names, '[]') AS names
         FROM mandates m JOIN cases c ON c.office_id = m.office_id AND c.id = m.case_id
         LEFT JOIN persons p ON p.id = c.person_id
        WHERE m.representative_id = $1 AND m.revoked_at IS NULL
          AND m.valid_from <= $2 AND (m.valid_until IS NULL OR m.valid_until >= $2)
        ORDER BY c.id DESC`,
    [representativeId, on],
  );
}
