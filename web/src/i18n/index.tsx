/**
 * Korean and English: every word the workspace shows comes from ko.json or en.json (a test checks
 * that both have the same keys and that no JSX text is written outside them), except a procedure
 * profile's own words (its events, stages, deadline kinds, fields and values), which come with the
 * profile from the server (`vocabulary.ts`). Korean is the
 * default; the choice is kept in the browser. Dates and numbers are formatted with Intl for the
 * chosen language.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import en from "./en.json";
import ko from "./ko.json";

export type Locale = "ko" | "en";
export type MessageKey = keyof typeof ko;
export const LOCALES: readonly Locale[] = ["ko", "en"];
const CATALOGUES: Record<Locale, Record<string, string>> = { ko, en };
const STORAGE_KEY = "openrsd.locale";

export type Vars = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  /** The message for a key, with `{name}` placeholders filled in. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** A message whose key is made from a value the server sends (a stage, an event type …). */
  tv: (prefix: string, value: string | number | null | undefined) => string;
  /** The catalogue's message for a key made at run time, or undefined when it has none. */
  lookup: (key: string) => string | undefined;
  /** A legal date (YYYY-MM-DD) as the language writes it. */
  date: (iso: string | null | undefined) => string;
  /** A moment (ISO timestamp) in Korean time. */
  dateTime: (iso: string | null | undefined) => string;
  number: (n: number) => string;
  list: (items: string[]) => string;
}

export function translate(locale: Locale, key: string, vars?: Vars): string {
  const s = CATALOGUES[locale][key] ?? CATALOGUES.ko[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "ko" || saved === "en") return saved;
  } catch {
    // storage unavailable: the default
  }
  return "ko";
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not kept; still switched
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, "app.title");
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const tag = locale === "ko" ? "ko-KR" : "en-GB";
    const dateFmt = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" });
    const dateTimeFmt = new Intl.DateTimeFormat(tag, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Asia/Seoul",
    });
    const numberFmt = new Intl.NumberFormat(tag);
    const listFmt = new Intl.ListFormat(tag, { type: "conjunction" });
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      tv: (prefix, v) => {
        if (v === null || v === undefined || v === "") return translate(locale, "common.none");
        const key = `${prefix}.${v}`;
        return CATALOGUES[locale][key] ?? String(v);
      },
      lookup: (key) => CATALOGUES[locale][key],
      date: (iso) => (iso ? dateFmt.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : ""),
      dateTime: (iso) => (iso ? dateTimeFmt.format(new Date(iso)) : ""),
      number: (n) => numberFmt.format(n),
      list: (items) => listFmt.format(items),
    };
  }, [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}
