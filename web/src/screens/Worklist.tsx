/** The worklist: deadlines across the user's cases, overdue first, filtered by office, kind and date. */
import { Button, Label, Select } from "@trussworks/react-uswds";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { ROLE_DEFINITIONS } from "../../../src/security/access/rights.ts";
import { client } from "../api.ts";
import { CaseLink, DueDate, DeadlineStatus, Loading, MoreButton, PlainInput } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { officeName, useOffices } from "../reference.ts";
import { keys, queries } from "../queries.ts";
import { useSignedIn } from "../session.tsx";
import { useProfileIds, useVocabularies } from "../vocabulary.ts";

/** The deadline kinds of every procedure profile the deployment runs, for the filter. */
function useDeadlineKinds(): string[] {
  const profiles = useQuery(queries.profiles());
  return [...new Set((profiles.data ?? []).flatMap((p) => p.deadlineKinds))];
}

function query(params: URLSearchParams, status: string, cursor?: string): URLSearchParams {
  const q = new URLSearchParams({ status, limit: "50" });
  for (const k of ["office", "kind", "dueBefore"]) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  if (cursor) q.set("cursor", cursor);
  return q;
}

function DeadlineTable({
  caption,
  status,
  params,
}: {
  caption: string;
  status: string;
  params: URLSearchParams;
}) {
  const { t, tv, locale } = useI18n();
  const offices = useOffices();
  const words = useVocabularies(useProfileIds());
  const key = params.toString();
  // The first page, and more on request; a change of filters keeps the table until the new one comes.
  const deadlines = useInfiniteQuery({
    queryKey: [...keys.deadlines, status, key],
    queryFn: ({ pageParam, signal }) => client.deadlines(query(params, status, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  if (!deadlines.data) return deadlines.error ? <ProblemAlert error={deadlines.error} /> : <Loading />;
  const items = deadlines.data.pages.flatMap((p) => p.items);
  return (
    <>
      <table className="usa-table usa-table--stacked usa-table--borderless width-full worklist">
        <caption>
          {caption} <span className="text-normal text-base">{t("common.count", { n: items.length })}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("deadline.kind")}</th>
            <th scope="col">{t("deadline.dueOn")}</th>
            <th scope="col">{t("deadline.basis")}</th>
            <th scope="col">{t("deadline.status")}</th>
            <th scope="col">{t("deadline.party")}</th>
            <th scope="col">{t("case.office")}</th>
            <th scope="col">{t("deadline.case")}</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={7}>{t("worklist.empty")}</td>
            </tr>
          )}
          {items.map((d) => (
            <tr key={`${d.caseId}-${d.kind}-${d.dueOn}-${d.level ?? 0}`}>
              <th scope="row" data-label={t("deadline.kind")}>
                {words.of(d.profile).deadlineKind(d.kind)}
                {d.level ? ` (${tv("level", d.level)})` : ""}
              </th>
              <td data-label={t("deadline.dueOn")}>
                <DueDate dueOn={d.dueOn} status={d.status} />
              </td>
              <td data-label={t("deadline.basis")}>{d.basis}</td>
              <td data-label={t("deadline.status")}>
                <DeadlineStatus status={d.status} />
              </td>
              <td data-label={t("deadline.party")}>{tv("party", d.party)}</td>
              <td data-label={t("case.office")}>{officeName(offices, d.office, locale)}</td>
              <td data-label={t("deadline.case")}>
                <CaseLink id={d.caseId} />
              </td>
            </tr>
          ))}
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
  const [office, setOffice] = useState(params.get("office") ?? "");
  const [kind, setKind] = useState(params.get("kind") ?? "");
  const [dueBefore, setDueBefore] = useState(params.get("dueBefore") ?? "");
  const [status, setStatus] = useState(params.get("status") ?? "");

  function apply(e: FormEvent) {
    e.preventDefault();
    const p = new URLSearchParams();
    if (office) p.set("office", office);
    if (kind) p.set("kind", kind);
    if (dueBefore) p.set("dueBefore", dueBefore);
    if (status) p.set("status", status);
    setParams(p);
  }
  const shown = params.get("status");
  return (
    <>
      <h1>{t("worklist.heading")}</h1>
      <p className="usa-intro">
        {spans || !session.officeId
          ? t("worklist.introAll")
          : t("worklist.intro", { office: officeName(offices, session.officeId, locale) })}
      </p>
      <form className="filters" onSubmit={apply} aria-label={t("common.filters")}>
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
            <option value="">{t("worklist.outstanding")}</option>
            {["open", "missed", "met", "lapsed"].map((s) => (
              <option key={s} value={s}>
                {tv("deadlineStatus", s)}
              </option>
            ))}
          </Select>
        </div>
        <div className="filters__field filters__submit">
          <Button type="submit">{t("common.apply")}</Button>
        </div>
      </form>
      {shown ? (
        <DeadlineTable caption={tv("deadlineStatus", shown)} status={shown} params={params} />
      ) : (
        <>
          <DeadlineTable caption={t("worklist.overdue")} status="missed" params={params} />
          <DeadlineTable caption={t("worklist.due")} status="open" params={params} />
        </>
      )}
    </>
  );
}
