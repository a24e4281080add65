/** An examiner's first-instance refusals later reversed, as feedback (internal, never published). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { CaseLink, Loading } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { officeName, useOffices } from "../../reference.ts";
import { queries } from "../../queries.ts";
import { InternalNotice, periodOf } from "./internal.tsx";

/** An examiner's first-instance refusals later reversed, each a link to its case. */
export function ReversedCasesView() {
  const { t, tv, date, locale } = useI18n();
  const offices = useOffices();
  const [params] = useSearchParams();
  const p = periodOf(params);
  const examiner = params.get("examiner") ?? "";
  const key = new URLSearchParams({ examiner, from: p.from, to: p.to }).toString();
  const data = useQuery({
    ...queries.figures("decision-makers/reversed-cases", key),
    placeholderData: keepPreviousData,
  });
  const back = new URLSearchParams(params);
  back.delete("examiner");
  return (
    <section aria-labelledby="rc-h">
      <h2 id="rc-h">{t("stats.rc.heading", { name: examiner })}</h2>
      <InternalNotice />
      <p>
        <Link className="usa-link" to={`/stats/decision-makers?${back.toString()}`}>
          {t("stats.rc.back")}
        </Link>
      </p>
      <p className="stat-summary">{t("stats.rc.intro", { from: date(p.from), to: date(p.to) })}</p>
      {data.error ? (
        <ProblemAlert error={data.error} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked stat-table">
          <caption>{t("stats.rc.caption", { name: examiner, n: data.data.cases.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("stats.rc.case")}</th>
              <th scope="col">{t("stats.dim.office")}</th>
              <th scope="col">{t("stats.rc.refusedOn")}</th>
              <th scope="col">{t("stats.rc.reversedOn")}</th>
              <th scope="col">{t("stats.rc.level")}</th>
            </tr>
          </thead>
          <tbody>
            {data.data.cases.length === 0 && (
              <tr>
                <td colSpan={5}>{t("stats.rc.none")}</td>
              </tr>
            )}
            {data.data.cases.map((c) => (
              <tr key={`${c.caseId}-${c.level}-${c.reversedOn}`}>
                <th scope="row" data-label={t("stats.rc.case")}>
                  <CaseLink id={c.caseId} />
                </th>
                <td data-label={t("stats.dim.office")}>{officeName(offices, c.officeId, locale)}</td>
                <td data-label={t("stats.rc.refusedOn")}>
                  <time dateTime={c.refusedOn}>{date(c.refusedOn)}</time>
                </td>
                <td data-label={t("stats.rc.reversedOn")}>
                  <time dateTime={c.reversedOn}>{date(c.reversedOn)}</time>
                </td>
                <td data-label={t("stats.rc.level")}>{tv("stats.rc.levels", c.level)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
