/**
 * `npm run bench`: a case read (GET /api/v1/cases/{id}) and an event append (POST …/events with
 * If-Match) on the real HTTP server, as a supervisor with an API token, next to the same statements
 * as raw SQL, and the read also on a bare server without authentication, authorization and audit
 * (bare-read.ts), at 1, 10 and 50 concurrent clients, on the embedded database and on PostgreSQL.
 * See bench/README.md.
 *
 * BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (1), BENCH_CLIENTS (1,10,50), BENCH_CASES (200),
 * BENCH_APP_POOL (10, PostgreSQL only), BENCH_RAW_POOL (app, or clients), BENCH_DATABASES (pglite,postgres),
 * BENCH_DATABASE_URL (else TEST_DATABASE_URL, else local). Then an event append on cases with 10
 * events against one with 1,000 (BENCH_HISTORY_EVENTS, BENCH_HISTORY_SAMPLES: 50 appends each,
 * 0 leaves it out). Then, on PostgreSQL, the statistics
 * benchmark (bench/stats.ts; BENCH_STATS=0 leaves it out) and the sealed-names benchmark
 * (bench/names.ts; BENCH_NAMES=0 leaves it out) and the identity-matching benchmark
 * (bench/matching.ts; BENCH_MATCHING=0 leaves it out). Last, the evidence upload benchmark
 * (bench/evidence.ts; BENCH_EVIDENCE=0 leaves it out). Then the simulation of the 2025 bill on the
 * national demo data (bench/simulation.ts; BENCH_SIMULATION=0 leaves it out). Then the translation
 * memory's lookup (bench/translation-memory.ts; BENCH_TRANSLATION_MEMORY=0 leaves it out).
 */
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { createAppContext } from "../src/app/context.ts";
import { addDays } from "../src/kernel/calendar/dates.ts";
import { todayInSeoul } from "../src/profiles/kr-refugee-act/calendar.ts";
import { buildServer } from "../src/server/app.ts";
import { migrate } from "../src/store/migrate.ts";
import { loadCaseProjection } from "../src/cases/db/projections.ts";
import { benchCredentials } from "./auth.ts";
import { buildBareReadServer } from "./bare-read.ts";
import { httpLoad } from "./load.ts";
import { latencyStats, measure, round, type CellResult, type Operation } from "./loop.ts";
import { rawAppend, rawOverDatabase, rawOverPool, rawPool, rawRead, type RawSql } from "./raw-sql.ts";
import {
  authCostOf,
  judgeAim,
  judgeAuthAim,
  judgeConcurrencyAim,
  markdown,
  writeReport,
  type BenchReport,
  type CellRecord,
  type DatabaseRecord,
} from "./report.ts";
import { seedCase, seedCases } from "./seed.ts";
import { runNamesBench } from "./names.ts";
import { runMatchingBench } from "./matching.ts";
import { runStatsBench } from "./stats.ts";
import { runEvidenceBench } from "./evidence.ts";
import { runCoiBench } from "./coi-search.ts";
import { runSimulationBench } from "./simulation.ts";
import { runTranslationMemoryBench } from "./translation-memory.ts";
import { openPglite, openPostgres, postgresUrl, rssOfPid, type BenchTarget } from "./targets.ts";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number ≥ 0`);
  return v;
};
const settings = {
  seconds: num("BENCH_SECONDS", 5),
  warmupSeconds: num("BENCH_WARMUP_SECONDS", 1),
  clients: (process.env.BENCH_CLIENTS ?? "1,10,50").split(",").map((c) => {
    if (!/^\s*[1-9]\d*\s*$/.test(c)) throw new Error(`BENCH_CLIENTS must list whole numbers ≥ 1, got "${c}"`);
    return Number(c);
  }),
  cases: num("BENCH_CASES", 200),
  eventsPerCase: 10,
  historyEvents: num("BENCH_HISTORY_EVENTS", 1000),
  historySamples: num("BENCH_HISTORY_SAMPLES", 50),
};
const appPool = num("BENCH_APP_POOL", 10);
// The baseline's pool matches the application's; BENCH_RAW_POOL=clients gives it one connection per client (PostgreSQL).
const rawPoolPerClient = process.env.BENCH_RAW_POOL === "clients";
const only = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const ms = (s: number) => Math.round(s * 1000);
const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const log = (text: string) => process.stdout.write(`${text}\n`);

async function benchTarget(t: BenchTarget): Promise<DatabaseRecord> {
  await migrate(t.db);
  const ctx = await createAppContext({ db: t.db, masterKey: randomBytes(32) });
  await seedHolidays(ctx);
  // Every append cell works on cases of its own (one per client), for OpenRSD and for the baseline.
  const appendCases = 2 * settings.clients.reduce((a, b) => a + b, 0);
  const count = Math.max(settings.cases, appendCases) + settings.historySamples;
  const seedStart = performance.now();
  log(`${t.label}: seeding ${count} cases of ${settings.eventsPerCase} events …`);
  const ids = await seedCases(ctx, count, settings.eventsPerCase);
  const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
  const readIds = ids.slice(0, settings.cases);
  // The history cell: cases of 10 events (one append each) and one case of 1,000.
  const smallIds = ids.slice(count - settings.historySamples);
  let bigId: string | undefined;
  let bigSeedSeconds = 0;
  if (settings.historySamples > 0) {
    const start = performance.now();
    log(`${t.label}: seeding a case of ${settings.historyEvents} events …`);
    bigId = await seedCase(ctx, count, settings.historyEvents);
    bigSeedSeconds = round((performance.now() - start) / 1000, 1);
  }
  const { token } = await benchCredentials(ctx);

  const app = await buildServer({ ctx, logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const bare = await buildBareReadServer(ctx);
  await bare.listen({ host: "127.0.0.1", port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  const today = todayInSeoul(new Date());
  const interviewOn = addDays(today, 14);
  const record: DatabaseRecord = {
    kind: t.kind,
    label: t.label,
    appPoolSize: t.appPoolSize,
    seedSeconds,
    rssBeforeMb: rssMb(),
    databaseRssBeforeMb: t.databasePid ? rssOfPid(t.databasePid) : null,
    cells: [],
  };
  const timing = { warmupMs: ms(settings.warmupSeconds), durationMs: ms(settings.seconds) };
  const raw = async (clients: number, op: (sql: RawSql) => Operation) => {
    const poolSize = rawPoolPerClient && t.kind === "postgres" ? clients : t.appPoolSize;
    // The embedded database serves one session at a time: there the baseline's SQL goes through
    // the application's own connection.
    const sql = t.kind === "pglite" ? rawOverDatabase(t.db) : rawOverPool(rawPool(t.raw, poolSize));
    try {
      return { ...(await measure(clients, timing.warmupMs, timing.durationMs, op(sql))), poolSize };
    } finally {
      await sql.end();
    }
  };
  const push = (cell: Omit<CellRecord, "ratio" | "authCost">) => {
    const full: CellRecord = {
      ...cell,
      ratio: cell.raw.rps ? round(cell.openrsd.rps / cell.raw.rps, 2) : 0,
      ...(cell.bare ? { authCost: authCostOf(cell.openrsd, cell.bare) } : {}),
    };
    record.cells.push(full);
    const show = (name: string, r: CellResult) =>
      `${name} ${r.rps} req/s p50 ${r.p50Ms} p99 ${r.p99Ms} ms${r.errors ? ` (${r.errors} errors: ${r.firstError})` : ""}`;
    const bareShown = cell.bare
      ? ` | ${show("bare", cell.bare)} | auth cost ${full.authCost?.p50} × p50, ${full.authCost?.throughput} × req/s`
      : "";
    log(
      `  ${cell.operation} × ${cell.clients}: ${show("OpenRSD", cell.openrsd)}${bareShown} | ${show("raw", cell.raw)} | ratio ${full.ratio}`,
    );
  };

  try {
    for (const clients of settings.clients) {
      const read = { ...timing, operation: "read" as const, clients, caseIds: readIds, today, interviewOn };
      const openrsd = await httpLoad({ ...read, baseUrl, token });
      const bareResult = await httpLoad({ ...read, baseUrl: bareUrl });
      push({
        operation: "read",
        clients,
        openrsd,
        bare: bareResult,
        raw: await raw(clients, (pool) => rawRead(pool, readIds, t.kind === "postgres")),
      });
    }
    let next = 0;
    const take = (n: number) => ids.slice(next, (next += n));
    for (const clients of settings.clients) {
      const appIds = take(clients);
      const rawIds = take(clients);
      const openrsd = await httpLoad({
        ...timing,
        operation: "append",
        baseUrl,
        clients,
        caseIds: appIds,
        today,
        interviewOn,
        token,
      });
      const projections = await Promise.all(rawIds.map((id) => loadCaseProjection(t.db, "seoul", id)));
      const seeded = projections.filter((p) => p !== null);
      const rawResult = await raw(clients, (pool) => rawAppend(pool, seeded, today, interviewOn));
      const versionsAfter = { openrsd: await meanVersion(t, appIds), raw: await meanVersion(t, rawIds) };
      push({ operation: "append", clients, openrsd, raw: rawResult, versionsAfter });
    }
    if (bigId && smallIds.length > 0) {
      // One client, one request at a time, alternating: a short case (each once), the long case.
      const samples = smallIds.length;
      const before = { small: await meanVersion(t, smallIds), big: await meanVersion(t, [bigId]) };
      const result = await httpLoad({
        baseUrl,
        token,
        clients: 1,
        warmupMs: 0,
        durationMs: 600_000,
        today,
        interviewOn,
        operation: "append-each",
        caseIds: smallIds.flatMap((id) => [id, bigId as string]),
        requests: 2 * samples,
      });
      const latencies = result.latenciesMs ?? [];
      const small = latencyStats(latencies.filter((_, i) => i % 2 === 0));
      const big = latencyStats(latencies.filter((_, i) => i % 2 === 1));
      const after = { small: await meanVersion(t, smallIds), big: await meanVersion(t, [bigId]) };
      record.history = {
        samples,
        before,
        after,
        seedSeconds: bigSeedSeconds,
        small,
        big,
        errors: result.errors,
        ...(result.firstError ? { firstError: result.firstError } : {}),
        ratio: {
          p50: small.p50Ms ? round(big.p50Ms / small.p50Ms, 2) : 0,
          mean: small.meanMs ? round(big.meanMs / small.meanMs, 2) : 0,
        },
      };
      log(
        `  append by history: ${before.small} events: p50 ${small.p50Ms} mean ${small.meanMs} ms | ` +
          `${before.big} events: p50 ${big.p50Ms} mean ${big.meanMs} ms | ${record.history.ratio.p50} × p50` +
          (result.errors ? ` (${result.errors} errors: ${result.firstError})` : ""),
      );
    }
  } finally {
    await app.close();
    await bare.close();
  }
  record.rssAfterMb = rssMb();
  record.databaseRssAfterMb = t.databasePid ? rssOfPid(t.databasePid) : null;
  return record;
}

async function meanVersion(t: BenchTarget, ids: string[]): Promise<number> {
  const [row] = await t.db.query<{ v: number }>(
    "SELECT avg(version)::float8 AS v FROM cases WHERE id = ANY($1::uuid[])",
    [ids],
  );
  return Math.round(row?.v ?? 0);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const databases: DatabaseRecord[] = [];
  const openers: [string, () => Promise<BenchTarget | string>][] = [
    ["pglite", openPglite],
    ["postgres", () => openPostgres(postgresUrl(), appPool)],
  ];
  for (const [name, open] of openers) {
    if (!only.includes(name)) continue;
    const target = await open();
    if (typeof target === "string") {
      log(target);
      databases.push({ kind: "postgres", label: "PostgreSQL", skipped: target, cells: [] });
      continue;
    }
    try {
      databases.push(await benchTarget(target));
    } finally {
      await target.dispose();
    }
  }
  const cpus = os.cpus();
  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "unknown CPU",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      platform: `${process.platform} ${os.release()}`,
    },
    settings,
    databases,
    aim: judgeAim(databases),
    authAim: judgeAuthAim(databases),
    concurrencyAim: judgeConcurrencyAim(databases),
  };
  const files = writeReport(report);
  log(`\n${markdown(report)}`);
  log(`results: ${files.json}\n         ${files.md}`);
}

await main();
// The statistics benchmark (bench/stats.ts: the yearly table by nationality over 1M cases, PostgreSQL).
if (process.env.BENCH_STATS !== "0" && only.includes("postgres")) await runStatsBench(log);
// Sealed names and events (bench/names.ts: name search over 100,000 persons, the case read's decryption).
if (process.env.BENCH_NAMES !== "0" && only.includes("postgres")) await runNamesBench(log);
// Identity matching (bench/matching.ts: candidate lists over 100,000 persons, recall and precision).
if (process.env.BENCH_MATCHING !== "0" && only.includes("postgres")) await runMatchingBench(log);
// An evidence upload (bench/evidence.ts: 1 GiB through the upload route against sha256sum and cp).
if (process.env.BENCH_EVIDENCE !== "0") await runEvidenceBench(log);
// The COI library's search (bench/coi-search.ts: Korean and English over 1M passages, PGlite over 100,000).
if (process.env.BENCH_COI !== "0") await runCoiBench(log);
// The 2025 bill replayed on the national demo data 2019-2024 (bench/simulation.ts: under 30 s).
if (process.env.BENCH_SIMULATION !== "0") await runSimulationBench(log);
// The translation memory's lookup (bench/translation-memory.ts: one sentence in 20,000 units, against a scan).
if (process.env.BENCH_TRANSLATION_MEMORY !== "0") await runTranslationMemoryBench(log);
