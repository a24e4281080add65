/**
 * Simulation benchmark: the 2025 bill replayed over every re-application filed 2019-2024 on the
 * national demo data (docs/reapplication-simulation.md; the aim: under 30 seconds).
 *
 * In a fresh database it generates and bulk-loads the national demo dataset (filings from
 * BENCH_SIM_FROM, default 2015, so that re-applications of 2019 have earlier cases to follow, to
 * 2024, at BENCH_SIM_SCALE of the national volume, default 1), then times, BENCH_SIM_RUNS times
 * each (default 3, after one warm-up):
 *
 * - `runSimulation` (src/reapplications/simulation/run.ts) for kr-2025-bill over 2019-2024: the
 *   re-applications, their earlier cases' sealed histories opened and replayed as of each filing,
 *   the classification, claims, mandates and outcomes, the replay with bounds and breakdowns;
 * - the same with three policies (kr-2021-bill, kr-2025-bill, eu-2024-1348);
 * - the baseline: the same rows read with the same statements, without opening or replaying
 *   anything (what the database alone costs).
 *
 * Writes bench/results/<stamp>-simulation.json and bench/results/simulation-latest.md.
 * BENCH_SIM_DATABASES (pglite; add postgres for BENCH_DATABASE_URL / TEST_DATABASE_URL / local).
 * Run on its own: `node --import tsx bench/simulation.ts`; `npm run bench` runs it last
 * (BENCH_SIMULATION=0 leaves it out).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { generateNationalDataset } from "../src/demo/national/generate.ts";
import { bulkLoadNational } from "../src/demo/national/load.ts";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { todayInSeoul } from "../src/profiles/kr-refugee-act/calendar.ts";
import { resolvePolicies } from "../src/reapplications/simulation/policies.ts";
import { runSimulation, type SimulationReport } from "../src/reapplications/simulation/run.ts";
import { systemPrincipal } from "../src/security/access/policy.ts";
import { migrate } from "../src/store/migrate.ts";
import { openPglite, openPostgres, postgresUrl, type BenchTarget } from "./targets.ts";
import { num } from "./measure.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const AIM_MS = 30_000;
const settings = {
  from: num("BENCH_SIM_FROM", 2015),
  scale: num("BENCH_SIM_SCALE", 1),
  runs: num("BENCH_SIM_RUNS", 3),
};

interface Row {
  what: string;
  medianMs: number;
  maxMs: number;
}

interface DatabaseResult {
  database: string;
  cases: number;
  loadSeconds: number;
  reapplications: number;
  rows: Row[];
  /** The 2025 bill's strict and generous figures, for the record. */
  bill2025: { screenedOut: [number, number]; falseNegatives: [number, number] };
  ratio: number;
  aimMet: boolean;
}

export interface SimulationBenchReport {
  startedAt: string;
  machine: string;
  node: string;
  settings: typeof settings;
  results: DatabaseResult[];
}

const ACTOR = { principal: systemPrincipal("bench-simulation"), address: "local" };

async function timed<T>(
  runs: number,
  f: () => Promise<T>,
): Promise<{ medianMs: number; maxMs: number; last: T }> {
  let last = await f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { medianMs: round(times[Math.floor(times.length / 2)] ?? 0), maxMs: round(times.at(-1) ?? 0), last };
}

/** The rows the simulation reads, read with the same statements, nothing opened or replayed. */
async function baseline(ctx: AppContext): Promise<number> {
  const cases = await ctx.db.query<{ id: string; prior_case_ids: string[] }>(
    `SELECT office_id, id, filed_on, channel, nationality, prior_case_ids FROM cases
      WHERE kind = 'subsequent' AND profile = 'kr-refugee-act' AND filed_on BETWEEN '2019-01-01' AND '2024-12-31'
      ORDER BY filed_on, id`,
  );
  const ids = cases.map((c) => c.id);
  const priors = [...new Set(cases.flatMap((c) => c.prior_case_ids ?? []))];
  let n = 0;
  for (let i = 0; i < priors.length; i += 2000)
    n += (
      await ctx.db.query(
        "SELECT office_id, case_id, sequence, type, occurred_on, payload FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, sequence",
        [priors.slice(i, i + 2000)],
      )
    ).length;
  for (let i = 0; i < ids.length; i += 2000) {
    const part = ids.slice(i, i + 2000);
    for (const sql of [
      "SELECT case_id, ref_kind, tag, without_fault FROM reapplication_elements WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, ref_kind, ref_id",
      "SELECT case_id, sur_place FROM reapplication_claims WHERE case_id = ANY($1::uuid[])",
      `SELECT DISTINCT m.case_id FROM mandates m JOIN cases c ON c.office_id = m.office_id AND c.id = m.case_id
        WHERE m.case_id = ANY($1::uuid[]) AND m.valid_from <= c.filed_on
          AND (m.valid_until IS NULL OR m.valid_until >= c.filed_on)
          AND (m.revoked_at IS NULL OR m.revoked_at::date >= c.filed_on)`,
      `SELECT case_id, bool_or(outcome = 'recognized') AS recognized, bool_or(outcome = 'humanitarian') AS humanitarian,
              bool_or(outcome = 'annulled' AND level IN ('C1', 'C2', 'C3')) AS annulled
         FROM stat_decisions WHERE case_id = ANY($1::uuid[]) GROUP BY case_id`,
    ])
      n += (await ctx.db.query(sql, [part])).length;
  }
  return n;
}

async function runOn(target: BenchTarget, log: (line: string) => void): Promise<DatabaseResult> {
  await migrate(target.db);
  const ctx = await createAppContext({ db: target.db, masterKey: randomBytes(32) });
  await seedHolidays(ctx);
  const today = todayInSeoul(new Date());
  log(
    `${target.label}: generating the national demo dataset ${settings.from}-2024 at scale ${settings.scale}`,
  );
  let t = performance.now();
  const dataset = generateNationalDataset({
    from: settings.from,
    year: 2024,
    scale: settings.scale,
    today,
    calendar: ctx.calendar(),
  });
  log(`  ${dataset.cases.length} cases in ${((performance.now() - t) / 1000).toFixed(1)} s; loading`);
  t = performance.now();
  let lastLog = 0;
  await bulkLoadNational(ctx, dataset, {
    asOf: today,
    onProgress: ({ done, total, elapsedMs }) => {
      if (done < total && elapsedMs - lastLog < 10_000) return;
      lastLog = elapsedMs;
      log(`  ${done}/${total} cases loaded`);
    },
  });
  const loadSeconds = Math.round((performance.now() - t) / 100) / 10;
  const one = resolvePolicies(["kr-2025-bill"]);
  const three = resolvePolicies(["kr-2021-bill", "kr-2025-bill", "eu-2024-1348"]);
  const base = await timed(settings.runs, () => baseline(ctx));
  const bill = await timed(settings.runs, () =>
    runSimulation(ctx, ACTOR, { policies: one, from: 2019, to: 2024 }),
  );
  const all = await timed(settings.runs, () =>
    runSimulation(ctx, ACTOR, { policies: three, from: 2019, to: 2024 }),
  );
  const report: SimulationReport = bill.last;
  const p = report.policies[0];
  const rows: Row[] = [
    { what: "runSimulation, kr-2025-bill, 2019-2024", medianMs: bill.medianMs, maxMs: bill.maxMs },
    {
      what: "runSimulation, kr-2021-bill + kr-2025-bill + eu-2024-1348",
      medianMs: all.medianMs,
      maxMs: all.maxMs,
    },
    {
      what: "baseline: the same rows read, nothing opened or replayed",
      medianMs: base.medianMs,
      maxMs: base.maxMs,
    },
  ];
  return {
    database: target.label,
    cases: dataset.cases.length,
    loadSeconds,
    reapplications: report.reapplications,
    rows,
    bill2025: {
      screenedOut: [p?.total.generous.screenedOut ?? 0, p?.total.strict.screenedOut ?? 0],
      falseNegatives: [
        p?.total.generous.falseNegatives.total ?? 0,
        p?.total.strict.falseNegatives.total ?? 0,
      ],
    },
    ratio: Math.round((bill.medianMs / Math.max(1, base.medianMs)) * 100) / 100,
    aimMet: bill.maxMs < AIM_MS,
  };
}

export function markdown(r: SimulationBenchReport): string {
  const out = [
    "# OpenRSD benchmark: simulating the 2025 bill on the national demo data",
    "",
    `${r.startedAt} on ${r.machine}, Node ${r.node}. Filings ${r.settings.from}-2024 at scale ${r.settings.scale}; ${r.settings.runs} runs each after one warm-up.`,
  ];
  for (const d of r.results) {
    out.push(
      "",
      `## ${d.database}`,
      "",
      `${d.cases.toLocaleString("en")} cases loaded in ${d.loadSeconds} s; ${d.reapplications.toLocaleString("en")} re-applications filed 2019-2024.`,
      "",
      "| what | median ms | max ms |",
      "| --- | --: | --: |",
      ...d.rows.map((x) => `| ${x.what} | ${x.medianMs} | ${x.maxMs} |`),
      "",
      `Simulation / baseline (medians): ${d.ratio} ×. The 2025 bill screens out ${d.bill2025.screenedOut[0]} (generous) to ${d.bill2025.screenedOut[1]} (strict); false negatives ${d.bill2025.falseNegatives[0]} to ${d.bill2025.falseNegatives[1]}.`,
      "",
      `**Aim** (under 30 s for the 2025 bill over 2019-2024): ${d.aimMet ? "met" : "NOT met"} (slowest run ${d.rows[0]?.maxMs} ms).`,
    );
  }
  return `${out.join("\n")}\n`;
}

export async function runSimulationBench(log: (line: string) => void): Promise<SimulationBenchReport> {
  const only = (process.env.BENCH_SIM_DATABASES ?? "pglite").split(",");
  const report: SimulationBenchReport = {
    startedAt: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
    node: process.version,
    settings,
    results: [],
  };
  if (only.includes("pglite")) {
    const target = await openPglite();
    try {
      report.results.push(await runOn(target, log));
    } finally {
      await target.dispose();
    }
  }
  if (only.includes("postgres")) {
    const target = await openPostgres(postgresUrl(), 4);
    if (typeof target === "string") log(`simulation benchmark: ${target}`);
    else
      try {
        report.results.push(await runOn(target, log));
      } finally {
        await target.dispose();
      }
  }
  mkdirSync(RESULTS, { recursive: true });
  const stamp = report.startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  writeFileSync(`${RESULTS}${stamp}-simulation.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${RESULTS}simulation-latest.md`, markdown(report));
  log(markdown(report));
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runSimulationBench((line) => console.log(line));
}
