/**
 * Drafts as the inbox and the worklist list them: a returned draft with the supervisor's reason
 * (for its author, to correct and draft again), or a draft waiting for the reader's approval.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { DecisionDraft } from "../api.ts";
import { ApplicantName, CaseLink } from "../components/common.tsx";
import { useI18n } from "../i18n/index.tsx";
import { queries } from "../queries.ts";
import { useVocabularies, useProfileIds } from "../vocabulary.ts";

export function DraftList({ drafts, returned }: { drafts: readonly DecisionDraft[]; returned: boolean }) {
  const { t, dateTime } = useI18n();
  const words = useVocabularies(useProfileIds());
  return (
    <ul className="usa-list usa-list--unstyled draft-list">
      {drafts.map((d) => {
        const event = d.event as { type?: string; outcome?: string };
        const vocabulary = words.of(d.profile);
        const title = `${vocabulary.event(event.type ?? "")}${
          typeof event.outcome === "string" ? ` · ${vocabulary.value("outcome", event.outcome)}` : ""
        }`;
        return (
          <li key={d.id} className="draft-list__item">
            <p className="margin-y-05">
              <strong>{title}</strong> · {d.names && <ApplicantName names={d.names} />} ·{" "}
              <CaseLink id={d.caseId} number={d.caseNumber} />
            </p>
            {returned ? (
              <>
                <p className="margin-y-05 text-base-dark">
                  {t("inbox.returnedBy", {
                    who: d.decidedBy ?? "",
                    at: dateTime(d.decidedAt ?? d.draftedAt),
                  })}
                </p>
                <blockquote className="draft-list__reason">
                  <span className="usa-sr-only">{t("inbox.reason")}: </span>
                  {d.reason}
                </blockquote>
              </>
            ) : (
              <p className="margin-y-05 text-base-dark">
                {t("approvals.draftedBy", { who: d.draftedBy, at: dateTime(d.draftedAt) })} ·{" "}
                <Link to="/approvals" className="usa-link">
                  {t("inbox.toApprovals")}
                </Link>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The worklist's first section: the user's decisions a supervisor returned, with the reasons. */
export function ReturnedDrafts() {
  const { t } = useI18n();
  const inbox = useQuery(queries.inbox());
  const drafts = inbox.data?.returnedDrafts ?? [];
  if (drafts.length === 0) return null;
  return (
    <section
      aria-labelledby="returned-heading"
      className="usa-alert usa-alert--warning usa-alert--no-icon margin-bottom-3"
    >
      <div className="usa-alert__body">
        <h2 id="returned-heading" className="usa-alert__heading">
          {t("inbox.returned.heading")} ({drafts.length})
        </h2>
        <DraftList drafts={drafts} returned />
      </div>
    </section>
  );
}
