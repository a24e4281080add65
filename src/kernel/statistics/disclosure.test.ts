import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  augment,
  DisclosureError,
  protectFigures,
  protectRate,
  protectRateSeries,
  protectTable,
  rateStep,
  roundCount,
  type PublishedTable,
} from "./disclosure.ts";
import type { CountTable, RateSeries } from "./table.ts";

function table(cells: number[][], extra: Partial<CountTable> = {}): CountTable {
  const R = cells.length;
  const C = cells[0]?.length ?? 0;
  return {
    id: "t",
    title: "Test table",
    unit: "decisions",
    definitions: [{ id: "d", name: "Decisions", text: "First-instance decisions" }],
    rows: {
      id: "nationality",
      label: "Nationality",
      categories: Array.from({ length: R }, (_, i) => `R${i}`),
    },
    columns: { id: "outcome", label: "Outcome", categories: Array.from({ length: C }, (_, i) => `C${i}`) },
    cells,
    filters: {},
    asOf: "2025-12-31",
    ...extra,
  };
}

/** The published grid with totals, in the same layout as augment(). */
function publishedGrid(p: PublishedTable): (number | null)[][] {
  return [...p.cells.map((line, r) => [...line, p.rowTotals[r]!]), [...p.columnTotals, p.total]];
}

/** Lines of a grid: every row and every column, totals row and column included. */
function lines<T>(grid: T[][]): T[][] {
  const R = grid.length;
  const C = grid[0]!.length;
  const cols = Array.from({ length: C }, (_, c) => Array.from({ length: R }, (_, r) => grid[r]![c]!));
  return [...grid, ...cols];
}

// Exact linear algebra over GF(p): the constraint matrix is a bipartite incidence matrix (totally
// unimodular), so its rank over GF(p) is its rank over the rationals.
const P = 1_000_003n;
const mod = (a: bigint) => ((a % P) + P) % P;
function inv(a: bigint): bigint {
  let r = 1n;
  let x = mod(a);
  for (let e = P - 2n; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * x) % P;
    x = (x * x) % P;
  }
  return r;
}
function rank(rows: bigint[][]): number {
  const m = rows.map((r) => r.map(mod));
  let rk = 0;
  const n = m[0]?.length ?? 0;
  for (let col = 0; col < n && rk < m.length; col++) {
    const piv = m.findIndex((row, i) => i >= rk && row[col] !== 0n);
    if (piv < 0) continue;
    [m[rk], m[piv]] = [m[piv]!, m[rk]!];
    const f = inv(m[rk]![col]!);
    m[rk] = m[rk]!.map((v) => (v * f) % P);
    for (let i = 0; i < m.length; i++) {
      if (i !== rk && m[i]![col] !== 0n) {
        const g = m[i]![col]!;
        m[i] = m[i]!.map((v, j) => mod(v - g * m[rk]![j]!));
      }
    }
    rk++;
  }
  return rk;
}

/**
 * Suppressed positions whose value follows from the published figures by linear algebra: the
 * attacker knows every line balances (cells sum to the total) and every published value exactly.
 */
function determinedPositions(s: boolean[][]): [number, number][] {
  const R = s.length;
  const C = s[0]!.length;
  const vars: [number, number][] = [];
  const index = new Map<string, number>();
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++)
      if (s[r]![c]) {
        index.set(`${r},${c}`, vars.length);
        vars.push([r, c]);
      }
  if (vars.length === 0) return [];
  const constraints: bigint[][] = [];
  const sign = (last: boolean) => (last ? -1n : 1n);
  for (let r = 0; r < R; r++) {
    const row = new Array<bigint>(vars.length).fill(0n);
    for (let c = 0; c < C; c++) {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) row[i] = sign(c === C - 1);
    }
    constraints.push(row);
  }
  for (let c = 0; c < C; c++) {
    const row = new Array<bigint>(vars.length).fill(0n);
    for (let r = 0; r < R; r++) {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) row[i] = sign(r === R - 1);
    }
    constraints.push(row);
  }
  const base = rank(constraints);
  return vars.filter((_, k) => {
    const unit = vars.map((_, j) => (j === k ? 1n : 0n));
    return rank([...constraints, unit]) === base;
  });
}

/**
 * T5 checked by construction: for a suppressed non-zero position, find (by depth-first search, not
 * the publisher's algorithm) a cycle of suppressed non-zero positions through it, and build the
 * two alternative tables (±1 alternately along the cycle) that publish exactly the same figures.
 */
function alternativeTables(grid: number[][], s: boolean[][], r0: number, c0: number): number[][][] | null {
  const R = grid.length;
  const C = grid[0]!.length;
  const ok = (r: number, c: number) => s[r]![c]! && grid[r]![c]! > 0;
  // nodes: rows 0..R-1, columns R..R+C-1. Path from column c0 back to row r0 avoiding (r0, c0).
  const seen = new Set<number>();
  const path: [number, number][] = [];
  const dfs = (u: number): boolean => {
    if (u === r0) return true;
    seen.add(u);
    const isRow = u < R;
    for (let k = 0; k < (isRow ? C : R); k++) {
      const [r, c] = isRow ? [u, k] : [k, u - R];
      if ((r === r0 && c === c0) || !ok(r, c)) continue;
      const v = isRow ? R + k : k;
      if (seen.has(v)) continue;
      path.push([r, c]);
      if (dfs(v)) return true;
      path.pop();
    }
    return false;
  };
  if (!dfs(R + c0)) return null;
  const cycle: [number, number][] = [[r0, c0], ...path];
  return [1, -1].map((d) => {
    const alt = grid.map((line) => [...line]);
    // Alternate along the cycle in "balanced" form (a row or column total counts with a minus sign
    // in its line, the grand total with a plus), then back to counts.
    const sign = (r: number, c: number) => ((r === R - 1) !== (c === C - 1) ? -1 : 1);
    cycle.forEach(([r, c], i) => (alt[r]![c]! += (i % 2 === 0 ? d : -d) * sign(r, c) * sign(r0, c0)));
    return alt;
  });
}

const count = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 5, max: 30 }) },
  { weight: 2, arbitrary: fc.integer({ min: 31, max: 2000 }) },
);
const tables = fc
  .record({ rows: fc.integer({ min: 1, max: 7 }), cols: fc.integer({ min: 1, max: 7 }) })
  .chain(({ rows, cols }) =>
    fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
  );

function patternOf(p: PublishedTable): boolean[][] {
  return publishedGrid(p).map((line) => line.map((v) => v === null));
}

describe("count tables: properties over random tables", () => {
  const runs = { numRuns: 400 };

  it("every published value is 0, suppressed, or a multiple of 5 within 2 of the truth", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const p = protectTable(table(cells));
        const truth = augment(cells, cells.length, cells[0]!.length);
        publishedGrid(p).forEach((line, r) =>
          line.forEach((v, c) => {
            const t = truth[r]![c]!;
            if (v === null) return;
            expect(v % 5).toBe(0);
            expect(Math.abs(v - t)).toBeLessThanOrEqual(2);
            expect(t >= 1 && t <= 4).toBe(false);
            expect(v === 0).toBe(t === 0);
          }),
        );
      }),
      runs,
    );
  });

  it("no row or column, totals included, has exactly one suppressed value", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        for (const line of lines(publishedGrid(protectTable(table(cells))))) {
          expect(line.filter((v) => v === null).length).not.toBe(1);
        }
      }),
      runs,
    );
  });

  it("no suppressed value can be computed from the published totals and cells (exact linear algebra)", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        expect(determinedPositions(patternOf(protectTable(table(cells))))).toEqual([]);
      }),
      runs,
    );
  });

  it("every suppressed non-zero value could be one more or one less with the same published figures", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const p = protectTable(table(cells));
        const grid = augment(cells, cells.length, cells[0]!.length);
        const s = patternOf(p);
        const published = publishedGrid(p);
        grid.forEach((line, r) =>
          line.forEach((v, c) => {
            if (!s[r]![c] || v === 0) return;
            const alts = alternativeTables(grid, s, r, c);
            expect(alts, `position ${r},${c}`).not.toBeNull();
            for (const alt of alts!) {
              expect(Math.abs(alt[r]![c]! - v)).toBe(1);
              // a consistent non-negative table (every line balances) ...
              for (let i = 0; i < alt.length - 1; i++)
                expect(alt[i]!.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(alt[i]!.at(-1));
              for (let j = 0; j < alt[0]!.length; j++)
                expect(alt.slice(0, -1).reduce((a, line) => a + line[j]!, 0)).toBe(alt.at(-1)![j]);
              expect(alt.flat().every((x) => x >= 0)).toBe(true);
              // ... that publishes the same figures everywhere outside the suppressed positions
              alt.forEach((l, i) =>
                l.forEach((x, j) => !s[i]![j] && expect(roundCount(x)).toBe(published[i]![j])),
              );
            }
          }),
        );
      }),
      runs,
    );
  });

  it("a row or column whose true total is 1 to 4 is suppressed in full", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const truth = augment(cells, cells.length, cells[0]!.length);
        const pub = publishedGrid(protectTable(table(cells)));
        const truthLines = lines(truth);
        lines(pub).forEach((line, i) => {
          const total = truthLines[i]!.at(-1)!;
          if (total >= 1 && total <= 4) expect(line.every((v) => v === null)).toBe(true);
        });
      }),
      runs,
    );
  });

  it("is deterministic and does not change its input", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const copy = cells.map((l) => [...l]);
        const t = table(cells);
        expect(protectTable(t)).toEqual(protectTable(t));
        expect(cells).toEqual(copy);
      }),
      { numRuns: 100 },
    );
  });
});

describe("the checkers themselves", () => {
  it("find a value left alone in its row, and one joined to two cycles by a single link", () => {
    // grid 3×3 with totals; one suppressed cell in a row and its total: the cell is determined
    const lone = [
      [true, false, true],
      [true, false, true],
      [false, false, false],
    ];
    expect(determinedPositions(lone)).toEqual([]);
    lone[1]![2] = false;
    expect(determinedPositions(lone).length).toBeGreaterThan(0);
    // two 2×2 cycles linked by one suppressed cell: every line has 0 or ≥ 2 suppressed values,
    // yet the link is determined (rows 0–1 minus columns 0–1 leaves it alone)
    const s = Array.from({ length: 5 }, () => new Array<boolean>(5).fill(false));
    for (const [r, c] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 2],
      [2, 3],
      [3, 2],
      [3, 3],
      [0, 2],
    ] as const)
      s[r]![c] = true;
    expect(determinedPositions(s)).toEqual([[0, 2]]);
  });

  it("a 60 × 6 table (a year by nationality) is protected: no suppressed cell can be worked out", () => {
    const cells = Array.from({ length: 60 }, (_, r) =>
      Array.from({ length: 6 }, (_, c) => (r * 7 + c * 13) % 9),
    );
    const p = protectTable(table(cells));
    expect(determinedPositions(patternOf(p))).toEqual([]);
  });
});

describe("count tables: hand examples", () => {
  it("rounds to the nearest 5 and keeps zeros", () => {
    expect([0, 5, 7, 8, 12, 13, 102, 103].map(roundCount)).toEqual([0, 5, 5, 10, 10, 15, 100, 105]);
    const p = protectTable(table([[10, 0, 23]]));
    expect(p.cells).toEqual([[10, 0, 25]]);
    expect(p.rowTotals).toEqual([35]);
    expect(p.columnTotals).toEqual([10, 0, 25]);
    expect(p.total).toBe(35);
  });

  it("a small group all refused: the zeros beside it are suppressed too, and it is protected in its column", () => {
    // rows: nationalities; columns: recognized, humanitarian, rejected
    const p = protectTable(
      table([
        [0, 0, 3], // three people, all refused
        [20, 10, 300],
        [12, 6, 150],
      ]),
    );
    expect(p.cells[0]).toEqual([null, null, null]);
    expect(p.rowTotals[0]).toBeNull();
    // the column "rejected" cannot be differenced: another cell of it is suppressed
    expect(p.cells.filter((l) => l[2] === null).length).toBeGreaterThanOrEqual(2);
    expect(determinedPositions(patternOf(p))).toEqual([]);
  });

  it("differencing a total: a 3 beside 100 is not left as the only suppressed value of its row", () => {
    // Row A: 3 and 100, total 103 (published 105). Alone, 105 − 100 would give 3 ± 4.
    const p = protectTable(
      table([
        [3, 100],
        [40, 60],
      ]),
    );
    for (const line of lines(publishedGrid(p))) expect(line.filter((v) => v === null).length).not.toBe(1);
    expect(p.cells[0]![0]).toBeNull();
    expect(p.rowTotals).toEqual([105, 100]);
    expect(determinedPositions(patternOf(p))).toEqual([]);
  });

  it("protects with the least suppressed total, keeping the totals published", () => {
    const p = protectTable(
      table([
        [2, 50, 400],
        [30, 500, 600],
        [9, 700, 800],
      ]),
    );
    // the 2 is protected by the cycle 2 → 50 → 500 → 30 (cost 584), cheaper than through the 9
    expect(p.cells).toEqual([
      [null, null, 400],
      [null, null, 600],
      [10, 700, 800],
    ]);
    expect(p.rowTotals).toEqual([450, 1130, 1510]);
    expect(p.columnTotals).toEqual([40, 1250, 1800]);
    expect(p.total).toBe(3090);
  });

  it("a single cell of 1 to 4 suppresses everything", () => {
    const p = protectTable(table([[3]]));
    expect(publishedGrid(p).flat()).toEqual([null, null, null, null]);
  });

  it("an all-zero table publishes zeros", () => {
    const p = protectTable(table([[0, 0]]));
    expect(publishedGrid(p).flat()).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("refuses a breakdown by decision-maker, in a dimension or a filter", () => {
    const dm = { id: "decision_maker", label: "Examiner", categories: ["e1"] };
    expect(() => protectTable(table([[10]], { rows: dm }))).toThrow(DisclosureError);
    expect(() =>
      protectTable(table([[10]], { columns: { id: "x", label: "Court panel", categories: ["p"] } })),
    ).toThrow(/decision-maker/);
    expect(() => protectTable(table([[10]], { filters: { examiner: "e1" } }))).toThrow(DisclosureError);
  });

  it("refuses malformed tables", () => {
    expect(() => protectTable(table([[1.5]]))).toThrow(DisclosureError);
    expect(() => protectTable(table([[-1]]))).toThrow(DisclosureError);
    expect(() => protectTable(table([[1, 2]], { id: "../x" }))).toThrow(DisclosureError);
    expect(() => protectTable({ ...table([[1, 2]]), cells: [[1]] })).toThrow(DisclosureError);
  });
});

describe("rates", () => {
  const rates = fc
    .integer({ min: 0, max: 20_000 })
    .chain((den) => fc.record({ den: fc.constant(den), num: fc.integer({ min: 0, max: den }) }));

  it("a published rate has a denominator of at least 20 and no numerator or complement of 1 to 4", () => {
    fc.assert(
      fc.property(rates, ({ num, den }) => {
        const p = protectRate(num, den);
        if (p.rate === null) {
          expect(p.step).toBeNull();
          expect(p.denominator).toBeNull();
          return;
        }
        expect(den).toBeGreaterThanOrEqual(20);
        expect(num >= 1 && num <= 4).toBe(false);
        expect(den - num >= 1 && den - num <= 4).toBe(false);
        // the step is at least 5 units of the denominator, and the rate within half a step
        expect((p.step! / 100) * den).toBeGreaterThanOrEqual(5);
        expect(Math.abs(p.rate - (num / den) * 100)).toBeLessThanOrEqual(p.step! + 1e-9);
        expect(p.rate === 0).toBe(num === 0);
        expect(p.rate === 100).toBe(num === den);
        expect(p.denominator! % 5).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("hand examples", () => {
    // three people all refused: no 0 %
    expect(protectRate(0, 3).rate).toBeNull();
    expect(protectRate(3, 19).rate).toBeNull();
    expect(protectRate(3, 1000).rate).toBeNull(); // would disclose three recognitions
    expect(protectRate(997, 1000).rate).toBeNull(); // would disclose three refusals
    expect(protectRate(0, 25)).toEqual({ rate: 0, step: 25, denominator: 25 });
    expect(protectRate(105, 18_336)).toEqual({ rate: 0.6, step: 0.1, denominator: 18_335 });
    expect(protectRate(35, 40).rate).toBe(75); // not 100 %: five were not
    expect([20, 50, 100, 500, 1000, 5000].map(rateStep)).toEqual([25, 10, 5, 1, 0.5, 0.1]);
  });

  it("a rate series keeps only the declared fields and refuses a decision-maker breakdown", () => {
    const series: RateSeries = {
      id: "rrr",
      title: "Recognition rate",
      definition: { id: "rrr_unhcr", name: "RRR", text: "…" },
      dimension: { id: "year", label: "Year", categories: ["2024"] },
      points: [{ category: "2024", numerator: 105, denominator: 5000 }],
      filters: {},
      asOf: "2025-12-31",
    };
    const withExtra = { ...series, examinerIds: ["e-17"] } as RateSeries;
    expect(JSON.stringify(protectRateSeries(withExtra))).not.toContain("e-17");
    expect(() =>
      protectRateSeries({ ...series, dimension: { id: "decision_maker", label: "x", categories: [] } }),
    ).toThrow(DisclosureError);
  });

  it("protectFigures refuses duplicate ids", () => {
    const t = table([[10]]);
    expect(() => protectFigures({ asOf: "2025-12-31", tables: [t, t], rates: [] })).toThrow(/twice/);
  });
});
