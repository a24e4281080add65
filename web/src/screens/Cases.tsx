/**
 * Cases: find by name (any script), identifier, nationality, stage and office. The search is sent
 * in a request body (POST /cases/search), so names and document numbers never appear in a URL; it
 * is kept in the page's history entry so that going back shows the same list.
 */
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import type { CaseSearch } from "../../../src/contracts/api.ts";
import { IdentifierKindSchema } from "../../../src/contracts/api.ts";
import { ROLE_DEFINITIONS } from "../../../src/security/access/rights.ts";
import { client } from "../api.ts";
import { Loading, MoreButton, shortId } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { officeName, useOffices } from "../reference.ts";
import { keys } from "../queries.ts";
import { useSignedIn } from "../session.tsx";
import { useProfileIds, useVocabularies } from "../vocabulary.ts";

type Search = Omit<CaseSearch, "limit" | "cursor">;

export function primaryName(names: { value: string; kind?: string | undefined }[]): string {
  return (names.find((n) => n.kind === "primary") ?? names[0])?.value ?? "";
}

export function otherNames(names: { value: string; kind?: string | undefined }[]): string[] {
  const first = primaryName(names);
  return names.map((n) => n.value).filter((v) => v !== first);
}

const CASE_NUMBER = /^[a-z][a-z-]{0,39}-\d{4}-\d{6}$/i;

export function Cases() {
  const { t, tv, date, locale } = useI18n();
  // Each case's stage in its profile's words; the stage filter offers every profile's stages.
  const words = useVocabularies(useProfileIds());
  const session = useSignedIn();
  const offices = useOffices();
  const location = useLocation();
  const navigate = useNavigate();
  const search = (location.state as { search?: Search } | null)?.search ?? {};
  const spans = ROLE_DEFINITIONS[session.role].spansOffices;
  const [form, setForm] = useState<Search>(search);
  const found = useInfiniteQuery({
    queryKey: keys.caseSearch(search),
    queryFn: ({ pageParam, signal }) =>
      client.searchCases({ ...search, limit: 25, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const set = (k: keyof Search, v: string) => setForm((f) => ({ ...f, [k]: v || undefined }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const clean = Object.fromEntries(
      Object.entries(form).filter(([, v]) => typeof v === "string" && v.trim() !== ""),
    ) as Search;
    if (clean.nationality) clean.nationality = clean.nationality.toUpperCase();
    // A case number typed in the name box (e.g. SEOUL-2024-000123) finds that case.
    if (clean.name && CASE_NUMBER.test(clean.name.trim())) {
      clean.caseNumber = clean.name.trim();
      delete clean.name;
    }
    if (clean.identifier && !clean.identifierKind) clean.identifierKind = "passport";
    void navigate(".", { state: { search: clean } });
  }

  const items = found.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <h1>{t("cases.heading")}</h1>
      <form className="filters" onSubmit={submit} role="search" aria-label={t("cases.search")}>
        <div className="filters__field filters__field--wide">
          <Label htmlFor="s-name" hint={t("cases.nameHint")}>
            {t("cases.name")}
          </Label>
          <TextInput
            id="s-name"
            name="name"
            type="search"
            value={form.name ?? ""}
            onChange={(e) => set("name", e.target.value)}
          />
        </div>
        <div className="filters__field">
          <Label htmlFor="s-idkind">{t("cases.identifierKind")}</Label>
          <Select
            id="s-idkind"
            name="identifierKind"
            value={form.identifierKind ?? ""}
            onChange={(e) => set("identifierKind", e.target.value)}
          >
            <option value="">{t("common.choose")}</option>
            {IdentifierKindSchema.options.map((k) => (
              <option key={k} value={k}>
                {tv("identifierKind", k)}
              </option>
            ))}
          </Select>
        </div>
        <div className="filters__field">
          <Label htmlFor="s-id">{t("cases.identifier")}</Label>
          <TextInput
            id="s-id"
            name="identifier"
            type="text"
            value={form.identifier ?? ""}
            onChange={(e) => set("identifier", e.target.value)}
          />
        </div>
        <div className="filters__field filters__field--narrow">
          <Label htmlFor="s-nat" hint={t("cases.nationalityHint")}>
            {t("person.nationality")}
          </Label>
          <TextInput
            id="s-nat"
            name="nationality"
            type="text"
            maxLength={3}
            value={form.nationality ?? ""}
            onChange={(e) => set("nationality", e.target.value)}
          />
        </div>
        <div className="filters__field">
          <Label htmlFor="s-stage">{t("case.stage")}</Label>
          <Select
            id="s-stage"
            name="stage"
            value={form.stage ?? ""}
            onChange={(e) => set("stage", e.target.value)}
          >
            <option value="">{t("common.all")}</option>
            {words.stages.map((s) => (
              <option key={s} value={s}>
                {words.of().stage(s)}
              </option>
            ))}
          </Select>
        </div>
        {spans && (
          <div className="filters__field">
            <Label htmlFor="s-office">{t("case.office")}</Label>
            <Select
              id="s-office"
              name="office"
              value={form.office ?? ""}
              onChange={(e) => set("office", e.target.value)}
            >
              <option value="">{t("common.all")}</option>
              {offices.map((o) => (
                <option key={o.code} value={o.code}>
                  {locale === "ko" ? o.nameKo : o.nameEn}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="filters__field filters__submit">
          <Button type="submit">{t("cases.searchButton")}</Button>
        </div>
      </form>
      {!found.data ? (
        found.error ? (
          <ProblemAlert error={found.error} />
        ) : (
          <Loading />
        )
      ) : (
        <>
          <table className="usa-table usa-table--stacked usa-table--borderless width-full case-list">
            <caption>
              {t("cases.results")}{" "}
              <span className="text-normal text-base">{t("common.count", { n: items.length })}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("cases.applicant")}</th>
                <th scope="col">{t("deadline.case")}</th>
                <th scope="col">{t("person.nationality")}</th>
                <th scope="col">{t("case.stage")}</th>
                <th scope="col">{t("case.office")}</th>
                <th scope="col">{t("case.filedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && (
                <tr>
                  <td colSpan={6}>{t("cases.empty")}</td>
                </tr>
              )}
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label={t("cases.applicant")}>
                    <Link to={`/cases/${c.id}`} className="usa-link">
                      {primaryName(c.names)}
                    </Link>
                    {otherNames(c.names).length > 0 && (
                      <span className="display-block font-body-3xs text-base">
                        {otherNames(c.names).join(" · ")}
                      </span>
                    )}
                  </th>
                  <td data-label={t("deadline.case")} className="font-mono-xs">
                    {c.caseNumber ?? shortId(c.id)}
                  </td>
                  <td data-label={t("person.nationality")}>{c.nationality}</td>
                  <td data-label={t("case.stage")}>
                    {words.of(c.profile).stage(c.stage)}
                    {c.final ? ` · ${t("case.finalShort")}` : ""}
                  </td>
                  <td data-label={t("case.office")}>{officeName(offices, c.office, locale)}</td>
                  <td data-label={t("case.filedOn")}>{date(c.filedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {found.isFetchNextPageError && <ProblemAlert error={found.error} />}
          {found.hasNextPage && (
            <MoreButton busy={found.isFetchingNextPage} onClick={() => void found.fetchNextPage()} />
          )}
        </>
      )}
    </>
  );
}
