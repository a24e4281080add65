import type { Dimension } from "../../kernel/statistics/table.ts";

/** The code of a total (row, column or grand total), as in SDMX. */
export const TOTAL_CODE = "_T";

export function categoryLabel(d: Dimension, code: string): string {
  return d.labels?.[code] ?? code;
}

export function totalLabel(lang: "ko" | "en"): string {
  return lang === "ko" ? "합계" : "Total";
}
