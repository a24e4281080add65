/** Reads of the case projection: headers, filtered lists, and cases whose view is due a refresh. */
import type { Person } from "../../contracts/api.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { prepared, type Queryable } from "../../store/db.ts";
import type { StoredEvent } from "./chain-hash.ts";

export interface CaseHeaderRow {
  id: string;
  officeId: string;
  personId: string;
  nationality: string;
  /** The procedure profile whose rules the case follows. */
  profile: string;
  /** The human case number (office, year, sequence), e.g. SEOUL-2024-000123; given when the case is opened. */
  caseNumber?: string | null;
  /** The examiner the case is assigned to (read with the case; not every header carries it). */
  assignee?: { id: string; displayName: string } | null;
}

const HEADER = `id, office_id AS "officeId", person_id AS "personId", trim(nationality) AS nationality, profile,
  case_number AS "caseNumber"`;

export async function getCaseHeader(db: Queryable, id: string): Promise<CaseHeaderRow | null> {
  const rows = await db.query<CaseHeaderRow>(`SELECT ${HEADER} FROM cases WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findCaseHeaders(db: Queryable, ids: readonly string[]): Promise<CaseHeaderRow[]> {
  if (ids.length === 0) return [];
  return db.query<CaseHeaderRow>(`SELECT ${HEADER} FROM cases WHERE id = ANY($1::uuid[])`, [ids]);
}

export interface CaseListFilter {
  office?: string;
  stage?: string;
  nationality?: string;
  personId?: string;
  /** Keyset: return cases with id below this one (ids are time-ordered UUIDv7, newest first). */
  beforeId?: string;
  limit: number;
}

export interface CaseSummaryRow {
  id: string;
  caseNumber: string | null;
  personId: string;
  office: string;
  profile: string;
  channel: "in_country" | "port_of_entry" | "detention_centre";
  kind: "first" | "subsequent";
  filedOn: LegalDate;
  nationality: string;
  version: number;
  stage: string;
  applicantStatus: string | null;
  protection: string | null;
  final: boolean;
  redecisionRequired: boolean;
}

export async function listCases(db: Queryable, f: CaseListFilter): Promise<CaseSummaryRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (f.office) add("office_id = ?", f.office);
  if (f.stage) add("stage = ?", f.stage);
  if (f.nationality) add("nationality = ?", f.nationality);
  if (f.personId) add("person_id = ?", f.personId);
  if (f.beforeId) add("id < ?", f.beforeId);
  params.push(f.limit);
  return db.query<CaseSummaryRow>(
    `SELECT id, case_number AS "caseNumber", person_id AS "personId", office_id AS office, profile, channel, kind, filed_on AS "filedOn",
            trim(nationality) AS nationality, version, stage, applicant_status AS "applicantStatus",
            protection, final, redecision_required AS "redecisionRequired"
       FROM cases ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
}

export interface CaseSearchFilter extends CaseListFilter {
  /**
   * Per word of a name search, the blocking keys a matching person holds at least one of
   * (`persons.name_blocks`, see src/persons/name-keys.ts): candidates, which the caller decrypts
   * and compares.
   */
  nameBlocks?: number[][];
  /** Only the cases of these persons (found, e.g., by an identifier's blind index). */
  personIds?: string[];
  /** Only the case with this number. */
  caseNumber?: string;
}

export type CaseSearchRow = CaseSummaryRow & {
  names: { value: string; script?: string; kind?: string }[];
};

/** A candidate of a search: the case and its applicant's names as stored (sealed, or plain if older). */
export type CaseCandidateRow = CaseSummaryRow & {
  names: Person["names"];
  namesEnc: string | null;
};

/**
 * The case list with the applicant's names as stored, newest first, narrowed by a name search's
 * blocking keys: each word's keys must meet the person's (`&&` on the GIN-indexed array).
 */
export async function searchCases(db: Queryable, f: CaseSearchFilter): Promise<CaseCandidateRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (f.office) add("c.office_id = ?", f.office);
  if (f.stage) add("c.stage = ?", f.stage);
  if (f.nationality) add("c.nationality = ?", f.nationality);
  if (f.personId) add("c.person_id = ?", f.personId);
  if (f.personIds) add("c.person_id = ANY(?::uuid[])", f.personIds);
  if (f.caseNumber) add("c.case_number = ?", f.caseNumber);
  if (f.beforeId) add("c.id < ?", f.beforeId);
  for (const blocks of f.nameBlocks ?? []) add("p.name_blocks && ?::int[]", blocks);
  params.push(f.limit);
  return db.query<CaseCandidateRow>(
    `SELECT c.id, c.case_number AS "caseNumber", c.person_id AS "personId", c.office_id AS office, c.profile, c.channel, c.kind, c.filed_on AS "filedOn",
            trim(c.nationality) AS nationality, c.version, c.stage, c.applicant_status AS "applicantStatus",
            c.protection, c.final, c.redecision_required AS "redecisionRequired", p.names, p.names_enc AS "namesEnc"
       FROM cases c JOIN persons p ON p.id = c.person_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY c.id DESC LIMIT $${params.length}`,
    params,
  );
}

/** Cases whose derived view may have changed by `today` without a new event (a period ran out). */
export async function casesDueForRefresh(
  db: Queryable,
  today: LegalDate,
  limit: number,
): Promise<CaseHeaderRow[]> {
  return db.query<CaseHeaderRow>(
    `SELECT ${HEADER} FROM cases WHERE valid_until IS NOT NULL AND valid_until <= $1 ORDER BY valid_until LIMIT $2`,
    [today, limit],
  );
}

/**
 * Cases of a profile whose stored snapshot was made by another version of its fold (or that have
 * none), after `afterId` in id order: their views are recomputed when the profile's rules change.
 */
export async function casesWithStaleFold(
  db: Queryable,
  profile: string,
  foldVersion: number,
  afterId: string | null,
  limit: number,
): Promise<CaseHeaderRow[]> {
  return db.query<CaseHeaderRow>(
    `SELECT ${HEADER} FROM cases
      WHERE profile = $1 AND (snapshot IS NULL OR (snapshot->>'foldVersion')::int IS DISTINCT FROM $2)
        AND ($3::uuid IS NULL OR id > $3::uuid)
      ORDER BY id LIMIT $4`,
    [profile, foldVersion, afterId, limit],
  );
}

/**
 * Cases of these profiles with a deadline on or after `date`: a holiday added on that date may
 * move their due dates.
 */
export async function casesWithDeadlinesFrom(
  db: Queryable,
  date: LegalDate,
  profiles: readonly string[],
): Promise<CaseHeaderRow[]> {
  return db.query<CaseHeaderRow>(
    `SELECT ${HEADER} FROM cases c
      WHERE c.profile = ANY($2::text[])
        AND EXISTS (SELECT 1 FROM case_deadlines d WHERE d.office_id = c.office_id AND d.case_id = c.id AND d.due_on >= $1)`,
    [date, profiles],
  );
}

export async function countCases(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases`);
  return rows[0]?.n ?? 0;
}

/** A case's header and its whole event history, as the case view needs them. */
export interface LoadedCase {
  header: CaseHeaderRow;
  events: StoredEvent[];
}

/**
 * What a read of a case selects: each event (alias `e`) with the case's header (alias `c`: the
 * `cases` row, or a row with its columns) on every row.
 */
export const LOADED_CASE_COLUMNS = `e.office_id AS "officeId", e.case_id AS "caseId", e.sequence, e.type,
       e.occurred_on AS "occurredOn", e.payload, e.recorded_at AS "recordedAt", e.recorded_by AS "recordedBy",
       e.prev_hash AS "prevHash", e.hash, c.person_id AS "personId", trim(c.nationality) AS nationality, c.profile,
       c.case_number AS "caseNumber", c.assigned_to AS "assignedTo",
       (SELECT a.display_name FROM accounts a WHERE a.id = c.assigned_to) AS "assigneeName"`;

export type LoadedCaseRow = StoredEvent & {
  personId: string;
  nationality: string;
  profile: string;
  caseNumber: string | null;
  assignedTo: string | null;
  assigneeName: string | null;
};

/** The rows of `LOADED_CASE_COLUMNS`, in the order of the events, as a case; null when there are none. */
export function loadedCaseOf(caseId: string, rows: LoadedCaseRow[]): LoadedCase | null {
  const first = rows[0];
  if (!first) return null;
  return {
    header: {
      id: caseId,
      officeId: first.officeId,
      personId: first.personId,
      nationality: first.nationality,
      profile: first.profile,
      caseNumber: first.caseNumber,
      assignee: first.assignedTo ? { id: first.assignedTo, displayName: first.assigneeName ?? "" } : null,
    },
    events: rows.map(
      ({
        personId: _p,
        nationality: _n,
        profile: _f,
        caseNumber: _c,
        assignedTo: _a,
        assigneeName: _an,
        ...e
      }) => e,
    ),
  };
}

/** The read path's one statement (the benchmark's raw-SQL baseline sends it too), kept prepared. */
export const LOAD_CASE_SQL = prepared(`SELECT ${LOADED_CASE_COLUMNS}
  FROM cases c JOIN case_events e ON e.office_id = c.office_id AND e.case_id = c.id
 WHERE c.id = $1
 ORDER BY e.sequence`);

/**
 * A case's header and its whole event history in one round trip, without access check or record
 * (the statement the case read is built on; `readCase` in src/cases/access.ts is the one to call
 * for a person). Null when there is no such case.
 */
export async function loadCase(db: Queryable, caseId: string): Promise<LoadedCase | null> {
  return loadedCaseOf(caseId, await db.query<LoadedCaseRow>(LOAD_CASE_SQL, [caseId]));
}

/** What a write needs of a case before it decides: its header, version and folded-state snapshot. */
export interface CaseWriteHead {
  header: CaseHeaderRow;
  version: number;
  /** The profile's snapshot at `version`, or null for a case written before snapshots existed. */
  snapshot: unknown;
}

/**
 * The case row a write starts from, in one round trip whatever the length of the history. Null
 * when there is no such case.
 */
export async function loadCaseHead(db: Queryable, caseId: string): Promise<CaseWriteHead | null> {
  const rows = await db.query<CaseHeaderRow & { version: number; snapshot: unknown }>(
    `SELECT ${HEADER}, version, snapshot FROM cases WHERE id = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return null;
  const { version, snapshot, ...header } = row;
  return { header, version, snapshot };
}
