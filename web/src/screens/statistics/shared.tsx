/** Pieces the statistics tabs share: the figures' definitions and loading, and table cells. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import type { Figures } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { queries } from "../../queries.ts";
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

const NO_DEFINITIONS: Definition[] = [];

/** Every figure's name and definition (read once per page load; none until they have come). */
export function useDefinitions(): Definition[] {
  return useQuery(queries.statDefinitions()).data ?? NO_DEFINITIONS;
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

/**
 * The figures at `/statistics/<path>` for the breakdown and filters in the page's URL, and `extra`.
 * A change of filters keeps the figures shown until the new ones come.
 */
export function useFigures<P extends keyof Figures>(path: P, extra: Record<string, string | null>) {
  const [params] = useSearchParams();
  const q = filterQuery(params);
  for (const [name, value] of Object.entries(extra)) if (value) q.set(name, value);
  return useQuery({ ...queries.figures(path, q.toString()), placeholderData: keepPreviousData });
}
