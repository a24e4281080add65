/** The office's re-application policy changes (0044): insert one, list an office's history. */
import type { Queryable } from "../../store/db.ts";

export interface PolicyChangeRow {
  policy: string;
  from: string;
  reason: string;
  setBy: string;
  setAt: string;
}

export async function policyChanges(db: Queryable, officeId: string): Promise<PolicyChangeRow[]> {
  return db.query<PolicyChangeRow>(
    `SELECT policy_id AS policy, to_char(from_date, 'YYYY-MM-DD') AS "from", reason, set_by AS "setBy",
       to_char(set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "setAt"
     FROM office_reapplication_policies WHERE office_id = $1 ORDER BY from_date`,
    [officeId],
  );
}

/** Insert a change; false when the office already has one from that date. */
export async function insertPolicyChange(
  db: Queryable,
  officeId: string,
  row: Omit<PolicyChangeRow, "setAt"> & { setAt: Date },
): Promise<boolean> {
  const rows = await db.query<{ office_id: string }>(
    `INSERT INTO office_reapplication_policies (office_id, from_date, policy_id, reason, set_by, set_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING office_id`,
    [officeId, row.from, row.policy, row.reason, row.setBy, row.setAt.toISOString()],
  );
  return rows.length === 1;
}
