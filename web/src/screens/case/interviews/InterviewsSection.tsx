/**
 * The case page's interviews: each interview of the case with its date and time, mode and place,
 * language, whether the record is signed, its segments and any change waiting for a supervisor or
 * copy requested through the portal, each a link to the interview's page; and, for examiners, a
 * link to schedule one.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { languageName } from "../../../components/codes.ts";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { interviewQueries } from "./api.ts";
import "./interviews.css";

export function InterviewsSection({ caseId }: { caseId: string }) {
  const { t, date, number, locale } = useI18n();
  const session = useSignedIn();
  const list = useQuery(interviewQueries.list(caseId));
  const mayRecord = hasRight(session.role, "event.examination");
  return (
    <section aria-labelledby="interviews-heading" className="case-section interviews-section">
      <h2 id="interviews-heading">{t("interviews.record.heading")}</h2>
      {mayRecord && (
        <p>
          <Link className="usa-button usa-button--outline" to={`/cases/${caseId}/interviews/new`}>
            {t("interviews.record.schedule")}
          </Link>
        </p>
      )}
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <p>{t("interviews.record.none")}</p>
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t("interviews.record.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("interviews.record.when")}</th>
              <th scope="col">{t("interviews.record.where")}</th>
              <th scope="col">{t("interviews.language")}</th>
              <th scope="col">{t("interviews.record.status")}</th>
              <th scope="col">{t("interviews.record.transcript")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((i) => {
              const pending = i.changeRequests.filter((c) => c.status === "pending").length;
              return (
                <tr key={i.id} data-interview={i.id}>
                  <th scope="row" data-label={t("interviews.record.when")}>
                    <Link className="usa-link" to={`/cases/${caseId}/interviews/${i.id}`}>
                      {t("interviews.record.title", { date: date(i.interviewOn), time: i.startTime })}
                    </Link>
                  </th>
                  <td data-label={t("interviews.record.where")}>
                    {t(`interviews.record.mode.${i.mode}`)}
                    <span className="display-block font-body-3xs text-base">{i.place}</span>
                  </td>
                  <td data-label={t("interviews.language")}>{languageName(locale, i.language)}</td>
                  <td data-label={t("interviews.record.status")}>
                    {t(`interviews.record.state.${i.status}`)}
                    {pending > 0 && (
                      <strong className="display-block">
                        {t("interviews.change.pendingCount", { n: number(pending) })}
                      </strong>
                    )}
                    {i.copyRequests.length > 0 && (
                      <span className="display-block font-body-3xs">
                        {t("interviews.copy.requestedCount", { n: number(i.copyRequests.length) })}
                      </span>
                    )}
                  </td>
                  <td data-label={t("interviews.record.transcript")}>
                    {t("interviews.record.segmentCount", { n: number(i.segments.length) })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
