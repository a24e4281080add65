/**
 * Persons: names in any script, nationality, identifiers. A person is not case-scoped (one person
 * may have cases at several offices). Identifiers are stored as given until field encryption lands.
 */
import type { Person } from "../contracts/api.ts";
import type { Queryable } from "./db.ts";

/**
 * Lower-cased, NFC-normalised name text for trigram search; the database derives the two-character
 * pieces for short Korean terms from it (persons.search_bigrams).
 */
export function searchText(person: Pick<Person, "names">): string {
  return person.names.map((n) => n.value.normalize("NFC").toLowerCase()).join(" ");
}

export async function insertPerson(db: Queryable, p: Person): Promise<void> {
  await db.query(
    `INSERT INTO persons (id, names, birth_date, sex, nationality, identifiers, languages, search_text, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      p.id,
      JSON.stringify(p.names),
      p.birthDate ?? null,
      p.sex ?? null,
      p.nationality,
      JSON.stringify(p.identifiers ?? []),
      JSON.stringify(p.languages ?? []),
      searchText(p),
      p.createdAt,
      p.createdBy,
    ],
  );
}

interface PersonRow {
  id: string;
  names: Person["names"];
  birth_date: string | null;
  sex: Person["sex"] | null;
  nationality: string;
  identifiers: NonNullable<Person["identifiers"]>;
  languages: NonNullable<Person["languages"]>;
  created_at: string;
  created_by: string;
}

export async function getPerson(db: Queryable, id: string): Promise<Person | null> {
  const rows = await db.query<PersonRow>(
    `SELECT id, names, birth_date, sex, nationality, identifiers, languages, created_at, created_by FROM persons WHERE id = $1`,
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
    identifiers: r.identifiers,
    languages: r.languages,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}
