/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the demo generator needs.
 * Nothing here reads a clock or `Math.random`: the same seed always gives the same sequence.
 */
import { addDays, daysBetween, type LegalDate } from "../kernel/calendar/dates.ts";

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of the values, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A date in [from, to] (both included). */
  date(from: LegalDate, to: LegalDate): LegalDate;
  /** The items in a random order (a copy). */
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: 32-bit state, good enough for demo data, and fully deterministic. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`the seed must be a finite number, got ${seed}`);
  const next = mulberry32(Math.trunc(seed));
  const int = (min: number, max: number): number => {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    return min + Math.floor(next() * (max - min + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new RangeError("cannot pick from an empty list");
    return item;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      if (!(total > 0)) throw new RangeError("weighted draw needs a positive total weight");
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new RangeError("weighted draw from an empty list");
      return last[0];
    },
    date: (from, to) => addDays(from, int(0, daysBetween(from, to))),
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        const a = out[i] as T;
        out[i] = out[j] as T;
        out[j] = a;
      }
      return out;
    },
  };
}
