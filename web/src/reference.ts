/** Reference data the screens share: offices (with their Korean and English names). */
import { useEffect, useState } from "react";
import type { z } from "zod";
import type { OfficeSchema } from "../../src/contracts/api.ts";
import { api } from "./api.ts";
import type { Locale } from "./i18n/index.tsx";

export type Office = z.infer<typeof OfficeSchema>;
let cache: Promise<Office[]> | null = null;

export function useOffices(): Office[] {
  const [offices, setOffices] = useState<Office[]>([]);
  useEffect(() => {
    cache ??= api.get<{ items: Office[] }>("/offices").then((r) => r.data.items);
    let live = true;
    cache.then((o) => live && setOffices(o)).catch(() => (cache = null));
    return () => {
      live = false;
    };
  }, []);
  return offices;
}

export function officeName(offices: Office[], code: string, locale: Locale): string {
  const o = offices.find((x) => x.code === code);
  return o ? (locale === "ko" ? o.nameKo : o.nameEn) : code;
}
