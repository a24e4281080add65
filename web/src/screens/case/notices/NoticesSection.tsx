/**
 * The case page's notices: "Preview notice" typesets the notice of the decision awaiting approval
 * (or of the last decision) and opens it as a PDF; below, the notices issued when their service
 * was recorded, each with the SHA-256 the case's chain holds, to open or download.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { languageName } from "../../../components/codes.ts";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { previewNotice } from "./api.ts";
import { NoticeList } from "./NoticeList.tsx";
import { translationQueries, type JobSummary } from "../translations/api.ts";
import "./notices.css";

/** The decision notice's translations requested on the case (one per decision and language). */
function useNoticeTranslations(caseId: string, enabled: boolean): JobSummary[] {
  const q = useQuery({ ...translationQueries.translatables(caseId), enabled });
  return (q.data ?? [])
    .filter((x) => x.kind === "decision_notice")
    .flatMap((x) => x.jobs)
    .filter((j) => j.state !== "cancelled");
}

export function NoticesSection({ caseId }: { caseId: string }) {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const mayTranslate =
    hasRight(session.role, "translation.request") || hasRight(session.role, "translation.work");
  const translations = useNoticeTranslations(caseId, mayTranslate && hasRight(session.role, "case.read"));
  if (!hasRight(session.role, "case.read")) return null;

  const preview = async (language?: string) => {
    setBusy(true);
    setError(null);
    try {
      const blob = await previewNotice(caseId, language);
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
      {translations.length > 0 && (
        <ul className="usa-list usa-list--unstyled margin-top-1 notices-translations">
          {translations.map((j) => {
            const reviewed = j.counts.reviewed + j.counts.final;
            const total = j.counts.initial + j.counts.translated + reviewed;
            const language = languageName(locale, j.targetLanguage);
            return (
              <li key={j.id} className="margin-bottom-1">
                <span>
                  {j.state === "final"
                    ? t("notice.translation.final", {
                        language,
                        translator: j.translator?.name ?? "—",
                        reviewer: j.reviewer?.name ?? "—",
                      })
                    : t("notice.translation.open", { language, reviewed, total })}
                </span>{" "}
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  onClick={() => void preview(j.targetLanguage)}
                  disabled={busy}
                >
                  {t("notice.translation.preview", { language })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
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
