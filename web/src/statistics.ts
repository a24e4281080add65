/**
 * The statistics section's shapes (the API's response schemas, src/contracts/statistics.ts), its
 * query in the URL, and the formatting of counts, shares and categories for the language shown.
 */
import { useMemo } from "react";
import type {
  CohortFigures,
  DecisionMakerFigures,
  PendingFigures,
  ReversalFigures,
  ReversedCases,
  StatDefinitions,
  YearlyFigures,
} from "./api.ts";
import type { I18n, MessageKey } from "./i18n/index.tsx";
import { officeName, type Office } from "./reference.ts";

export type Definition = StatDefinitions["items"][number];
export type Yearly = YearlyFigures;
export type YearlyRow = Yearly["total"];
export type Rate = YearlyRow["rates"][number];
export type Cohort = CohortFigures;
export type CohortRow = Cohort["rows"][number];
export type Pending = PendingFigures;
export type Reversals = ReversalFigures;
export type DecisionMakers = DecisionMakerFigures;
export type DecisionMakerRate = DecisionMakers["rates"][number];
export type { ReversedCases };

/** The breakdown dimensions and the filters the API takes (STAT_DIMENSIONS). */
export const DIMENSIONS = ["nationality", "sex", "ageBand", "channel", "office", "kind"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const SEXES = ["female", "male", "other", "unknown"] as const;
export const AGE_BANDS = ["0-13", "14-17", "18-34", "35-64", "65+", "unknown"] as const;
export const CHANNELS = ["in_country", "port_of_entry", "detention_centre"] as const;
export const KINDS = ["first", "subsequent"] as const;
export const LEVEL_GROUPS = ["first_instance", "objection", "courts"] as const;

export function currentYear(): number {
  return Number(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric" }).format(new Date()),
  );
}

/** The year shown: the URL's, or this year. */
export function yearOf(params: URLSearchParams): number {
  const y = Number(params.get("year"));
  return Number.isInteger(y) && y >= 1994 && y <= 2100 ? y : currentYear();
}

/** The API query for the breakdown and filters in the page's URL (unknown values are left out). */
export function filterQuery(params: URLSearchParams, withBy = true): URLSearchParams {
  const q = new URLSearchParams();
  const by = params.get("by");
  if (withBy && by && (DIMENSIONS as readonly string[]).includes(by)) q.set("by", by);
  for (const d of DIMENSIONS) {
    const v = params.get(d);
    if (v) q.set(d, v);
  }
  return q;
}

/** Percentages and counts for the language shown. */
export function useFormats(locale: I18n["locale"]) {
  return useMemo(() => {
    const tag = locale === "ko" ? "ko-KR" : "en-GB";
    const pct = new Intl.NumberFormat(tag, {
      style: "percent",
      minimumFractionDigits: 1,
      maximumFractionDigits: 2,
    });
    const pct0 = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
    return {
      /** A share (0–1) as a percentage; null when not defined. */
      percent: (v: number | null) => (v === null ? null : pct.format(v)),
      /** A coarser percentage for an axis. */
      axis: (v: number) => pct0.format(v),
    };
  }, [locale]);
}

/** The name of a figure in the language shown (the server's English name if the catalogue lacks it). */
export function definitionName(i: Pick<I18n, "tv">, d: Definition): string {
  const s = i.tv("statDef.name", d.id);
  return s === d.id ? d.name : s;
}

export function definitionText(i: Pick<I18n, "tv">, d: Definition): string {
  const s = i.tv("statDef.text", d.id);
  return s === d.id ? d.text : s;
}

/** A category of a breakdown, in words. */
export function categoryLabel(
  i: Pick<I18n, "t" | "tv" | "locale">,
  offices: Office[],
  by: string | null,
  category: string,
): string {
  if (category === "total") return i.t("stats.total");
  if (category === "unknown") return i.t("stats.unknown");
  switch (by) {
    case "sex":
      return i.tv("enum.sex", category);
    case "channel":
      return i.tv("enum.channel", category);
    case "kind":
      return i.tv("enum.kind", category);
    case "office":
      return officeName(offices, category, i.locale);
    default:
      return category;
  }
}

export const DIMENSION_LABEL: Record<Dimension, MessageKey> = {
  nationality: "stats.dim.nationality",
  sex: "stats.dim.sex",
  ageBand: "stats.dim.ageBand",
  channel: "stats.dim.channel",
  office: "stats.dim.office",
  kind: "stats.dim.kind",
};
