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
  /** CPU time of the process that ran the loop (user + system, all its threads), per request. */
  cpuMsPerRequest: number;
  firstError?: string;
}

/** One operation by client number `client`; resolves true on success, false (or throws) on failure. */
export type Operation = (client: number) => Promise<boolean>;

export async function runFor(clients: number, ms: number, op: Operation): Promise<CellResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  const loop = async (client: number) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      let ok = false;
      try {
        ok = await op(client);
      } catch (err) {
        firstError ??= err instanceof Error ? err.message : String(err);
      }
      if (ok) latencies.push(performance.now() - t0);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  const seconds = (performance.now() - start) / 1000;
  return summarize(latencies, errors, seconds, cpuMs(cpu), firstError);
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
): Promise<CellResult> {
  if (warmupMs > 0) await runFor(clients, warmupMs, op);
  window?.("start");
  const result = await runFor(clients, ms, op);
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
