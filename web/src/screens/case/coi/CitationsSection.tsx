/**
 * The case page's "Country information cited": each cited passage as it was when cited (the quote,
 * its SHA-256, the document's source, title, dates and locator, who cited it and when), a warning
 * where the library now holds a newer document on the same country and profile, and the way to
 * the library to cite more. An examiner chooses a final translation of a passage for the decision's
 * reasons to quote.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { Alert } from "../../../components/Alert.tsx";
import { languageName } from "../../../components/codes.ts";
import { Loading } from "../../../components/Loading.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { coi, coiKeys, type CaseCitation } from "../../coi/api.ts";
import { useCountryLabel } from "../../coi/shared.tsx";
import "../../coi/coi.css";

/** The decision's languages a cited passage can be quoted in (the reasons are written in these). */
const DECISION_LANGUAGES = ["ko", "en"] as const;

/**
 * The passage's final translations chosen for the decision, and, for an examiner, the way to
 * choose one: only a translation made final (translated, then reviewed by a second person) is
 * accepted; anything else is refused with the reason.
 */
function CitationTranslations({
  caseId,
  c,
  mayChoose,
}: {
  caseId: string;
  c: CaseCitation;
  mayChoose: boolean;
}) {
  const { t, locale, date } = useI18n();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState<string>(DECISION_LANGUAGES[0]);
  const choose = useMutation({
    mutationFn: () => coi.chooseTranslation(caseId, c.id, language),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coiKeys.citations(caseId) }),
  });
  const id = `cite-tr-${c.id}`;
  return (
    <>
      {c.translations.map((tr) => (
        <figure key={tr.language} className="margin-x-0 coi-citation__translation" lang={tr.language}>
          <figcaption className="coi-hit__meta">
            {t("coi.citation.translation", {
              language: languageName(locale, tr.language),
              translators: tr.translators.join(", "),
              reviewers: tr.reviewers.join(", "),
              date: date(tr.finalizedOn),
            })}
          </figcaption>
          <blockquote>{tr.text}</blockquote>
        </figure>
      ))}
      {mayChoose && (
        <form
          className="coi-citation__choose"
          onSubmit={(e) => {
            e.preventDefault();
            choose.mutate();
          }}
        >
          <label className="usa-label" htmlFor={id}>
            {t("coi.citation.chooseLabel")}
          </label>
          <select
            className="usa-select"
            id={id}
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
          >
            {DECISION_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageName(locale, l)}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="usa-button usa-button--outline margin-top-1"
            disabled={choose.isPending}
          >
            {t("coi.citation.choose")}
          </button>
          {choose.error && <ProblemAlert error={choose.error} />}
        </form>
      )}
    </>
  );
}

function Citation({ caseId, c, mayRemove }: { caseId: string; c: CaseCitation; mayRemove: boolean }) {
  const { t, date, dateTime } = useI18n();
  const country = useCountryLabel();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => coi.removeCitation(caseId, c.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coiKeys.citations(caseId) }),
  });
  return (
    <li className="coi-citation" data-citation={c.id}>
      <p className="margin-y-0">
        <strong>{c.title}</strong> — {c.source}
        {c.author ? `, ${c.author}` : ""} · {country(c.country)}
        {c.locator ? ` · ${c.locator}` : ""}
      </p>
      <p className="margin-y-0 coi-hit__meta">
        {t("coi.citation.dates", {
          published: c.publishedOn ? date(c.publishedOn) : t("coi.undated"),
          accessed: c.accessedOn ? date(c.accessedOn) : "—",
        })}
        {c.url && (
          <>
            {" · "}
            <a className="usa-link" href={c.url} rel="noopener noreferrer nofollow" target="_blank">
              {c.url}
            </a>
          </>
        )}
      </p>
      <blockquote>{c.quote}</blockquote>
      <p className="margin-y-0 coi-hit__meta">
        {t("coi.citation.cited", { who: c.citedBy, at: dateTime(c.citedAt) })}
        <br />
        <span className="coi-sha">{t("coi.sha256", { hash: c.quoteSha256 })}</span>
      </p>
      {(!c.publishedOn || !c.accessedOn) && (
        <Alert type="warning" slim headingLevel="h3">
          {t("coi.citation.undated")}
        </Alert>
      )}
      {c.newerDocument && (
        <Alert type="warning" slim headingLevel="h3">
          {t("coi.citation.newer", {
            title: c.newerDocument.title,
            date: c.newerDocument.publishedOn ? date(c.newerDocument.publishedOn) : t("coi.undated"),
          })}{" "}
          <Link
            className="usa-link"
            to={`/coi/documents/${c.newerDocument.id}?case=${encodeURIComponent(caseId)}`}
          >
            {t("coi.citation.openNewer")}
          </Link>
        </Alert>
      )}
      <CitationTranslations caseId={caseId} c={c} mayChoose={mayRemove} />
      {mayRemove && (
        <>
          <button
            type="button"
            className="usa-button usa-button--unstyled margin-top-1"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {t("coi.citation.remove")}
          </button>
          {remove.error && <ProblemAlert error={remove.error} />}
        </>
      )}
    </li>
  );
}

export function CitationsSection({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const mayCite = hasRight(session.role, "event.examination");
  const list = useQuery({ queryKey: coiKeys.citations(caseId), queryFn: () => coi.citations(caseId) });
  return (
    <section aria-labelledby="coi-cited-heading" className="case-section">
      <h2 id="coi-cited-heading">{t("coi.case.heading")}</h2>
      {mayCite && hasRight(session.role, "coi.read") && (
        <p>
          <Link className="usa-button usa-button--outline" to={`/coi?case=${encodeURIComponent(caseId)}`}>
            {t("coi.case.search")}
          </Link>
        </p>
      )}
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p>{t("coi.case.none")}</p>
      ) : (
        <ol className="usa-list usa-list--unstyled">
          {list.data.items.map((c) => (
            <Citation key={c.id} caseId={caseId} c={c} mayRemove={mayCite} />
          ))}
        </ol>
      )}
    </section>
  );
}
