/**
 * Persons: names in any script, nationality, identifiers. A person is not case-scoped (one person
 * may have cases at several offices). Names, the date of birth, identifiers, contact details, the
 * representative and sensitive claim facts are encrypted by the keyring before they reach the database, bound to the row and field
 * (docs/security.md requirements 9 and 20); identifiers are also kept as keyed blind indexes for
 * exact-match search, and names as keyed, truncated blocking keys (name-keys.ts) for name search.
 */
import type { Person } from "../contracts/api.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import { openText } from "../security/crypto/sealed.ts";
import type { Queryable } from "../store/db.ts";
import { NAME_BLOCK_BITS, nameKeys } from "./name-keys.ts";
import { writeMatchBlocks } from "./matching/store-blocks.ts";

const field = (id: string, name: string) => ({ table: "persons", row: id, field: name });

/** Where a person's sealed names and date of birth are bound. */
export const namesField = (id: string) => field(id, "names");
export const birthDateField = (id: string) => field(id, "birth_date");

/** The stored blocking keys of a search word's or a person's keys (see name-keys.ts). */
export function nameBlocks(keyring: Keyring, keys: readonly string[]): number[] {
  return [...new Set(keys.map((k) => keyring.blockingKey("name", k, NAME_BLOCK_BITS)))].sort((a, b) => a - b);
}

/** A person's names as stored: sealed, or (written before names were sealed) in the plain column. */
export function openNames(
  keyring: Keyring,
  row: { id: string; names_enc: string | null; names: Person["names"] },
): Person["names"] {
  if (row.names_enc === null) return row.names;
  return JSON.parse(keyring.decrypt(row.names_enc, namesField(row.id))) as Person["names"];
}

/**
 * Store a person; `registeredOfficeId` is the registering office (null when the registering role
 * spans offices), which decides, with the person's cases, which office-bound staff reach them.
 */
/** A person's names alone, decrypted (empty when there is no such person). */
export async function namesOfPerson(db: Queryable, keyring: Keyring, id: string): Promise<Person["names"]> {
  const rows = await db.query<{ id: string; names_enc: string | null; names: Person["names"] }>(
    "SELECT id, names_enc, names FROM persons WHERE id = $1",
    [id],
  );
  const row = rows[0];
  return row ? openNames(keyring, row) : [];
}

export async function insertPerson(
  db: Queryable,
  keyring: Keyring,
  p: Person,
  registeredOfficeId: string | null,
): Promise<void> {
  const identifiers = p.identifiers ?? [];
  await db.query(
    `INSERT INTO persons (id, names_enc, birth_date_enc, name_blocks, sex, nationality, identifiers_enc,
                          sensitive_enc, languages, countries_feared, former_residences, created_at, created_by,
                          registered_office_id, contact_enc, representative_enc)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      p.id,
      keyring.encrypt(JSON.stringify(p.names), namesField(p.id)),
      p.birthDate ? keyring.encrypt(p.birthDate, birthDateField(p.id)) : null,
      nameBlocks(keyring, nameKeys(p.names)),
      p.sex ?? null,
      p.nationality,
      identifiers.length ? keyring.encrypt(JSON.stringify(identifiers), field(p.id, "identifiers")) : null,
      p.sensitiveFacts ? keyring.encrypt(JSON.stringify(p.sensitiveFacts), field(p.id, "sensitive")) : null,
      JSON.stringify(p.languages ?? []),
      p.countriesFeared ?? [],
      p.formerResidences ?? [],
      p.createdAt,
      p.createdBy,
      registeredOfficeId,
      p.contact ? keyring.encrypt(JSON.stringify(p.contact), field(p.id, "contact")) : null,
      p.representative
        ? keyring.encrypt(JSON.stringify(p.representative), field(p.id, "representative"))
        : null,
    ],
  );
  await writeMatchBlocks(db, keyring, p.id, p);
  for (const id of identifiers) {
    await db.query(
      `INSERT INTO person_identifier_index (person_id, kind, blind_index) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [p.id, id.kind, keyring.blindIndex(id.kind, id.value)],
    );
  }
}

/**
 * Where a person belongs (the registering office, the offices of their cases) and their
 * nationality, without decrypting anything; null if there is no such person.
 */
export async function personOffices(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<{
  registeredOfficeId: string | null;
  caseOfficeIds: string[];
  nationality: string;
  countriesFeared: string[];
  formerResidences: string[];
} | null> {
  const [row] = await db.query<{
    registered_office_id: string | null;
    case_offices: string[];
    nationality: string;
    countries_feared: string[];
    former_residences: string[];
  }>(
    `SELECT p.registered_office_id, p.nationality, p.countries_feared, p.former_residences,
            ARRAY(SELECT DISTINCT c.office_id FROM cases c WHERE c.person_id = p.id) AS case_offices
     FROM persons p WHERE p.id = $1${options.lock ? " FOR UPDATE OF p" : ""}`,
    [id],
  );
  return row
    ? {
        registeredOfficeId: row.registered_office_id,
        caseOfficeIds: row.case_offices,
        nationality: row.nationality,
        countriesFeared: row.countries_feared,
        formerResidences: row.former_residences,
      }
    : null;
}

/** Replace a person's feared countries and former residences (add-countries.ts only adds). */
export async function addPersonCountries(
  db: Queryable,
  id: string,
  c: { countriesFeared: readonly string[]; formerResidences: readonly string[] },
): Promise<void> {
  await db.query("UPDATE persons SET countries_feared = $2, former_residences = $3 WHERE id = $1", [
    id,
    c.countriesFeared,
    c.formerResidences,
  ]);
}

/** Replace the sealed contact details and intake representative (null removes them). */
export async function setPersonContact(
  db: Queryable,
  keyring: Keyring,
  id: string,
  c: { contact: Person["contact"] | null; representative: Person["representative"] | null },
): Promise<void> {
  const has = (v: object | null | undefined): v is object =>
    v !== null && v !== undefined && Object.keys(v).length > 0;
  await db.query("UPDATE persons SET contact_enc = $2, representative_enc = $3 WHERE id = $1", [
    id,
    has(c.contact) ? keyring.encrypt(JSON.stringify(c.contact), field(id, "contact")) : null,
    has(c.representative)
      ? keyring.encrypt(JSON.stringify(c.representative), field(id, "representative"))
      : null,
  ]);
}

interface PersonRow {
  id: string;
  names: Person["names"];
  names_enc: string | null;
  birth_date: string | null;
  birth_date_enc: string | null;
  sex: Person["sex"] | null;
  nationality: string;
  identifiers_enc: string | null;
  sensitive_enc: string | null;
  contact_enc: string | null;
  representative_enc: string | null;
  languages: NonNullable<Person["languages"]>;
  countries_feared: string[];
  former_residences: string[];
  created_at: string;
  created_by: string;
}

export async function getPerson(db: Queryable, keyring: Keyring, id: string): Promise<Person | null> {
  const rows = await db.query<PersonRow>(
    `SELECT id, names, names_enc, birth_date, birth_date_enc, sex, nationality, identifiers_enc, sensitive_enc, languages, countries_feared,
            former_residences, created_at, created_by, contact_enc, representative_enc
       FROM persons WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const birthDate = openText(keyring, r.birth_date_enc, birthDateField(r.id)) ?? r.birth_date;
  return {
    id: r.id,
    names: openNames(keyring, r),
    ...(birthDate ? { birthDate } : {}),
    ...(r.sex ? { sex: r.sex } : {}),
    nationality: r.nationality.trim(),
    identifiers: r.identifiers_enc
      ? (JSON.parse(keyring.decrypt(r.identifiers_enc, field(r.id, "identifiers"))) as Person["identifiers"])
      : [],
    languages: r.languages,
    countriesFeared: r.countries_feared,
    formerResidences: r.former_residences,
    ...(r.contact_enc
      ? {
          contact: JSON.parse(keyring.decrypt(r.contact_enc, field(r.id, "contact"))) as NonNullable<
            Person["contact"]
          >,
        }
      : {}),
    ...(r.representative_enc
      ? {
          representative: JSON.parse(
            keyring.decrypt(r.representative_enc, field(r.id, "representative")),
          ) as NonNullable<Person["representative"]>,
        }
      : {}),
    ...(r.sensitive_enc
      ? {
          sensitiveFacts: JSON.parse(
            keyring.decrypt(r.sensitive_enc, field(r.id, "sensitive")),
          ) as NonNullable<Person["sensitiveFacts"]>,
        }
      : {}),
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** Persons holding this exact identifier (found through its blind index, never by decrypting). */
export async function findPersonIdsByIdentifier(
  db: Queryable,
  keyring: Keyring,
  kind: string,
  value: string,
): Promise<string[]> {
  const rows = await db.query<{ person_id: string }>(
    `SELECT DISTINCT person_id FROM person_identifier_index WHERE kind = $1 AND blind_index = $2`,
    [kind, keyring.blindIndex(kind, value)],
  );
  return rows.map((r) => r.person_id);
}

/**
 * Persons of this nationality whose stored blocking keys include every one of `blocks` (the keys
 * of a name: a person with that very name holds all of them), newest first; many others share
 * them, so the caller decrypts and compares.
 */
export async function findPersonIdsByNameBlocks(
  db: Queryable,
  nationality: string,
  blocks: readonly number[],
  limit: number,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM persons WHERE nationality = $1 AND name_blocks @> $2::integer[] ORDER BY id DESC LIMIT $3`,
    [nationality, blocks, limit],
  );
  return rows.map((r) => r.id);
}

/** A person's cases (every office's), newest first. */
export async function casesOfPerson(
  db: Queryable,
  personId: string,
): Promise<{ id: string; caseNumber: string | null; officeId: string; filedOn: string }[]> {
  const rows = await db.query<{
    id: string;
    case_number: string | null;
    office_id: string;
    filed_on: string;
  }>(
    `SELECT id, case_number, office_id, filed_on FROM cases WHERE person_id = $1 ORDER BY filed_on DESC, id DESC`,
    [personId],
  );
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.case_number,
    officeId: r.office_id,
    filedOn: r.filed_on,
  }));
}

/**
 * Seal up to `limit` persons written before names and dates of birth were encrypted (migration
 * 0017): their names and date of birth move to ciphertext, with their blocking keys, and the
 * plain columns are emptied. Returns how many were sealed; 0 when none is left.
 */
export async function sealPlainPersons(db: Queryable, keyring: Keyring, limit: number): Promise<number> {
  const rows = await db.query<{
    id: string;
    names: Person["names"];
    birth_date: string | null;
    nationality: string;
  }>(
    `SELECT id, names, birth_date, nationality FROM persons WHERE names_enc IS NULL ORDER BY id LIMIT $1 FOR UPDATE`,
    [limit],
  );
  for (const r of rows) {
    await db.query(
      `UPDATE persons SET names_enc = $2, birth_date_enc = $3, name_blocks = $4, names = '[]', birth_date = NULL
        WHERE id = $1`,
      [
        r.id,
        keyring.encrypt(JSON.stringify(r.names), namesField(r.id)),
        r.birth_date ? keyring.encrypt(r.birth_date, birthDateField(r.id)) : null,
        nameBlocks(keyring, nameKeys(r.names)),
      ],
    );
    await writeMatchBlocks(db, keyring, r.id, {
      names: r.names,
      birthDate: r.birth_date ?? undefined,
      nationality: r.nationality.trim(),
    });
  }
  return rows.length;
}
