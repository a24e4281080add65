/**
 * Searching the library's passages in PostgreSQL alone (docs/coi.md, "Search"):
 *
 * - a Korean word or phrase (any Hangul syllable): its two-syllable grams must all be in the
 *   passage's `bigrams` (GIN, @>), then the passage must hold the text itself (strpos), which the
 *   grams alone cannot promise (order, adjacency);
 * - another word or phrase: the passage's English tsvector (GIN) must match its phraseto_tsquery,
 *   so "activist" finds "activists"; one that has no lexeme (only stop words, or symbols) is
 *   looked up by ILIKE instead;
 * - groups of alternatives (OR) are all required, excluded ones (-) must not match; then filters
 *   on the document (country, source, topic or profile, language, publication dates).
 *
 * Ranked by how many of the query's words and phrases a passage holds, then the newest
 * publication. Highlights are ranges of the text, returned as fragments, never markup.
 */
import { COI_TOTAL_CAP, type CoiHit, type CoiSearchQuery, type CoiSearchResult } from "../contracts/coi.ts";
import type { Queryable } from "../store/db.ts";
import { DOCUMENT_COLUMNS, type DocumentRow } from "./db.ts";
import {
  fragmentsOf,
  MARK_END,
  MARK_START,
  markedRanges,
  occurrences,
  parseQuery,
  type ParsedQuery,
  type Range,
  type Unit,
} from "./query.ts";

type Params = unknown[];

const param = (params: Params, value: unknown): string => {
  params.push(value);
  return `$${params.length}`;
};

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The units (not Korean) that have no lexeme in the 'english' configuration. */
async function withoutLexemes(tx: Queryable, units: readonly Unit[]): Promise<Set<string>> {
  const latin = [...new Set(units.filter((u) => !u.hangul).map((u) => u.text))];
  if (latin.length === 0) return new Set();
  const rows = await tx.query<{ u: string; n: number }>(
    `SELECT u, numnode(phraseto_tsquery('english'::regconfig, u)) AS n FROM unnest($1::text[]) AS u`,
    [latin],
  );
  return new Set(rows.filter((r) => Number(r.n) === 0).map((r) => r.u));
}

/** The SQL condition that passage `p` holds the unit. */
function matches(u: Unit, params: Params, noLexeme: Set<string>): string {
  if (u.hangul) {
    const t = param(params, u.text);
    return `(p.bigrams @> coi_bigrams(${t}) AND strpos(lower(p.text), lower(${t})) > 0)`;
  }
  if (noLexeme.has(u.text)) return `(p.text ILIKE ${param(params, likePattern(u.text))})`;
  return `(p.tsv @@ phraseto_tsquery('english'::regconfig, ${param(params, u.text)}))`;
}

export interface SearchPlan {
  where: string;
  /** The parameters of `where`. */
  params: Params;
  score: string | null;
  /** The parameters of `where` and then of `score`. */
  scoreParams: Params;
}

function filters(q: Omit<CoiSearchQuery, "q" | "page" | "pageSize">, params: Params): string[] {
  const out: string[] = [];
  if (q.country) out.push(`d.country = ${param(params, q.country)}`);
  if (q.source) out.push(`d.source = ${param(params, q.source)}`);
  if (q.language) out.push(`d.language = ${param(params, q.language)}`);
  if (q.topic) {
    const t = param(params, [q.topic]);
    out.push(`(d.topics @> ${t}::text[] OR d.profiles @> ${t}::text[])`);
  }
  if (q.from) out.push(`d.published_on >= ${param(params, q.from)}::date`);
  if (q.to) out.push(`d.published_on <= ${param(params, q.to)}::date`);
  return out;
}

export function plan(parsed: ParsedQuery, q: CoiSearchQuery, noLexeme: Set<string>): SearchPlan {
  const params: Params = [];
  const where: string[] = filters(q, params);
  for (const group of parsed.groups)
    where.push(`(${group.map((u) => matches(u, params, noLexeme)).join(" OR ")})`);
  for (const u of parsed.excluded) where.push(`NOT ${matches(u, params, noLexeme)}`);
  // A score only when alternatives make passages differ in how much of the query they hold.
  const alternatives = parsed.groups.some((g) => g.length > 1);
  const scoreParams = [...params];
  const score = alternatives
    ? parsed.groups
        .flat()
        .map((u) => `${matches(u, scoreParams, noLexeme)}::int`)
        .join(" + ")
    : null;
  return { where: where.length ? where.join(" AND ") : "true", params, score, scoreParams };
}

interface HitRow extends DocumentRow {
  passage_id: string;
  position: number;
  locator: string | null;
  text: string;
  marked: string | null;
  marked_phrases: string | null;
}

export class EmptyQuery extends Error {}

export async function searchPassages(tx: Queryable, q: CoiSearchQuery): Promise<CoiSearchResult> {
  const parsed = parseQuery(q.q);
  if (parsed.groups.length === 0 && parsed.excluded.length > 0)
    throw new EmptyQuery("say what to find: a query cannot only exclude");
  const noLexeme = await withoutLexemes(tx, [...parsed.groups.flat(), ...parsed.excluded]);
  const p = plan(parsed, q, noLexeme);
  const from = `coi_passages p JOIN coi_documents d ON d.id = p.document_id`;

  // English single words are highlighted by PostgreSQL (which knows their stems); phrases and
  // Korean units by their occurrences in the text.
  const positives = parsed.groups.flat();
  const stemmed = positives.filter((u) => !u.hangul && !u.phrase && !noLexeme.has(u.text));
  const params = [...p.scoreParams];
  const phrases = positives.filter((u) => !u.hangul && u.phrase && !noLexeme.has(u.text));
  const options = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;
  const headlineOf = (units: Unit[]) =>
    units.length === 0
      ? "NULL"
      : `ts_headline('english'::regconfig, s.text, ${units
          .map((u) => `phraseto_tsquery('english'::regconfig, ${param(params, u.text)})`)
          .join(" || ")}, ${param(params, options)})`;
  const headline = headlineOf(stemmed);
  const phraseHeadline = headlineOf(phrases);
  const limit = param(params, q.pageSize);
  const offset = param(params, (q.page - 1) * q.pageSize);

  const rows = await tx.query<HitRow>(
    `SELECT s.*, ${headline} AS marked, ${phraseHeadline} AS marked_phrases FROM (
       SELECT p.id AS passage_id, p.position, p.locator, p.text, ${DOCUMENT_COLUMNS}
       FROM ${from}
       WHERE ${p.where}
       ORDER BY ${p.score ? `(${p.score}) DESC, ` : ""}d.published_on DESC NULLS LAST, p.document_id DESC, p.position
       LIMIT ${limit} OFFSET ${offset}
     ) s`,
    params,
  );
  const [count] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${p.where} LIMIT ${COI_TOTAL_CAP + 1}) x`,
    p.params,
  );
  const n = Number(count?.n ?? 0);

  const items: CoiHit[] = rows.map((r) => {
    const ranges: Range[] = r.marked ? markedRanges(r.text, r.marked) : [];
    for (const u of positives) {
      if (!u.hangul && !u.phrase && !noLexeme.has(u.text)) continue;
      const found = occurrences(r.text, u.text);
      ranges.push(...found);
      // A phrase PostgreSQL matched through its stems ("activist abroad" in "activists abroad"):
      // its words, as PostgreSQL marked them.
      if (found.length === 0 && u.phrase && !u.hangul && r.marked_phrases)
        ranges.push(...markedRanges(r.text, r.marked_phrases));
    }
    return {
      passageId: r.passage_id,
      position: r.position,
      locator: r.locator,
      fragments: fragmentsOf(r.text, ranges),
      document: {
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
      },
    };
  });
  return {
    items,
    total: Math.min(n, COI_TOTAL_CAP),
    totalCapped: n > COI_TOTAL_CAP,
    page: q.page,
    pageSize: q.pageSize,
  };
}
