/**
 * Disclosure control: from true figures (table.ts) to what the public may see. Pure, no I/O.
 *
 * Rules for a count table. The table is considered with its totals, as an (R+1)×(C+1) grid:
 * the cells, each row's total (last column), each column's total (last row) and the grand total.
 * Totals are computed from the true cells, then protected like any cell.
 *
 * T1 Rounding. Every published value is its true value rounded to the nearest multiple of 5
 *    (remainder 1–2 down, 3–4 up). A true 0 is published as 0; a true count of 5 or more is never
 *    published as 0.
 * T2 Primary suppression. A value (cell or total) whose true count is 1–4 is suppressed.
 * T3 Small groups. A row or column whose true total is 1–4 is suppressed in full, zeros included,
 *    so that published zeros cannot show which category a small group falls in (three people, all
 *    refused: the "refused" cell is suppressed, and so are the zeros beside it).
 * T4 Secondary suppression. Every suppressed position lies on a cycle of suppressed positions
 *    (alternately sharing a row and a column of the grid). Consequences:
 *    - no row or column, the totals row and column included, has exactly one suppressed value;
 *    - no suppressed value is a linear combination of published values: differencing totals and
 *      cells, across any number of rows and columns, does not give it, even for someone who knew
 *      every published value exactly. Rounding (±2 on every published non-zero value) only adds
 *      uncertainty on top of that.
 * T5 Non-zero cycles. Every suppressed position with a non-zero true value lies on such a cycle
 *    whose other positions all have non-zero true values. Then, even for someone who knew every
 *    published value exactly and that counts are non-negative, the value could be one more or one
 *    less: the bound "counts are not negative" does not pin it either.
 *    Secondary suppressions are chosen by least cost (a cell costs its value + 1; a row or column
 *    total ten times as much, the grand total a hundred times), so totals stay published where
 *    cells can carry the protection.
 *
 * Rules for a rate (numerator / denominator, as a percentage):
 * R1 A rate is published only if its true denominator is at least RATE_MIN_DENOMINATOR (20):
 *    smaller groups get no rate at all (three people all refused are not a "0 %").
 * R2 A rate is not published if its numerator, or the denominator minus the numerator, is 1–4:
 *    that would disclose a count that T2 suppresses (e.g. "97 %" of 100 = three refused).
 * R3 A published rate is rounded to a step (in percentage points) chosen so that one step is at
 *    least 5 persons or cases of the denominator (0.1, 0.5, 1, 5, 10 or 25 points): a rate never
 *    tells its numerator more precisely than the rounded count would. The step is published. Only
 *    a numerator of 0 is shown as 0 % and only a numerator equal to the denominator as 100 %
 *    (otherwise the nearest step inside).
 * R4 The denominator is published rounded as in T1 (it is at least 20, so never suppressed).
 *
 * Not covered: linked tables. Each table is protected on its own; a rate series or another table
 * that describes the same group can narrow a secondary suppression. The computation should publish
 * rates whose numerator and denominator are cells or totals of a published table, where R2 and T2
 * agree, and avoid overlapping tables with different breakdowns of the same small groups.
 *
 * The decision-maker view (docs/statistics.md) is internal: a table or rate whose dimension or filter
 * names a decision-maker (examiner, panel, judge, …) is refused with DisclosureError.
 */
import type { CountTable, Definition, Dimension, PublicFigures, RateSeries } from "./table.ts";

export const ROUNDING_BASE = 5;
/** True counts from 1 to SMALL_COUNT_MAX are suppressed. */
export const SMALL_COUNT_MAX = 4;
export const RATE_MIN_DENOMINATOR = 20;
/** Rate steps in percentage points, finest first (R3). */
export const RATE_STEPS = [0.1, 0.5, 1, 5, 10, 25] as const;

export class DisclosureError extends Error {
  override name = "DisclosureError";
}

/** A published value: a multiple of 5 (0 included), or null when suppressed. */
export type PublishedValue = number | null;

export interface PublishedTable {
  id: string;
  title: string;
  unit: CountTable["unit"];
  definitions: Definition[];
  rows: Dimension;
  columns: Dimension;
  /** cells[r][c]: rounded count, or null when suppressed. */
  cells: PublishedValue[][];
  rowTotals: PublishedValue[];
  columnTotals: PublishedValue[];
  total: PublishedValue;
  filters: Record<string, string>;
  asOf: string;
}

export interface PublishedRatePoint {
  category: string;
  /** Percentage rounded to `step` points, or null when withheld. */
  rate: number | null;
  /** The rounding step in percentage points (R3), or null when withheld. */
  step: number | null;
  /** The denominator rounded to 5, or null when withheld. */
  denominator: number | null;
}

export interface PublishedRateSeries {
  id: string;
  title: string;
  definition: Definition;
  dimension: Dimension;
  points: PublishedRatePoint[];
  filters: Record<string, string>;
  asOf: string;
}

/** The rules as published with the figures (machine-readable and in words). */
export interface DisclosureRules {
  roundingBase: number;
  suppressedRange: [number, number];
  rateMinDenominator: number;
  rateSteps: number[];
  text: string[];
}

export interface PublishedFigures {
  asOf: string;
  tables: PublishedTable[];
  rates: PublishedRateSeries[];
  rules: DisclosureRules;
}

export const DISCLOSURE_RULES: DisclosureRules = {
  roundingBase: ROUNDING_BASE,
  suppressedRange: [1, SMALL_COUNT_MAX],
  rateMinDenominator: RATE_MIN_DENOMINATOR,
  rateSteps: [...RATE_STEPS],
  text: [
    "Counts, totals included, are rounded to the nearest 5; a true 0 is shown as 0.",
    "A count of 1 to 4 is suppressed.",
    "A row or column whose total is 1 to 4 is suppressed in full, zeros included.",
    "Further cells are suppressed so that no row or column has exactly one suppressed value and no suppressed value can be computed from the published totals and cells.",
    `A rate is shown only when its denominator is at least ${RATE_MIN_DENOMINATOR} and neither its numerator nor the rest of the denominator is 1 to 4.`,
    "A rate is rounded to a step of at least 5 cases or persons of its denominator; the step is shown.",
  ],
};

// ---------------------------------------------------------------------------------------------
// Refusing the internal view

const INTERNAL = /decision[\s_-]*maker|examiner|panel|judge|adjudicator|officer|supervisor|caseworker/i;

function refuseInternal(where: string, ...names: string[]): void {
  for (const name of names) {
    if (INTERNAL.test(name)) {
      throw new DisclosureError(
        `${where}: "${name}" names a decision-maker; the decision-maker view is internal and is never published`,
      );
    }
  }
}

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function checkId(kind: string, id: string): void {
  if (!ID.test(id))
    throw new DisclosureError(`${kind} id "${id}" must match ${ID} (it names files and URLs)`);
}

// ---------------------------------------------------------------------------------------------
// Count tables

/** T1: nearest multiple of 5 (remainder 1–2 down, 3–4 up). */
export function roundCount(n: number): number {
  return Math.round(n / ROUNDING_BASE) * ROUNDING_BASE;
}

export function isSmall(n: number): boolean {
  return n >= 1 && n <= SMALL_COUNT_MAX;
}

/** The table with its totals: grid[r][c] for r ≤ R, c ≤ C; row R and column C hold the totals. */
export function augment(cells: number[][], nRows: number, nCols: number): number[][] {
  const grid: number[][] = [];
  const colTotals = new Array<number>(nCols + 1).fill(0);
  for (let r = 0; r < nRows; r++) {
    const row = cells[r] ?? [];
    const line: number[] = [];
    let total = 0;
    for (let c = 0; c < nCols; c++) {
      const v = row[c] ?? 0;
      line.push(v);
      total += v;
      colTotals[c]! += v;
    }
    line.push(total);
    colTotals[nCols]! += total;
    grid.push(line);
  }
  grid.push(colTotals);
  return grid;
}

/**
 * The suppression pattern of a grid with totals (T2–T5): suppressed[r][c] over the (R+1)×(C+1) grid.
 * Exported for tests and for anyone auditing the rules.
 */
export function suppressionPattern(grid: number[][]): boolean[][] {
  const R = grid.length; // rows including the totals row
  const C = grid[0]?.length ?? 0; // columns including the totals column
  const value = (r: number, c: number) => grid[r]![c]!;
  const s: boolean[][] = grid.map((line) => line.map((v) => isSmall(v)));
  // T3: lines whose total is small (the totals row and column included: their "total" is the grand total).
  for (let r = 0; r < R; r++) if (isSmall(value(r, C - 1))) s[r]!.fill(true);
  for (let c = 0; c < C; c++) if (isSmall(value(R - 1, c))) for (let r = 0; r < R; r++) s[r]![c] = true;

  const cost = (r: number, c: number): number => {
    const weight = r === R - 1 && c === C - 1 ? 100 : r === R - 1 || c === C - 1 ? 10 : 1;
    return (value(r, c) + 1) * weight;
  };

  /**
   * The cheapest path from row node `r0` to column node `c0` that does not use position (r0, c0),
   * through positions allowed by `usable`; suppressed positions cost nothing. Dijkstra over the
   * bipartite graph of row and column nodes. Returns the positions on the path, or null.
   */
  const cheapestPath = (r0: number, c0: number, usable: (r: number, c: number) => boolean) => {
    const n = R + C; // nodes: rows 0..R-1, columns R..R+C-1
    const dist = new Array<number>(n).fill(Infinity);
    const prev = new Array<number>(n).fill(-1);
    const done = new Array<boolean>(n).fill(false);
    dist[r0] = 0;
    for (;;) {
      let u = -1;
      for (let i = 0; i < n; i++)
        if (!done[i] && dist[i]! < Infinity && (u < 0 || dist[i]! < dist[u]!)) u = i;
      if (u < 0) return null;
      if (u === R + c0) break;
      done[u] = true;
      const isRow = u < R;
      for (let k = 0; k < (isRow ? C : R); k++) {
        const [r, c] = isRow ? [u, k] : [k, u - R];
        if (r === r0 && c === c0) continue;
        if (!usable(r, c)) continue;
        const v = isRow ? R + k : k;
        if (done[v]) continue;
        const d = dist[u]! + (s[r]![c] ? 0 : cost(r, c));
        if (d < dist[v]!) {
          dist[v] = d;
          prev[v] = u;
        }
      }
    }
    const path: [number, number][] = [];
    for (let v = R + c0; v !== r0; v = prev[v]!) {
      const u = prev[v]!;
      path.push(u < R ? [u, v - R] : [v, u - R]);
    }
    return path;
  };

  // Repeat until every suppressed position satisfies T4 (any cycle) and, if non-zero, T5.
  for (let changed = true; changed;) {
    changed = false;
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        if (!s[r]![c]) continue;
        const nonZero = value(r, c) > 0;
        const usable = nonZero ? (i: number, j: number) => value(i, j) > 0 : () => true;
        const path = cheapestPath(r, c, usable);
        if (!path) throw new Error(`disclosure: no protecting cycle for position ${r},${c}`); // unreachable: see tests
        for (const [i, j] of path) {
          if (!s[i]![j]) {
            s[i]![j] = true;
            changed = true;
          }
        }
      }
    }
  }
  return s;
}

function checkDimension(where: string, d: Dimension): void {
  refuseInternal(where, d.id, d.label);
  if (d.categories.includes("_T")) {
    throw new DisclosureError(`${where}: dimension "${d.id}" uses "_T", the code reserved for totals`);
  }
  if (new Set(d.categories).size !== d.categories.length) {
    throw new DisclosureError(`${where}: dimension "${d.id}" has a repeated category`);
  }
}

function copyDimension(d: Dimension): Dimension {
  const out: Dimension = { id: d.id, label: d.label, categories: [...d.categories] };
  if (d.labels) {
    const labels: Record<string, string> = {};
    for (const code of d.categories) if (d.labels[code] !== undefined) labels[code] = d.labels[code];
    out.labels = labels;
  }
  return out;
}

const copyDefinition = (d: Definition): Definition => ({ id: d.id, name: d.name, text: d.text });

function copyFilters(where: string, filters: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) {
    refuseInternal(where, k);
    out[k] = String(v);
  }
  return out;
}

/** Protect one count table (T1–T5). Refuses a table that breaks down by decision-maker. */
export function protectTable(table: CountTable): PublishedTable {
  const where = `table "${table.id}"`;
  checkId("table", table.id);
  checkDimension(where, table.rows);
  checkDimension(where, table.columns);
  const R = table.rows.categories.length;
  const C = table.columns.categories.length;
  if (table.cells.length !== R || table.cells.some((line) => line.length !== C)) {
    throw new DisclosureError(`${where}: cells must be ${R} rows × ${C} columns`);
  }
  for (const line of table.cells) {
    for (const v of line) {
      if (!Number.isSafeInteger(v) || v < 0)
        throw new DisclosureError(`${where}: a cell is not a count (${v})`);
    }
  }
  const grid = augment(table.cells, R, C);
  const s = suppressionPattern(grid);
  const pub = (r: number, c: number): PublishedValue => (s[r]![c] ? null : roundCount(grid[r]![c]!));
  const cells: PublishedValue[][] = [];
  const rowTotals: PublishedValue[] = [];
  for (let r = 0; r < R; r++) {
    const line: PublishedValue[] = [];
    for (let c = 0; c < C; c++) line.push(pub(r, c));
    cells.push(line);
    rowTotals.push(pub(r, C));
  }
  const columnTotals: PublishedValue[] = [];
  for (let c = 0; c < C; c++) columnTotals.push(pub(R, c));
  return {
    id: table.id,
    title: table.title,
    unit: table.unit,
    definitions: table.definitions.map(copyDefinition),
    rows: copyDimension(table.rows),
    columns: copyDimension(table.columns),
    cells,
    rowTotals,
    columnTotals,
    total: pub(R, C),
    filters: copyFilters(where, table.filters),
    asOf: table.asOf,
  };
}

// ---------------------------------------------------------------------------------------------
// Rates

/** R3: the finest step (percentage points) that is at least 5 units of the denominator. */
export function rateStep(denominator: number): number {
  for (const step of RATE_STEPS) if ((step / 100) * denominator >= ROUNDING_BASE) return step;
  return RATE_STEPS[RATE_STEPS.length - 1]!;
}

/** R1–R4 for one point. */
export function protectRate(numerator: number, denominator: number): Omit<PublishedRatePoint, "category"> {
  const withheld = { rate: null, step: null, denominator: null };
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0) {
    throw new DisclosureError(
      `a rate's numerator and denominator must be counts (${numerator}/${denominator})`,
    );
  }
  if (numerator > denominator) throw new DisclosureError(`a rate's numerator exceeds its denominator`);
  if (denominator < RATE_MIN_DENOMINATOR) return withheld;
  if (isSmall(numerator) || isSmall(denominator - numerator)) return withheld;
  const step = rateStep(denominator);
  const percent = (numerator / denominator) * 100;
  // Round to the step; keep the representation clean (0.1 steps as one decimal).
  let rate = Number((Math.round(percent / step) * step).toFixed(1));
  // Like a count of 5 or more is never shown as 0: only "none" is 0 % and only "all" is 100 %.
  if (rate <= 0 && numerator > 0) rate = step;
  if (rate >= 100 && numerator < denominator) rate = Number((100 - step).toFixed(1));
  return { rate, step, denominator: roundCount(denominator) };
}

export function protectRateSeries(series: RateSeries): PublishedRateSeries {
  const where = `rate "${series.id}"`;
  checkId("rate", series.id);
  checkDimension(where, series.dimension);
  refuseInternal(where, series.definition.id);
  return {
    id: series.id,
    title: series.title,
    definition: copyDefinition(series.definition),
    dimension: copyDimension(series.dimension),
    points: series.points.map((p) => ({
      category: String(p.category),
      ...protectRate(p.numerator, p.denominator),
    })),
    filters: copyFilters(where, series.filters),
    asOf: series.asOf,
  };
}

/** Everything public, protected. Table and rate ids must be unique. */
export function protectFigures(figures: PublicFigures): PublishedFigures {
  const ids = [...figures.tables.map((t) => t.id), ...figures.rates.map((r) => r.id)];
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new DisclosureError(`id "${dup}" is used twice`);
  return {
    asOf: figures.asOf,
    tables: figures.tables.map(protectTable),
    rates: figures.rates.map(protectRateSeries),
    rules: {
      ...DISCLOSURE_RULES,
      suppressedRange: [...DISCLOSURE_RULES.suppressedRange],
      rateSteps: [...DISCLOSURE_RULES.rateSteps],
      text: [...DISCLOSURE_RULES.text],
    },
  };
}
