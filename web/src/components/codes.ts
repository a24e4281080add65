/**
 * Countries (ISO 3166-1 alpha-3) and languages (ISO 639) as a clerk picks them: each by its name
 * in Korean and in English (from the browser's Intl.DisplayNames, so no catalogue of names is
 * shipped) and its code, so that either language's name or the code finds it.
 */
import countries from "i18n-iso-countries";
import { INTAKE_LANGUAGES } from "../../../src/contracts/languages.ts";
import { translate, type Locale } from "../i18n/index.tsx";

export interface CodeOption {
  value: string;
  label: string;
}

/** ICAO Doc 9303 codes for no nationality, first in the list. */
export const NO_COUNTRY = ["XXX", "XXA", "XXB", "XXC"] as const;

const other = (locale: Locale): Locale => (locale === "ko" ? "en" : "ko");

/**
 * A language's name: the browser's, or, for the few intake languages whose names a browser's
 * trimmed ICU data may lack (Acholi, Fula, Rohingya in Debian's Chromium), the catalogue's.
 */
function languageOf(names: Intl.DisplayNames, locale: Locale, code: string): string | undefined {
  const known = names.of(code);
  if (known) return known;
  const key = `language.${code}`;
  const own = translate(locale, key);
  return own === key ? undefined : own;
}

/** "캄보디아 · Cambodia (KHM)": the reader's language first, the other after, then the code. */
function label(mine: string | undefined, theirs: string | undefined, code: string): string {
  const names = [...new Set([mine, theirs].filter((n): n is string => !!n))];
  return `${names.join(" · ") || code} (${code})`;
}

const cache = new Map<string, CodeOption[]>();

export function countryOptions(locale: Locale): CodeOption[] {
  const key = `country:${locale}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [mine, theirs] = [locale, other(locale)].map(
    (l) => new Intl.DisplayNames([l], { type: "region", fallback: "none" }),
  ) as [Intl.DisplayNames, Intl.DisplayNames];
  const list = Object.entries({ ...countries.getAlpha3Codes(), XKX: "XK" }).map(([alpha3, alpha2]) => ({
    value: alpha3,
    label: label(mine.of(alpha2), theirs.of(alpha2), alpha3),
  }));
  list.sort((a, b) => a.label.localeCompare(b.label, locale));
  const none = NO_COUNTRY.map((code) => ({
    value: code,
    label: label(translate(locale, `country.${code}`), translate(other(locale), `country.${code}`), code),
  }));
  const options = [...none, ...list];
  cache.set(key, options);
  return options;
}

export function languageOptions(locale: Locale): CodeOption[] {
  const key = `language:${locale}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [mine, theirs] = [locale, other(locale)].map(
    (l) => new Intl.DisplayNames([l], { type: "language", fallback: "none" }),
  ) as [Intl.DisplayNames, Intl.DisplayNames];
  const options = INTAKE_LANGUAGES.map((code) => ({
    value: code,
    label: label(languageOf(mine, locale, code), languageOf(theirs, other(locale), code), code),
  })).sort((a, b) => a.label.localeCompare(b.label, locale));
  cache.set(key, options);
  return options;
}

/** A code's name in the reader's language, for showing a stored code ("KHM" → 캄보디아). */
export function countryName(locale: Locale, code: string): string {
  if ((NO_COUNTRY as readonly string[]).includes(code)) return translate(locale, `country.${code}`);
  const alpha2 = code === "XKX" ? "XK" : countries.alpha3ToAlpha2(code);
  return (alpha2 && new Intl.DisplayNames([locale], { type: "region", fallback: "none" }).of(alpha2)) || code;
}

export function languageName(locale: Locale, tag: string): string {
  try {
    return (
      languageOf(new Intl.DisplayNames([locale], { type: "language", fallback: "none" }), locale, tag) ?? tag
    );
  } catch {
    return tag;
  }
}
