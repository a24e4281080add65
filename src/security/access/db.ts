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
  | { kind: "agenda" }
  | { kind: "none" };

/**
 * How long after its meeting a case stays readable by the committee's members: long enough to write
 * the reasons of their votes, no longer.
 */
export const AGENDA_READ_DAYS = 30;

/** A row `a` of the committee's agenda for the case (`office`, `caseId`), whose meeting is not long past `today`. */
const onAgenda = (office: string, caseId: string, today: string) =>
  `a.office_id = ${office} AND a.case_id = ${caseId} AND a.meeting_on >= ${today}::date - ${AGENDA_READ_DAYS}`;

/** A committee member reaches a case only while it is on the committee's agenda. */
export async function isOnAgenda(
  db: Queryable,
  c: { id: string; officeId: string },
  today: LegalDate,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM committee_agenda a WHERE ${onAgenda("$1", "$2", "$3")} LIMIT 1`,
    [c.officeId, c.id, today],
  );
  return rows.length > 0;
}

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

/** Whether a case of the person is on the committee's agenda (a member then reads the person too). */
export async function personIsOnAgenda(db: Queryable, personId: string, today: LegalDate): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM cases c
       JOIN committee_agenda a ON a.office_id = c.office_id AND a.case_id = c.id
                              AND a.meeting_on >= $2::date - ${AGENDA_READ_DAYS}
      WHERE c.person_id = $1 LIMIT 1`,
    [personId, today],
  );
  return rows.length > 0;
}

export const REACH_KINDS: readonly CaseReach["kind"][] = ["all", "office", "mandate", "agenda", "none"];

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
    case "agenda":
      return `EXISTS (SELECT 1 FROM committee_agenda a WHERE ${onAgenda(`${alias}.office_id`, `${alias}.id`, `$${first}`)})`;
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
    case "agenda":
      return [today];
  }
}
