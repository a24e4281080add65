/** The benchmark's results: types, the Markdown table, and the files in bench/results/. */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { HttpCellResult } from "./load.ts";
import { round, type CellResult } from "./loop.ts";

export interface CellRecord {
  operation: "read" | "append";
  clients: number;
  openrsd: HttpCellResult;
  raw: CellResult & { poolSize: number };
  /** OpenRSD throughput / raw SQL throughput. */
  ratio: number;
  /** append: the cases' versions (event counts) after the cell, OpenRSD's and the baseline's. */
  versionsAfter?: { openrsd: number; raw: number };
  /** read: the same read on the bare server (bare-read.ts), without authentication, authorization and audit. */
  bare?: HttpCellResult;
  /** read: what they cost, as ratios (over 1 = slower with them): p50 with / p50 without, req/s without / req/s with. */
  authCost?: { p50: number; throughput: number };
}

export interface DatabaseRecord {
  kind: "pglite" | "postgres";
  label: string;
  skipped?: string;
  appPoolSize?: number;
  seedSeconds?: number;
  /** Resident memory of the benchmark process (server, pools) in MB, before and after the cells. */
  rssBeforeMb?: number;
  rssAfterMb?: number;
  /** The embedded database's own process, in MB. */
  databaseRssBeforeMb?: number | null;
  databaseRssAfterMb?: number | null;
  cells: CellRecord[];
  /** An event append on cases with 10 events against one with 1,000 (one client, one at a time). */
  history?: HistoryRecord;
}

export interface LatencyStats {
  n: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface HistoryRecord {
  /** Appends measured on each side. */
  samples: number;
  /** Events per case before and after the appends: the short cases (mean) and the long one. */
  before: { small: number; big: number };
  after: { small: number; big: number };
  /** Seconds to seed the long case through the application's commands. */
  seedSeconds: number;
  small: LatencyStats;
  big: LatencyStats;
  errors: number;
  firstError?: string;
  /** The long case's latency over the short ones'. */
  ratio: { p50: number; mean: number };
}

export interface Aim {
  met: boolean | null;
  text: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number; platform: string };
  settings: {
    seconds: number;
    warmupSeconds: number;
    clients: number[];
    cases: number;
    eventsPerCase: number;
    historyEvents?: number;
    historySamples?: number;
  };
  databases: DatabaseRecord[];
  aim: Aim;
  /** Issue #3: authentication, authorization and audit cost a case read under 1.5 × the bare read. */
  authAim: Aim;
  /** The audit chain's aim: at 50 clients, the case read within 2 × the bare read. */
  concurrencyAim?: Aim;
}

/** The aim: on PostgreSQL, a case read at 50 clients with p99 < 20 ms and ≥ half raw SQL's throughput. */
export function judgeAim(databases: DatabaseRecord[]): Aim {
  const cell = databases
    .find((d) => d.kind === "postgres" && !d.skipped)
    ?.cells.find((c) => c.operation === "read" && c.clients === 50);
  if (!cell) return { met: null, text: "not measured (no PostgreSQL, or no 50-client read cell)" };
  const fast = cell.openrsd.p99Ms < 20;
  const near = cell.ratio >= 0.5;
  const met = fast && near;
  return {
    met,
    text:
      `${met ? "met" : "not met"}: p99 ${cell.openrsd.p99Ms} ms (${fast ? "under" : "over"} 20 ms), ` +
      `${cell.openrsd.rps} req/s = ${cell.ratio} × raw SQL's ${cell.raw.rps} (${near ? "at least" : "under"} 0.5)`,
  };
}

/** The most a case read may cost with authentication, authorization and audit, over the bare read. */
export const AUTH_COST_LIMIT = 1.5;

/** Both ratios of one read cell: p50 latency with / without, throughput without / with. */
export function authCostOf(withAuth: CellResult, bare: CellResult): { p50: number; throughput: number } {
  return {
    p50: bare.p50Ms ? round(withAuth.p50Ms / bare.p50Ms, 2) : 0,
    throughput: withAuth.rps ? round(bare.rps / withAuth.rps, 2) : 0,
  };
}

/**
 * Issue #3, on PostgreSQL: at every client count measured, the case read with authentication,
 * authorization and the audit write has a p50 under 1.5 × the bare read's and at least 1 / 1.5 of
 * its throughput.
 */
export function judgeAuthAim(databases: DatabaseRecord[]): Aim {
  const cells = databases
    .find((d) => d.kind === "postgres" && !d.skipped)
    ?.cells.filter((c) => c.operation === "read" && c.authCost);
  if (!cells?.length) return { met: null, text: "not measured (no PostgreSQL, or no read cells)" };
  const under = (c: CellRecord) =>
    !!c.authCost && c.authCost.p50 < AUTH_COST_LIMIT && c.authCost.throughput < AUTH_COST_LIMIT;
  const met = cells.every(under);
  const each = cells
    .map(
      (c) =>
        `${c.clients} client${c.clients === 1 ? "" : "s"} ${c.authCost?.p50} × p50, ${c.authCost?.throughput} × throughput`,
    )
    .join("; ");
  return { met, text: `${met ? "met" : "not met"} (limit ${AUTH_COST_LIMIT} ×): ${each}` };
}

/** The most the case read may cost at 50 clients over the bare read, now that appends do not queue. */
export const CONCURRENT_COST_LIMIT = 2;

/**
 * On PostgreSQL at 50 clients: the case read with authentication, authorization and the audit
 * write has a p50 within 2 × the bare read's and at least half its throughput.
 */
export function judgeConcurrencyAim(databases: DatabaseRecord[]): Aim {
  const c = databases
    .find((d) => d.kind === "postgres" && !d.skipped)
    ?.cells.find((x) => x.operation === "read" && x.clients === 50 && x.authCost);
  if (!c?.authCost) return { met: null, text: "not measured (no PostgreSQL, or no 50-client read cell)" };
  const { p50, throughput } = c.authCost;
  const met = p50 <= CONCURRENT_COST_LIMIT && throughput <= CONCURRENT_COST_LIMIT;
  return {
    met,
    text: `${met ? "met" : "not met"} (limit ${CONCURRENT_COST_LIMIT} ×): ${p50} × p50, ${throughput} × throughput`,
  };
}

export function markdown(r: BenchReport): string {
  const m = r.machine;
  const s = r.settings;
  const lines = [
    "# OpenRSD benchmark: case read and event append",
    "",
    `${r.startedAt.slice(0, 19)}Z on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}. ` +
      `${s.seconds} s per cell after ${s.warmupSeconds} s of warm-up; ${s.cases} cases of ${s.eventsPerCase} events.`,
    "",
    "| database | operation | clients | OpenRSD req/s | p50 ms | p99 ms | raw SQL req/s | p50 ms | p99 ms | OpenRSD / raw | CPU ms/req: server + load gen. / raw | errors |",
    "| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
  ];
  for (const d of r.databases) {
    for (const c of d.cells) {
      const o = c.openrsd;
      const w = c.raw;
      const errors = o.errors || w.errors ? `${o.errors} / ${w.errors}` : "0";
      lines.push(
        `| ${d.label} | ${c.operation} | ${c.clients} | ${o.rps} | ${o.p50Ms} | ${o.p99Ms} | ` +
          `${w.rps} | ${w.p50Ms} | ${w.p99Ms} | ${c.ratio} | ` +
          `${o.serverCpuMsPerRequest} + ${o.cpuMsPerRequest} / ${w.cpuMsPerRequest} | ${errors} |`,
      );
    }
  }
  lines.push("");
  for (const d of r.databases) {
    if (d.skipped) {
      lines.push(`- ${d.skipped}`);
      continue;
    }
    const dbMem =
      d.databaseRssBeforeMb != null
        ? `; database process ${d.databaseRssBeforeMb} → ${d.databaseRssAfterMb} MB`
        : "";
    const grown = d.cells
      .filter((c) => c.versionsAfter)
      .map((c) => `${c.clients}: ${c.versionsAfter?.openrsd} / ${c.versionsAfter?.raw}`)
      .join(", ");
    lines.push(
      `- ${d.label}: application pool ${d.appPoolSize}, raw SQL pool ${[...new Set(d.cells.map((c) => c.raw.poolSize))].join(", ")}; ` +
        `seeded in ${d.seedSeconds} s; RSS of the benchmark process (server and pools) ${d.rssBeforeMb} → ${d.rssAfterMb} MB${dbMem}; ` +
        `events per appended case after the append cell (clients: OpenRSD / raw) ${grown}.`,
    );
  }
  lines.push(
    "",
    `**Aim** (PostgreSQL, case read, 50 clients: p99 < 20 ms and ≥ 0.5 × raw SQL): ${r.aim.text}.`,
    "",
    "## The cost of authentication, authorization and the audit write on a case read",
    "",
    "`GET /api/v1/cases/{id}` with a bearer token (authentication, the supervisor's right and office, " +
      "an access record in the audit chain, in one transaction) against the same route on the bare server " +
      "(bare-read.ts: same HTTP set-up and schemas, `loadCase` + `presentCase`, no principal, no transaction, no audit).",
    "",
    "| database | clients | with req/s | p50 ms | p99 ms | without req/s | p50 ms | p99 ms | p50 with / without | req/s without / with | server CPU ms/req with / without | errors |",
    "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
  );
  for (const d of r.databases) {
    for (const c of d.cells) {
      if (!c.bare || !c.authCost) continue;
      const o = c.openrsd;
      const b = c.bare;
      const errors = o.errors || b.errors ? `${o.errors} / ${b.errors}` : "0";
      lines.push(
        `| ${d.label} | ${c.clients} | ${o.rps} | ${o.p50Ms} | ${o.p99Ms} | ${b.rps} | ${b.p50Ms} | ${b.p99Ms} | ` +
          `${c.authCost.p50} | ${c.authCost.throughput} | ${o.serverCpuMsPerRequest} / ${b.serverCpuMsPerRequest} | ${errors} |`,
      );
    }
  }
  lines.push(
    "",
    `**Aim** (issue #3; PostgreSQL, case read, at every client count: both ratios under ${AUTH_COST_LIMIT}): ${r.authAim.text}.`,
    "",
    `**Aim** (the audit chain; PostgreSQL, case read, 50 clients: both ratios at most ${CONCURRENT_COST_LIMIT}): ` +
      `${(r.concurrencyAim ?? judgeConcurrencyAim(r.databases)).text}.`,
    "",
  );
  const histories = r.databases.filter((d) => d.history);
  if (histories.length > 0) {
    lines.push(
      "## An event append on a short and on a long case history",
      "",
      "`POST /api/v1/cases/{id}/events` (a `summons_served` dated today, with `If-Match`), one client, one " +
        "request at a time, alternating: once on each of the short cases (10 events each, seeded like the " +
        "others), and as many times on one case seeded with 1,000 events through the same commands " +
        "(summons and interviews in the examination stage).",
      "",
      "| database | appends | events before (short / long) | short p50 ms | mean | p99 | long p50 ms | mean | p99 | long / short p50 | mean | errors |",
      "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
    );
    for (const d of histories) {
      const h = d.history as HistoryRecord;
      const errors = String(h.errors);
      lines.push(
        `| ${d.label} | ${h.samples} | ${h.before.small} / ${h.before.big}–${h.after.big - 1} | ${h.small.p50Ms} | ` +
          `${h.small.meanMs} | ${h.small.p99Ms} | ${h.big.p50Ms} | ${h.big.meanMs} | ${h.big.p99Ms} | ` +
          `${h.ratio.p50} | ${h.ratio.mean} | ${errors} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const README = fileURLToPath(new URL("./README.md", import.meta.url));
const START = "<!-- latest-run:start -->";
const END = "<!-- latest-run:end -->";

/** Write the JSON and latest.md; note the verdict in bench/README.md between its markers. */
export function writeReport(r: BenchReport): { json: string; md: string } {
  mkdirSync(RESULTS, { recursive: true });
  const stamp = r.startedAt.replace(/[:]/g, "").replace(/\.\d+Z$/, "Z");
  const json = `${RESULTS}${stamp}-case-read-append.json`;
  const md = `${RESULTS}latest.md`;
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(md, markdown(r));
  try {
    const readme = readFileSync(README, "utf8");
    const from = readme.indexOf(START);
    const to = readme.indexOf(END);
    if (from >= 0 && to > from) {
      const verdict =
        `Latest run (${r.startedAt.slice(0, 10)}, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.settings.seconds} s per cell):\n\n` +
        `- case read against raw SQL: the aim was ${r.aim.text};\n` +
        `- authentication, authorization and audit on a case read: the aim was ${r.authAim.text};\n` +
        `- the same at 50 clients, limit ${CONCURRENT_COST_LIMIT} ×: the aim was ` +
        `${(r.concurrencyAim ?? judgeConcurrencyAim(r.databases)).text}${historyLine(r)}.\n\n` +
        "Full tables: [results/latest.md](results/latest.md).";
      writeFileSync(README, `${readme.slice(0, from + START.length)}\n\n${verdict}\n\n${readme.slice(to)}`);
    }
  } catch {
    // no README: nothing to note
  }
  return { json, md };
}

/** The history cell on PostgreSQL (else the first database that has it), for the README. */
function historyLine(r: BenchReport): string {
  const d = r.databases.find((x) => x.kind === "postgres" && x.history) ?? r.databases.find((x) => x.history);
  const h = d?.history;
  if (!d || !h) return "";
  return (
    `;\n- an event append on a case of ${h.before.big} events against cases of ${h.before.small} (${d.label}, ` +
    `${h.samples} appends each, one client): p50 ${h.big.p50Ms} ms against ${h.small.p50Ms} ms, ${h.ratio.p50} ×`
  );
}
