/** Reference data the screens share: offices (with their Korean and English names). */
import { useQuery } from "@tanstack/react-query";
import type { Office } from "./api.ts";
import { useI18n, type Locale } from "./i18n/index.tsx";
import { queries } from "./queries.ts";

export type { Office };

const NONE: Office[] = [];

/** The offices (read once per page load; none until they have come). */
export function useOffices(): Office[] {
  return useQuery(queries.offices()).data ?? NONE;
}

export function officeName(offices: Office[], code: string, locale: Locale): string {
  const o = offices.find((x) => x.code === code);
  return o ? (locale === "ko" ? o.nameKo : o.nameEn) : code;
}

/** An office's name in the reader's language, by its code (the code until the offices have come). */
export function useOfficeName(): (code: string) => string {
  const offices = useOffices();
  const { locale } = useI18n();
  return (code) => officeName(offices, code, locale);
}
