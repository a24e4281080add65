/**
 * Yearly figures and rates: a card per rate of the total, applications and decisions by level and
 * outcome, and the rates by category.
 */
import { useSearchParams } from "react-router";
import { Loading } from "../../components/common.tsx";
import { DefinitionDetails, TableWrap } from "../../components/DefinitionDetails.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { useOffices } from "../../reference.ts";
import {
  DIMENSION_LABEL,
  definitionName,
  definitionText,
  useFormats,
  yearOf,
  type DIMENSIONS,
  type Definition,
  type Rate,
  type YearlyRow,
} from "../../statistics.ts";
import { FilterSummary } from "./filters.tsx";
import { CategoryHeader, Empty, RateCell, useFigures } from "./shared.tsx";

/** One rate of the total: its name, value, numerator and denominator, and its definition. */
function RateCard({ rate, definition }: { rate: Rate; definition: Definition | undefined }) {
  const i = useI18n();
  const f = useFormats(i.locale);
  const name = definition ? definitionName(i, definition) : rate.id;
  return (
    <li className="stat-card" data-rate={rate.id}>
      <h3 className="stat-card__name">{name}</h3>
      <p className="stat-card__value">{f.percent(rate.value) ?? i.t("stats.notDefined")}</p>
      <p className="stat-card__nd">
        {i.t("stats.numDen", { n: i.number(rate.numerator), d: i.number(rate.denominator) })}
      </p>
      {definition && (
        <details className="stat-def">
          <summary>{i.t("stats.definition")}</summary>
          <p>{definitionText(i, definition)}</p>
        </details>
      )}
    </li>
  );
}

function rowsWithTotal<T extends { category: string }>(rows: T[], by: string | null, total?: T): T[] {
  if (!by) return rows;
  return total ? [...rows, total] : rows;
}

export function YearlyTab() {
  const i = useI18n();
  const { t, number } = i;
  const [params] = useSearchParams();
  const offices = useOffices();
  const year = yearOf(params);
  const data = useFigures("yearly", { year: String(year) });
  if (data.error) return <ProblemAlert error={data.error} />;
  if (!data.data) return <Loading />;
  const d = data.data;
  const def = (id: string) => d.definitions.find((x) => x.id === id);
  const rows = rowsWithTotal(d.rows, d.by, d.total);
  const dimLabel = d.by ? t(DIMENSION_LABEL[d.by as (typeof DIMENSIONS)[number]]) : t("stats.total");
  const n = (x: number, label: MessageKey) => <td data-label={t(label)}>{number(x)}</td>;
  const outcomeCells = (o: YearlyRow["firstInstance"], prefix: MessageKey) => (
    <>
      <td data-label={`${t(prefix)} · ${t("stats.outcome.recognized")}`}>{number(o.recognized)}</td>
      <td data-label={`${t(prefix)} · ${t("stats.outcome.humanitarian")}`}>{number(o.humanitarian)}</td>
      <td data-label={`${t(prefix)} · ${t("stats.outcome.rejected")}`}>{number(o.rejected)}</td>
      <td data-label={`${t(prefix)} · ${t("stats.outcome.closed")}`}>{number(o.closed)}</td>
    </>
  );
  const outcomeHeads = (
    <>
      <th scope="col">{t("stats.outcome.recognized")}</th>
      <th scope="col">{t("stats.outcome.humanitarian")}</th>
      <th scope="col">{t("stats.outcome.rejected")}</th>
      <th scope="col">{t("stats.outcome.closed")}</th>
    </>
  );
  return (
    <section aria-labelledby="st-yearly-h">
      <h2 id="st-yearly-h">{t("stats.yearly.heading", { year: d.year })}</h2>
      <FilterSummary params={params} />
      <h3 className="stat-subhead">{t("stats.rates.heading")}</h3>
      <p className="usa-hint">{t("stats.rates.intro")}</p>
      <ul className="stat-cards">
        {d.total.rates.map((r) => (
          <RateCard key={r.id} rate={r} definition={def(r.id)} />
        ))}
      </ul>

      <TableWrap label={t("stats.yearly.applicationsCaption", { year: d.year })}>
        <table className="usa-table usa-table--borderless usa-table--compact stat-table">
          <caption>
            {t("stats.yearly.applicationsCaption", { year: d.year })}
            {def("applications") && <DefinitionDetails definition={def("applications")!} />}
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {dimLabel}
              </th>
              <th scope="colgroup" colSpan={3}>
                {t("stats.yearly.applications")}
              </th>
              <th scope="colgroup" colSpan={4}>
                {t("stats.level.firstInstance")}
              </th>
            </tr>
            <tr>
              <th scope="col">{t("stats.yearly.cases")}</th>
              <th scope="col">{t("stats.yearly.applicants")}</th>
              <th scope="col">{t("stats.yearly.subsequent")}</th>
              {outcomeHeads}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && <Empty span={8} />}
            {rows.map((r) => (
              <tr key={r.category} className={r === d.total && d.by ? "stat-total" : undefined}>
                <CategoryHeader by={r === d.total ? null : d.by} category={r.category} offices={offices} />
                {n(r.applications, "stats.yearly.cases")}
                {n(r.applicants, "stats.yearly.applicants")}
                {n(r.subsequentApplications, "stats.yearly.subsequent")}
                {outcomeCells(r.firstInstance, "stats.level.firstInstance")}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <TableWrap label={t("stats.yearly.remediesCaption", { year: d.year })}>
        <table className="usa-table usa-table--borderless usa-table--compact stat-table">
          <caption>{t("stats.yearly.remediesCaption", { year: d.year })}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {dimLabel}
              </th>
              <th scope="colgroup" colSpan={4}>
                {t("stats.level.objection")}
              </th>
              <th scope="colgroup" colSpan={3}>
                {t("stats.level.courts")}
              </th>
              <th scope="colgroup" colSpan={4}>
                {t("stats.level.final")}
              </th>
            </tr>
            <tr>
              {outcomeHeads}
              <th scope="col">{t("stats.outcome.annulled")}</th>
              <th scope="col">{t("stats.outcome.dismissed")}</th>
              <th scope="col">{t("stats.outcome.closed")}</th>
              {outcomeHeads}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && <Empty span={12} />}
            {rows.map((r) => (
              <tr key={r.category} className={r === d.total && d.by ? "stat-total" : undefined}>
                <CategoryHeader by={r === d.total ? null : d.by} category={r.category} offices={offices} />
                {outcomeCells(r.objection, "stats.level.objection")}
                <td data-label={`${t("stats.level.courts")} · ${t("stats.outcome.annulled")}`}>
                  {number(r.courts.annulled)}
                </td>
                <td data-label={`${t("stats.level.courts")} · ${t("stats.outcome.dismissed")}`}>
                  {number(r.courts.rejected)}
                </td>
                <td data-label={`${t("stats.level.courts")} · ${t("stats.outcome.closed")}`}>
                  {number(r.courts.closed)}
                </td>
                {outcomeCells(r.final, "stats.level.final")}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      {d.by && (
        <TableWrap label={t("stats.rates.byCaption", { dim: dimLabel })}>
          <table className="usa-table usa-table--borderless usa-table--compact stat-table">
            <caption>
              {t("stats.rates.byCaption", { dim: dimLabel })}
              <span className="usa-hint display-block text-normal font-body-2xs">
                {t("stats.rates.byHint")}
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{dimLabel}</th>
                {d.total.rates.map((r) => {
                  const x = def(r.id);
                  return (
                    <th scope="col" key={r.id}>
                      {x ? definitionName(i, x) : r.id}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.category} className={row === d.total ? "stat-total" : undefined}>
                  <CategoryHeader
                    by={row === d.total ? null : d.by}
                    category={row.category}
                    offices={offices}
                  />
                  {d.total.rates.map((r) => {
                    const x = def(r.id);
                    return (
                      <td key={r.id} data-label={x ? definitionName(i, x) : r.id}>
                        <RateCell rate={row.rates.find((y) => y.id === r.id)} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
