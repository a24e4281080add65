/**
 * Persons: names in any script, nationality, identifiers. A person is not case-scoped (one person
 * may have cases at several offices). Identifiers and sensitive claim facts are encrypted by the
 * keyring before they reach the database, bound to the row and field; identifiers are also kept as
 * keyed blind indexes for exact-match search.
 */
import type { Person } from "../contracts/api.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";

/**
 * Lower-cased, NFC-normalised name text for trigram search; the database derives the two-character
 * pieces for short Korean terms from it (persons.search_bigrams).
 */
export function searchText(person: Pick<Person, "names">): string {
  return person.names.map((n) => n.value.normalize("NFC").toLowerCase()).join(" ");
}

const field = (id: string, name: string) => ({ table: "persons", row: id, field: name });

/**
 * Store a person; `registeredOfficeId` is the registering office (null when the registering role
 * spans offices), which decides, with the person's cases, which office-bound staff reach them.
 */
export async function insertPerson(
  db: Queryable,
  keyring: Keyring,
  p: Person,
  registeredOfficeId: string | null,
): Promise<void> {
  const identifiers = p.identifiers ?? [];
  await db.query(
    `INSERT INTO persons (id, names, birth_date, sex, nationality, identifiers_enc, sensitive_enc, languages,
                          countries_feared, search_text, created_at, created_by, registered_office_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      p.id,
      JSON.stringify(p.names),
      p.birthDate ?? null,
      p.sex ?? null,
      p.nationality,
      identifiers.length ? keyring.encrypt(JSON.stringify(identifiers), field(p.id, "identifiers")) : null,
      p.sensitiveFacts ? keyring.encrypt(JSON.stringify(p.sensitiveFacts), field(p.id, "sensitive")) : null,
      JSON.stringify(p.languages ?? []),
      p.countriesFeared ?? [],
      searchText(p),
      p.createdAt,
      p.createdBy,
      registeredOfficeId,
    ],
  );
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
): Promise<{ registeredOfficeId: string | null; caseOfficeIds: string[]; nationality: string } | null> {
  const [row] = await db.query<{
    registered_office_id: string | null;
    case_offices: string[];
    nationality: string;
  }>(
    `SELECT p.registered_office_id, p.nationality,
            ARRAY(SELECT DISTINCT c.office_id FROM cases c WHERE c.person_id = p.id) AS case_offices
     FROM persons p WHERE p.id = $1`,
    [id],
  );
  return row
    ? {
        registeredOfficeId: row.registered_office_id,
        caseOfficeIds: row.case_offices,
        nationality: row.nationality,
      }
    : null;
}

interface PersonRow {
  id: string;
  names: Person["names"];
  birth_date: string | null;
  sex: Person["sex"] | null;
  nationality: string;
  identifiers_enc: string | null;
  sensitive_enc: string | null;
  languages: NonNullable<Person["languages"]>;
  countries_feared: string[];
  created_at: string;
  created_by: string;
}

export async function getPerson(db: Queryable, keyring: Keyring, id: string): Promise<Person | null> {
  const rows = await db.query<PersonRow>(
    `SELECT id, names, birth_date, sex, nationality, identifiers_enc, sensitive_enc, languages, countries_feared,
            created_at, created_by
       FROM persons WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    names: r.names,
    ...(r.birth_date ? { birthDate: r.birth_date } : {}),
    ...(r.sex ? { sex: r.sex } : {}),
    nationality: r.nationality.trim(),
    identifiers: r.identifiers_enc
      ? (JSON.parse(keyring.decrypt(r.identifiers_enc, field(r.id, "identifiers"))) as Person["identifiers"])
      : [],
    languages: r.languages,
    countriesFeared: r.countries_feared,
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
