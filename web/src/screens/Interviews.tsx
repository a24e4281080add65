/**
 * An interpreter's interviews: the ones assigned to them, with the date, place, language and the
 * applicant's name, and nothing else of the case file (docs/security.md requirement 5).
 */
import { useQuery } from "@tanstack/react-query";
import type { AssignedInterview } from "../api.ts";
import { daysFrom, Loading, todayInSeoul } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n, type Locale } from "../i18n/index.tsx";
import { queries } from "../queries.ts";
import { officeName, useOffices } from "../reference.ts";
import { otherNames, primaryName } from "./Cases.tsx";

/** A language's name in the reader's language (ISO 639 code underneath), else the code. */
function languageName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function InterviewTable({ caption, items }: { caption: string; items: AssignedInterview[] }) {
  const { t, number, locale } = useI18n();
  const offices = useOffices();
  const today = todayInSeoul();
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("interviews.on")}</th>
          <th scope="col">{t("interviews.applicant")}</th>
          <th scope="col">{t("interviews.language")}</th>
          <th scope="col">{t("interviews.place")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => {
          const days = daysFrom(today, i.interviewOn);
          return (
            <tr key={i.id}>
              <th scope="row" data-label={t("interviews.on")}>
                <time dateTime={i.interviewOn}>
                  {new Intl.DateTimeFormat(locale, {
                    year: "numeric",
                    month: "long",
                    day: "numeric",
                    weekday: "short",
                    timeZone: "UTC",
                  }).format(new Date(`${i.interviewOn}T00:00:00Z`))}
                </time>
                {days >= 0 && (
                  <span className="display-block font-body-3xs text-base">
                    {days === 0 ? t("interviews.today") : t("deadline.dueIn", { n: number(days) })}
                  </span>
                )}
              </th>
              <td data-label={t("interviews.applicant")}>
                <bdi>{primaryName(i.applicantNames)}</bdi>
                {otherNames(i.applicantNames).length > 0 && (
                  <span className="display-block font-body-3xs text-base" lang="und">
                    {otherNames(i.applicantNames).join(" · ")}
                  </span>
                )}
              </td>
              <td data-label={t("interviews.language")}>
                {languageName(i.language, locale)}{" "}
                <span className="font-body-3xs text-base">{i.language}</span>
              </td>
              <td data-label={t("interviews.place")}>
                {i.place ?? t("common.none")}
                <span className="display-block font-body-3xs text-base">
                  {officeName(offices, i.office, locale)}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Interviews() {
  const { t, date } = useI18n();
  const list = useQuery(queries.myInterviews());
  const today = todayInSeoul();
  const coming = (list.data ?? []).filter((i) => i.interviewOn >= today);
  const earlier = (list.data ?? []).filter((i) => i.interviewOn < today).reverse();
  return (
    <>
      <h1>{t("interviews.heading")}</h1>
      <p className="usa-intro">{t("interviews.intro")}</p>
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <p>{t("interviews.none")}</p>
      ) : (
        <>
          {coming.length > 0 ? (
            <InterviewTable caption={t("interviews.coming", { date: date(today) })} items={coming} />
          ) : (
            <p>{t("interviews.noneComing")}</p>
          )}
          {earlier.length > 0 && <InterviewTable caption={t("interviews.earlier")} items={earlier} />}
        </>
      )}
    </>
  );
}
