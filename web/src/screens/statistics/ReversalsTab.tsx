/** Reversals: a year's first-instance refusals later reversed on objection or in court. */
import { useSearchParams } from "react-router";
import { Loading } from "../../components/common.tsx";
import { DefinitionDetails, TableWrap } from "../../components/DefinitionDetails.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useOffices } from "../../reference.ts";
import {
  DIMENSION_LABEL,
  definitionName,
  yearOf,
  type DIMENSIONS,
  type Definition,
} from "../../statistics.ts";
import { FilterSummary } from "./filters.tsx";
import { CategoryHeader, Empty, RateCell, useFigures } from "./shared.tsx";

export function ReversalsTab({ definitions }: { definitions: Definition[] }) {
  const i = useI18n();
  const { t, number } = i;
  const [params] = useSearchParams();
  const offices = useOffices();
  const year = yearOf(params);
  const data = useFigures("reversals", { year: String(year) });
  if (data.error) return <ProblemAlert error={data.error} />;
  if (!data.data) return <Loading />;
  const d = data.data;
  const by = params.get("by");
  const defs = ["reversal_objection", "reversal_court"]
    .map((id) => definitions.find((x) => x.id === id))
    .filter((x): x is Definition => x !== undefined);
  const rateName = (id: string) => {
    const x = definitions.find((y) => y.id === id);
    return x ? definitionName(i, x) : id;
  };
  return (
    <section aria-labelledby="st-rev-h">
      <h2 id="st-rev-h">{t("stats.reversals.heading", { year: d.year })}</h2>
      <FilterSummary params={params} />
      {defs.map((x) => (
        <DefinitionDetails key={x.id} definition={x} open />
      ))}
      <TableWrap label={t("stats.reversals.caption", { year: d.year })}>
        <table className="usa-table usa-table--borderless usa-table--compact stat-table">
          <caption>{t("stats.reversals.caption", { year: d.year })}</caption>
          <thead>
            <tr>
              <th scope="col">
                {by ? t(DIMENSION_LABEL[by as (typeof DIMENSIONS)[number]]) : t("stats.total")}
              </th>
              <th scope="col">{t("stats.reversals.refusals")}</th>
              <th scope="col">{t("stats.reversals.byObjection")}</th>
              <th scope="col">{t("stats.reversals.byCourt1")}</th>
              <th scope="col">{t("stats.reversals.byCourt2")}</th>
              <th scope="col">{t("stats.reversals.byCourt3")}</th>
              <th scope="col">{rateName("reversal_objection")}</th>
              <th scope="col">{rateName("reversal_court")}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.length === 0 && <Empty span={8} />}
            {d.rows.map((r) => (
              <tr key={r.category}>
                <CategoryHeader by={by} category={r.category} offices={offices} />
                <td data-label={t("stats.reversals.refusals")}>{number(r.refusals)}</td>
                <td data-label={t("stats.reversals.byObjection")}>{number(r.byObjection)}</td>
                <td data-label={t("stats.reversals.byCourt1")}>{number(r.byCourt1)}</td>
                <td data-label={t("stats.reversals.byCourt2")}>{number(r.byCourt2)}</td>
                <td data-label={t("stats.reversals.byCourt3")}>{number(r.byCourt3)}</td>
                <td data-label={rateName("reversal_objection")}>
                  <RateCell rate={r.rates.find((x) => x.id === "reversal_objection")} />
                </td>
                <td data-label={rateName("reversal_court")}>
                  <RateCell rate={r.rates.find((x) => x.id === "reversal_court")} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
