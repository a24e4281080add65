/**
 * The national demo's re-applications as the what-is-new module and the mandates module keep them:
 * classified elements (`reapplication_elements`, classified by the loader), the sur-place claim
 * (`reapplication_claims`) and, for those represented at filing, a mandate from the filing day
 * naming one disabled demo representative account. No applicant text.
 */
import { v7 as uuidv7 } from "uuid";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Queryable } from "../../store/db.ts";
import type { DemoReapplication } from "./reapplications.ts";

export const DEMO_REPRESENTATIVE = "national-demo-representatives";

/** The demo representative account's id, made (disabled) if missing. */
export async function demoRepresentative(db: Queryable, createdBy: string): Promise<string> {
  await db.query(
    `INSERT INTO accounts (id, username, display_name, role, office_id, password_hash, disabled_at, created_at, created_by)
     VALUES ($1, $2, 'National demo: representatives at filing (fictional, aggregate)', 'representative', NULL, NULL,
             now(), now(), $3)
     ON CONFLICT (username) DO NOTHING`,
    [uuidv7(), DEMO_REPRESENTATIVE, createdBy],
  );
  const [row] = await db.query<{ id: string }>("SELECT id FROM accounts WHERE username = $1", [
    DEMO_REPRESENTATIVE,
  ]);
  if (!row) throw new Error("the national demo's representative account is missing");
  return row.id;
}

export interface ReapplicationRow extends DemoReapplication {
  officeId: string;
  caseId: string;
  filedOn: LegalDate;
}

export async function insertReapplicationRows(
  tx: Queryable,
  rows: readonly ReapplicationRow[],
  by: { by: string; at: string; representativeId: string },
): Promise<void> {
  const elements = rows.flatMap((r) => r.elements.map((e) => ({ r, e })));
  if (elements.length > 0)
    await tx.query(
      `INSERT INTO reapplication_elements (office_id, case_id, ref_kind, ref_id, tag, without_fault, arose_on,
                                           classified_by, classified_at)
       SELECT u.office_id, u.case_id, u.ref_kind, u.ref_id, u.tag, u.without_fault, u.arose_on, $8, $9
         FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::date[])
              AS u(office_id, case_id, ref_kind, ref_id, tag, without_fault, arose_on)`,
      [
        elements.map((x) => x.r.officeId),
        elements.map((x) => x.r.caseId),
        elements.map((x) => x.e.refKind),
        elements.map((x) => x.e.refId),
        elements.map((x) => x.e.tag),
        elements.map((x) => x.e.withoutFault),
        elements.map((x) => x.e.aroseOn),
        by.by,
        by.at,
      ],
    );
  const claims = rows.filter((r) => r.surPlace !== null);
  if (claims.length > 0)
    await tx.query(
      `INSERT INTO reapplication_claims (office_id, case_id, sur_place, updated_by, updated_at)
       SELECT u.office_id, u.case_id, u.sur_place, $4, $5
         FROM unnest($1::text[], $2::uuid[], $3::boolean[]) AS u(office_id, case_id, sur_place)`,
      [
        claims.map((r) => r.officeId),
        claims.map((r) => r.caseId),
        claims.map((r) => r.surPlace),
        by.by,
        by.at,
      ],
    );
  const represented = rows.filter((r) => r.represented);
  if (represented.length > 0)
    await tx.query(
      `INSERT INTO mandates (office_id, id, case_id, representative_id, valid_from, created_at, created_by)
       SELECT u.office_id, u.id, u.case_id, $4, u.valid_from, $5, $6
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $7::date[]) AS u(office_id, id, case_id, valid_from)`,
      [
        represented.map((r) => r.officeId),
        represented.map(() => uuidv7()),
        represented.map((r) => r.caseId),
        by.representativeId,
        by.at,
        by.by,
        represented.map((r) => r.filedOn),
      ],
    );
}
