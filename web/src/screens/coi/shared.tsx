/** What the library's pages share: highlighted fragments, the words for countries, topics and profiles. */
import type { ReactNode } from "react";
import { countryName } from "../../components/codes.ts";
import { useI18n } from "../../i18n/index.tsx";

/** A passage as the search returned it: matched fragments marked, all of it as text (never HTML). */
export function Fragments({ fragments }: { fragments: readonly { text: string; match: boolean }[] }) {
  const out: ReactNode[] = fragments.map((f, i) => (f.match ? <mark key={i}>{f.text}</mark> : f.text));
  return <>{out}</>;
}

/** A country's name: the demo's fictional countries from the catalogue, real ones from the browser. */
export function useCountryLabel(): (code: string) => string {
  const { locale, lookup } = useI18n();
  return (code) => lookup(`coi.country.${code}`) ?? countryName(locale, code);
}

/** A topic's or profile's words, or its key when the catalogue has none. */
export function useTagLabel(): (key: string) => string {
  const { lookup } = useI18n();
  return (key) => lookup(`coi.tag.${key}`) ?? key.replaceAll("_", " ");
}

/** The language a library text is written in, for the lang attribute. */
export const textLang = (language: string) => language;
