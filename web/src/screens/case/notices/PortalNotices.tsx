/** A lawyer's view of their client's issued notices: each PDF with its SHA-256, to download. */
import { useI18n } from "../../../i18n/index.tsx";
import { NoticeList } from "./NoticeList.tsx";
import "./notices.css";

export function PortalNotices({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="portal-notices-heading" className="case-section">
      <h2 id="portal-notices-heading">{t("notice.portal.heading")}</h2>
      <p className="usa-hint">{t("notice.portal.intro")}</p>
      <NoticeList caseId={caseId} door="portal" />
    </section>
  );
}
