/** Pieces the statistics tabs share: the figures' definitions and loading, and table cells. */
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { api } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import type { Office } from "../../reference.ts";
import {
  DIMENSION_LABEL,
  categoryLabel,
  filterQuery,
  useFormats,
  type DIMENSIONS,
  type Definition,
  type Rate,
} from "../../statistics.ts";
import { useLoad } from "../../useLoad.ts";

let definitionsCache: Promise<Definition[]> | null = null;

/** Every figure's name and definition (loaded once). */
export function useDefinitions(): Definition[] {
  const [defs, setDefs] = useState<Definition[]>([]);
  useEffect(() => {
    definitionsCache ??= api
      .get<{ items: Definition[] }>("/statistics/definitions")
      .then((r) => r.data.items);
    let live = true;
    definitionsCache.then((d) => live && setDefs(d)).catch(() => (definitionsCache = null));
    return () => {
      live = false;
    };
  }, []);
  return defs;
}

/** A rate in a table cell: the percentage and, below it, its numerator and denominator. */
export function RateCell({ rate }: { rate: Rate | undefined }) {
  const { t, number, locale } = useI18n();
  const f = useFormats(locale);
  if (!rate) return <>{t("common.none")}</>;
  const v = f.percent(rate.value);
  return (
    <>
      <span className="stat-rate">{v ?? t("stats.notDefined")}</span>
      <span className="stat-nd">
        {t("stats.ofN", { n: number(rate.numerator), d: number(rate.denominator) })}
      </span>
    </>
  );
}

/** A table row's header cell: the category, in words. */
export function CategoryHeader({
  by,
  category,
  offices,
}: {
  by: string | null;
  category: string;
  offices: Office[];
}) {
  const i = useI18n();
  return (
    <th
      scope="row"
      data-label={by ? i.t(DIMENSION_LABEL[by as (typeof DIMENSIONS)[number]]) : i.t("stats.total")}
    >
      {categoryLabel(i, offices, by, category)}
    </th>
  );
}

export function Empty({ span }: { span: number }) {
  const { t } = useI18n();
  return (
    <tr>
      <td colSpan={span}>{t("stats.empty")}</td>
    </tr>
  );
}

/** The figures at `/statistics/<path>` for the breakdown and filters in the page's URL, and `extra`. */
export function useFigures<T>(path: string, extra: Record<string, string | null>) {
  const [params] = useSearchParams();
  const q = filterQuery(params);
  for (const [name, value] of Object.entries(extra)) if (value) q.set(name, value);
  const key = q.toString();
  return useLoad(async (signal) => (await api.get<T>(`/statistics/${path}?${key}`, signal)).data, [key]);
}
