/**
 * Category labels in the reader's language: every format (page, CSV, JSON, JSON-stat) labels
 * categories through this module, so that one code reads the same everywhere.
 *
 * - nationalities (ISO 3166-1 alpha-3): the country's name from the runtime's CLDR data
 *   (Intl.DisplayNames, after converting the code to alpha-2 with i18n-iso-countries); the
 *   ICAO codes for stateless persons, refugees and unknown nationality get their own words;
 * - sex, age bands, channels, kinds and outcomes: the web workspace's catalogue (one wording for
 *   the staff's screens and the public), age bands from their codes;
 * - anything else (years, unknown codes): the label given with the figures, else the code.
 */
import countries from "i18n-iso-countries";
import type { Dimension } from "../../kernel/statistics/table.ts";
import enCatalogue from "../../../web/src/i18n/en.json" with { type: "json" };
import koCatalogue from "../../../web/src/i18n/ko.json" with { type: "json" };
import type { Lang } from "./messages.ts";

/** The code of a total (row, column or grand total), as in SDMX. */
export const TOTAL_CODE = "_T";

const CATALOGUE: Record<Lang, Record<string, string>> = {
  ko: koCatalogue as Record<string, string>,
  en: enCatalogue as Record<string, string>,
};

const TOTAL: Record<Lang, string> = { ko: "합계", en: "Total" };

export function totalLabel(lang: Lang): string {
  return TOTAL[lang];
}

/** Codes of ICAO Doc 9303 used for nationality where there is no country. */
const SPECIAL_NATIONALITIES: Record<string, Record<Lang, string>> = {
  XXA: { ko: "무국적", en: "Stateless" },
  XXB: { ko: "난민 (난민협약)", en: "Refugee (1951 Convention)" },
  XXC: { ko: "난민 (기타)", en: "Refugee (other)" },
  XXX: { ko: "국적 미상", en: "Unspecified nationality" },
  unknown: { ko: "국적 미상", en: "Unspecified nationality" },
};

const regionNames = new Map<Lang, Intl.DisplayNames>();

/** A country's name in `lang` from its alpha-3 code, or undefined when the code is not a country. */
export function countryName(alpha3: string, lang: Lang): string | undefined {
  const special = SPECIAL_NATIONALITIES[alpha3]?.[lang];
  if (special) return special;
  if (!/^[A-Z]{3}$/.test(alpha3)) return undefined;
  const alpha2 = countries.alpha3ToAlpha2(alpha3);
  if (!alpha2) return undefined;
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: "region", fallback: "none" });
    regionNames.set(lang, names);
  }
  return names.of(alpha2) ?? countries.getName(alpha3, lang) ?? undefined;
}

function ageBandLabel(code: string, lang: Lang): string | undefined {
  if (code === "unknown") return lang === "ko" ? "알 수 없음" : "Unknown";
  const range = /^(\d+)-(\d+)$/.exec(code);
  if (range) return lang === "ko" ? `${range[1]}~${range[2]}세` : `${range[1]}–${range[2]}`;
  const open = /^(\d+)\+$/.exec(code);
  if (open) return lang === "ko" ? `${open[1]}세 이상` : `${open[1]} and over`;
  return undefined;
}

/** Catalogue keys of the dimensions whose codes are words. */
const CATALOGUE_KEY: Record<string, (code: string) => string> = {
  outcome: (c) => `stats.outcome.${c}`,
  kind: (c) => `enum.kind.${c}`,
  sex: (c) => `enum.sex.${c}`,
  channel: (c) => `enum.channel.${c}`,
};

/** The name of one category of `d` in `lang` (the total's word for TOTAL_CODE). */
export function categoryName(d: Dimension, code: string, lang: Lang): string {
  if (code === TOTAL_CODE) return totalLabel(lang);
  let name: string | undefined;
  if (d.id === "nationality") name = countryName(code, lang);
  else if (d.id === "ageBand" || d.id === "age_band") name = ageBandLabel(code, lang);
  else {
    const key = CATALOGUE_KEY[d.id]?.(code);
    if (key) name = CATALOGUE[lang][key];
  }
  return name ?? d.labels?.[code] ?? code;
}

/** `d` with a name in `lang` for each of its categories (in `labels`), codes unchanged. */
export function labelDimension(d: Dimension, lang: Lang): Dimension {
  const labels: Record<string, string> = {};
  for (const code of d.categories) labels[code] = categoryName(d, code, lang);
  return { ...d, labels };
}

/** The label of a category of an already labelled dimension (see labelDimension). */
export function categoryLabel(d: Dimension, code: string): string {
  return d.labels?.[code] ?? code;
}
