/**
 * The translation memory's SQL (`translation_memory`, migration 0046). Texts are sealed; queries
 * compare only keys (keys.ts).
 */
import type { Queryable } from "../../store/db.ts";

export interface MemoryRow {
  id: string;
  source_key: string;
  source_enc: string;
  target_enc: string;
  translated_by: string | null;
  reviewed_by: string | null;
  approved_at: string;
}

export interface Pair {
  officeId: string;
  sourceLang: string;
  targetLang: string;
}

const COLUMNS =
  "m.id, m.source_key, m.source_enc, m.target_enc, m.translated_by, m.reviewed_by, m.approved_at";

/** The pair's units whose source has one of `keys` (exact matches), newest first. */
export async function unitsByKey(db: Queryable, p: Pair, keys: readonly string[]): Promise<MemoryRow[]> {
  if (keys.length === 0) return [];
  return db.query<MemoryRow>(
    `SELECT ${COLUMNS} FROM translation_memory m
      WHERE m.office_id = $1 AND m.source_lang = $2 AND m.target_lang = $3 AND m.source_key = ANY ($4::text[])
      ORDER BY m.approved_at DESC, m.id`,
    [p.officeId, p.sourceLang, p.targetLang, keys],
  );
}

/**
 * For each query (its word keys), the pair's units that share the most of them, at most `limit`
 * each, in one statement: `query` is the query's index in `wordKeys`.
 */
export async function candidatesByWords(
  db: Queryable,
  p: Pair,
  wordKeys: readonly (readonly number[])[],
  limit: number,
): Promise<(MemoryRow & { query: number })[]> {
  const keys: number[] = [];
  const owners: number[] = [];
  wordKeys.forEach((ks, i) => {
    for (const k of ks) {
      keys.push(k);
      owners.push(i);
    }
  });
  if (keys.length === 0) return [];
  return db.query<MemoryRow & { query: number }>(
    `WITH q AS (
       SELECT n, array_agg(k) AS keys FROM unnest($4::integer[], $5::integer[]) AS x (k, n) GROUP BY n
     )
     SELECT c.n AS query, ${COLUMNS}
       FROM (SELECT q.n, t.office_id, t.id
               FROM q CROSS JOIN LATERAL (
                 SELECT t.office_id, t.id FROM translation_memory t
                  WHERE t.office_id = $1 AND t.source_lang = $2 AND t.target_lang = $3 AND t.token_keys && q.keys
                  ORDER BY (SELECT count(*) FROM unnest(t.token_keys) AS k WHERE k = ANY (q.keys)) DESC,
                           abs(cardinality(t.token_keys) - cardinality(q.keys)), t.approved_at DESC, t.id
                  LIMIT $6
               ) AS t) AS c
       JOIN translation_memory m ON m.office_id = c.office_id AND m.id = c.id`,
    [p.officeId, p.sourceLang, p.targetLang, keys, owners, limit],
  );
}

export interface NewMemoryRow {
  id: string;
  sourceKey: string;
  tokenKeys: number[];
  sourceEnc: string;
  targetEnc: string;
  origin: "office" | "tmx";
  jobId: string | null;
  segmentId: string | null;
  translatedBy: string | null;
  reviewedBy: string | null;
  approvedAt: string;
}

export async function insertUnits(db: Queryable, p: Pair, rows: readonly NewMemoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO translation_memory
       (office_id, id, source_lang, target_lang, source_key, token_keys, source_enc, target_enc, origin,
        job_id, segment_id, translated_by, reviewed_by, approved_at)
     SELECT $1, x.id, $2, $3, x.source_key, ARRAY(SELECT jsonb_array_elements_text(x.token_keys)::integer),
            x.source_enc, x.target_enc, x.origin, x.job_id, x.segment_id, x.translated_by, x.reviewed_by,
            x.approved_at
       FROM jsonb_to_recordset($4::jsonb) AS x (id uuid, source_key text, token_keys jsonb, source_enc text,
              target_enc text, origin text, job_id uuid, segment_id uuid, translated_by text,
              reviewed_by text, approved_at timestamptz)`,
    [
      p.officeId,
      p.sourceLang,
      p.targetLang,
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          source_key: r.sourceKey,
          token_keys: r.tokenKeys,
          source_enc: r.sourceEnc,
          target_enc: r.targetEnc,
          origin: r.origin,
          job_id: r.jobId,
          segment_id: r.segmentId,
          translated_by: r.translatedBy,
          reviewed_by: r.reviewedBy,
          approved_at: r.approvedAt,
        })),
      ),
    ],
  );
}

/** How many units the office's memory holds, per language pair. */
export async function unitCounts(
  db: Queryable,
  officeId: string,
): Promise<{ source: string; target: string; units: number }[]> {
  const rows = await db.query<{ source_lang: string; target_lang: string; units: number }>(
    `SELECT source_lang, target_lang, count(*)::integer AS units FROM translation_memory
      WHERE office_id = $1 GROUP BY source_lang, target_lang ORDER BY source_lang, target_lang`,
    [officeId],
  );
  return rows.map((r) => ({ source: r.source_lang, target: r.target_lang, units: r.units }));
}

/** Every unit of the pair, oldest first (for an export). */
export async function allUnits(db: Queryable, p: Pair): Promise<(MemoryRow & { origin: string })[]> {
  return db.query<MemoryRow & { origin: string }>(
    `SELECT ${COLUMNS}, m.origin FROM translation_memory m
      WHERE m.office_id = $1 AND m.source_lang = $2 AND m.target_lang = $3
      ORDER BY m.approved_at, m.id`,
    [p.officeId, p.sourceLang, p.targetLang],
  );
}

/**
 * The word keys that many units hold (the memory's common words: "the", "신청인은"), with the
 * share of units holding each, from the planner's statistics of `token_keys` (most common
 * elements, as ANALYZE last saw them; none before it has run). Only for a memory of at least
 * `minUnits` units: in a small one every word is common and none is worth dropping.
 */
export async function commonWordKeys(db: Queryable, minUnits: number): Promise<Map<number, number>> {
  const rows = await db.query<{ elems: string | null; freqs: number[] | null; units: number }>(
    `SELECT s.most_common_elems::text AS elems, s.most_common_elem_freqs::float8[] AS freqs,
            c.reltuples::float8 AS units
       FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename AND c.relnamespace = s.schemaname::regnamespace
      WHERE s.schemaname = current_schema() AND s.tablename = 'translation_memory' AND s.attname = 'token_keys'`,
  );
  const row = rows[0];
  const out = new Map<number, number>();
  if (!row?.elems || !row.freqs || row.units < minUnits) return out;
  const elems = row.elems.replace(/[{}]/g, "").split(",").map(Number);
  elems.forEach((k, i) => {
    const f = row.freqs?.[i];
    if (Number.isInteger(k) && typeof f === "number") out.set(k, f);
  });
  return out;
}
