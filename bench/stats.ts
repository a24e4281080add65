/**
 * Statistics benchmark: the full yearly table by nationality over 1 million cases, on PostgreSQL.
 *
 * In a fresh schema (migrated, so the statistics tables carry their indexes), it inserts synthetic
 * `stat_cases` and `stat_decisions` rows with `generate_series` (filings 2015-2025 in the yearly
 * proportions of the reference figures, ~40 nationalities, offices, first-instance, objection and
 * court decisions with realistic outcomes and delays), then times, for one decision year and
 * BENCH_STATS_RUNS times each (after one warm-up run):
 *
 * - `yearlyTableByNationality(db, year)` (src/statistics/db/queries.ts), the full table: per
 *   nationality, applications filed in the year, first-instance, objection and court decisions by
 *   outcome, the UNHCR recognition and total protection rates;
 * - the plain `SELECT nationality, outcome, count(*) FROM stat_decisions WHERE decided_year = $1
 *   GROUP BY 1, 2` over the same rows.
 *
 * It reports median and p95 of each and their ratio, judged against the aim of the statistics
 * issue (the full table under 1 second at 1M cases), writes bench/results/<stamp>-stats.json and
 * bench/results/stats-latest.md, and drops the schema.
 *
 * BENCH_STATS_CASES (1000000), BENCH_STATS_RUNS (10), BENCH_STATS_YEAR (2024),
 * BENCH_DATABASE_URL (else TEST_DATABASE_URL, else local). Run on its own with
 * `node --import tsx bench/stats.ts`; `npm run bench` runs it after the case benchmark
 * (BENCH_STATS=0 leaves it out).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Queryable } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { yearlyTableByNationality } from "../src/statistics/db/queries.ts";
import { openPostgres, postgresUrl } from "./targets.ts";
import { num } from "./measure.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const AIM_MS = 1000;

/** Yearly applications (reference figures 2015-2025), as proportions of the seeded cases. */
const YEAR_WEIGHTS: [number, number][] = [
  [2015, 5_711],
  [2016, 7_541],
  [2017, 9_942],
  [2018, 16_173],
  [2019, 15_452],
  [2020, 6_684],
  [2021, 2_341],
  [2022, 11_539],
  [2023, 18_837],
  [2024, 18_336],
  [2025, 14_626],
];

const NATIONALITIES = [
  "KAZ", "RUS", "CHN", "MYS", "KGZ", "EGY", "PAK", "IND", "MMR", "BGD", "NGA", "UZB", "MNG", "LKA",
  "KHM", "ETH", "YEM", "VNM", "TUR", "AFG", "CMR", "IRN", "LBR", "UGA", "SYR", "NPL", "PHL", "IDN",
  "THA", "GHA", "SEN", "MAR", "TUN", "DZA", "SDN", "IRQ", "COD", "CIV", "GIN", "UKR",
]; // prettier-ignore

const OFFICES = [
  "seoul", "seoul", "seoul", "seoul", "seoul", "incheon", "busan", "gwangju", "suwon", "daegu",
  "seoul-south", "daejeon", "cheongju", "ulsan", "jeju", "incheon-airport", "hwaseong-detention",
]; // prettier-ignore

const sqlArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(", ")}]`;

/**
 * Seed `total` cases: per filing year, cases with a first-instance outcome drawn at filing; then
 * their decisions: first instance (NA or RA), objection (AR) for most refusals, courts (C1, C2) for
 * some dismissed objections. Outcomes are skewed by nationality (a few nationalities much more
 * often protected). Decisions fall in the filing year or later, as in the real backlog.
 */
async function seed(db: Queryable, total: number): Promise<{ cases: number; decisions: number }> {
  const weightSum = YEAR_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  for (const [year, w] of YEAR_WEIGHTS) {
    const n = Math.round((total * w) / weightSum);
    await db.query(
      `INSERT INTO stat_cases (office_id, case_id, person_id, filed_on, filed_year, channel, kind, nationality,
                               sex, age_band, first_outcome, first_decided_on, final_outcome, final_on)
       SELECT office, gen_random_uuid(), gen_random_uuid(), filed_on, $1, channel, kind, nat, sex, band,
              first_outcome, CASE WHEN first_outcome IS NOT NULL THEN filed_on + delay END,
              -- Final: at once for a closure or grant; a refusal after its objection and courts, or not yet.
              CASE WHEN first_outcome = 'rejected' AND r4 < 0.15 THEN NULL ELSE first_outcome END,
              CASE WHEN first_outcome IS NULL OR (first_outcome = 'rejected' AND r4 < 0.15) THEN NULL
                   WHEN first_outcome = 'rejected' THEN filed_on + delay + 30 + floor(r4 * 900)::int
                   ELSE filed_on + delay END
         FROM (
           SELECT (${sqlArray(OFFICES)})[1 + floor(random() * ${OFFICES.length})::int] AS office,
                  make_date($1, 1, 1) + floor(random() * 365)::int AS filed_on,
                  CASE WHEN r1 < 0.88 THEN 'in_country' WHEN r1 < 0.97 THEN 'port_of_entry'
                       ELSE 'detention_centre' END AS channel,
                  CASE WHEN random() < 0.094 THEN 'subsequent' ELSE 'first' END AS kind,
                  nat,
                  CASE WHEN random() < 0.67 THEN 'male' ELSE 'female' END AS sex,
                  (ARRAY['18-34', '18-34', '35-64', '35-64', '0-13', '14-17', '65+'])[1 + floor(random() * 7)::int]
                    AS band,
                  CASE WHEN r2 < 0.2 THEN NULL -- still pending at first instance
                       WHEN r2 < 0.2 + 0.8 * 0.11 THEN 'withdrawn'
                       WHEN r2 < 0.2 + 0.8 * 0.31 THEN 'terminated'
                       WHEN r2 < 0.2 + 0.8 * 0.32 THEN 'inadmissible'
                       WHEN r3 < 0.004 * nat_factor THEN 'recognized'
                       WHEN r3 < 0.01 * nat_factor THEN 'humanitarian'
                       ELSE 'rejected' END AS first_outcome,
                  (60 + floor(random() * random() * 1100))::int AS delay,
                  random() AS r4
             FROM (
               SELECT random() AS r1, random() AS r2, random() AS r3,
                      (${sqlArray(NATIONALITIES)})[1 + floor(power(random(), 2) * ${NATIONALITIES.length})::int] AS nat
                 FROM generate_series(1, $2)
             ) g
             CROSS JOIN LATERAL (
               SELECT CASE WHEN nat IN ('AFG', 'MMR', 'ETH', 'IRN') THEN 10 WHEN nat IN ('YEM', 'SYR') THEN 6
                           WHEN nat IN ('EGY', 'CMR', 'UGA', 'TUR') THEN 4 ELSE 1 END AS nat_factor
             ) f
         ) c`,
      [year, n],
    );
  }
  // First instance.
  await db.query(
    `INSERT INTO stat_decisions (office_id, case_id, seq, level, decided_on, decided_year, outcome, substantive,
                                 redecision, reverses_refusal, decision_maker, filed_on, channel, kind,
                                 nationality, sex, age_band)
     SELECT office_id, case_id, 6, CASE WHEN kind = 'subsequent' THEN 'RA' ELSE 'NA' END, first_decided_on,
            extract(year FROM first_decided_on), first_outcome,
            first_outcome IN ('recognized', 'humanitarian', 'rejected'), false, false,
            'examiner-' || office_id || '-' || lpad((1 + floor(random() * 12))::text, 2, '0'),
            filed_on, channel, kind, nationality, sex, age_band
       FROM stat_cases WHERE first_outcome IS NOT NULL`,
  );
  // Objections: about 80% of refusals, decided 2-18 months later.
  await db.query(
    `INSERT INTO stat_decisions (office_id, case_id, seq, level, decided_on, decided_year, outcome, substantive,
                                 redecision, reverses_refusal, decision_maker, filed_on, channel, kind,
                                 nationality, sex, age_band)
     SELECT office_id, case_id, 12, 'AR', d, extract(year FROM d), outcome,
            outcome <> 'inadmissible', false, outcome = 'recognized',
            'committee-panel-' || (1 + floor(random() * 6))::int, filed_on, channel, kind, nationality, sex, age_band
       FROM (
         SELECT s.*, s.first_decided_on + (60 + floor(random() * 480))::int AS d,
                CASE WHEN r < 0.006 THEN 'recognized' WHEN r < 0.016 THEN 'humanitarian'
                     WHEN r < 0.03 THEN 'inadmissible' ELSE 'rejected' END AS outcome
           FROM (SELECT *, random() AS r, random() AS objects FROM stat_cases WHERE first_outcome = 'rejected') s
          WHERE objects < 0.8
       ) o`,
  );
  // Courts: a fifth of dismissed objections go to the administrative court, a third of those on appeal.
  for (const [level, seq, from, share, annul] of [
    ["C1", 18, "AR", 0.2, 0.06],
    ["C2", 24, "C1", 0.35, 0.08],
  ] as const) {
    await db.query(
      `INSERT INTO stat_decisions (office_id, case_id, seq, level, decided_on, decided_year, outcome, substantive,
                                   redecision, reverses_refusal, decision_maker, filed_on, channel, kind,
                                   nationality, sex, age_band)
       SELECT office_id, case_id, $1, $2, d, extract(year FROM d), ruling, true, false, ruling = 'annulled',
              'Seoul Administrative Court / Administrative Division ' || (1 + floor(random() * 8))::int,
              filed_on, channel, kind, nationality, sex, age_band
         FROM (
           SELECT p.office_id, p.case_id, p.filed_on, p.channel, p.kind, p.nationality, p.sex, p.age_band,
                  p.decided_on + (150 + floor(random() * 270))::int AS d,
                  CASE WHEN random() < $5 THEN 'annulled' ELSE 'rejected' END AS ruling
             FROM stat_decisions p
            WHERE p.level = $3 AND p.outcome = 'rejected' AND random() < $4
         ) x`,
      [seq, level, from, share, annul],
    );
  }
  await db.query("ANALYZE stat_cases");
  await db.query("ANALYZE stat_decisions");
  const [counts] = await db.query<{ cases: number; decisions: number }>(
    "SELECT (SELECT count(*) FROM stat_cases)::int AS cases, (SELECT count(*) FROM stat_decisions)::int AS decisions",
  );
  return counts ?? { cases: 0, decisions: 0 };
}

async function time(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ medianMs: number; p95Ms: number; runsMs: number[] }> {
  await fn(); // warm-up: plans, buffers
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    runsMs.push(Math.round((performance.now() - t) * 100) / 100);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const nth = (i: number) => sorted[Math.max(0, Math.min(sorted.length - 1, i))] ?? 0;
  const mid = (sorted.length - 1) / 2;
  return {
    medianMs: Math.round(((nth(Math.floor(mid)) + nth(Math.ceil(mid))) / 2) * 100) / 100,
    // Nearest rank: with 10 runs, the slowest.
    p95Ms: nth(Math.ceil(0.95 * sorted.length) - 1),
    runsMs,
  };
}

export interface StatsBenchReport {
  startedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number };
  database: string;
  settings: { cases: number; runs: number; year: number };
  seeded: { cases: number; decisions: number; seconds: number };
  table: { source: string; rows: number; medianMs: number; p95Ms: number; runsMs: number[] };
  plain: { rows: number; medianMs: number; p95Ms: number; runsMs: number[] };
  ratio: number;
  aim: { text: string; met: boolean };
}

export function statsMarkdown(r: StatsBenchReport): string {
  return [
    "# OpenRSD benchmark: the yearly statistics table by nationality",
    "",
    `${r.startedAt.slice(0, 19)}Z on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}; ${r.database}.`,
    `Seeded ${r.seeded.cases.toLocaleString("en")} cases and ${r.seeded.decisions.toLocaleString("en")} decisions (filed 2015-2025) in ${r.seeded.seconds} s; decision year ${r.settings.year}; ${r.settings.runs} runs each after one warm-up.`,
    "",
    "| query | rows | median ms | p95 ms |",
    "| --- | --: | --: | --: |",
    `| full yearly table by nationality: ${r.table.source} | ${r.table.rows} | ${r.table.medianMs} | ${r.table.p95Ms} |`,
    `| plain \`SELECT nationality, outcome, count(*) FROM stat_decisions WHERE decided_year = $1 GROUP BY 1, 2\` | ${r.plain.rows} | ${r.plain.medianMs} | ${r.plain.p95Ms} |`,
    "",
    `Full table / plain GROUP BY (medians): ${r.ratio} ×.`,
    "",
    `**Aim** (statistics issue; PostgreSQL, 1M cases: the full yearly table in under 1 second): ${r.aim.text}.`,
    "",
  ].join("\n");
}

export async function runStatsBench(
  log: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
): Promise<StatsBenchReport | null> {
  const settings = {
    cases: num("BENCH_STATS_CASES", 1_000_000),
    runs: num("BENCH_STATS_RUNS", 10),
    year: num("BENCH_STATS_YEAR", 2024),
  };
  const startedAt = new Date().toISOString();
  const target = await openPostgres(postgresUrl(), 2);
  if (typeof target === "string") {
    log(`statistics benchmark: ${target}`);
    return null;
  }
  try {
    await migrate(target.db);
    log(`statistics benchmark (${target.label}): seeding ${settings.cases.toLocaleString("en")} cases …`);
    const t = performance.now();
    const seeded = await seed(target.db, settings.cases);
    const seedSeconds = Math.round((performance.now() - t) / 100) / 10;
    log(`  ${seeded.cases} cases, ${seeded.decisions} decisions in ${seedSeconds} s`);
    const source = "yearlyTableByNationality (src/statistics/db/queries.ts)";
    let tableRows = 0;
    const table = await time(settings.runs, async () => {
      tableRows = (await yearlyTableByNationality(target.db, settings.year)).length;
    });
    let plainRows = 0;
    const plain = await time(settings.runs, async () => {
      plainRows = (
        await target.db.query(
          "SELECT nationality, outcome, count(*) FROM stat_decisions WHERE decided_year = $1 GROUP BY 1, 2",
          [settings.year],
        )
      ).length;
    });
    const ratio = plain.medianMs > 0 ? Math.round((table.medianMs / plain.medianMs) * 100) / 100 : 0;
    const met = table.p95Ms < AIM_MS && seeded.cases >= 1_000_000;
    const cpus = os.cpus();
    const report: StatsBenchReport = {
      startedAt,
      machine: {
        node: process.version,
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? "unknown CPU",
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
      },
      database: target.label,
      settings,
      seeded: { ...seeded, seconds: seedSeconds },
      table: { source, rows: tableRows, ...table },
      plain: { rows: plainRows, ...plain },
      ratio,
      aim: {
        met,
        text: met
          ? `met: median ${table.medianMs} ms, p95 ${table.p95Ms} ms`
          : seeded.cases < 1_000_000
            ? `not judged: only ${seeded.cases} cases (median ${table.medianMs} ms)`
            : `not met: median ${table.medianMs} ms, p95 ${table.p95Ms} ms (limit ${AIM_MS} ms)`,
      },
    };
    mkdirSync(RESULTS, { recursive: true });
    const stamp = startedAt.replace(/[:]/g, "").replace(/\.\d+Z$/, "Z");
    writeFileSync(`${RESULTS}${stamp}-stats.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${RESULTS}stats-latest.md`, statsMarkdown(report));
    log(`\n${statsMarkdown(report)}`);
    log(`results: ${RESULTS}${stamp}-stats.json\n         ${RESULTS}stats-latest.md`);
    return report;
  } finally {
    await target.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runStatsBench();
