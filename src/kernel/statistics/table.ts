/**
 * A statistical table: the shape every figure OpenRSD computes takes, before and after disclosure
 * control. Counts are true counts here; what the public sees goes through disclosure.ts first.
 */

/** What a figure means, shown wherever it appears (docs/statistics.md §1: "each rate with its name and definition"). */
export interface Definition {
  /** Stable key, e.g. "rrr_unhcr", "tpr_unhcr", "per_application", "cohort_outcome". */
  id: string;
  /** Short name, e.g. "Refugee recognition rate (UNHCR)". */
  name: string;
  /** The definition in words, e.g. "Convention recognitions / (recognitions + …)". */
  text: string;
}

/** One dimension of a table, e.g. nationality, with its categories in display order. */
export interface Dimension {
  id: string;
  label: string;
  /** Category codes in display order (e.g. ISO 3166 alpha-3 codes, years as strings). */
  categories: string[];
  /** Display labels per category code (optional; defaults to the code). */
  labels?: Record<string, string>;
}

/**
 * A two-dimensional table of counts: rows × columns, each cell a non-negative integer count.
 * Totals are not stored: they are computed (and, once published, protected) from the cells.
 */
export interface CountTable {
  id: string;
  title: string;
  /** The population counted and the unit: "cases" or "persons" (never mixed in one table). */
  unit: "cases" | "persons" | "decisions";
  definitions: Definition[];
  rows: Dimension;
  columns: Dimension;
  /** cells[r][c] is the count for rows.categories[r] × columns.categories[c]. */
  cells: number[][];
  /** Filters the table was computed under, e.g. { year: "2024", level: "first_instance" }. */
  filters: Record<string, string>;
  /** The date the figures describe (YYYY-MM-DD). */
  asOf: string;
}

/** A rate over one dimension (e.g. by year), with its true numerator and denominator per point. */
export interface RateSeries {
  id: string;
  title: string;
  definition: Definition;
  dimension: Dimension;
  points: { category: string; numerator: number; denominator: number }[];
  filters: Record<string, string>;
  asOf: string;
}

/** Everything the public page and the public exports are built from (true figures, unprotected). */
export interface PublicFigures {
  asOf: string;
  tables: CountTable[];
  rates: RateSeries[];
}
