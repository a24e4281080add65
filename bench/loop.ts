/**
 * A closed-loop load driver: `clients` concurrent loops, each issuing its next operation as soon
 * as the previous one finished, for a fixed time. Shared by the HTTP client and the raw SQL baseline.
 */
export interface CellResult {
  /** Operations that succeeded within the measured window. */
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Every latency in the order the requests were sent, when asked for (one client, few requests). */
  latenciesMs?: number[];
  /** CPU time of the process that ran the loop (user + system, all its threads), per request. */
  cpuMsPerRequest: number;
  firstError?: string;
}

/** One operation by client number `client`; resolves true on success, false (or throws) on failure. */
export type Operation = (client: number) => Promise<boolean>;

/** Run for `ms`, or until `maxRequests` operations were issued, whichever comes first. */
export async function runFor(
  clients: number,
  ms: number,
  op: Operation,
  maxRequests = Infinity,
): Promise<CellResult> {
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  const loop = async (client: number) => {
    while (performance.now() < end && issued < maxRequests) {
      issued++;
      const t0 = performance.now();
      let ok = false;
      try {
        ok = await op(client);
      } catch (err) {
        firstError ??= err instanceof Error ? err.message : String(err);
      }
      if (ok) latencies.push(performance.now() - t0);
      else errors++;
      if (!ok) latencies.push(Number.NaN);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  const seconds = (performance.now() - start) / 1000;
  const ok = latencies.filter((l) => !Number.isNaN(l));
  const result = summarize(ok, errors, seconds, cpuMs(cpu), firstError);
  return maxRequests < Infinity ? { ...result, latenciesMs: latencies.map((l) => round(l, 3)) } : result;
}

/** p50, p99 and mean of some latencies (failed requests, NaN, left out). */
export function latencyStats(latencies: number[]): {
  n: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
} {
  const r = summarize(
    latencies.filter((l) => !Number.isNaN(l)),
    0,
    1,
    0,
  );
  return { n: r.requests, p50Ms: r.p50Ms, p99Ms: r.p99Ms, meanMs: r.meanMs };
}

/** Milliseconds of CPU this process used since `since`. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/**
 * A warm-up (JIT, connections, caches) whose numbers are thrown away, then the measured run;
 * `window` is told when the measured run starts and ends.
 */
export async function measure(
  clients: number,
  warmupMs: number,
  ms: number,
  op: Operation,
  window?: (phase: "start" | "end") => void,
  maxRequests?: number,
): Promise<CellResult> {
  if (warmupMs > 0) await runFor(clients, warmupMs, op);
  window?.("start");
  const result = await runFor(clients, ms, op, maxRequests);
  window?.("end");
  return result;
}

function summarize(
  latencies: number[],
  errors: number,
  seconds: number,
  cpu: number,
  firstError?: string,
): CellResult {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => (sorted.length ? (sorted[Math.ceil(q * sorted.length) - 1] ?? 0) : 0);
  return {
    requests: sorted.length,
    errors,
    seconds: round(seconds, 2),
    rps: round(sorted.length / seconds, 1),
    p50Ms: round(at(0.5), 2),
    p99Ms: round(at(0.99), 2),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1), 2),
    cpuMsPerRequest: perRequest(cpu, sorted.length),
    ...(firstError ? { firstError } : {}),
  };
}

export function perRequest(ms: number, requests: number): number {
  return requests ? round(ms / requests, 3) : 0;
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
