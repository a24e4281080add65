/**
 * CSV, one file per table or rate series, in long ("tidy") form: one line per cell with its codes,
 * labels, value and status, totals included with the code "_T". UTF-8 with a byte-order mark and
 * CRLF line ends, so that spreadsheets (Excel included) open Korean text cleanly; no comment lines,
 * so that every tool reads the first line as the header. Definitions are in definitions.csv.
 *
 * CSV injection: a field that a spreadsheet would read as a formula (starting with =, +, -, @, a
 * tab or a carriage return) is prefixed with an apostrophe. Our values are numbers, codes and
 * labels; a label is the only place such text could come from.
 */
import type {
  PublishedFigures,
  PublishedRateSeries,
  PublishedTable,
} from "../../kernel/statistics/disclosure.ts";
import { TOTAL_CODE, categoryLabel, totalLabel } from "./labels.ts";
import { PROTECTED, rulesText, type Lang } from "./messages.ts";

const BOM = "\uFEFF";

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csv(header: string[], rows: (string | number | null)[][]): string {
  return BOM + [header, ...rows].map((line) => line.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** A table of figures localized for `lang` (localize.ts): labels and the status word in `lang`. */
export function tableCsv(t: PublishedTable, lang: Lang): string {
  const rows: (string | number | null)[][] = [];
  const rowCodes = [...t.rows.categories, TOTAL_CODE];
  const colCodes = [...t.columns.categories, TOTAL_CODE];
  rowCodes.forEach((rc, r) => {
    colCodes.forEach((cc, c) => {
      const v =
        r < t.rows.categories.length
          ? c < t.columns.categories.length
            ? t.cells[r]![c]!
            : t.rowTotals[r]!
          : c < t.columns.categories.length
            ? t.columnTotals[c]!
            : t.total;
      rows.push([
        rc,
        rc === TOTAL_CODE ? totalLabel(lang) : categoryLabel(t.rows, rc),
        cc,
        cc === TOTAL_CODE ? totalLabel(lang) : categoryLabel(t.columns, cc),
        v,
        v === null ? PROTECTED[lang].suppressed : "",
      ]);
    });
  });
  return csv(
    [t.rows.id, `${t.rows.id}_label`, t.columns.id, `${t.columns.id}_label`, `${t.unit}_rounded`, "status"],
    rows,
  );
}

export function rateCsv(s: PublishedRateSeries, lang: Lang): string {
  return csv(
    [
      s.dimension.id,
      `${s.dimension.id}_label`,
      "rate_percent",
      "step_points",
      "denominator_rounded",
      "status",
    ],
    s.points.map((p) => [
      p.category,
      categoryLabel(s.dimension, p.category),
      p.rate,
      p.step,
      p.denominator,
      p.rate === null ? PROTECTED[lang].withheld : "",
    ]),
  );
}

/** One line per figure and definition: what each file means, under which filters, as of when. */
export function definitionsCsv(f: PublishedFigures): string {
  const rows: (string | number | null)[][] = [];
  const filters = (x: Record<string, string>) =>
    Object.entries(x)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
  for (const t of f.tables) {
    for (const d of t.definitions.length ? t.definitions : [{ id: "", name: "", text: "" }]) {
      rows.push(["table", t.id, t.title, t.unit, filters(t.filters), t.asOf, d.id, d.name, d.text]);
    }
  }
  for (const s of f.rates) {
    rows.push([
      "rate",
      s.id,
      s.title,
      "percent",
      filters(s.filters),
      s.asOf,
      s.definition.id,
      s.definition.name,
      s.definition.text,
    ]);
  }
  return csv(
    [
      "kind",
      "id",
      "title",
      "unit",
      "filters",
      "as_of",
      "definition_id",
      "definition_name",
      "definition_text",
    ],
    rows,
  );
}

/** The disclosure rules as a one-column CSV (for the export directory). */
export function rulesCsv(f: PublishedFigures, lang: Lang): string {
  return csv(
    ["rule"],
    rulesText(f.rules.text, lang).map((t) => [t]),
  );
}
