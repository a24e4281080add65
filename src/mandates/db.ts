/**
 * The mandates table (a representative acting for the applicant in a case), and the check that
 * the account named as representative is an active one.
 */
import type { LegalDate } from "../kernel/calendar/dates.ts";
import type { Queryable } from "../store/db.ts";

export interface Mandate {
  id: string;
  caseId: string;
  representativeId: string;
  validFrom: LegalDate;
  validUntil: LegalDate | null;
  revokedAt: string | null;
}

export async function insertMandate(
  tx: Queryable,
  m: {
    officeId: string;
    id: string;
    caseId: string;
    representativeId: string;
    validFrom: LegalDate;
    validUntil: LegalDate | null;
    createdAt: Date;
    createdBy: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO mandates (office_id, id, case_id, representative_id, valid_from, valid_until, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      m.officeId,
      m.id,
      m.caseId,
      m.representativeId,
      m.validFrom,
      m.validUntil,
      m.createdAt.toISOString(),
      m.createdBy,
    ],
  );
}

/** The mandate `id` if it is not revoked, its row locked until the transaction ends; else null. */
export async function findMandate(
  tx: Queryable,
  id: string,
): Promise<{ officeId: string; caseId: string } | null> {
  const rows = await tx.query<{ office_id: string; case_id: string }>(
    `SELECT office_id, case_id FROM mandates WHERE id = $1 AND revoked_at IS NULL FOR UPDATE`,
    [id],
  );
  const row = rows[0];
  return row ? { officeId: row.office_id, caseId: row.case_id } : null;
}

export async function revokeMandateRow(
  tx: Queryable,
  m: { id: string; revokedAt: Date; revokedBy: string },
): Promise<void> {
  await tx.query(`UPDATE mandates SET revoked_at = $2, revoked_by = $3 WHERE id = $1`, [
    m.id,
    m.revokedAt.toISOString(),
    m.revokedBy,
  ]);
}

/** The mandates of a case, revoked ones included, in the order they were granted. */
export async function mandatesOfCase(tx: Queryable, officeId: string, caseId: string): Promise<Mandate[]> {
  return tx.query<Mandate>(
    `SELECT id, case_id AS "caseId", representative_id AS "representativeId", valid_from AS "validFrom",
              valid_until AS "validUntil", revoked_at AS "revokedAt"
         FROM mandates WHERE office_id = $1 AND case_id = $2 ORDER BY created_at`,
    [officeId, caseId],
  );
}
