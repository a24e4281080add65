/**
 * The deadline worklist across cases, read from the `case_deadlines` projection. A deadline's
 * status on a date is computed here in SQL exactly as `deadlineStatus` computes it in the kernel
 * (src/kernel/procedure/deadlines.ts), from what the profile said its passing means; a test holds
 * the two together. Each row carries its case's number, stage and assignee, and its applicant's
 * names as stored (sealed: the caller decrypts them for the rows it shows).
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Person } from "../../contracts/api.ts";
import type { Queryable } from "../../store/db.ts";

export const STATUS_SQL = `COALESCE(d.resolution, CASE WHEN $1::date <= d.due_on THEN 'open' ELSE d.on_pass END)`;

export interface WorklistFilter {
  today: LegalDate;
  office?: string;
  kind?: string;
  dueBefore?: LegalDate;
  status?: "open" | "met" | "missed" | "lapsed";
  /** Only the deadlines of cases that are not final (default: of every case). */
  activeOnly?: boolean;
  /** Only tasks: no dates to know (`obligation` info). */
  tasksOnly?: boolean;
  /** Only the cases assigned to this account, or (null) assigned to nobody. */
  assignedTo?: string | null;
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
  obligation: "duty" | "right" | "info";
  caseNumber: string | null;
  stage: string;
  final: boolean;
  personId: string;
  assignedTo: string | null;
  assigneeName: string | null;
  /** The applicant's names as stored: sealed (`namesEnc`), or in plain text if older. */
  namesEnc: string | null;
  names: Person["names"];
}

/** The conditions of a worklist filter, and their parameters after the date at $1. */
function conditions(f: Omit<WorklistFilter, "limit">, withKind: boolean) {
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
  if (withKind && f.kind) add("d.kind = ?", f.kind);
  if (f.dueBefore) add("d.due_on < ?", f.dueBefore);
  if (f.status) add(`${STATUS_SQL} = ?`, f.status);
  if (f.activeOnly) add("NOT c.final");
  if (f.tasksOnly) add("d.obligation <> 'info'");
  if (f.assignedTo === null) add("c.assigned_to IS NULL");
  else if (f.assignedTo) add("c.assigned_to = ?", f.assignedTo);
  if (withKind && f.after) {
    add("(d.due_on, d.case_id, d.ord) > (?, ?, ?)", f.after.dueOn, f.after.caseId, f.after.ord);
  }
  return { params, where: where.length ? `WHERE ${where.join(" AND ")}` : "" };
}

/** How many deadlines of each kind the filter finds, whatever its kind and page. */
export async function countDeadlinesByKind(
  db: Queryable,
  f: Omit<WorklistFilter, "limit" | "after">,
): Promise<{ kind: string; count: number }[]> {
  const { params, where } = conditions(f, false);
  return db.query<{ kind: string; count: number }>(
    `SELECT d.kind, count(*)::int AS count
       FROM case_deadlines d JOIN cases c ON c.office_id = d.office_id AND c.id = d.case_id
      ${where}
      GROUP BY d.kind ORDER BY count(*) DESC, d.kind`,
    params,
  );
}

export async function findDeadlines(db: Queryable, f: WorklistFilter): Promise<WorklistRow[]> {
  const { params, where } = conditions(f, true);
  params.push(f.limit);
  return db.query<WorklistRow>(
    `SELECT d.case_id AS "caseId", d.office_id AS office, c.profile, d.ord, d.kind, d.due_on AS "dueOn",
            d.basis, ${STATUS_SQL} AS status, d.party, d.level, d.obligation,
            c.case_number AS "caseNumber", c.stage, c.final, c.person_id AS "personId",
            c.assigned_to AS "assignedTo", a.display_name AS "assigneeName",
            p.names_enc AS "namesEnc", COALESCE(p.names, '[]') AS names
       FROM case_deadlines d JOIN cases c ON c.office_id = d.office_id AND c.id = d.case_id
       LEFT JOIN persons p ON p.id = c.person_id
       LEFT JOIN accounts a ON a.id = c.assigned_to
      ${where}
      ORDER BY d.due_on, d.case_id, d.ord
      LIMIT $${params.length}`,
    params,
  );
}
