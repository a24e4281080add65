/**
 * JSON-stat 2.0 (https://json-stat.org/full/) in one language: one dataset per table, with the
 * totals as the category "_T" of each dimension and suppressed values as null; one dataset per rate
 * series with a metric dimension (rate, step, denominator). A protected value's `status` is the
 * same word as on the page and in the CSV (messages.ts PROTECTED). Category labels are names in
 * the language (labels.ts), codes stay the same in both. All datasets are in one collection, each
 * item embedded and with its own `href`, so that clients that follow links (pyjstat, the JSON-stat
 * toolkit) can load it alone. Definitions go in `note`, the rest in `extension`.
 */
import type {
  DisclosureRules,
  PublishedFigures,
  PublishedRateSeries,
  PublishedTable,
} from "../../kernel/statistics/disclosure.ts";
import type { Dimension } from "../../kernel/statistics/table.ts";
import { TOTAL_CODE, categoryLabel, totalLabel } from "./labels.ts";
import { PROTECTED, rulesText, type Lang } from "./messages.ts";

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
  href?: string;
  label: string;
  source: string;
  updated: string;
  note: string[];
  id: string[];
  size: number[];
  role?: { metric?: string[]; time?: string[]; geo?: string[] };
  dimension: Record<string, JsonStatDimension>;
  value: (number | null)[];
  status: Record<string, string>;
  extension: Record<string, unknown>;
}
export interface JsonStatCollection {
  version: "2.0";
  class: "collection";
  href?: string;
  label: string;
  updated: string;
  note: string[];
  link: { item: JsonStatDataset[] };
  extension: Record<string, unknown>;
}

/** Where each dataset and the collection are published (relative or absolute URLs). */
export interface JsonStatLinks {
  collection: (lang: Lang) => string;
  table: (id: string, lang: Lang) => string;
  rate: (id: string, lang: Lang) => string;
}

const SOURCE = "OpenRSD";

const WORDS = {
  ko: {
    collection: "OpenRSD 공개 통계",
    measure: "측정값",
    step: "반올림 단위 (퍼센트포인트)",
    denominator: "모수 (5 단위 반올림)",
    percent: "퍼센트",
    points: "퍼센트포인트",
    count: "건",
  },
  en: {
    collection: "OpenRSD public statistics",
    measure: "Measure",
    step: "Rounding step (percentage points)",
    denominator: "Denominator (rounded to 5)",
    percent: "percent",
    points: "percentage points",
    count: "count",
  },
} satisfies Record<Lang, Record<string, string>>;

function dimension(d: Dimension, withTotal: boolean, lang: Lang): JsonStatDimension {
  const codes = withTotal ? [...d.categories, TOTAL_CODE] : [...d.categories];
  const label: Record<string, string> = {};
  for (const c of codes) label[c] = c === TOTAL_CODE ? totalLabel(lang) : categoryLabel(d, c);
  return { label: d.label, category: { index: codes, label } };
}

const isTime = (d: Dimension) => /year|month|date|period/i.test(d.id);
const isGeo = (d: Dimension) => d.id === "nationality";

/** What a status means, and the rules behind it. */
function statusLabels(rules: DisclosureRules, lang: Lang, kind: "suppressed" | "withheld") {
  const w = PROTECTED[lang];
  return {
    [w[kind]]: kind === "suppressed" ? w.suppressedMeans : w.withheldMeans,
    rules: rulesText(rules.text, lang),
  };
}

function roles(dims: [Dimension, string][]): { time?: string[]; geo?: string[] } {
  const time = dims.filter(([d]) => isTime(d)).map(([, id]) => id);
  const geo = dims.filter(([d]) => isGeo(d)).map(([, id]) => id);
  return { ...(time.length ? { time } : {}), ...(geo.length ? { geo } : {}) };
}

/** `t`: a table localized for `lang` (localize.ts). */
export function tableDataset(t: PublishedTable, rules: DisclosureRules, lang: Lang): JsonStatDataset {
  const rowId = t.rows.id;
  const colId = t.columns.id === rowId ? `${t.columns.id}_2` : t.columns.id;
  const value: (number | null)[] = [];
  t.cells.forEach((line, r) => value.push(...line, t.rowTotals[r]!));
  value.push(...t.columnTotals, t.total);
  const status: Record<string, string> = {};
  value.forEach((v, i) => {
    if (v === null) status[String(i)] = PROTECTED[lang].suppressed;
  });
  const role = roles([
    [t.rows, rowId],
    [t.columns, colId],
  ]);
  return {
    version: "2.0",
    class: "dataset",
    label: t.title,
    source: SOURCE,
    updated: t.asOf,
    note: t.definitions.map((d) => `${d.name}: ${d.text}`),
    id: [rowId, colId],
    size: [t.rows.categories.length + 1, t.columns.categories.length + 1],
    ...(Object.keys(role).length ? { role } : {}),
    dimension: { [rowId]: dimension(t.rows, true, lang), [colId]: dimension(t.columns, true, lang) },
    value,
    status,
    extension: {
      id: t.id,
      lang,
      unit: t.unit,
      rounding: "nearest 5",
      filters: t.filters,
      definitions: t.definitions,
      status: statusLabels(rules, lang, "suppressed"),
    },
  };
}

/** `s`: a rate series localized for `lang` (localize.ts). */
export function rateDataset(s: PublishedRateSeries, rules: DisclosureRules, lang: Lang): JsonStatDataset {
  const dimId = s.dimension.id === "measure" ? "measure_category" : s.dimension.id;
  const value: (number | null)[] = [];
  const status: Record<string, string> = {};
  const byCategory = new Map(s.points.map((p) => [p.category, p]));
  const categories = s.dimension.categories.filter((c) => byCategory.has(c));
  for (const c of categories) {
    const p = byCategory.get(c)!;
    for (const v of [p.rate, p.step, p.denominator]) {
      if (v === null) status[String(value.length)] = PROTECTED[lang].withheld;
      value.push(v);
    }
  }
  const dim = dimension({ ...s.dimension, categories }, false, lang);
  const w = WORDS[lang];
  return {
    version: "2.0",
    class: "dataset",
    label: s.title,
    source: SOURCE,
    updated: s.asOf,
    note: [`${s.definition.name}: ${s.definition.text}`],
    id: [dimId, "measure"],
    size: [categories.length, 3],
    role: { metric: ["measure"], ...roles([[s.dimension, dimId]]) },
    dimension: {
      [dimId]: dim,
      measure: {
        label: w.measure,
        category: {
          index: ["rate", "step", "denominator"],
          label: { rate: s.definition.name, step: w.step, denominator: w.denominator },
          unit: {
            rate: { label: w.percent, decimals: 1 },
            step: { label: w.points, decimals: 1 },
            denominator: { label: w.count, decimals: 0 },
          },
        },
      },
    },
    value,
    status,
    extension: {
      id: s.id,
      lang,
      filters: s.filters,
      definition: s.definition,
      status: statusLabels(rules, lang, "withheld"),
    },
  };
}

/** `f`: figures localized for `lang`; each item gets its `href` from `links`. */
export function jsonStatCollection(
  f: PublishedFigures,
  lang: Lang,
  links: JsonStatLinks,
): JsonStatCollection {
  return {
    version: "2.0",
    class: "collection",
    href: links.collection(lang),
    label: WORDS[lang].collection,
    updated: f.asOf,
    note: [...rulesText(f.rules.text, lang)],
    link: {
      item: [
        ...f.tables.map((t) => ({ ...tableDataset(t, f.rules, lang), href: links.table(t.id, lang) })),
        ...f.rates.map((s) => ({ ...rateDataset(s, f.rules, lang), href: links.rate(s.id, lang) })),
      ],
    },
    extension: { lang, rules: f.rules },
  };
}

/** Make every `href` of the collection absolute, against `base` (e.g. "https://stats.example"). */
export function withBase(c: JsonStatCollection, base: string): JsonStatCollection {
  const abs = (href: string | undefined) => (href === undefined ? href : new URL(href, base).href);
  return {
    ...c,
    href: abs(c.href),
    link: { item: c.link.item.map((d) => ({ ...d, href: abs(d.href) })) },
  };
}
