/**
 * The access policy's SQL (docs/security.md requirement 5): whether a representative holds a
 * current mandate for a case, and the condition that a case row is within a principal's reach.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Queryable } from "../../store/db.ts";

/** Which cases a right reaches for a principal (`caseReach`, policy.ts). */
export type CaseReach =
  | { kind: "all" }
  | { kind: "office"; officeId: string }
  | { kind: "mandate"; representativeId: string }
  | { kind: "none" };

/** A mandate row `m` is one for the case (`office`, `caseId`), current on `today`, held by `representative`. */
const currentMandate = (office: string, caseId: string, representative: string, today: string) =>
  `m.office_id = ${office} AND m.case_id = ${caseId} AND m.representative_id = ${representative}
   AND m.revoked_at IS NULL AND m.valid_from <= ${today}::date
   AND (m.valid_until IS NULL OR m.valid_until >= ${today}::date)`;

/** A representative reaches a case only while holding a current mandate for it. */
export async function holdsCurrentMandate(
  db: Queryable,
  representativeId: string,
  c: { id: string; officeId: string },
  today: LegalDate,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM mandates m WHERE ${currentMandate("$1", "$2", "$3", "$4")} LIMIT 1`,
    [c.officeId, c.id, representativeId, today],
  );
  return rows.length > 0;
}

export const REACH_KINDS: readonly CaseReach["kind"][] = ["all", "office", "mandate", "none"];

/**
 * The condition that the case row `alias` (with `office_id` and `id`) is within a reach of this
 * kind, as SQL whose parameters are numbered from `$first` (their values: `reachParams`). The text
 * depends only on the kind, so a statement built with it can be kept prepared.
 */
export function reachSql(kind: CaseReach["kind"], alias: string, first: number): string {
  switch (kind) {
    case "all":
      return "true";
    case "none":
      return "false";
    case "office":
      return `${alias}.office_id = $${first}`;
    case "mandate":
      return `EXISTS (SELECT 1 FROM mandates m
                       WHERE ${currentMandate(`${alias}.office_id`, `${alias}.id`, `$${first}`, `$${first + 1}`)})`;
  }
}

/** The values of `reachSql`'s parameters for this reach, on `today`. */
export function reachParams(reach: CaseReach, today: LegalDate): unknown[] {
  switch (reach.kind) {
    case "all":
    case "none":
      return [];
    case "office":
      return [reach.officeId];
    case "mandate":
      return [reach.representativeId, today];
  }
}
