/** The notices issued to a case: the day, the size, the SHA-256 recorded in the chain, and the PDF. */
import { useQuery } from "@tanstack/react-query";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { formatSize, Sha256 } from "../evidence/shared.tsx";
import { listNotices, noticeKeys, noticePdfUrl, type Door } from "./api.ts";

export function NoticeList({ caseId, door }: { caseId: string; door: Door }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const list = useQuery({
    queryKey: noticeKeys.list(door, caseId),
    queryFn: ({ signal }) => listNotices(door, caseId, signal),
  });
  if (list.error) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Loading />;
  if (list.data.length === 0) return <p>{t("notice.none")}</p>;
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked width-full notice-list">
      <caption>{t("notice.list.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("notice.list.issuedOn")}</th>
          <th scope="col">{t("notice.list.kind")}</th>
          <th scope="col">{t("notice.list.size")}</th>
          <th scope="col">{t("notice.list.sha256")}</th>
          <th scope="col">{t("notice.list.file")}</th>
        </tr>
      </thead>
      <tbody>
        {list.data.map((n) => {
          const label = t("notice.list.label", { date: date(n.issuedOn) });
          return (
            <tr key={n.documentId} data-document={n.documentId}>
              <th scope="row" data-label={t("notice.list.issuedOn")}>
                <time dateTime={n.issuedOn}>{date(n.issuedOn)}</time>
              </th>
              <td data-label={t("notice.list.kind")}>{t("notice.kind.decision_notice")}</td>
              <td data-label={t("notice.list.size")}>{formatSize(i18n, n.size)}</td>
              <td data-label={t("notice.list.sha256")}>
                <Sha256 hash={n.sha256} label={label} />
              </td>
              <td data-label={t("notice.list.file")}>
                <a
                  className="usa-link"
                  href={noticePdfUrl(door, caseId, n.documentId, false)}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t("notice.list.open")}
                  <span className="usa-sr-only"> {label}</span>
                </a>
                {" · "}
                <a className="usa-link" href={noticePdfUrl(door, caseId, n.documentId, true)} download>
                  {t("notice.list.download")}
                  <span className="usa-sr-only"> {label}</span>
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
