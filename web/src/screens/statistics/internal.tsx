/** The decision-maker pages' shared pieces: the period in the URL, and the notice that they are internal. */
import { Alert } from "@trussworks/react-uswds";
import { useI18n } from "../../i18n/index.tsx";
import { LEVEL_GROUPS, yearOf } from "../../statistics.ts";

/** The period and level in the URL, or the calendar year shown and first instance. */
export function periodOf(params: URLSearchParams) {
  const year = yearOf(params);
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const levels = params.get("levels") ?? "";
  return {
    from: date.test(from) ? from : `${year}-01-01`,
    to: date.test(to) ? to : `${year + 1}-01-01`,
    levels: (LEVEL_GROUPS as readonly string[]).includes(levels) ? levels : "first_instance",
  };
}

export function InternalNotice() {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      headingLevel="h2"
      heading={t("stats.dm.internal.heading")}
      className="stat-internal"
    >
      {t("stats.dm.internal.text")}
    </Alert>
  );
}
