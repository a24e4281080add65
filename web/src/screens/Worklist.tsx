/**
 * The worklist: by default the open deadlines of the active cases of the user's team (their
 * office), soonest first, each with the applicant, the case's number and stage, and what is to be
 * done. Filters (whose cases, kind, status, due date, closed cases) live in the URL, so a view
 * can be bookmarked or shared; the counts per kind follow the other filters.
 */
import { Button, Checkbox, Label, Select } from "@trussworks/react-uswds";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { hasRight, ROLE_DEFINITIONS } from "../../../src/security/access/rights.ts";
import { client } from "../api.ts";
import {
  ApplicantName,
  CaseLink,
  DueDate,
  DeadlineStatus,
  Loading,
  MoreButton,
  PlainInput,
} from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { officeName, useOffices } from "../reference.ts";
import { keys, queries } from "../queries.ts";
import { useSignedIn } from "../session.tsx";
import { useProfileIds, useVocabularies } from "../vocabulary.ts";
import { ReturnedDrafts } from "./ReturnedDrafts.tsx";
import { TranslationCounts } from "./Translations.tsx";

/** The filters the URL may carry, each passed on to GET /deadlines as it is. */
const FILTERS = ["assignee", "office", "kind", "dueBefore", "status", "closed", "info"] as const;

/** The deadline kinds of every procedure profile the deployment runs, for the filter. */
function useDeadlineKinds(): string[] {
  const profiles = useQuery(queries.profiles());
  return [...new Set((profiles.data ?? []).flatMap((p) => p.deadlineKinds))];
}

function query(params: URLSearchParams, cursor?: string): URLSearchParams {
  const q = new URLSearchParams({ limit: "50" });
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  if (cursor) q.set("cursor", cursor);
  return q;
}

/** What the deadline asks of whom: "the authority must", "the applicant may", or a date to know. */
function useNextStep() {
  const { t, tv } = useI18n();
  return (d: { obligation: string; party?: string | undefined }, what: string) =>
    d.obligation === "info"
      ? t("worklist.next.info", { what })
      : t(d.obligation === "duty" ? "worklist.next.duty" : "worklist.next.right", {
          what,
          party: tv("party", d.party ?? "authority"),
        });
}

function DeadlineTable({ params, spans }: { params: URLSearchParams; spans: boolean }) {
  const { t, tv, locale } = useI18n();
  const offices = useOffices();
  const words = useVocabularies(useProfileIds());
  const next = useNextStep();
  const key = params.toString();
  // The first page, and more on request; a change of filters keeps the table until the new one comes.
  const deadlines = useInfiniteQuery({
    queryKey: [...keys.deadlines, key],
    queryFn: ({ pageParam, signal }) => client.deadlines(query(params, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  if (!deadlines.data) return deadlines.error ? <ProblemAlert error={deadlines.error} /> : <Loading />;
  const items = deadlines.data.pages.flatMap((p) => p.items);
  const counts = deadlines.data.pages[0]?.counts ?? [];
  const total = counts.reduce((n, c) => n + c.count, 0);
  const status = params.get("status") ?? "open";
  const withKind = (kind: string | null) => {
    const p = new URLSearchParams(params);
    if (kind) p.set("kind", kind);
    else p.delete("kind");
    return `?${p.toString()}`;
  };
  return (
    <>
      <nav aria-label={t("worklist.countsLabel")}>
        <ul className="worklist-counts">
          <li>
            <Link
              to={withKind(null)}
              className="usa-link"
              aria-current={!params.get("kind") ? "true" : undefined}
            >
              {t("common.all")} ({total})
            </Link>
          </li>
          {counts.map((c) => (
            <li key={c.kind}>
              <Link
                to={withKind(c.kind)}
                className="usa-link"
                aria-current={params.get("kind") === c.kind ? "true" : undefined}
              >
                {words.of().deadlineKind(c.kind)} ({c.count})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <table className="usa-table usa-table--stacked usa-table--borderless width-full worklist">
        <caption>
          {tv("deadlineStatus", status)}{" "}
          <span className="text-normal text-base">{t("common.count", { n: items.length })}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("deadline.dueOn")}</th>
            <th scope="col">{t("worklist.applicant")}</th>
            <th scope="col">{t("deadline.case")}</th>
            <th scope="col">{t("case.stage")}</th>
            <th scope="col">{t("worklist.nextStep")}</th>
            <th scope="col">{t("deadline.status")}</th>
            <th scope="col">{t("worklist.assignee")}</th>
            {spans && <th scope="col">{t("case.office")}</th>}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={spans ? 8 : 7}>{t("worklist.empty")}</td>
            </tr>
          )}
          {items.map((d, i) => {
            const vocabulary = words.of(d.profile);
            const kind = `${vocabulary.deadlineKind(d.kind)}${d.level ? ` (${tv("level", d.level)})` : ""}`;
            return (
              // A case may have two deadlines of one kind and date (one per party): the position tells them apart.
              <tr key={`${d.caseId}-${d.kind}-${d.dueOn}-${d.level ?? 0}-${d.party ?? ""}-${i}`}>
                <td data-label={t("deadline.dueOn")}>
                  <DueDate dueOn={d.dueOn} status={d.status} />
                </td>
                <th scope="row" data-label={t("worklist.applicant")}>
                  <ApplicantName names={d.names} />
                </th>
                <td data-label={t("deadline.case")}>
                  <CaseLink id={d.caseId} number={d.caseNumber} />
                </td>
                <td data-label={t("case.stage")}>
                  {vocabulary.stage(d.stage)}
                  {d.caseFinal ? ` · ${t("worklist.closedCase")}` : ""}
                </td>
                <td data-label={t("worklist.nextStep")}>
                  {next(d, kind)}
                  <div className="text-base-dark font-body-3xs">{vocabulary.basis(d.basis)}</div>
                </td>
                <td data-label={t("deadline.status")}>
                  <DeadlineStatus status={d.status} />
                </td>
                <td data-label={t("worklist.assignee")}>{d.assignee?.displayName ?? t("worklist.nobody")}</td>
                {spans && <td data-label={t("case.office")}>{officeName(offices, d.office, locale)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {deadlines.isFetchNextPageError && <ProblemAlert error={deadlines.error} />}
      {deadlines.hasNextPage && (
        <MoreButton busy={deadlines.isFetchingNextPage} onClick={() => void deadlines.fetchNextPage()} />
      )}
    </>
  );
}

export function Worklist() {
  const kinds = useDeadlineKinds();
  const words = useVocabularies(useProfileIds());
  const { t, tv, locale } = useI18n();
  const session = useSignedIn();
  const offices = useOffices();
  const [params, setParams] = useSearchParams();
  const spans = ROLE_DEFINITIONS[session.role].spansOffices;
  const [assignee, setAssignee] = useState(params.get("assignee") ?? "");
  const [office, setOffice] = useState(params.get("office") ?? "");
  const [kind, setKind] = useState(params.get("kind") ?? "");
  const [dueBefore, setDueBefore] = useState(params.get("dueBefore") ?? "");
  const [status, setStatus] = useState(params.get("status") ?? "open");
  const [closed, setClosed] = useState(params.get("closed") === "include");
  const [info, setInfo] = useState(params.get("info") === "include");

  function apply(e: FormEvent) {
    e.preventDefault();
    const p = new URLSearchParams();
    if (assignee) p.set("assignee", assignee);
    if (office) p.set("office", office);
    if (kind) p.set("kind", kind);
    if (dueBefore) p.set("dueBefore", dueBefore);
    if (status !== "open") p.set("status", status);
    if (closed) p.set("closed", "include");
    if (info) p.set("info", "include");
    setParams(p);
  }
  return (
    <>
      <h1>{t("worklist.heading")}</h1>
      <p className="usa-intro">
        {spans || !session.officeId
          ? t("worklist.introAll")
          : t("worklist.intro", { office: officeName(offices, session.officeId, locale) })}
      </p>
      <ReturnedDrafts />
      {hasRight(session.role, "translation.work") && <TranslationCounts />}
      <form className="filters worklist-filters" onSubmit={apply} aria-label={t("common.filters")}>
        <div className="filters__field">
          <Label htmlFor="f-assignee">{t("worklist.whose")}</Label>
          <Select
            id="f-assignee"
            name="assignee"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
          >
            <option value="">{t("worklist.whose.team")}</option>
            <option value="me">{t("worklist.whose.me")}</option>
            <option value="unassigned">{t("worklist.whose.unassigned")}</option>
          </Select>
        </div>
        {spans && (
          <div className="filters__field">
            <Label htmlFor="f-office">{t("case.office")}</Label>
            <Select id="f-office" name="office" value={office} onChange={(e) => setOffice(e.target.value)}>
              <option value="">{t("common.all")}</option>
              {offices.map((o) => (
                <option key={o.code} value={o.code}>
                  {locale === "ko" ? o.nameKo : o.nameEn}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="filters__field">
          <Label htmlFor="f-kind">{t("deadline.kind")}</Label>
          <Select id="f-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t("common.all")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {words.of().deadlineKind(k)}
              </option>
            ))}
          </Select>
        </div>
        <div className="filters__field">
          <Label htmlFor="f-due">{t("worklist.dueBefore")}</Label>
          <PlainInput
            id="f-due"
            name="dueBefore"
            type="date"
            value={dueBefore}
            onChange={(e) => setDueBefore(e.target.value)}
          />
        </div>
        <div className="filters__field">
          <Label htmlFor="f-status">{t("deadline.status")}</Label>
          <Select id="f-status" name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {["open", "missed", "met", "lapsed"].map((s) => (
              <option key={s} value={s}>
                {tv("deadlineStatus", s)}
              </option>
            ))}
          </Select>
        </div>
        <div className="filters__field">
          <Checkbox
            id="f-closed"
            name="closed"
            label={t("worklist.includeClosed")}
            checked={closed}
            onChange={(e) => setClosed(e.target.checked)}
          />
          <Checkbox
            id="f-info"
            name="info"
            label={t("worklist.includeInfo")}
            checked={info}
            onChange={(e) => setInfo(e.target.checked)}
          />
        </div>
        <div className="filters__field filters__submit">
          <Button type="submit">{t("common.apply")}</Button>
        </div>
      </form>
      <DeadlineTable params={params} spans={spans} />
    </>
  );
}
