/**
 * The portal's interviews of a client's case (RA 16): each interview's date and whether its record
 * is signed; the lawyer requests a copy (the request is logged and the office sees it), and once
 * the record is signed downloads it as a printable UTF-8 text in Korean and English.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import {
  interviewClient,
  interviewKeys,
  interviewQueries,
  recordDownloadUrl,
  type PortalInterview,
} from "./api.ts";

function Row({ caseId, item }: { caseId: string; item: PortalInterview }) {
  const { t, date, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const request = useMutation({
    mutationFn: () => interviewClient.requestCopy(caseId, item.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: interviewKeys.portal(caseId) }),
  });
  const title = t("interviews.record.title", { date: date(item.interviewOn), time: item.startTime });
  return (
    <tr data-interview={item.id}>
      <th scope="row" data-label={t("interviews.record.when")}>
        {title}
      </th>
      <td data-label={t("interviews.record.status")}>{t(`interviews.record.state.${item.status}`)}</td>
      <td data-label={t("interviews.copy.heading")}>
        {item.copyRequestedAt ? (
          <span className="display-block">
            {t("interviews.copy.requestedAt", { at: dateTime(item.copyRequestedAt) })}
          </span>
        ) : (
          <button
            type="button"
            className="usa-button usa-button--outline"
            disabled={request.isPending}
            onClick={() => request.mutate()}
          >
            {t("interviews.copy.request")}
            <span className="usa-sr-only"> {title}</span>
          </button>
        )}
        {item.downloadable ? (
          <a className="usa-link display-block" href={recordDownloadUrl(caseId, item.id)} download>
            {t("interviews.copy.download")}
            <span className="usa-sr-only"> {title}</span>
          </a>
        ) : (
          item.copyRequestedAt && (
            <span className="display-block usa-hint">{t("interviews.copy.afterSigning")}</span>
          )
        )}
        {request.error ? <ProblemAlert error={request.error} /> : null}
      </td>
    </tr>
  );
}

export function PortalInterviews({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const list = useQuery(interviewQueries.portal(caseId));
  return (
    <section aria-labelledby="portal-interviews-heading" className="margin-top-4">
      <h2 id="portal-interviews-heading">{t("interviews.portal.heading")}</h2>
      <p className="usa-hint">{t("interviews.portal.intro")}</p>
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <p>{t("interviews.record.none")}</p>
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption className="usa-sr-only">{t("interviews.portal.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("interviews.record.when")}</th>
              <th scope="col">{t("interviews.record.status")}</th>
              <th scope="col">{t("interviews.copy.heading")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((i) => (
              <Row key={i.id} caseId={caseId} item={i} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
