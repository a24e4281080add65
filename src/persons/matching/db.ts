/**
 * Identity matching's SQL: candidates by blocking keys, the persons' fields a comparison needs
 * (sealed; decrypted here only for persons already found within reach), and the decisions on
 * pairs (`person_links`, migration 0043).
 */
import type { Person } from "../../contracts/api.ts";
import { OFFICES } from "../../kernel/offices.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import { openText } from "../../security/crypto/sealed.ts";
import type { Queryable } from "../../store/db.ts";
import { birthDateField, openNames } from "../db.ts";
import { MATCH_KEYS_MARK, writeMatchBlocks } from "./store-blocks.ts";

/**
 * Persons whose stored blocks meet any of `blocks`, other than `exceptId`; past `limit`, those
 * meeting the most of them (a query without a date of birth can meet thousands).
 */
export async function candidateIds(
  db: Queryable,
  blocks: readonly number[],
  exceptId: string,
  limit: number,
): Promise<string[]> {
  if (blocks.length === 0) return [];
  const rows = await db.query<{ person_id: string }>(
    `SELECT person_id FROM person_match_blocks WHERE blocks && $1::integer[] AND person_id <> $2
      ORDER BY (SELECT count(*) FROM unnest(blocks) AS k WHERE k = ANY ($1::integer[])) DESC, person_id
      LIMIT $3`,
    [blocks, exceptId, limit],
  );
  return rows.map((r) => r.person_id);
}

export interface Reach {
  id: string;
  registeredOfficeId: string | null;
  caseOfficeIds: string[];
}

/**
 * Every office's code: cases are found by person through the (office_id, person_id) index, one
 * seek per office, rather than by reading the whole index for each candidate.
 */
const OFFICE_CODES = OFFICES.map((o) => o.code);

/** Where each person belongs, without decrypting anything. */
export async function reachOf(db: Queryable, ids: readonly string[]): Promise<Reach[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string; registered_office_id: string | null; case_offices: string[] }>(
    `SELECT p.id, p.registered_office_id,
            ARRAY(SELECT DISTINCT c.office_id FROM cases c
                   WHERE c.office_id = ANY($2::text[]) AND c.person_id = p.id) AS case_offices
       FROM persons p WHERE p.id = ANY($1::uuid[])`,
    [ids, OFFICE_CODES],
  );
  return rows.map((r) => ({
    id: r.id,
    registeredOfficeId: r.registered_office_id,
    caseOfficeIds: r.case_offices,
  }));
}

export interface MatchFields {
  id: string;
  names: Person["names"];
  birthDate?: string;
  nationality: string;
  sex?: string;
}

/** The fields a comparison needs, decrypted. */
export async function matchFields(
  db: Queryable,
  keyring: Keyring,
  ids: readonly string[],
): Promise<MatchFields[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{
    id: string;
    names: Person["names"];
    names_enc: string | null;
    birth_date: string | null;
    birth_date_enc: string | null;
    nationality: string;
    sex: string | null;
  }>(
    `SELECT id, names, names_enc, birth_date, birth_date_enc, nationality, sex FROM persons WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((r) => {
    const birthDate = openText(keyring, r.birth_date_enc, birthDateField(r.id)) ?? r.birth_date;
    return {
      id: r.id,
      names: openNames(keyring, r),
      ...(birthDate ? { birthDate } : {}),
      nationality: r.nationality.trim(),
      ...(r.sex ? { sex: r.sex } : {}),
    };
  });
}

/**
 * Make the blocking keys of up to `limit` persons registered before migration 0043, or whose keys
 * an earlier version of keys.ts made (their names decrypted here, in the application). Returns how
 * many; 0 when none is left.
 */
export async function fillMatchBlocks(db: Queryable, keyring: Keyring, limit: number): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `SELECT p.id FROM persons p
      WHERE p.names_enc IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM person_match_blocks b
                         WHERE b.person_id = p.id AND $2::integer = ANY (b.blocks))
      ORDER BY p.id LIMIT $1`,
    [limit, MATCH_KEYS_MARK],
  );
  for (const f of await matchFields(
    db,
    keyring,
    rows.map((r) => r.id),
  ))
    await writeMatchBlocks(db, keyring, f.id, f);
  return rows.length;
}

export interface CaseOfPerson {
  id: string;
  personId: string;
  caseNumber: string | null;
  officeId: string;
  profile: string;
  kind: "first" | "subsequent";
  filedOn: string;
}

/** The cases of these persons, oldest first. */
export async function casesOfPersons(db: Queryable, personIds: readonly string[]): Promise<CaseOfPerson[]> {
  if (personIds.length === 0) return [];
  return db.query<CaseOfPerson>(
    `SELECT id, person_id AS "personId", case_number AS "caseNumber", office_id AS "officeId", profile, kind,
            filed_on AS "filedOn"
       FROM cases WHERE office_id = ANY($2::text[]) AND person_id = ANY($1::uuid[]) ORDER BY filed_on, id`,
    [personIds, OFFICE_CODES],
  );
}

export interface LinkRow {
  personA: string;
  personB: string;
  decision: "confirmed" | "rejected";
  reason: string;
  noteEnc: string | null;
  score: string | null;
  decidedBy: string;
  decidedAt: Date | string;
  id: string;
}

/** Where a link's note is bound. */
export const noteField = (a: string, b: string) => ({
  table: "person_links",
  row: `${a}/${b}`,
  field: "note",
});

/** The pair in stored order (the smaller id first). */
export const pairOf = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

export async function insertLink(
  db: Queryable,
  row: Omit<LinkRow, "id" | "decidedAt" | "score"> & { decidedAt: string; score: number | null },
): Promise<void> {
  await db.query(
    `INSERT INTO person_links (person_a, person_b, decision, reason, note_enc, score, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.personA,
      row.personB,
      row.decision,
      row.reason,
      row.noteEnc,
      row.score,
      row.decidedBy,
      row.decidedAt,
    ],
  );
}

const LINK_COLUMNS = `id::text AS id, person_a AS "personA", person_b AS "personB", decision, reason,
  note_enc AS "noteEnc", score::text AS score, decided_by AS "decidedBy", decided_at AS "decidedAt"`;

/** The current decision of every pair with one of these persons (the latest row of each pair). */
export async function currentLinks(db: Queryable, personIds: readonly string[]): Promise<LinkRow[]> {
  if (personIds.length === 0) return [];
  return db.query<LinkRow>(
    `SELECT DISTINCT ON (person_a, person_b) ${LINK_COLUMNS}
       FROM person_links
      WHERE person_a = ANY($1::uuid[]) OR person_b = ANY($1::uuid[])
      ORDER BY person_a, person_b, id DESC`,
    [personIds],
  );
}
