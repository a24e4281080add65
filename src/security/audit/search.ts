/**
 * The access records searched: who read or changed which case or person, when (SECURITY 12, 14).
 * The data protection officer asks "who looked at case X", "what did this account do last week",
 * "who opened anything about this person": by case (id or number), person, account and period, a
 * page at a time, newest first. Days are counted in Asia/Seoul, like the monthly review.
 *
 * Entries hold ids only: a person is found through the cases they are the applicant of; an
 * account through its id, or the name tried at a failed sign-in. A purpose is shown as the monthly review shows it: decrypted with the
 * keyring for those who may read the review.
 */
import type { Queryable } from "../../store/db.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { isPlainPurpose, openPurpose } from "./purpose.ts";

/** Korea has kept UTC+9 all year since 1988. */
const SEOUL_OFFSET = "+09:00";

export interface AuditSearch {
  caseId?: string | undefined;
  caseNumber?: string | undefined;
  personId?: string | undefined;
  /** A username. */
  account?: string | undefined;
  /** First and last day (YYYY-MM-DD, Asia/Seoul), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Entries numbered below this one (the page after the one that ended there). */
  before?: number | undefined;
  limit: number;
}

export interface AuditEntryRow {
  seq: number;
  at: string;
  actor: string;
  actorRole: string;
  action: string;
  outcome: "ok" | "denied" | "failed";
  officeId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  address: string;
  purpose: string | null;
}

export interface AuditSearchOptions {
  /** Decrypts the purposes of the entries listed (they are sealed, purpose.ts). */
  keyring?: Keyring | undefined;
}

/** One page of entries, newest first, and whether there are more. */
export async function searchAudit(
  db: Queryable,
  search: AuditSearch,
  options: AuditSearchOptions = {},
): Promise<{ items: AuditEntryRow[]; more: boolean }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (search.caseId) where.push(`l.case_id = ${p(search.caseId)}::uuid`);
  if (search.caseNumber)
    where.push(`l.case_id IN (SELECT id FROM cases WHERE case_number = upper(${p(search.caseNumber)}))`);
  if (search.personId)
    where.push(`l.case_id IN (SELECT id FROM cases WHERE person_id = ${p(search.personId)}::uuid)`);
  if (search.account) {
    const name = p(search.account);
    where.push(`(l.actor IN (SELECT id::text FROM accounts WHERE username = ${name}) OR l.actor = ${name})`);
  }
  if (search.from) where.push(`l.at >= ${p(`${search.from}T00:00:00${SEOUL_OFFSET}`)}::timestamptz`);
  if (search.to)
    where.push(`l.at < (${p(`${search.to}T00:00:00${SEOUL_OFFSET}`)}::timestamptz + interval '1 day')`);
  if (search.before) where.push(`l.seq < ${p(search.before)}`);
  const rows = await db.query<AuditEntryRow & { seq: string | number }>(
    `SELECT l.seq, l.at, coalesce(a.username, l.actor) AS actor, l.actor_role AS "actorRole", l.action,
            l.outcome, l.office_id AS "officeId", l.case_id AS "caseId", c.case_number AS "caseNumber",
            l.address, l.purpose, l.actor AS "actorId"
     FROM audit_log l
     LEFT JOIN accounts a ON a.id::text = l.actor
     LEFT JOIN cases c ON c.office_id = l.office_id AND c.id = l.case_id
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY l.seq DESC LIMIT ${p(search.limit + 1)}`,
    params,
  );
  const items = rows.slice(0, search.limit).map((r) => {
    const { actorId, ...row } = r as typeof r & { actorId: string };
    const seq = Number(row.seq);
    return {
      ...row,
      seq,
      at: new Date(row.at).toISOString(),
      purpose: options.keyring
        ? openPurpose(options.keyring, { actor: actorId, entry: seq, purpose: row.purpose })
        : isPlainPurpose(row.purpose)
          ? row.purpose
          : null,
    };
  });
  return { items, more: rows.length > search.limit };
}

/** The office of the case with this id, if there is such a case (for the search's own record). */
export async function officeOfCase(db: Queryable, caseId: string): Promise<string | null> {
  const [row] = await db.query<{ officeId: string }>(
    `SELECT office_id AS "officeId" FROM cases WHERE id = $1`,
    [caseId],
  );
  return row?.officeId ?? null;
}
