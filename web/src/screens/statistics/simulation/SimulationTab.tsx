/**
 * Simulating re-application policies on history (docs/reapplication-simulation.md): the analyst
 * chooses policies and a period, follows the run's progress, and reads, per policy, how many
 * re-applications it would have screened out and how many of those were in fact later protected
 * or won in court (the false negatives), as bounds (strict, generous) with 95 % Wilson intervals,
 * broken down by nationality, sur place and representation.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Loading } from "../../../components/Loading.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n, type MessageKey } from "../../../i18n/index.tsx";
import { useOffices } from "../../../reference.ts";
import { categoryLabel, useFormats } from "../../../statistics.ts";
import { PublishImpact } from "./PublishImpact.tsx";
import {
  simulationApi,
  type PolicySimulation,
  type Proportion,
  type SimulationCell,
  type SimulationReport,
  type SimulationRun,
} from "./api.ts";

const DEFAULT_POLICIES = ["kr-2021-bill", "kr-2025-bill", "eu-2024-1348"];
const BREAKDOWNS = ["nationality", "surPlace", "representation"] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

function Interval({ p }: { p: Proportion }) {
  const { t, locale } = useI18n();
  const f = useFormats(locale);
  if (p.share === null) return <>{t("stats.notDefined")}</>;
  return (
    <>
      <span className="stat-rate">{f.percent(p.share)}</span>{" "}
      <span className="stat-nd">
        {t("stats.sim.interval", { low: f.percent(p.low) ?? "", high: f.percent(p.high) ?? "" })}
      </span>
    </>
  );
}

/** "a–b", or "a" when both bounds agree. */
function range(number: (n: number) => string, low: number, high: number): string {
  return low === high ? number(low) : `${number(low)}–${number(high)}`;
}

function PolicyResult({ p }: { p: PolicySimulation }) {
  const i = useI18n();
  const { t, number, locale } = i;
  const offices = useOffices();
  const [by, setBy] = useState<Breakdown>("nationality");
  const c = p.total;
  const title = locale === "ko" ? p.title.ko : p.title.en;
  const label = (b: Breakdown, category: string) =>
    b === "nationality"
      ? categoryLabel(i, offices, "nationality", category)
      : t(`stats.sim.cat.${category}` as MessageKey);
  return (
    <section className="sim-policy" aria-labelledby={`sim-${p.policyId}`}>
      <h3 id={`sim-${p.policyId}`}>
        {title} <span className="usa-tag">{t(`stats.sim.standing.${p.standing}` as MessageKey)}</span>
      </h3>
      <p>
        {t("stats.sim.reviewed", {
          reviewed: number(c.reviewed),
          n: number(c.reapplications),
          none: number(c.withoutPriorEnding),
        })}
      </p>
      {!p.screensOut && (
        <p className="usa-alert__text">
          {t("stats.sim.keeps", { low: number(c.generous.ineligible), high: number(c.strict.ineligible) })}
        </p>
      )}
      {p.screensOut && (
        <table className="usa-table usa-table--borderless usa-table--compact stat-table">
          <caption>{t("stats.sim.caption", { policy: p.policyId })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("stats.sim.bound")}</th>
              <th scope="col">{t("stats.sim.screenedOut")}</th>
              <th scope="col">{t("stats.sim.screenedOutShare")}</th>
              <th scope="col">{t("stats.sim.falseNegatives")}</th>
              <th scope="col">{t("stats.sim.fnDetail")}</th>
              <th scope="col">{t("stats.sim.fnShare")}</th>
            </tr>
          </thead>
          <tbody>
            {(["strict", "generous"] as const).map((b) => (
              <tr key={b}>
                <th scope="row">
                  {t(`stats.sim.${b}` as MessageKey)}
                  <div className="usa-hint">{t(`stats.sim.${b}Hint` as MessageKey)}</div>
                </th>
                <td data-label={t("stats.sim.screenedOut")}>{number(c[b].screenedOut)}</td>
                <td data-label={t("stats.sim.screenedOutShare")}>
                  <Interval p={c[b].screenedOutShare} />
                </td>
                <td data-label={t("stats.sim.falseNegatives")}>{number(c[b].falseNegatives.total)}</td>
                <td data-label={t("stats.sim.fnDetail")}>
                  {t("stats.sim.fnParts", {
                    recognized: number(c[b].falseNegatives.recognized),
                    humanitarian: number(c[b].falseNegatives.humanitarian),
                    annulled: number(c[b].falseNegatives.annulled),
                  })}
                </td>
                <td data-label={t("stats.sim.fnShare")}>
                  <Interval p={c[b].falseNegativeShare} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.screensOut && (
        <>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor={`sim-by-${p.policyId}`}>
              {t("stats.sim.breakdown")}
            </label>
            <select
              id={`sim-by-${p.policyId}`}
              className="usa-select"
              value={by}
              onChange={(e) => setBy(e.target.value as Breakdown)}
            >
              {BREAKDOWNS.map((b) => (
                <option key={b} value={b}>
                  {t(`stats.sim.by.${b}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <table className="usa-table usa-table--borderless usa-table--compact stat-table">
            <caption>
              {t("stats.sim.breakdownCaption", { by: t(`stats.sim.by.${by}` as MessageKey) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`stats.sim.by.${by}` as MessageKey)}</th>
                <th scope="col">{t("stats.sim.reapplications")}</th>
                <th scope="col">{t("stats.sim.screenedOutRange")}</th>
                <th scope="col">{t("stats.sim.fnRange")}</th>
                <th scope="col">{t("stats.sim.laterProtected")}</th>
              </tr>
            </thead>
            <tbody>
              {p.breakdowns[by].map((row) => (
                <BreakdownRow key={row.category} label={label(by, row.category)} f={row.figures} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function BreakdownRow({ label, f }: { label: string; f: SimulationCell }) {
  const { t, number } = useI18n();
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-label={t("stats.sim.reapplications")}>{number(f.reapplications)}</td>
      <td data-label={t("stats.sim.screenedOutRange")}>
        {range(number, f.generous.screenedOut, f.strict.screenedOut)}
      </td>
      <td data-label={t("stats.sim.fnRange")}>
        {range(number, f.generous.falseNegatives.total, f.strict.falseNegatives.total)}
      </td>
      <td data-label={t("stats.sim.laterProtected")}>{number(f.laterProtectedOrAnnulled)}</td>
    </tr>
  );
}

function Report({ report }: { report: SimulationReport }) {
  const { t, number } = useI18n();
  return (
    <section aria-labelledby="sim-report-h">
      <h2 id="sim-report-h">{t("stats.sim.reportHeading", { from: report.from, to: report.to })}</h2>
      <p>
        {t("stats.sim.summary", {
          n: number(report.reapplications),
          asOf: report.asOf,
          classified: number(report.classification.classified),
          unclassified: number(report.classification.unclassified),
          nothing: number(report.classification.withoutElements),
        })}
      </p>
      {report.office && <p className="usa-hint">{t("stats.sim.officeOnly", { office: report.office })}</p>}
      {report.policies.map((p) => (
        <PolicyResult key={p.policyId} p={p} />
      ))}
    </section>
  );
}

function Progress({ run }: { run: SimulationRun }) {
  const { t, number } = useI18n();
  const { phase, done, total } = run.progress;
  return (
    <div role="status" aria-live="polite" className="sim-progress">
      <label htmlFor="sim-progress">
        {t(`stats.sim.phase.${phase}` as MessageKey)}
        {total > 0 ? ` (${number(done)} / ${number(total)})` : ""}
      </label>
      <progress id="sim-progress" max={total || 1} value={total ? done : 0} />
    </div>
  );
}

export function SimulationTab() {
  const { t, locale } = useI18n();
  const index = useQuery({
    queryKey: ["statistics", "simulations"],
    queryFn: ({ signal }) => simulationApi.index(signal),
  });
  const [chosen, setChosen] = useState<string[]>(DEFAULT_POLICIES);
  const [from, setFrom] = useState("2019");
  const [to, setTo] = useState("2024");
  const [runId, setRunId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => simulationApi.start({ policies: chosen, from: Number(from), to: Number(to) }),
    onSuccess: (run) => setRunId(run.id),
  });
  const run = useQuery({
    queryKey: ["statistics", "simulations", runId],
    queryFn: ({ signal }) => simulationApi.run(runId ?? "", signal),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data?.status === "running" ? 500 : false),
  });
  if (index.error) return <ProblemAlert error={index.error} />;
  if (!index.data) return <Loading />;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  const current = run.data;
  return (
    <section aria-labelledby="sim-h">
      <h2 id="sim-h">{t("stats.sim.heading")}</h2>
      <p className="usa-intro">{t("stats.sim.intro")}</p>
      <form className="usa-form usa-form--large" onSubmit={onSubmit}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("stats.sim.policies")}</legend>
          {index.data.policies.map((p) => (
            <div className="usa-checkbox" key={p.id}>
              <input
                className="usa-checkbox__input"
                type="checkbox"
                id={`sim-p-${p.id}`}
                checked={chosen.includes(p.id)}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))
                }
              />
              <label className="usa-checkbox__label" htmlFor={`sim-p-${p.id}`}>
                {t("stats.sim.policyLabel", { id: p.id, title: locale === "ko" ? p.title.ko : p.title.en })}
                <span className="usa-checkbox__label-description">
                  {t(`stats.sim.standing.${p.standing}` as MessageKey)}
                  {p.screensOut ? "" : ` · ${t("stats.sim.keepsStatus")}`}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <div className="sim-period">
          <label className="usa-label" htmlFor="sim-from">
            {t("stats.sim.from")}
          </label>
          <input
            className="usa-input usa-input--small"
            id="sim-from"
            inputMode="numeric"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <label className="usa-label" htmlFor="sim-to">
            {t("stats.sim.to")}
          </label>
          <input
            className="usa-input usa-input--small"
            id="sim-to"
            inputMode="numeric"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <button
          className="usa-button"
          type="submit"
          disabled={start.isPending || chosen.length === 0 || current?.status === "running"}
        >
          {t("stats.sim.run")}
        </button>
      </form>
      {start.error && <ProblemAlert error={start.error} />}
      {run.error && <ProblemAlert error={run.error} />}
      {current?.status === "running" && <Progress run={current} />}
      {current?.status === "failed" && (
        <div className="usa-alert usa-alert--error" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{current.error}</p>
          </div>
        </div>
      )}
      {current?.status === "done" && current.report && (
        <>
          <Report report={current.report} />
          <PublishImpact run={current} />
        </>
      )}
    </section>
  );
}
