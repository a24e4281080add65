/** Cohort outcomes: what became of the applications filed in a year, as a stacked-bar chart and a table. */
import { useSearchParams } from "react-router";
import { Loading } from "../../components/common.tsx";
import { DefinitionDetails, TableWrap } from "../../components/DefinitionDetails.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { useOffices } from "../../reference.ts";
import { DIMENSION_LABEL, categoryLabel, useFormats, yearOf, type DIMENSIONS } from "../../statistics.ts";
import { FilterSummary } from "./filters.tsx";
import { CategoryHeader, Empty, useFigures } from "./shared.tsx";

const COHORT_OUTCOMES = ["recognized", "humanitarian", "rejected", "closed", "pending"] as const;
/** Colours of the design system's palette (green, light blue, red, grey, gold). */
const COHORT_COLOURS: Record<(typeof COHORT_OUTCOMES)[number], string> = {
  recognized: "#00a91c",
  humanitarian: "#73b3e7",
  rejected: "#d54309",
  closed: "#a9aeb1",
  pending: "#e5a000",
};

export function CohortTab() {
  const i = useI18n();
  const { t, number, date } = i;
  const f = useFormats(i.locale);
  const [params] = useSearchParams();
  const offices = useOffices();
  const year = yearOf(params);
  const data = useFigures("cohort", { filedYear: String(year), asOf: params.get("asOf") });
  if (data.error) return <ProblemAlert error={data.error} />;
  if (!data.data) return <Loading />;
  const d = data.data;
  const by = params.get("by");
  const rows = d.rows;
  const share = (x: number, of: number) => (of === 0 ? null : x / of);
  const barH = 22;
  const gap = 10;
  const labelW = 150;
  const width = 720;
  const plotW = width - labelW - 10;
  const height = rows.length * (barH + gap) + 10;
  return (
    <section aria-labelledby="st-cohort-h">
      <h2 id="st-cohort-h">{t("stats.cohort.heading", { year: d.filedYear, date: date(d.asOf) })}</h2>
      <FilterSummary params={params} />
      <DefinitionDetails definition={d.definition} open />
      {rows.length > 0 && (
        <figure className="stat-figure">
          <svg
            role="img"
            aria-labelledby="st-cohort-svg-t st-cohort-svg-d"
            viewBox={`0 0 ${width} ${height}`}
            className="stat-svg"
          >
            <title id="st-cohort-svg-t">
              {t("stats.cohort.chartTitle", { year: d.filedYear, date: date(d.asOf) })}
            </title>
            <desc id="st-cohort-svg-d">{t("stats.chartDesc")}</desc>
            {rows.map((r, k) => {
              let x = labelW;
              const y = 5 + k * (barH + gap);
              return (
                <g key={r.category}>
                  <text x={labelW - 8} y={y + barH / 2 + 5} textAnchor="end" className="stat-svg__label">
                    {categoryLabel(i, offices, by, r.category)}
                  </text>
                  {COHORT_OUTCOMES.map((o) => {
                    const w = r.filed === 0 ? 0 : (r[o] / r.filed) * plotW;
                    const rect = (
                      <rect
                        key={o}
                        x={x}
                        y={y}
                        width={w}
                        height={barH}
                        fill={COHORT_COLOURS[o]}
                        stroke="#fff"
                      />
                    );
                    x += w;
                    return rect;
                  })}
                </g>
              );
            })}
          </svg>
          <figcaption>
            <ul className="stat-legend">
              {COHORT_OUTCOMES.map((o) => (
                <li key={o}>
                  <span
                    className="stat-legend__swatch"
                    style={{ background: COHORT_COLOURS[o] }}
                    aria-hidden="true"
                  />
                  {t(`stats.outcome.${o}` as MessageKey)}
                </li>
              ))}
            </ul>
          </figcaption>
        </figure>
      )}
      <TableWrap label={t("stats.cohort.caption", { year: d.filedYear, date: date(d.asOf) })}>
        <table className="usa-table usa-table--borderless usa-table--compact stat-table">
          <caption>{t("stats.cohort.caption", { year: d.filedYear, date: date(d.asOf) })}</caption>
          <thead>
            <tr>
              <th scope="col">
                {by ? t(DIMENSION_LABEL[by as (typeof DIMENSIONS)[number]]) : t("stats.total")}
              </th>
              <th scope="col">{t("stats.cohort.filed")}</th>
              {COHORT_OUTCOMES.map((o) => (
                <th scope="col" key={o}>
                  {t(`stats.outcome.${o}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && <Empty span={7} />}
            {rows.map((r) => (
              <tr key={r.category}>
                <CategoryHeader by={by} category={r.category} offices={offices} />
                <td data-label={t("stats.cohort.filed")}>{number(r.filed)}</td>
                {COHORT_OUTCOMES.map((o) => (
                  <td key={o} data-label={t(`stats.outcome.${o}` as MessageKey)}>
                    <span className="stat-rate">
                      {f.percent(share(r[o], r.filed)) ?? t("stats.notDefined")}
                    </span>
                    <span className="stat-nd">{t("stats.ofN", { n: number(r[o]), d: number(r.filed) })}</span>
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
