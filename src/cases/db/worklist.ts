/**
 * The deadline worklist across cases, read from the `case_deadlines` projection. A deadline's
 * status on a date is computed here in SQL exactly as `deadlineStatus` computes it in the kernel
 * (src/kernel/procedure/deadlines.ts), from what the profile said its passing means; a test holds
 * the two together.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Queryable } from "../../store/db.ts";

export const STATUS_SQL = `COALESCE(d.resolution, CASE WHEN $1::date <= d.due_on THEN 'open' ELSE d.on_pass END)`;

export interface WorklistFilter {
  today: LegalDate;
  office?: string;
  kind?: string;
  dueBefore?: LegalDate;
  status?: "open" | "met" | "missed" | "lapsed";
  after?: { dueOn: LegalDate; caseId: string; ord: number };
  limit: number;
}

export interface WorklistRow {
  caseId: string;
  office: string;
  /** The case's procedure profile, whose labels name the deadline's kind. */
  profile: string;
  ord: number;
  kind: string;
  dueOn: LegalDate;
  basis: string;
  status: "open" | "met" | "missed" | "lapsed";
  party: "applicant" | "authority" | null;
  level: number | null;
}

export async function findDeadlines(db: Queryable, f: WorklistFilter): Promise<WorklistRow[]> {
  const params: unknown[] = [f.today];
  const where: string[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    let s = sql;
    for (const v of values) {
      params.push(v);
      s = s.replace("?", `$${params.length}`);
    }
    where.push(s);
  };
  if (f.office) add("d.office_id = ?", f.office);
  if (f.kind) add("d.kind = ?", f.kind);
  if (f.dueBefore) add("d.due_on < ?", f.dueBefore);
  if (f.status) add(`${STATUS_SQL} = ?`, f.status);
  if (f.after) add("(d.due_on, d.case_id, d.ord) > (?, ?, ?)", f.after.dueOn, f.after.caseId, f.after.ord);
  params.push(f.limit);
  return db.query<WorklistRow>(
    `SELECT d.case_id AS "caseId", d.office_id AS office, c.profile, d.ord, d.kind, d.due_on AS "dueOn",
            d.basis, ${STATUS_SQL} AS status, d.party, d.level
       FROM case_deadlines d JOIN cases c ON c.office_id = d.office_id AND c.id = d.case_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY d.due_on, d.case_id, d.ord
      LIMIT $${params.length}`,
    params,
  );
}
