/** The lawyers' portal: their clients' cases only, with stage, deadlines and the notices served. */
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import {
  ApplicantName,
  CaseLink,
  DeadlineLegend,
  DeadlinesTable,
  Facts,
  Loading,
  shortId,
} from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { queries } from "../queries.ts";
import { officeName, useOffices } from "../reference.ts";
import { useVocabularies, useVocabulary } from "../vocabulary.ts";
import { PortalEvidence } from "./case/evidence/PortalEvidence.tsx";
import { PortalInterviews } from "./case/interviews/PortalInterviews.tsx";
import { PortalNotices } from "./case/notices/PortalNotices.tsx";

export function PortalList() {
  const { t, date, locale } = useI18n();
  const offices = useOffices();
  const list = useQuery(queries.portalCases());
  const words = useVocabularies((list.data ?? []).map((c) => c.profile));
  return (
    <>
      <h1>{t("portal.heading")}</h1>
      <p className="usa-intro">{t("portal.intro")}</p>
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t("portal.cases")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("deadline.case")}</th>
              <th scope="col">{t("case.stage")}</th>
              <th scope="col">{t("case.office")}</th>
              <th scope="col">{t("case.filedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.length === 0 && (
              <tr>
                <td colSpan={4}>{t("portal.empty")}</td>
              </tr>
            )}
            {list.data.map((c) => (
              <tr key={c.id}>
                <th scope="row" data-label={t("deadline.case")}>
                  <ApplicantName names={c.names} />
                  <div>
                    <CaseLink id={c.id} number={c.caseNumber} portal />
                  </div>
                </th>
                <td data-label={t("case.stage")}>{words.of(c.profile).stage(c.stage)}</td>
                <td data-label={t("case.office")}>{officeName(offices, c.office, locale)}</td>
                <td data-label={t("case.filedOn")}>{date(c.filedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function PortalCasePage() {
  const { id = "" } = useParams();
  const { t, tv, date, locale } = useI18n();
  const offices = useOffices();
  const c = useQuery(queries.portalCase(id));
  const words = useVocabulary(c.data?.profile);
  if (c.error)
    return (
      <>
        <h1>{t("case.notFound.heading")}</h1>
        <ProblemAlert error={c.error} />
      </>
    );
  if (!c.data) return <Loading />;
  const v = c.data;
  return (
    <>
      <h1>{t("portal.caseHeading", { id: v.caseNumber ?? shortId(v.id) })}</h1>
      <p className="usa-intro">
        <ApplicantName names={v.names} />
      </p>
      <p className="case-head__meta">
        <span>{officeName(offices, v.office, locale)}</span>
        <span>{t("case.filedOnValue", { date: date(v.filedOn) })}</span>
      </p>
      <div className="grid-row grid-gap-lg">
        <section className="grid-col-12 desktop:grid-col-7 case-section" aria-labelledby="p-status">
          <h2 id="p-status">{t("case.status.heading")}</h2>
          <Facts
            items={[
              [t("case.stage"), words.stage(v.stage)],
              [t("case.applicantStatus"), tv("applicantStatus", v.applicantStatus)],
              [t("case.protection"), tv("protection", v.protection)],
              [
                t("case.finality"),
                v.final
                  ? t("case.finalSince", { date: date(v.finalSince) })
                  : v.redecisionRequired
                    ? t("case.redecisionRequired")
                    : t("case.notFinal"),
              ],
            ]}
          />
          <h2>{t("case.deadlines.heading")}</h2>
          <DeadlinesTable deadlines={v.deadlines} vocabulary={words} withParty closed={v.final} />
          <DeadlineLegend />
        </section>
        <section className="grid-col-12 desktop:grid-col-5 case-section" aria-labelledby="p-notices">
          <h2 id="p-notices">{t("portal.notices")}</h2>
          <ol className="timeline">
            {[...v.notices].reverse().map((n, i) => (
              <li key={`${n.type}-${n.occurredOn}-${i}`} className="timeline__item">
                <p className="timeline__title">
                  <time dateTime={n.occurredOn}>{date(n.occurredOn)}</time>{" "}
                  <strong>{words.event(n.type)}</strong>
                </p>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <PortalNotices caseId={v.id} />
      <PortalEvidence caseId={v.id} />
      <PortalInterviews caseId={v.id} />
    </>
  );
}
