/**
 * The statistics section for staff: a year's applications, decisions and rates by a breakdown,
 * cohort outcomes, pending cases and reversals, every rate beside its definition; and, for
 * supervisors and analysts, the internal decision-maker view. The year, the breakdown and the
 * filters are in the URL, so a view can be bookmarked and shared.
 */
import { Button, Label, Select } from "@trussworks/react-uswds";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { NavLink, Route, Routes, useLocation, useSearchParams } from "react-router";
import { hasRight } from "../../../src/security/access/rights.ts";
import { api } from "../api.ts";
import { Loading, PlainInput } from "../components/common.tsx";
import { DefinitionDetails, TableWrap } from "../components/DefinitionDetails.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { useOffices, type Office } from "../reference.ts";
import { useSignedIn } from "../session.tsx";
import {
  AGE_BANDS,
  CHANNELS,
  DIMENSIONS,
  DIMENSION_LABEL,
  KINDS,
  SEXES,
  categoryLabel,
  definitionName,
  definitionText,
  filterQuery,
  useFormats,
  yearOf,
  type Cohort,
  type Definition,
  type Pending,
  type Rate,
  type Reversals,
  type Yearly,
  type YearlyRow,
} from "../statistics.ts";
import { useLoad } from "../useLoad.ts";
import { DecisionMakerView, ReversedCasesView } from "./DecisionMakers.tsx";

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
function RateCell({ rate }: { rate: Rate | undefined }) {
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

function FilterSummary({ params }: { params: URLSearchParams }) {
  const i = useI18n();
  const offices = useOffices();
  const parts: string[] = [];
  for (const d of DIMENSIONS) {
    const v = params.get(d);
    if (v) parts.push(`${i.t(DIMENSION_LABEL[d])}: ${categoryLabel(i, offices, d, v)}`);
  }
  const by = params.get("by");
  return (
    <p className="usa-hint stat-summary">
      {by && (DIMENSIONS as readonly string[]).includes(by)
        ? i.t("stats.byDimension", { dim: i.t(DIMENSION_LABEL[by as (typeof DIMENSIONS)[number]]) })
        : i.t("stats.noBreakdown")}
      {" · "}
      {parts.length ? i.list(parts) : i.t("stats.noFilters")}
    </p>
  );
}

/** The year, breakdown and filters, kept in the URL (and, for cohorts and pending cases, the date). */
function FilterForm({ withDate }: { withDate: boolean }) {
  const { t, tv, locale } = useI18n();
  const offices = useOffices();
  const [params, setParams] = useSearchParams();
  const [v, setV] = useState<Record<string, string>>(() => ({
    year: String(yearOf(params)),
    by: params.get("by") ?? "",
    asOf: params.get("asOf") ?? "",
    ...Object.fromEntries(DIMENSIONS.map((d) => [d, params.get(d) ?? ""])),
  }));
  const set = (k: string) => (e: { target: { value: string } }) =>
    setV((o) => ({ ...o, [k]: k === "nationality" ? e.target.value.toUpperCase() : e.target.value }));

  function apply(e: FormEvent) {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, x] of Object.entries(v)) if (x) p.set(k, x);
    // Keep what the other tabs use.
    for (const k of ["from", "to", "levels"]) {
      const x = params.get(k);
      if (x) p.set(k, x);
    }
    setParams(p);
  }
  const select = (id: string, label: MessageKey, values: readonly string[], show: (x: string) => string) => (
    <div className="filters__field">
      <Label htmlFor={`st-${id}`}>{t(label)}</Label>
      <Select id={`st-${id}`} name={id} value={v[id] ?? ""} onChange={set(id)}>
        <option value="">{t("common.all")}</option>
        {values.map((x) => (
          <option key={x} value={x}>
            {show(x)}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <form className="filters" onSubmit={apply} aria-label={t("common.filters")}>
      <div className="filters__field filters__field--narrow">
        <Label htmlFor="st-year">{t("stats.year")}</Label>
        <PlainInput
          id="st-year"
          name="year"
          type="number"
          min={1994}
          max={2100}
          required
          value={v.year}
          onChange={set("year")}
        />
      </div>
      <div className="filters__field">
        <Label htmlFor="st-by">{t("stats.by")}</Label>
        <Select id="st-by" name="by" value={v.by ?? ""} onChange={set("by")}>
          <option value="">{t("stats.noBreakdown")}</option>
          {DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(DIMENSION_LABEL[d])}
            </option>
          ))}
        </Select>
      </div>
      {withDate && (
        <div className="filters__field">
          <Label htmlFor="st-asOf">{t("stats.asOf")}</Label>
          <PlainInput id="st-asOf" name="asOf" type="date" value={v.asOf} onChange={set("asOf")} />
        </div>
      )}
      <div className="filters__field filters__field--narrow">
        <Label htmlFor="st-nationality">
          {t("stats.dim.nationality")}
          <span className="usa-hint">{t("stats.nationalityHint")}</span>
        </Label>
        <PlainInput
          id="st-nationality"
          name="nationality"
          pattern="[A-Z]{3}"
          maxLength={3}
          autoComplete="off"
          value={v.nationality}
          onChange={set("nationality")}
        />
      </div>
      {select("sex", "stats.dim.sex", SEXES, (x) => tv("enum.sex", x))}
      {select("ageBand", "stats.dim.ageBand", AGE_BANDS, (x) => (x === "unknown" ? t("stats.unknown") : x))}
      {select("channel", "stats.dim.channel", CHANNELS, (x) => tv("enum.channel", x))}
      {select(
        "office",
        "stats.dim.office",
        offices.map((o) => o.code),
        (x) => {
          const o = offices.find((y) => y.code === x);
          return o ? (locale === "ko" ? o.nameKo : o.nameEn) : x;
        },
      )}
      {select("kind", "stats.dim.kind", KINDS, (x) => tv("enum.kind", x))}
      <div className="filters__field filters__submit">
        <Button type="submit">{t("stats.show")}</Button>
      </div>
    </form>
  );
}

function rowsWithTotal<T extends { category: string }>(rows: T[], by: string | null, total?: T): T[] {
  if (!by) return rows;
  return total ? [...rows, total] : rows;
}

/** A table row's header cell: the category, in words. */
function CategoryHeader({
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

function Empty({ span }: { span: number }) {
  const { t } = useI18n();
  return (
    <tr>
      <td colSpan={span}>{t("stats.empty")}</td>
    </tr>
  );
}

/** The figures at `/statistics/<path>` for the breakdown and filters in the page's URL, and `extra`. */
function useFigures<T>(path: string, extra: Record<string, string | null>) {
  const [params] = useSearchParams();
  const q = filterQuery(params);
  for (const [name, value] of Object.entries(extra)) if (value) q.set(name, value);
  const key = q.toString();
  return useLoad(async (signal) => (await api.get<T>(`/statistics/${path}?${key}`, signal)).data, [key]);
}

function YearlyTab() {
  const i = useI18n();
  const { t, number } = i;
  const [params] = useSearchParams();
  const offices = useOffices();
  const year = yearOf(params);
  const data = useFigures<Yearly>("yearly", { year: String(year) });
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

const COHORT_OUTCOMES = ["recognized", "humanitarian", "rejected", "closed", "pending"] as const;
/** Colours of the design system's palette (green, light blue, red, grey, gold). */
const COHORT_COLOURS: Record<(typeof COHORT_OUTCOMES)[number], string> = {
  recognized: "#00a91c",
  humanitarian: "#73b3e7",
  rejected: "#d54309",
  closed: "#a9aeb1",
  pending: "#e5a000",
};

function CohortTab() {
  const i = useI18n();
  const { t, number, date } = i;
  const f = useFormats(i.locale);
  const [params] = useSearchParams();
  const offices = useOffices();
  const year = yearOf(params);
  const data = useFigures<Cohort>("cohort", { filedYear: String(year), asOf: params.get("asOf") });
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

const AGES = ["under6Months", "months6to12", "years1to2", "years2to3", "over3Years"] as const;

function PendingTab() {
  const i = useI18n();
  const { t, number, date } = i;
  const [params] = useSearchParams();
  const offices = useOffices();
  const data = useFigures<Pending>("pending", { asOf: params.get("asOf") });
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

function ReversalsTab({ definitions }: { definitions: Definition[] }) {
  const i = useI18n();
  const { t, number } = i;
  const [params] = useSearchParams();
  const offices = useOffices();
  const year = yearOf(params);
  const data = useFigures<Reversals>("reversals", { year: String(year) });
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

interface Tab {
  to: string;
  label: MessageKey;
  internal?: boolean;
}

function Tabs({ tabs }: { tabs: Tab[] }) {
  const { t } = useI18n();
  const { search } = useLocation();
  return (
    <nav aria-label={t("stats.tabs.label")} className="stat-tabs">
      <ul className="stat-tabs__list">
        {tabs.map((x) => (
          <li key={x.to}>
            <NavLink
              to={{ pathname: x.to, search }}
              end={x.to === "/stats"}
              className={`stat-tabs__link${x.internal ? " stat-tabs__link--internal" : ""}`}
            >
              {t(x.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function WithFilters({ withDate, children }: { withDate: boolean; children: ReactNode }) {
  const [params] = useSearchParams();
  return (
    <>
      {/* A new URL (back, forward, a tab) re-reads the form from it. */}
      <FilterForm key={params.toString()} withDate={withDate} />
      {children}
    </>
  );
}

export function Statistics() {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  const definitions = useDefinitions();
  const internal = hasRight(session.role, "statistics.decision_makers");
  const tabs: Tab[] = [
    { to: "/stats", label: "stats.tabs.yearly" },
    { to: "/stats/cohort", label: "stats.tabs.cohort" },
    { to: "/stats/pending", label: "stats.tabs.pending" },
    { to: "/stats/reversals", label: "stats.tabs.reversals" },
  ];
  if (internal)
    tabs.push({ to: "/stats/decision-makers", label: "stats.tabs.decisionMakers", internal: true });
  return (
    <>
      <h1>{t("stats.heading")}</h1>
      <p className="usa-intro">{t("stats.intro")}</p>
      <p>
        <a className="usa-link" href={locale === "en" ? "/statistics?lang=en" : "/statistics"}>
          {t("stats.publicPage")}
        </a>{" "}
        <span className="usa-hint">{t("stats.publicPageHint")}</span>
      </p>
      <Tabs tabs={tabs} />
      <Routes>
        <Route
          index
          element={
            <WithFilters withDate={false}>
              <YearlyTab />
            </WithFilters>
          }
        />
        <Route
          path="cohort"
          element={
            <WithFilters withDate>
              <CohortTab />
            </WithFilters>
          }
        />
        <Route
          path="pending"
          element={
            <WithFilters withDate>
              <PendingTab />
            </WithFilters>
          }
        />
        <Route
          path="reversals"
          element={
            <WithFilters withDate={false}>
              <ReversalsTab definitions={definitions} />
            </WithFilters>
          }
        />
        <Route path="decision-makers" element={<DecisionMakerView />} />
        <Route path="decision-makers/reversed" element={<ReversedCasesView />} />
      </Routes>
    </>
  );
}
