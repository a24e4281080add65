/**
 * The SQL of the COI library (`coi_documents`, `coi_passages`, migration 0036). Library rows are
 * national and public-source: no office, nothing sealed.
 */
import type { CoiDocumentSummary, CoiPassage } from "../contracts/coi.ts";
import type { Queryable } from "../store/db.ts";

export interface DocumentRow {
  id: string;
  source: string;
  title: string;
  author: string | null;
  published_on: string | null;
  accessed_on: string | null;
  url: string | null;
  country: string;
  language: string;
  topics: string[];
  profiles: string[];
  file_id: string | null;
  file_sha256: string | null;
  file_name: string | null;
  file_size: string | number | null;
  file_media_type: string | null;
  version: number;
  updated_at: Date | string;
}

export interface PassageRow {
  id: string;
  document_id: string;
  position: number;
  text: string;
  locator: string | null;
  version: number;
  updated_at: Date | string;
}

/** Dates as YYYY-MM-DD whatever the driver hands back. */
export const DOCUMENT_COLUMNS = `d.id, d.source, d.title, d.author, d.published_on::text AS published_on,
  d.accessed_on::text AS accessed_on, d.url, d.country, d.language, d.topics, d.profiles, d.file_id,
  d.file_sha256, d.file_name, d.file_size, d.file_media_type, d.version, d.updated_at`;

const PASSAGE_COLUMNS = `p.id, p.document_id, p.position, p.text, p.locator, p.version, p.updated_at`;

const instant = (v: Date | string) => new Date(v).toISOString();

export function presentDocument(r: DocumentRow): CoiDocumentSummary {
  return {
    id: r.id,
    source: r.source,
    title: r.title,
    author: r.author,
    publishedOn: r.published_on,
    accessedOn: r.accessed_on,
    url: r.url,
    country: r.country,
    language: r.language,
    topics: r.topics,
    profiles: r.profiles,
    file:
      r.file_id && r.file_sha256
        ? {
            id: r.file_id,
            sha256: r.file_sha256,
            name: r.file_name ?? "document",
            size: Number(r.file_size ?? 0),
            mediaType: r.file_media_type ?? "application/octet-stream",
          }
        : null,
    version: r.version,
    updatedAt: instant(r.updated_at),
  };
}

export function presentPassage(r: PassageRow): CoiPassage {
  return {
    id: r.id,
    documentId: r.document_id,
    position: r.position,
    text: r.text,
    locator: r.locator,
    version: r.version,
    updatedAt: instant(r.updated_at),
  };
}

export interface DocumentFields {
  source: string;
  title: string;
  author: string | null;
  publishedOn: string | null;
  accessedOn: string | null;
  url: string | null;
  country: string;
  language: string;
  topics: string[];
  profiles: string[];
}

export async function insertDocument(
  tx: Queryable,
  d: DocumentFields & { id: string; at: Date; by: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO coi_documents (id, source, title, author, published_on, accessed_on, url, country,
       language, topics, profiles, created_at, created_by, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13)`,
    [
      d.id,
      d.source,
      d.title,
      d.author,
      d.publishedOn,
      d.accessedOn,
      d.url,
      d.country,
      d.language,
      d.topics,
      d.profiles,
      d.at,
      d.by,
    ],
  );
}

export async function updateDocument(
  tx: Queryable,
  d: DocumentFields & { id: string; at: Date; by: string },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE coi_documents SET source = $2, title = $3, author = $4, published_on = $5,
       accessed_on = $6, url = $7, country = $8, language = $9, topics = $10, profiles = $11,
       updated_at = $12, updated_by = $13, version = version + 1
     WHERE id = $1 RETURNING id`,
    [
      d.id,
      d.source,
      d.title,
      d.author,
      d.publishedOn,
      d.accessedOn,
      d.url,
      d.country,
      d.language,
      d.topics,
      d.profiles,
      d.at,
      d.by,
    ],
  );
  return rows.length > 0;
}

export async function setDocumentFile(
  tx: Queryable,
  id: string,
  f: { fileId: string; sha256: string; name: string; size: number; mediaType: string; at: Date; by: string },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE coi_documents SET file_id = $2, file_sha256 = $3, file_name = $4, file_size = $5,
       file_media_type = $6, updated_at = $7, updated_by = $8, version = version + 1
     WHERE id = $1 RETURNING id`,
    [id, f.fileId, f.sha256, f.name, f.size, f.mediaType, f.at, f.by],
  );
  return rows.length > 0;
}

export async function findDocument(tx: Queryable, id: string): Promise<DocumentRow | null> {
  const [row] = await tx.query<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM coi_documents d WHERE d.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function listDocuments(
  tx: Queryable,
  f: { country?: string | undefined; limit: number; offset: number },
): Promise<{ rows: DocumentRow[]; total: number }> {
  const rows = await tx.query<DocumentRow & { total: string | number }>(
    `SELECT ${DOCUMENT_COLUMNS}, count(*) OVER () AS total FROM coi_documents d
     WHERE ($1::text IS NULL OR d.country = $1)
     ORDER BY d.published_on DESC NULLS LAST, d.id DESC LIMIT $2 OFFSET $3`,
    [f.country ?? null, f.limit, f.offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export async function passagesOf(tx: Queryable, documentId: string): Promise<PassageRow[]> {
  return tx.query<PassageRow>(
    `SELECT ${PASSAGE_COLUMNS} FROM coi_passages p WHERE p.document_id = $1 ORDER BY p.position`,
    [documentId],
  );
}

export async function insertPassages(
  tx: Queryable,
  documentId: string,
  passages: readonly { id: string; text: string; locator: string | null }[],
  at: Date,
  by: string,
): Promise<void> {
  if (passages.length === 0) return;
  await tx.query(
    `INSERT INTO coi_passages (id, document_id, position, text, locator, created_at, created_by,
       updated_at, updated_by)
     SELECT x.id, $1, (SELECT coalesce(max(position), 0) FROM coi_passages WHERE document_id = $1) + x.n,
       x.text, x.locator, $5, $6, $5, $6
     FROM unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS x(id, text, locator, n)`,
    [
      documentId,
      passages.map((p) => p.id),
      passages.map((p) => p.text),
      passages.map((p) => p.locator),
      at,
      by,
    ],
  );
}

export async function updatePassage(
  tx: Queryable,
  p: { documentId: string; id: string; text: string; locator: string | null; at: Date; by: string },
): Promise<PassageRow | null> {
  const [row] = await tx.query<PassageRow>(
    `UPDATE coi_passages p SET text = $3, locator = $4, updated_at = $5, updated_by = $6,
       version = version + 1
     WHERE p.document_id = $1 AND p.id = $2 RETURNING ${PASSAGE_COLUMNS}`,
    [p.documentId, p.id, p.text, p.locator, p.at, p.by],
  );
  return row ?? null;
}

export async function findPassage(tx: Queryable, id: string): Promise<PassageRow | null> {
  const [row] = await tx.query<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM coi_passages p WHERE p.id = $1`, [
    id,
  ]);
  return row ?? null;
}

export async function facets(tx: Queryable) {
  const [row] = await tx.query<{
    countries: { code: string; documents: number }[] | null;
    sources: { name: string; documents: number }[] | null;
    topics: { key: string; documents: number }[] | null;
    profiles: { key: string; documents: number }[] | null;
    documents: number;
    passages: number;
  }>(
    `SELECT
       (SELECT json_agg(json_build_object('code', country, 'documents', n) ORDER BY country)
          FROM (SELECT country, count(*)::int AS n FROM coi_documents GROUP BY country) c) AS countries,
       (SELECT json_agg(json_build_object('name', source, 'documents', n) ORDER BY source)
          FROM (SELECT source, count(*)::int AS n FROM coi_documents GROUP BY source) s) AS sources,
       (SELECT json_agg(json_build_object('key', t, 'documents', n) ORDER BY t)
          FROM (SELECT t, count(*)::int AS n FROM coi_documents, unnest(topics) t GROUP BY t) x) AS topics,
       (SELECT json_agg(json_build_object('key', t, 'documents', n) ORDER BY t)
          FROM (SELECT t, count(*)::int AS n FROM coi_documents, unnest(profiles) t GROUP BY t) x) AS profiles,
       (SELECT count(*)::int FROM coi_documents) AS documents,
       (SELECT count(*)::int FROM coi_passages) AS passages`,
  );
  return {
    countries: row?.countries ?? [],
    sources: row?.sources ?? [],
    topics: row?.topics ?? [],
    profiles: row?.profiles ?? [],
    documents: row?.documents ?? 0,
    passages: row?.passages ?? 0,
  };
}
