/**
 * The access records: a search by case (number or id), person, account and period, newest first
 * and a page at a time, that answers "who looked at case X"; and the monthly review. Times are
 * shown in Korean time, actions, outcomes and roles in the reader's language.
 */
import { Button, Label } from "@trussworks/react-uswds";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { client } from "../../api.ts";
import { Loading, PlainInput } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { queries } from "../../queries.ts";
import { DataView } from "./shared.tsx";

const FIELDS = ["case", "personId", "account", "from", "to"] as const;
type Field = (typeof FIELDS)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API's query from the page's: a case is searched by id when it is one, else by its number. */
function apiQuery(params: URLSearchParams, cursor?: string): string {
  const q = new URLSearchParams();
  for (const f of FIELDS) {
    const v = params.get(f)?.trim();
    if (!v) continue;
    if (f === "case") q.set(UUID.test(v) ? "caseId" : "caseNumber", v);
    else q.set(f, v);
  }
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

export function Audit() {
  const { t } = useI18n();
  return (
    <>
      <h2>{t("admin.audit.heading")}</h2>
      <p>{t("admin.audit.searchIntro")}</p>
      <Search />
      <MonthlyReview />
    </>
  );
}

function Search() {
  const { t, tv, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ""])) as Record<Field, string>,
  );
  const key = apiQuery(params);
  const entries = useInfiniteQuery({
    queryKey: ["audit", "entries", key],
    queryFn: ({ pageParam, signal }) => client.auditEntries(apiQuery(params, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const f of FIELDS) if (form[f].trim()) next.set(f, form[f].trim());
    setParams(next);
  }
  const input = (f: Field, type: "text" | "date" = "text") => (
    <div className="audit-search__field">
      <Label htmlFor={`as-${f}`}>{t(`admin.audit.filter.${f}`)}</Label>
      <PlainInput
        id={`as-${f}`}
        name={f}
        type={type}
        value={form[f]}
        onChange={(e) => setForm((x) => ({ ...x, [f]: e.target.value }))}
      />
    </div>
  );
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-search-heading">
      <h3 id="audit-search-heading">{t("admin.audit.searchHeading")}</h3>
      <form className="usa-form usa-form--large" onSubmit={submit} role="search">
        {input("case")}
        {input("personId")}
        {input("account")}
        {input("from", "date")}
        {input("to", "date")}
        <Button type="submit" className="margin-top-2">
          {t("admin.audit.search")}
        </Button>
      </form>
      {entries.error ? (
        <ProblemAlert error={entries.error} />
      ) : !entries.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p role="status">{t("admin.audit.noEntries")}</p>
      ) : (
        <>
          <table
            className="usa-table usa-table--borderless usa-table--stacked width-full"
            data-testid="audit-entries"
          >
            <caption className="usa-sr-only">{t("admin.audit.searchHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.audit.col.at")}</th>
                <th scope="col">{t("admin.audit.col.actor")}</th>
                <th scope="col">{t("admin.audit.col.action")}</th>
                <th scope="col">{t("admin.audit.col.outcome")}</th>
                <th scope="col">{t("admin.audit.col.case")}</th>
                <th scope="col">{t("admin.audit.col.purpose")}</th>
                <th scope="col">{t("admin.audit.col.address")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.seq}>
                  <th scope="row" data-label={t("admin.audit.col.at")}>
                    <time dateTime={e.at}>{dateTime(e.at)}</time>
                  </th>
                  <td data-label={t("admin.audit.col.actor")}>
                    {e.actor}
                    <span className="display-block font-body-3xs">{tv("role", e.actorRole)}</span>
                  </td>
                  <td data-label={t("admin.audit.col.action")}>{tv("auditAction", e.action)}</td>
                  <td data-label={t("admin.audit.col.outcome")}>{tv("auditOutcome", e.outcome)}</td>
                  <td data-label={t("admin.audit.col.case")}>
                    {e.caseId ? (
                      <span>
                        {e.caseNumber ?? t("common.none")}
                        <span className="display-block font-body-3xs">{e.caseId}</span>
                      </span>
                    ) : (
                      t("common.none")
                    )}
                  </td>
                  <td data-label={t("admin.audit.col.purpose")}>{e.purpose ?? t("common.none")}</td>
                  <td data-label={t("admin.audit.col.address")}>{e.address}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {entries.hasNextPage && (
            <Button
              type="button"
              outline
              disabled={entries.isFetchingNextPage}
              onClick={() => void entries.fetchNextPage()}
            >
              {t("admin.audit.more")}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function MonthlyReview() {
  const { t } = useI18n();
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [shown, setShown] = useState(month);
  const report = useQuery({ ...queries.audit(shown), placeholderData: keepPreviousData });
  return (
    <section aria-labelledby="audit-month-heading" className="margin-top-4">
      <h3 id="audit-month-heading">{t("admin.audit.monthHeading")}</h3>
      <p>{t("admin.audit.intro")}</p>
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(month);
        }}
      >
        <Label htmlFor="a-month">{t("admin.audit.month")}</Label>
        <PlainInput
          id="a-month"
          name="month"
          type="month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
        />
        <Button type="submit" className="margin-top-2">
          {t("admin.audit.show")}
        </Button>
      </form>
      {report.error ? (
        <ProblemAlert error={report.error} />
      ) : !report.data ? (
        <Loading />
      ) : (
        <DataView value={report.data} />
      )}
    </section>
  );
}
