/**
 * The translation memory's lookup, measured (docs/translation.md, "Memory"): one sentence looked
 * up in an office's memory of 20,000 units for a language pair (`memoryMatches`: the exact match
 * by keyed digest, the fuzzy candidates by keyed word keys through the GIN index, decrypted and
 * scored in the application), next to a plain scan in the same run (the baseline): the same
 * sentence scored with the same scorer against all 20,000 sources, already decrypted and held in
 * memory (what a memory without keys would cost at best, before decrypting anything).
 *
 * The units are Korean sentences made from templates whose slots are filled from a vocabulary of
 * 3,000 made-up two-syllable words (seeded), so that the template's words are shared by thousands
 * of units, as a memory's common words are; their targets are sealed like any. They are added
 * through `addToMemory` (sealed, with their keys), 1,000 at a time. The queries (seeded) are a
 * third exact copies of a unit, a third a unit with one slot word changed (a fuzzy match), a
 * third new sentences; each is looked up once after a warm-up. Also reported: how often the
 * memory's best score equals the scan's (what blocking by word keys loses).
 *
 * BENCH_TM_DATABASES (pglite,postgres), BENCH_TM_UNITS (20,000), BENCH_TM_QUERIES (150),
 * BENCH_TM_SCANS (30). Writes bench/results/<stamp>-translation-memory.json and
 * bench/results/translation-memory-latest.md. Run on its own:
 * `node --import tsx bench/translation-memory.ts`; `npm run bench` runs it (BENCH_TRANSLATION_MEMORY=0
 * leaves it out).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { createRng, type Rng } from "../src/demo/random.ts";
import { migrate } from "../src/store/migrate.ts";
import {
  addToMemory,
  FUZZY_THRESHOLD,
  memoryMatches,
  normalizeSource,
  similarity,
} from "../src/translations/memory/index.ts";
import { num, timed, timing, type Timing } from "./measure.ts";
import { openPglite, openPostgres, postgresUrl, type BenchTarget } from "./targets.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const VOCABULARY = 3000;
const BATCH = 1000;

const TEMPLATES: ((w: string[]) => string)[] = [
  (w) => `신청인은 ${w[0]} 지역에서 ${w[1]} 관련 활동을 하였다고 진술하였다.`,
  (w) => `${w[0]} 당국은 ${w[1]} 단체의 ${w[2]} 회원을 체포한 것으로 보고되었다.`,
  (w) => `신청인의 진술은 ${w[0]}에 관한 ${w[1]} 보고서의 내용과 일치한다.`,
  (w) => `${w[0]}년 ${w[1]} 이후 신청인은 ${w[2]} 시위에 참여하였다.`,
  (w) => `이의신청은 ${w[0]} 통지를 받은 날부터 ${w[1]}일 이내에 ${w[2]}에 할 수 있다.`,
];

interface Report {
  startedAt: string;
  machine: string;
  node: string;
  results: {
    database: string;
    units: number;
    loadSeconds: number;
    lookup: Timing;
    scan: Timing;
    /** The lookup's p95 over the scan's median. */
    ratio: number;
    found: { exact: number; fuzzy: number; none: number };
    /** Queries whose best score the memory found as the scan did. */
    sameBest: number;
    queries: number;
  }[];
}

function vocabulary(): string[] {
  const rng = createRng(17);
  const words = new Set<string>();
  while (words.size < VOCABULARY)
    words.add(String.fromCharCode(0xac00 + rng.int(0, 11171), 0xac00 + rng.int(0, 11171)));
  return [...words];
}

function sentence(rng: Rng, words: string[]): { template: number; slots: string[]; text: string } {
  const template = rng.int(0, TEMPLATES.length - 1);
  const slots = [rng.pick(words), rng.pick(words), rng.pick(words)];
  return { template, slots, text: TEMPLATES[template]!(slots) };
}

async function load(ctx: AppContext, units: number, log: (l: string) => void) {
  const rng = createRng(20);
  const words = vocabulary();
  const made: { template: number; slots: string[]; text: string }[] = [];
  const t0 = performance.now();
  for (let from = 0; from < units; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, units - from) }, () => sentence(rng, words));
    made.push(...batch);
    await ctx.db.transaction((tx) =>
      addToMemory(tx, ctx.keyring, {
        officeId: "seoul",
        sourceLang: "ko",
        targetLang: "km",
        units: batch.map((s, i) => ({ source: s.text, target: `ប្រយោគ ${from + i}: ${s.slots.join(" ")}` })),
        translatedBy: "bench-translator",
        reviewedBy: "bench-reviewer",
        at: new Date(Date.UTC(2026, 0, 1) + (from / BATCH) * 86_400_000),
        origin: "office",
      }),
    );
    if ((from + BATCH) % 5000 === 0) log(`  ${(from + BATCH).toLocaleString("en")} units`);
  }
  await ctx.db.query("ANALYZE translation_memory");
  return { made, words, loadSeconds: Math.round((performance.now() - t0) / 100) / 10 };
}

function queriesOf(made: { template: number; slots: string[]; text: string }[], words: string[], n: number) {
  const rng = createRng(99);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = rng.pick(made);
    if (i % 3 === 0) out.push(base.text);
    else if (i % 3 === 1) {
      const slots = [...base.slots];
      slots[rng.int(0, 2)] = rng.pick(words);
      out.push(TEMPLATES[base.template]!(slots));
    } else out.push(sentence(rng, words).text);
  }
  return out;
}

/** The baseline: every source, decrypted beforehand, scored against the query with the same scorer. */
function scan(sources: readonly string[], query: string): number {
  const q = normalizeSource(query);
  let best = 0;
  for (const s of sources) {
    const score = similarity(s, q);
    if (score > best) best = score;
  }
  return best >= FUZZY_THRESHOLD ? best : 0;
}

async function runOn(target: BenchTarget, log: (l: string) => void): Promise<Report["results"][number]> {
  const units = num("BENCH_TM_UNITS", 20_000);
  const n = num("BENCH_TM_QUERIES", 150);
  const scans = num("BENCH_TM_SCANS", 30);
  await migrate(target.db);
  const ctx = await createAppContext({ db: target.db, masterKey: randomBytes(32) });
  log(`Translation memory benchmark (${target.label}): ${units.toLocaleString("en")} units …`);
  const { made, words, loadSeconds } = await load(ctx, units, log);
  log(`  added (sealed, with their keys) in ${loadSeconds} s`);
  const queries = queriesOf(made, words, n);
  const lookup = (q: string) =>
    ctx.db.transaction((tx) => memoryMatches(tx, ctx.keyring, "seoul", "ko", "km", [q], 3));
  for (const q of queries.slice(0, 5)) await lookup(q); // warm-up
  const ms: number[] = [];
  const best: number[] = [];
  const found = { exact: 0, fuzzy: 0, none: 0 };
  for (const q of queries) {
    const r = await timed(() => lookup(q));
    ms.push(r.ms);
    const top = r.value[0]?.[0]?.score ?? 0;
    best.push(top);
    if (top === 100) found.exact += 1;
    else if (top > 0) found.fuzzy += 1;
    else found.none += 1;
  }
  // The baseline's strings: the same sources, decrypted and normalized once, outside the timing.
  const sources = made.map((m) => normalizeSource(m.text));
  const scanMs: number[] = [];
  let sameBest = 0;
  queries.forEach((q, i) => {
    const t = performance.now();
    const b = scan(sources, q);
    if (i < scans) scanMs.push(performance.now() - t);
    if (b === best[i]) sameBest += 1;
  });
  const l = timing(ms);
  const s = timing(scanMs);
  log(`  lookup median ${l.medianMs} ms, p95 ${l.p95Ms} ms; scan median ${s.medianMs} ms`);
  return {
    database: target.label,
    units,
    loadSeconds,
    lookup: l,
    scan: s,
    ratio: Math.round((l.p95Ms / s.medianMs) * 1000) / 1000,
    found,
    sameBest,
    queries: queries.length,
  };
}

function markdown(r: Report): string {
  const lines = [
    "## Translation memory lookup",
    "",
    `${r.startedAt}; ${r.machine}, Node ${r.node}.`,
    "",
    "| database | units | lookup median ms | lookup p95 ms | scan median ms | lookup p95 / scan median | exact / fuzzy / none | best score as the scan's |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
  ];
  for (const t of r.results)
    lines.push(
      `| ${t.database} | ${t.units.toLocaleString("en")} | ${t.lookup.medianMs} | ${t.lookup.p95Ms} | ${t.scan.medianMs} | ${t.ratio} × | ${t.found.exact} / ${t.found.fuzzy} / ${t.found.none} | ${t.sameBest} of ${t.queries} |`,
    );
  lines.push("");
  for (const t of r.results)
    lines.push(
      `${t.database}: ${t.units.toLocaleString("en")} units added through addToMemory in ${t.loadSeconds} s; ${t.lookup.runs} lookups of one sentence (its best 3 matches, decrypted), ${t.scan.runs} scans of the ${t.units.toLocaleString("en")} decrypted sources with the same scorer.`,
    );
  lines.push("");
  return lines.join("\n");
}

export async function runTranslationMemoryBench(log: (line: string) => void): Promise<Report> {
  const only = (process.env.BENCH_TM_DATABASES ?? "pglite,postgres").split(",");
  const report: Report = {
    startedAt: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
    node: process.version,
    results: [],
  };
  if (only.includes("postgres")) {
    const target = await openPostgres(postgresUrl(), 4);
    if (typeof target === "string") log(`Translation memory benchmark: ${target}`);
    else
      try {
        report.results.push(await runOn(target, log));
      } finally {
        await target.dispose();
      }
  }
  if (only.includes("pglite")) {
    const target = await openPglite();
    try {
      report.results.push(await runOn(target, log));
    } finally {
      await target.dispose();
    }
  }
  mkdirSync(RESULTS, { recursive: true });
  const stamp = report.startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  writeFileSync(`${RESULTS}${stamp}-translation-memory.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${RESULTS}translation-memory-latest.md`, markdown(report));
  log(markdown(report));
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runTranslationMemoryBench((line) => console.log(line));
}
