/**
 * A case's decision draft, where one is the latest word: waiting for a supervisor's approval (the
 * page then offers no second decision), or returned with the supervisor's reason.
 */
import { Alert } from "@trussworks/react-uswds";
import type { DecisionDraft } from "../api.ts";
import { useI18n } from "../i18n/index.tsx";
import type { Vocabulary } from "../vocabulary.ts";

export function CaseDrafts({
  drafts,
  vocabulary,
}: {
  drafts: readonly DecisionDraft[];
  vocabulary: Vocabulary;
}) {
  const { t, dateTime } = useI18n();
  const latest = drafts[0];
  if (!latest || latest.status === "approved") return null;
  const event = latest.event as { type?: string; outcome?: string };
  const title = `${vocabulary.event(event.type ?? "")}${
    typeof event.outcome === "string" ? ` · ${vocabulary.value("outcome", event.outcome)}` : ""
  }`;
  if (latest.status === "pending") {
    return (
      <Alert type="info" headingLevel="h3" heading={t("case.draft.pending", { event: title })} slim={false}>
        {t("case.draft.pendingBy", { who: latest.draftedBy, at: dateTime(latest.draftedAt) })}
      </Alert>
    );
  }
  return (
    <Alert type="warning" headingLevel="h3" heading={t("case.draft.returned", { event: title })} slim={false}>
      <p className="margin-y-05">
        {t("inbox.returnedBy", {
          who: latest.decidedBy ?? "",
          at: dateTime(latest.decidedAt ?? latest.draftedAt),
        })}
      </p>
      <blockquote className="draft-list__reason">
        <span className="usa-sr-only">{t("inbox.reason")}: </span>
        {latest.reason}
      </blockquote>
    </Alert>
  );
}
