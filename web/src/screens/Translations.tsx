/**
 * `/translations`: the translations of the signed-in person's cases (a translator: only those
 * assigned to them), how many segments await translation and how many await review, filtered by
 * what they await; each opens its editor. A translator opens it at `/translations/:jobId`, without
 * the case, which they may not read.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { hasRight } from "../../../src/security/access/rights.ts";
import { languageName } from "../components/codes.ts";
import { CaseLink, Loading } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { useSignedIn } from "../session.tsx";
import { translationQueries } from "./case/translations/api.ts";
import { JobState, StateCounts, TextLabel } from "./case/translations/shared.tsx";
import "./case/translations/translations.css";

const AWAITING = ["translation", "review"] as const;

export function Translations() {
  const { t, number, locale, dateTime } = useI18n();
  const session = useSignedIn();
  const [params] = useSearchParams();
  const awaiting = params.get("awaiting");
  const mine = params.get("assigned") === "me";
  const q = new URLSearchParams({ state: "open" });
  if (awaiting === "translation" || awaiting === "review") q.set("awaiting", awaiting);
  if (mine) q.set("assigned", "me");
  const list = useQuery({ ...translationQueries.list(q.toString()), placeholderData: keepPreviousData });
  const readsCases = hasRight(session.role, "case.read");
  const link = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    const s = p.toString();
    return `/translations${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <h1>{t("translation.list.heading")}</h1>
      <p>{readsCases ? t("translation.list.introStaff") : t("translation.list.introTranslator")}</p>
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <>
          <nav aria-label={t("translation.list.countsLabel")}>
            <ul className="worklist-counts">
              <li>
                <Link
                  className="usa-link"
                  to={link({ awaiting: null })}
                  aria-current={!awaiting ? "true" : undefined}
                >
                  {t("translation.list.allOpen")}
                </Link>
              </li>
              {AWAITING.map((a) => (
                <li key={a}>
                  <Link
                    className="usa-link"
                    to={link({ awaiting: a })}
                    aria-current={awaiting === a ? "true" : undefined}
                    data-awaiting={a}
                  >
                    {t(`translation.list.awaiting.${a}`, {
                      n: number(
                        a === "translation"
                          ? list.data.counts.awaitingTranslation
                          : list.data.counts.awaitingReview,
                      ),
                    })}
                  </Link>
                </li>
              ))}
              {readsCases && (
                <li>
                  <Link className="usa-link" to={link({ assigned: mine ? null : "me" })}>
                    {mine ? t("translation.list.everyone") : t("translation.list.onlyMine")}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
          {list.data.items.length === 0 ? (
            <p>{t("translation.list.none")}</p>
          ) : (
            <table className="usa-table usa-table--borderless usa-table--stacked width-full">
              <caption>{t("translation.list.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("translation.list.text")}</th>
                  <th scope="col">{t("translation.editor.pair")}</th>
                  <th scope="col">{t("translation.editor.counts")}</th>
                  <th scope="col">{t("translation.list.people")}</th>
                  {readsCases && <th scope="col">{t("translation.list.case")}</th>}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((j) => (
                  <tr key={j.id} data-job={j.id}>
                    <th scope="row" data-label={t("translation.list.text")}>
                      <Link
                        className="usa-link"
                        to={readsCases ? `/cases/${j.caseId}/translations/${j.id}` : `/translations/${j.id}`}
                      >
                        <TextLabel kind={j.kind} label={j.label} />
                      </Link>
                      <span className="display-block font-body-3xs text-base-dark">
                        {t(`translation.kind.${j.kind}`)} · {dateTime(j.requestedAt)}
                      </span>
                    </th>
                    <td data-label={t("translation.editor.pair")}>
                      {t("translation.pair", {
                        source: languageName(locale, j.sourceLanguage),
                        target: languageName(locale, j.targetLanguage),
                      })}{" "}
                      <JobState state={j.state} />
                    </td>
                    <td data-label={t("translation.editor.counts")}>
                      <StateCounts counts={j.counts} />
                    </td>
                    <td data-label={t("translation.list.people")}>
                      {t("translation.people", {
                        translator: j.translator?.name ?? t("translation.unassigned"),
                        reviewer: j.reviewer?.name ?? t("translation.unassigned"),
                      })}
                    </td>
                    {readsCases && (
                      <td data-label={t("translation.list.case")}>
                        <CaseLink id={j.caseId} number={j.caseNumber} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}

/** The worklist's line: how many segments await translation and review, each a link to the list. */
export function TranslationCounts() {
  const { t, number } = useI18n();
  const list = useQuery({ ...translationQueries.list("state=open"), retry: false });
  if (!list.data) return null;
  const { awaitingTranslation, awaitingReview } = list.data.counts;
  if (awaitingTranslation === 0 && awaitingReview === 0) return null;
  return (
    <p className="translation-worklist" data-translation-counts>
      <Link className="usa-link" to="/translations?awaiting=translation">
        {t("translation.list.awaiting.translation", { n: number(awaitingTranslation) })}
      </Link>
      {" · "}
      <Link className="usa-link" to="/translations?awaiting=review">
        {t("translation.list.awaiting.review", { n: number(awaitingReview) })}
      </Link>
    </p>
  );
}
