/** "Loading…", announced politely: a page, a section or a table still waiting for the server. */
import { useI18n } from "../i18n/index.tsx";

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="usa-hint" role="status" aria-live="polite">
      {t("common.loading")}
    </p>
  );
}
