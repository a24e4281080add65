/**
 * The COI library's search, measured (docs/coi.md, "Benchmark"): a two-syllable Korean word and
 * an English phrase over 1,000,000 passages on PostgreSQL and 100,000 on PGlite, through the
 * application's own search (`searchPassages`: the lexeme check, the ranked page of 20 with its
 * highlights, the count up to 1,000), next to a plain `ILIKE '%…%'` scan of the same table for the
 * same words in the same run (the baseline: what a search without the bigram and tsvector indexes
 * costs).
 *
 * The passages are generated in the database (INSERT … SELECT over generate_series), half in
 * Korean and half in English, from sentence templates whose slots are filled from vocabularies of
 * 3,000 made-up two-syllable Korean words and 3,000 made-up English words (seeded), so that a
 * queried word is held by about 0.1 % of the passages, as a specific term is in a real library;
 * 50 passages per document, the documents spread over 7 countries and ten years. The GIN indexes
 * are dropped for the load and built again after it, as a bulk import would. Queries are words
 * and phrases picked from passages that exist (seeded), each run once after a warm-up.
 *
 * BENCH_COI_DATABASES (pglite,postgres), BENCH_COI_PG_PASSAGES (1,000,000), BENCH_COI_PGLITE_PASSAGES
 * (100,000), BENCH_COI_QUERIES (100), BENCH_COI_SCANS (10 ILIKE scans per kind). Writes
 * bench/results/<stamp>-coi-search.json and bench/results/coi-search-latest.md. Run on its own:
 * `node --import tsx bench/coi-search.ts`; `npm run bench` runs it last (BENCH_COI=0 leaves it out).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { searchPassages } from "../src/coi/search.ts";
import { CoiSearchQuerySchema } from "../src/contracts/coi.ts";
import { createRng } from "../src/demo/random.ts";
import type { Database } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { openPglite, openPostgres, postgresUrl, type BenchTarget } from "./targets.ts";
import { num, timed } from "./measure.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const VOCABULARY = 3000;
const PER_DOCUMENT = 50;
const CHUNK = 100_000;

interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

interface KindResult {
  query: string;
  search: Timing;
  /** Passages found per query (the count, capped at 1,000), mean. */
  meanFound: number;
  scan: Timing;
  /** The search's p95 over the scan's median. */
  ratio: number;
}

interface TargetResult {
  database: string;
  passages: number;
  documents: number;
  loadSeconds: number;
  indexSeconds: number;
  aimMs: number;
  korean: KindResult;
  english: KindResult;
  met: boolean;
}

interface CoiBenchReport {
  startedAt: string;
  machine: string;
  node: string;
  results: TargetResult[];
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  return {
    runs: s.length,
    medianMs: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(s[s.length - 1] ?? 0),
  };
}

/** Made-up words: Korean of two syllables, English of two or three consonant-vowel syllables. */
function vocabularies(): { ko: string[]; en: string[] } {
  const rng = createRng(15);
  const ko = new Set<string>();
  while (ko.size < VOCABULARY)
    ko.add(String.fromCharCode(0xac00 + rng.int(0, 11171), 0xac00 + rng.int(0, 11171)));
  const C = "bdfgklmnprstvz";
  const V = "aeiou";
  const en = new Set<string>();
  while (en.size < VOCABULARY) {
    let w = "";
    for (let i = rng.int(2, 3); i > 0; i--) w += C[rng.int(0, C.length - 1)]! + V[rng.int(0, V.length - 1)]!;
    en.add(`${w}${C[rng.int(0, C.length - 1)]!}`);
  }
  return { ko: [...ko], en: [...en] };
}

/** The k-th word of passage g, from a vocabulary ($1 Korean, $2 English), in SQL. */
const word = (v: "$1" | "$2", k: number) =>
  `(${v}::text[])[1 + abs(hashint4(g * 16 + ${k})) % ${VOCABULARY}]`;

const KOREAN = `${word("$1", 1)} || ' 지역에서 ' || ${word("$1", 2)} || ' 관련 ' || ${word("$1", 3)} || ' 사례가 보고되었다. 당국은 ' || ${word("$1", 4)} || ' 활동을 ' || ${word("$1", 5)} || ' 하였다고 한다.'`;
const ENGLISH = `'Reports from the ' || ${word("$2", 1)} || ' region describe ' || ${word("$2", 2)} || ' ' || ${word("$2", 3)} || ' affecting ' || ${word("$2", 4)} || ' groups; officials in ' || ${word("$2", 5)} || ' denied the allegations.'`;

async function load(db: Database, passages: number, log: (l: string) => void) {
  const { ko, en } = vocabularies();
  const documents = Math.ceil(passages / PER_DOCUMENT);
  const t0 = performance.now();
  await db.query(`DROP INDEX coi_passages_bigrams`);
  await db.query(`DROP INDEX coi_passages_tsv`);
  await db.query(
    `INSERT INTO coi_documents (id, source, title, published_on, accessed_on, country, language, topics,
       profiles, created_at, created_by, updated_at, updated_by)
     SELECT (lpad(to_hex(g), 8, '0') || '-0000-7000-8000-000000000000')::uuid,
       'Source ' || (g % 40), 'Document ' || g,
       date '2016-01-01' + (abs(hashint4(g)) % 3650), date '2026-11-01',
       (ARRAY['KHM','MMR','LKA','UGA','QVD','QMS','QOS'])[1 + g % 7], CASE WHEN g % 2 = 0 THEN 'ko' ELSE 'en' END,
       ARRAY['freedom_of_expression'], ARRAY['opposition_activists_abroad'], now(), 'bench', now(), 'bench'
     FROM generate_series(1, $1::int) AS g`,
    [documents],
  );
  for (let from = 1; from <= passages; from += CHUNK) {
    const to = Math.min(passages, from + CHUNK - 1);
    // Documents of even number hold Korean passages, the others English ones.
    await db.query(
      `INSERT INTO coi_passages (id, document_id, position, text, locator, created_at, created_by,
         updated_at, updated_by)
       SELECT (lpad(to_hex(g), 8, '0') || '-0000-7000-8000-000000000001')::uuid,
         (lpad(to_hex(1 + (g - 1) / ${PER_DOCUMENT}), 8, '0') || '-0000-7000-8000-000000000000')::uuid,
         1 + (g - 1) % ${PER_DOCUMENT},
         CASE WHEN ((g - 1) / ${PER_DOCUMENT}) % 2 = 1 THEN ${KOREAN} ELSE ${ENGLISH} END,
         'para. ' || (1 + (g - 1) % ${PER_DOCUMENT}), now(), 'bench', now(), 'bench'
       FROM generate_series($3::int, $4::int) AS g`,
      [ko, en, from, to],
    );
    log(`  ${to.toLocaleString("en")} passages`);
  }
  const loadSeconds = round((performance.now() - t0) / 1000, 1);
  const t1 = performance.now();
  await db.transaction(async (tx) => {
    await tx.query("SET LOCAL maintenance_work_mem = '256MB'");
    await tx.query("CREATE INDEX coi_passages_bigrams ON coi_passages USING gin (bigrams)");
    await tx.query("CREATE INDEX coi_passages_tsv ON coi_passages USING gin (tsv)");
  });
  await db.query("ANALYZE coi_documents");
  await db.query("ANALYZE coi_passages");
  const indexSeconds = round((performance.now() - t1) / 1000, 1);
  return { documents, loadSeconds, indexSeconds };
}

/** Words and phrases that passages hold: read back from seeded random passages. */
async function pickQueries(db: Database, passages: number, count: number) {
  const rng = createRng(42);
  const korean: string[] = [];
  const english: string[] = [];
  while (korean.length < count || english.length < count) {
    const g = rng.int(1, passages);
    const id = `${g.toString(16).padStart(8, "0")}-0000-7000-8000-000000000001`;
    const [row] = await db.query<{ text: string }>("SELECT text FROM coi_passages WHERE id = $1", [id]);
    const text = row?.text ?? "";
    const k = /에서 (\S+) 관련/.exec(text)?.[1];
    const e = /describe (\w+ \w+) affecting/.exec(text)?.[1];
    if (k && korean.length < count) korean.push(k);
    if (e && english.length < count) english.push(`"${e}"`);
  }
  return { korean, english };
}

async function measureKind(
  db: Database,
  queries: string[],
  scans: number,
): Promise<Omit<KindResult, "query">> {
  const search = (q: string) => db.transaction((tx) => searchPassages(tx, CoiSearchQuerySchema.parse({ q })));
  for (const q of queries.slice(0, 5)) await search(q); // warm-up
  const ms: number[] = [];
  let found = 0;
  for (const q of queries) {
    const r = await timed(() => search(q));
    ms.push(r.ms);
    found += r.value.total;
  }
  // The baseline: the same words as a plain ILIKE scan of the same table, the same page.
  const scan: number[] = [];
  for (const q of queries.slice(0, scans)) {
    const pattern = `%${q.replaceAll('"', "")}%`;
    const r = await timed(() =>
      db.query(
        `SELECT p.id, p.text FROM coi_passages p JOIN coi_documents d ON d.id = p.document_id
         WHERE p.text ILIKE $1 ORDER BY d.published_on DESC, p.id LIMIT 20`,
        [pattern],
      ),
    );
    scan.push(r.ms);
  }
  const s = timing(ms);
  const b = timing(scan);
  return {
    search: s,
    meanFound: Math.round(found / queries.length),
    scan: b,
    ratio: round(s.p95Ms / b.medianMs, 4),
  };
}

async function runOn(
  target: BenchTarget,
  passages: number,
  aimMs: number,
  log: (l: string) => void,
): Promise<TargetResult> {
  const queries = num("BENCH_COI_QUERIES", 100);
  const scans = num("BENCH_COI_SCANS", 10);
  await migrate(target.db);
  log(`COI search benchmark (${target.label}): ${passages.toLocaleString("en")} passages …`);
  const { documents, loadSeconds, indexSeconds } = await load(target.db, passages, log);
  log(`  loaded in ${loadSeconds} s, indexed in ${indexSeconds} s`);
  const picked = await pickQueries(target.db, passages, queries);
  const korean = {
    query: "a two-syllable Korean word",
    ...(await measureKind(target.db, picked.korean, scans)),
  };
  log(`  Korean: p95 ${korean.search.p95Ms} ms (ILIKE scan median ${korean.scan.medianMs} ms)`);
  const english = {
    query: "an English phrase of two words",
    ...(await measureKind(target.db, picked.english, scans)),
  };
  log(`  English: p95 ${english.search.p95Ms} ms (ILIKE scan median ${english.scan.medianMs} ms)`);
  return {
    database: target.label,
    passages,
    documents,
    loadSeconds,
    indexSeconds,
    aimMs,
    korean,
    english,
    met: korean.search.p95Ms < aimMs && english.search.p95Ms < aimMs,
  };
}

function markdown(r: CoiBenchReport): string {
  const lines = [
    "## COI search",
    "",
    `${r.startedAt}; ${r.machine}, Node ${r.node}.`,
    "",
    "| database | passages | query | search median ms | search p95 ms | aim (p95) | found (mean, ≤ 1,000) | ILIKE scan median ms | search p95 / scan median |",
    "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const t of r.results)
    for (const k of [t.korean, t.english])
      lines.push(
        `| ${t.database} | ${t.passages.toLocaleString("en")} | ${k.query} | ${k.search.medianMs} | ${k.search.p95Ms} | < ${t.aimMs} ms ${k.search.p95Ms < t.aimMs ? "met" : "missed"} | ${k.meanFound} | ${k.scan.medianMs} | ${k.ratio} × |`,
      );
  lines.push("");
  for (const t of r.results)
    lines.push(
      `${t.database}: ${t.documents.toLocaleString("en")} documents, ${t.passages.toLocaleString("en")} passages loaded in ${t.loadSeconds} s (bigrams and tsvector computed by the database), GIN indexes built in ${t.indexSeconds} s; ${t.korean.search.runs} queries of each kind, ${t.korean.scan.runs} scans.`,
    );
  lines.push("");
  return lines.join("\n");
}

export async function runCoiBench(log: (line: string) => void): Promise<CoiBenchReport> {
  const only = (process.env.BENCH_COI_DATABASES ?? "pglite,postgres").split(",");
  const report: CoiBenchReport = {
    startedAt: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
    node: process.version,
    results: [],
  };
  if (only.includes("postgres")) {
    const target = await openPostgres(postgresUrl(), 4);
    if (typeof target === "string") log(`COI search benchmark: ${target}`);
    else
      try {
        report.results.push(await runOn(target, num("BENCH_COI_PG_PASSAGES", 1_000_000), 50, log));
      } finally {
        await target.dispose();
      }
  }
  if (only.includes("pglite")) {
    const target = await openPglite();
    try {
      report.results.push(await runOn(target, num("BENCH_COI_PGLITE_PASSAGES", 100_000), 100, log));
    } finally {
      await target.dispose();
    }
  }
  mkdirSync(RESULTS, { recursive: true });
  const stamp = report.startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  writeFileSync(`${RESULTS}${stamp}-coi-search.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${RESULTS}coi-search-latest.md`, markdown(report));
  log(markdown(report));
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runCoiBench((line) => console.log(line));
}
