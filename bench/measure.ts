/** Small helpers the benchmarks share: a numeric setting from the environment, and timings. */

/** A positive number from the environment variable `name`, or `fallback`. */
export const num = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a number > 0`);
  return v;
};

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

/** The median and 95th percentile of `samples` (milliseconds), to two decimals. */
export function timing(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { runs: s.length, medianMs: r(at(0.5)), p95Ms: r(at(0.95)) };
}

/** `fn`'s value and how long it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}
