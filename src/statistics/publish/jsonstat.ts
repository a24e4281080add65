/**
 * JSON-stat 2.0 (https://json-stat.org/full/): one dataset per table, with the totals as the
 * category "_T" of each dimension, suppressed values as null with status "c" (confidential, as
 * Eurostat marks them); one dataset per rate series with a metric dimension (rate, step,
 * denominator). All of them in one collection. Definitions go in `note`, the rest in `extension`.
 */
import type {
  DisclosureRules,
  PublishedFigures,
  PublishedRateSeries,
  PublishedTable,
} from "../../kernel/statistics/disclosure.ts";
import type { Dimension } from "../../kernel/statistics/table.ts";
import { TOTAL_CODE, categoryLabel, totalLabel } from "./labels.ts";

export const SUPPRESSED_STATUS = "c";

interface JsonStatCategory {
  index: string[];
  label: Record<string, string>;
  unit?: Record<string, { label: string; decimals: number }>;
}
interface JsonStatDimension {
  label: string;
  category: JsonStatCategory;
}
export interface JsonStatDataset {
  version: "2.0";
  class: "dataset";
  label: string;
  source: string;
  updated: string;
  note: string[];
  id: string[];
  size: number[];
  role?: { metric?: string[]; time?: string[] };
  dimension: Record<string, JsonStatDimension>;
  value: (number | null)[];
  status: Record<string, string>;
  extension: Record<string, unknown>;
}
export interface JsonStatCollection {
  version: "2.0";
  class: "collection";
  label: string;
  updated: string;
  note: string[];
  link: { item: JsonStatDataset[] };
  extension: Record<string, unknown>;
}

const SOURCE = "OpenRSD";

function dimension(d: Dimension, withTotal: boolean): JsonStatDimension {
  const codes = withTotal ? [...d.categories, TOTAL_CODE] : [...d.categories];
  const label: Record<string, string> = {};
  for (const c of codes) label[c] = c === TOTAL_CODE ? totalLabel("en") : categoryLabel(d, c);
  return { label: d.label, category: { index: codes, label } };
}

const isTime = (d: Dimension) => /year|month|date|period/i.test(d.id);

function statusLabels(rules: DisclosureRules) {
  return { [SUPPRESSED_STATUS]: "suppressed by disclosure control", rules: rules.text };
}

export function tableDataset(t: PublishedTable, rules: DisclosureRules): JsonStatDataset {
  const rowId = t.rows.id;
  const colId = t.columns.id === rowId ? `${t.columns.id}_2` : t.columns.id;
  const value: (number | null)[] = [];
  t.cells.forEach((line, r) => value.push(...line, t.rowTotals[r]!));
  value.push(...t.columnTotals, t.total);
  const status: Record<string, string> = {};
  value.forEach((v, i) => {
    if (v === null) status[String(i)] = SUPPRESSED_STATUS;
  });
  const time = [t.rows, t.columns].filter(isTime).map((d) => (d === t.rows ? rowId : colId));
  return {
    version: "2.0",
    class: "dataset",
    label: t.title,
    source: SOURCE,
    updated: t.asOf,
    note: t.definitions.map((d) => `${d.name}: ${d.text}`),
    id: [rowId, colId],
    size: [t.rows.categories.length + 1, t.columns.categories.length + 1],
    ...(time.length ? { role: { time } } : {}),
    dimension: { [rowId]: dimension(t.rows, true), [colId]: dimension(t.columns, true) },
    value,
    status,
    extension: {
      id: t.id,
      unit: t.unit,
      rounding: "nearest 5",
      filters: t.filters,
      definitions: t.definitions,
      status: statusLabels(rules),
    },
  };
}

export function rateDataset(s: PublishedRateSeries, rules: DisclosureRules): JsonStatDataset {
  const dimId = s.dimension.id === "measure" ? "measure_category" : s.dimension.id;
  const value: (number | null)[] = [];
  const status: Record<string, string> = {};
  const byCategory = new Map(s.points.map((p) => [p.category, p]));
  const categories = s.dimension.categories.filter((c) => byCategory.has(c));
  for (const c of categories) {
    const p = byCategory.get(c)!;
    for (const v of [p.rate, p.step, p.denominator]) {
      if (v === null) status[String(value.length)] = SUPPRESSED_STATUS;
      value.push(v);
    }
  }
  const dim = dimension({ ...s.dimension, categories }, false);
  return {
    version: "2.0",
    class: "dataset",
    label: s.title,
    source: SOURCE,
    updated: s.asOf,
    note: [`${s.definition.name}: ${s.definition.text}`],
    id: [dimId, "measure"],
    size: [categories.length, 3],
    role: { metric: ["measure"], ...(isTime(s.dimension) ? { time: [dimId] } : {}) },
    dimension: {
      [dimId]: dim,
      measure: {
        label: "Measure",
        category: {
          index: ["rate", "step", "denominator"],
          label: {
            rate: s.definition.name,
            step: "Rounding step",
            denominator: "Denominator (rounded to 5)",
          },
          unit: {
            rate: { label: "percent", decimals: 1 },
            step: { label: "percentage points", decimals: 1 },
            denominator: { label: "count", decimals: 0 },
          },
        },
      },
    },
    value,
    status,
    extension: { id: s.id, filters: s.filters, definition: s.definition, status: statusLabels(rules) },
  };
}

export function jsonStatCollection(f: PublishedFigures): JsonStatCollection {
  return {
    version: "2.0",
    class: "collection",
    label: "OpenRSD public statistics",
    updated: f.asOf,
    note: f.rules.text,
    link: {
      item: [
        ...f.tables.map((t) => tableDataset(t, f.rules)),
        ...f.rates.map((s) => rateDataset(s, f.rules)),
      ],
    },
    extension: { rules: f.rules },
  };
}
