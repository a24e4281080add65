/**
 * The internal decision-maker view (supervisors, for their own office, and analysts): each
 * examiner's, committee panel's or court panel's grant rate with its 95 % Wilson interval, only
 * from 30 substantive decisions, beside the rate expected from their own mix of nationalities;
 * and, for an examiner, the refusals later reversed, as feedback. Never published.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Label, Select } from "@trussworks/react-uswds";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { Loading, PlainInput } from "../../components/common.tsx";
import { DefinitionDetails, TableWrap } from "../../components/DefinitionDetails.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { officeName, useOffices } from "../../reference.ts";
import { LEVEL_GROUPS, useFormats, type DecisionMakerRate } from "../../statistics.ts";
import { queries } from "../../queries.ts";
import { InternalNotice, periodOf } from "./internal.tsx";

function PeriodForm() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const p = periodOf(params);
  const [from, setFrom] = useState(p.from);
  const [to, setTo] = useState(p.to);
  const [levels, setLevels] = useState(p.levels);
  function apply(e: FormEvent) {
    e.preventDefault();
    const q = new URLSearchParams(params);
    q.set("from", from);
    q.set("to", to);
    q.set("levels", levels);
    setParams(q);
  }
  return (
    <form className="filters" onSubmit={apply} aria-label={t("stats.dm.period")}>
      <div className="filters__field">
        <Label htmlFor="dm-from">{t("stats.dm.from")}</Label>
        <PlainInput
          id="dm-from"
          name="from"
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
      </div>
      <div className="filters__field">
        <Label htmlFor="dm-to">
          {t("stats.dm.to")}
          <span className="usa-hint">{t("stats.dm.toHint")}</span>
        </Label>
        <PlainInput
          id="dm-to"
          name="to"
          type="date"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      <div className="filters__field">
        <Label htmlFor="dm-levels">{t("stats.dm.levels")}</Label>
        <Select id="dm-levels" name="levels" value={levels} onChange={(e) => setLevels(e.target.value)}>
          {LEVEL_GROUPS.map((l) => (
            <option key={l} value={l}>
              {t(`stats.dm.level.${l}` as MessageKey)}
            </option>
          ))}
        </Select>
      </div>
      <div className="filters__field filters__submit">
        <Button type="submit">{t("stats.show")}</Button>
      </div>
    </form>
  );
}

/** A step for the axis: the largest value shown, rounded up to a round share. */
function axisMax(v: number): number {
  for (const m of [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1]) if (v <= m) return m;
  return 1;
}

/** Each decision-maker's rate (dot), interval (line) and expected rate (diamond). */
function IntervalPlot({ rates }: { rates: DecisionMakerRate[] }) {
  const { t, locale } = useI18n();
  const f = useFormats(locale);
  const max = axisMax(Math.max(...rates.map((r) => Math.max(r.interval.high, r.expected))));
  const labelW = 190;
  const width = 760;
  const right = 20;
  const rowH = 22;
  const top = 10;
  const plotW = width - labelW - right;
  const height = top + rates.length * rowH + 30;
  const x = (v: number) => labelW + (v / max) * plotW;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((k) => k * max);
  return (
    <figure className="stat-figure">
      <svg
        role="img"
        aria-labelledby="dm-svg-t dm-svg-d"
        viewBox={`0 0 ${width} ${height}`}
        className="stat-svg"
      >
        <title id="dm-svg-t">{t("stats.dm.chartTitle")}</title>
        <desc id="dm-svg-d">{t("stats.dm.chartDesc")}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={top - 4} y2={height - 24} stroke="#dfe1e2" />
            <text x={x(v)} y={height - 8} textAnchor="middle" className="stat-svg__tick">
              {f.axis(v)}
            </text>
          </g>
        ))}
        {rates.map((r, k) => {
          const y = top + k * rowH + rowH / 2;
          const e = x(r.expected);
          return (
            <g key={r.decisionMaker}>
              <text x={labelW - 8} y={y + 4} textAnchor="end" className="stat-svg__label">
                {r.decisionMaker}
              </text>
              <line
                x1={x(r.interval.low)}
                x2={x(r.interval.high)}
                y1={y}
                y2={y}
                stroke="#1a4480"
                strokeWidth={2}
              />
              <line
                x1={x(r.interval.low)}
                x2={x(r.interval.low)}
                y1={y - 5}
                y2={y + 5}
                stroke="#1a4480"
                strokeWidth={2}
              />
              <line
                x1={x(r.interval.high)}
                x2={x(r.interval.high)}
                y1={y - 5}
                y2={y + 5}
                stroke="#1a4480"
                strokeWidth={2}
              />
              <path
                d={`M${e} ${y - 6} L${e + 6} ${y} L${e} ${y + 6} L${e - 6} ${y} Z`}
                fill="#d54309"
                opacity={0.85}
              />
              <circle cx={x(r.rate)} cy={y} r={5} fill="#1a4480" />
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="stat-legend">
          <li>
            <svg width="16" height="16" aria-hidden="true">
              <circle cx="8" cy="8" r="5" fill="#1a4480" />
            </svg>
            {t("stats.dm.legend.rate")}
          </li>
          <li>
            <svg width="24" height="16" aria-hidden="true">
              <line x1="2" x2="22" y1="8" y2="8" stroke="#1a4480" strokeWidth={2} />
            </svg>
            {t("stats.dm.legend.interval")}
          </li>
          <li>
            <svg width="16" height="16" aria-hidden="true">
              <path d="M8 2 L14 8 L8 14 L2 8 Z" fill="#d54309" />
            </svg>
            {t("stats.dm.legend.expected")}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

export function DecisionMakerView() {
  const i = useI18n();
  const { t, number, date, locale } = i;
  const f = useFormats(locale);
  const offices = useOffices();
  const [params] = useSearchParams();
  const p = periodOf(params);
  const key = new URLSearchParams(p).toString();
  const data = useQuery({
    ...queries.figures("decision-makers", key),
    placeholderData: keepPreviousData,
  });
  const reversedLink = (examiner: string) =>
    `/stats/decision-makers/reversed?${new URLSearchParams({ ...Object.fromEntries(params), ...p, examiner }).toString()}`;
  return (
    <section aria-labelledby="dm-h">
      <h2 id="dm-h" className="stat-internal__heading">
        {t("stats.dm.heading")}
      </h2>
      <InternalNotice />
      <PeriodForm key={key} />
      {data.error ? (
        <ProblemAlert error={data.error} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <>
          <p className="stat-summary">
            {t("stats.dm.summary", {
              from: date(data.data.from),
              to: date(data.data.to),
              level: t(`stats.dm.level.${data.data.levels}` as MessageKey),
            })}{" "}
            {data.data.office
              ? t("stats.dm.scopeOffice", { office: officeName(offices, data.data.office, locale) })
              : t("stats.dm.scopeAll")}
          </p>
          <DefinitionDetails definition={data.data.definition} open />
          <p className="stat-threshold" role="status">
            {t("stats.dm.threshold", {
              shown: number(data.data.rates.length),
              n: number(data.data.belowThreshold),
              min: number(data.data.minimumDecisions),
            })}
          </p>
          {data.data.rates.length > 0 && <IntervalPlot rates={data.data.rates} />}
          <TableWrap label={t("stats.dm.caption")}>
            <table className="usa-table usa-table--borderless usa-table--compact stat-table">
              <caption>{t("stats.dm.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("stats.dm.decisionMaker")}</th>
                  <th scope="col">{t("stats.dm.substantive")}</th>
                  <th scope="col">{t("stats.dm.granted")}</th>
                  <th scope="col">{t("stats.dm.rate")}</th>
                  <th scope="col">{t("stats.dm.interval")}</th>
                  <th scope="col">{t("stats.dm.expected")}</th>
                  {data.data.levels === "first_instance" && <th scope="col">{t("stats.dm.feedback")}</th>}
                </tr>
              </thead>
              <tbody>
                {data.data.rates.length === 0 && (
                  <tr>
                    <td colSpan={7}>{t("stats.dm.none", { min: number(data.data.minimumDecisions) })}</td>
                  </tr>
                )}
                {data.data.rates.map((r) => (
                  <tr key={r.decisionMaker}>
                    <th scope="row" data-label={t("stats.dm.decisionMaker")}>
                      {r.decisionMaker}
                    </th>
                    <td data-label={t("stats.dm.substantive")}>{number(r.substantive)}</td>
                    <td data-label={t("stats.dm.granted")}>{number(r.granted)}</td>
                    <td data-label={t("stats.dm.rate")}>{f.percent(r.rate)}</td>
                    <td data-label={t("stats.dm.interval")}>
                      {t("stats.dm.intervalValue", {
                        low: f.percent(r.interval.low) ?? "",
                        high: f.percent(r.interval.high) ?? "",
                      })}
                    </td>
                    <td data-label={t("stats.dm.expected")}>{f.percent(r.expected)}</td>
                    {data.data.levels === "first_instance" && (
                      <td data-label={t("stats.dm.feedback")}>
                        <Link className="usa-link" to={reversedLink(r.decisionMaker)}>
                          {t("stats.dm.reversedLink", { name: r.decisionMaker })}
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}
