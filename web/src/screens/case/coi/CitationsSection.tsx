/**
 * The case page's "Country information cited": each cited passage as it was when cited (the quote,
 * its SHA-256, the document's source, title, dates and locator, who cited it and when), a warning
 * where the library now holds a newer document on the same country and profile, and the way to
 * the library to cite more.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { Alert } from "../../../components/Alert.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { coi, coiKeys, type CaseCitation } from "../../coi/api.ts";
import { useCountryLabel } from "../../coi/shared.tsx";
import "../../coi/coi.css";

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
