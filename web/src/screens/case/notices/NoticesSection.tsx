/**
 * The case page's notices: "Preview notice" typesets the notice of the decision awaiting approval
 * (or of the last decision) and opens it as a PDF; below, the notices issued when their service
 * was recorded, each with the SHA-256 the case's chain holds, to open or download.
 */
import { useState } from "react";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { previewNotice } from "./api.ts";
import { NoticeList } from "./NoticeList.tsx";
import "./notices.css";

export function NoticesSection({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  if (!hasRight(session.role, "case.read")) return null;

  const preview = async () => {
    setBusy(true);
    setError(null);
    try {
      const blob = await previewNotice(caseId);
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      const url = URL.createObjectURL(blob);
      setPreviewUrl(url);
      window.open(url, "_blank", "noopener");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="notices-heading" className="case-section notices-section">
      <h2 id="notices-heading">{t("notice.heading")}</h2>
      <p className="usa-hint">{t("notice.intro")}</p>
      <button
        type="button"
        className="usa-button usa-button--outline"
        onClick={() => void preview()}
        disabled={busy}
      >
        {busy ? t("notice.preview.busy") : t("notice.preview.open")}
      </button>
      {previewUrl && (
        <p role="status" className="margin-y-1">
          <a className="usa-link" href={previewUrl} target="_blank" rel="noreferrer">
            {t("notice.preview.again")}
          </a>
        </p>
      )}
      {error !== null && <ProblemAlert error={error} />}
      <h3>{t("notice.issued")}</h3>
      <NoticeList caseId={caseId} door="workspace" />
    </section>
  );
}
