/**
 * On the approvals screen: the changes to signed interview records that wait for this supervisor
 * (never their own), each a link to the interview where the change is read and approved or
 * returned.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { interviewQueries } from "./api.ts";

export function PendingInterviewChanges() {
  const { t, date, dateTime } = useI18n();
  const list = useQuery(interviewQueries.pending());
  if (list.error) return <ProblemAlert error={list.error} />;
  if (!list.data || list.data.length === 0) return null;
  return (
    <section aria-labelledby="interview-changes-heading" className="margin-top-4">
      <h2 id="interview-changes-heading">{t("interviews.change.waitingHeading")}</h2>
      <ul className="usa-list">
        {list.data.map((q) => (
          <li key={q.requestId} data-change={q.requestId}>
            <Link className="usa-link" to={`/cases/${q.caseId}/interviews/${q.interviewId}`}>
              {t("interviews.change.waitingItem", {
                caseNumber: q.caseNumber ?? q.caseId,
                date: date(q.interviewOn),
                n: q.position,
              })}
            </Link>{" "}
            {t("interviews.version.by", { who: q.requestedBy, at: dateTime(q.requestedAt) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
