/**
 * What needs me: my decisions a supervisor returned (with the reason), the drafts waiting for my
 * approval, the translations assigned to me that wait for my translation or review, and the open
 * deadlines of the cases assigned to me that fall due within two weeks.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ApplicantName, CaseLink, DueDate, Loading } from "../components/common.tsx";
import { languageName } from "../components/codes.ts";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { queries } from "../queries.ts";
import { useProfileIds, useVocabularies } from "../vocabulary.ts";
import { DraftList } from "./ReturnedDrafts.tsx";
import { TextLabel } from "./case/translations/shared.tsx";

export function Inbox() {
  const { t, locale } = useI18n();
  const inbox = useQuery(queries.inbox());
  const words = useVocabularies(useProfileIds());
  if (!inbox.data) return inbox.error ? <ProblemAlert error={inbox.error} /> : <Loading />;
  const { returnedDrafts, approvals, deadlines, translations, days, count } = inbox.data;
  return (
    <>
      <h1>{t("inbox.heading")}</h1>
      <p className="usa-intro">{count === 0 ? t("inbox.nothing") : t("inbox.intro", { n: count })}</p>
      <section aria-labelledby="inbox-returned" className="case-section">
        <h2 id="inbox-returned">
          {t("inbox.returned.heading")} ({returnedDrafts.length})
        </h2>
        {returnedDrafts.length === 0 ? (
          <p>{t("inbox.returned.none")}</p>
        ) : (
          <DraftList drafts={returnedDrafts} returned />
        )}
      </section>
      {approvals.length > 0 && (
        <section aria-labelledby="inbox-approvals" className="case-section">
          <h2 id="inbox-approvals">
            {t("inbox.approvals.heading")} ({approvals.length})
          </h2>
          <DraftList drafts={approvals} returned={false} />
        </section>
      )}
      {translations.length > 0 && (
        <section aria-labelledby="inbox-translations" className="case-section">
          <h2 id="inbox-translations">
            {t("inbox.translations.heading")} ({translations.length})
          </h2>
          <ul className="usa-list usa-list--unstyled draft-list">
            {translations.map((j) => (
              <li key={j.id} className="draft-list__item">
                <strong>
                  {t(
                    j.awaiting === "review"
                      ? "inbox.translations.toReview"
                      : "inbox.translations.toTranslate",
                  )}
                </strong>{" "}
                ·{" "}
                <Link to={`/translations/${j.id}`} className="usa-link">
                  <TextLabel kind={j.kind} label={j.label} />
                </Link>{" "}
                ·{" "}
                {t("inbox.translations.languages", {
                  source: languageName(locale, j.sourceLanguage),
                  target: languageName(locale, j.targetLanguage),
                })}{" "}
                ·{" "}
                {t("inbox.translations.counts", {
                  reviewed: j.counts.reviewed + j.counts.final,
                  total: j.counts.initial + j.counts.translated + j.counts.reviewed + j.counts.final,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="inbox-deadlines" className="case-section">
        <h2 id="inbox-deadlines">
          {t("inbox.deadlines.heading", { days })} ({deadlines.length})
        </h2>
        {deadlines.length === 0 ? (
          <p>{t("inbox.deadlines.none")}</p>
        ) : (
          <ul className="usa-list usa-list--unstyled draft-list">
            {deadlines.map((d) => (
              <li key={`${d.caseId}-${d.kind}-${d.dueOn}`} className="draft-list__item">
                <DueDate dueOn={d.dueOn} status={d.status} /> ·{" "}
                <strong>{words.of(d.profile).deadlineKind(d.kind)}</strong> ·{" "}
                <ApplicantName names={d.names} /> · <CaseLink id={d.caseId} number={d.caseNumber} />
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/worklist?assignee=me" className="usa-link">
            {t("inbox.toWorklist")}
          </Link>
        </p>
      </section>
    </>
  );
}
