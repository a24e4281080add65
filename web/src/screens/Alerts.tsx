/**
 * Open alerts (right alerts.read): administrators see every office's, supervisors those about
 * their own office's cases (the server decides). Each refused disclosure raises one: critical when
 * it was addressed to the applicant's country of origin, a warning when its recipient waits for a
 * supervisor's confirmation (docs/security.md requirement 8).
 */
import { Tag } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { hasRight } from "../../../src/security/access/rights.ts";
import { CaseLink, Loading, shortId } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { queries } from "../queries.ts";
import { useSignedIn } from "../session.tsx";

export function Alerts() {
  const { t, tv, dateTime } = useI18n();
  const session = useSignedIn();
  const alerts = useQuery(queries.alerts());
  const readsCases = hasRight(session.role, "case.read");
  return (
    <>
      <h1>{t("alerts.heading")}</h1>
      <p className="usa-intro">{t("alerts.intro")}</p>
      {alerts.isError ? (
        <ProblemAlert error={alerts.error} />
      ) : !alerts.data ? (
        <Loading />
      ) : alerts.data.length === 0 ? (
        <p>{t("alerts.none")}</p>
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption className="usa-sr-only">{t("alerts.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("alerts.at")}</th>
              <th scope="col">{t("alerts.severity")}</th>
              <th scope="col">{t("alerts.kind")}</th>
              <th scope="col">{t("alerts.case")}</th>
              <th scope="col">{t("alerts.requestedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.data.map((a) => {
              const caseId = typeof a.details.caseId === "string" ? a.details.caseId : null;
              const by = typeof a.details.requestedBy === "string" ? a.details.requestedBy : "";
              return (
                <tr key={a.id}>
                  <th scope="row" data-label={t("alerts.at")}>
                    {dateTime(a.at)}
                  </th>
                  <td data-label={t("alerts.severity")}>
                    <Tag className={a.severity === "critical" ? "bg-secondary-dark" : "bg-gold text-ink"}>
                      {tv("alerts.severityOf", a.severity)}
                    </Tag>
                  </td>
                  <td data-label={t("alerts.kind")}>{tv("alerts.kindOf", a.kind)}</td>
                  <td data-label={t("alerts.case")}>
                    {caseId ? (
                      readsCases ? (
                        <CaseLink id={caseId} />
                      ) : (
                        t("common.caseNo", { id: shortId(caseId) })
                      )
                    ) : (
                      t("common.none")
                    )}
                  </td>
                  <td data-label={t("alerts.requestedBy")}>{by}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
