/**
 * The JSON export: the protected figures exactly as published (disclosure.ts PublishedFigures),
 * with their definitions, the date they describe and the rules applied. Every field is copied by
 * name in disclosure.ts, so nothing the computation attached beyond the declared shape gets out.
 */
import type { PublishedFigures } from "../../kernel/statistics/disclosure.ts";

export const PUBLIC_JSON_FORMAT = "openrsd-public-statistics/1";

export interface PublicJson extends PublishedFigures {
  format: typeof PUBLIC_JSON_FORMAT;
  /** How to read it: null is a suppressed count or a withheld rate; "_T" codes are totals. */
  notes: string[];
}

export function publicJson(f: PublishedFigures): PublicJson {
  return {
    format: PUBLIC_JSON_FORMAT,
    asOf: f.asOf,
    notes: [
      "Counts are rounded to the nearest 5. null in cells, rowTotals, columnTotals or total is a suppressed value.",
      "A rate is a percentage rounded to `step` percentage points; null is a rate withheld by disclosure control.",
    ],
    rules: f.rules,
    tables: f.tables,
    rates: f.rates,
  };
}
