/** Pending cases on a date, by level and by time since filing. */
import { useSearchParams } from "react-router";
import { Loading } from "../../components/common.tsx";
import { DefinitionDetails, TableWrap } from "../../components/DefinitionDetails.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { useOffices } from "../../reference.ts";
import { DIMENSION_LABEL, type DIMENSIONS } from "../../statistics.ts";
import { FilterSummary } from "./filters.tsx";
import { CategoryHeader, Empty, useFigures } from "./shared.tsx";

const AGES = ["under6Months", "months6to12", "years1to2", "years2to3", "over3Years"] as const;

export function PendingTab() {
  const i = useI18n();
  const { t, number, date } = i;
  const [params] = useSearchParams();
  const offices = useOffices();
  const data = useFigures("pending", { asOf: params.get("asOf") });
  if (data.error) return <ProblemAlert error={data.error} />;
  if (!data.data) return <Loading />;
  const d = data.data;
  const by = params.get("by");
  return (
    <section aria-labelledby="st-pending-h">
      <h2 id="st-pending-h">{t("stats.pending.heading", { date: date(d.asOf) })}</h2>
      <FilterSummary params={params} />
      <DefinitionDetails definition={d.definition} open />
      <TableWrap label={t("stats.pending.caption", { date: date(d.asOf) })}>
        <table className="usa-table usa-table--borderless usa-table--compact stat-table">
          <caption>{t("stats.pending.caption", { date: date(d.asOf) })}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {by ? t(DIMENSION_LABEL[by as (typeof DIMENSIONS)[number]]) : t("stats.total")}
              </th>
              <th scope="col" rowSpan={2}>
                {t("stats.pending.total")}
              </th>
              <th scope="colgroup" colSpan={3}>
                {t("stats.pending.byLevel")}
              </th>
              <th scope="colgroup" colSpan={5}>
                {t("stats.pending.byAge")}
              </th>
            </tr>
            <tr>
              <th scope="col">{t("stats.level.firstInstance")}</th>
              <th scope="col">{t("stats.level.objection")}</th>
              <th scope="col">{t("stats.level.courts")}</th>
              {AGES.map((a) => (
                <th scope="col" key={a}>
                  {t(`stats.age.${a}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.rows.length === 0 && <Empty span={10} />}
            {d.rows.map((r) => (
              <tr key={r.category}>
                <CategoryHeader by={by} category={r.category} offices={offices} />
                <td data-label={t("stats.pending.total")}>{number(r.total)}</td>
                <td data-label={t("stats.level.firstInstance")}>{number(r.firstInstance)}</td>
                <td data-label={t("stats.level.objection")}>{number(r.objection)}</td>
                <td data-label={t("stats.level.courts")}>{number(r.courts)}</td>
                {AGES.map((a) => (
                  <td key={a} data-label={t(`stats.age.${a}` as MessageKey)}>
                    {number(r.ages[a])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
