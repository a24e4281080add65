/**
 * The library's search (/coi): words in Korean or English, "a phrase", OR, -excluded, with filters
 * on the document; results with the matched words marked. Opened from a case (/coi?case=<id>), or
 * with a case chosen here, each passage can be cited in that case.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { hasRight } from "../../../../src/security/access/rights.ts";
import { client } from "../../api.ts";
import { FindCase, type CaseMatch, type CaseQuery } from "../../components/FindCase.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PlainInput, shortId } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { queries } from "../../queries.ts";
import { useSignedIn } from "../../session.tsx";
import { coi, coiKeys, type CoiHit } from "./api.ts";
import { Fragments, useCountryLabel, useTagLabel } from "./shared.tsx";
import "./coi.css";

const FILTERS = ["country", "source", "topic", "language", "from", "to"] as const;

const findCases = async (q: CaseQuery): Promise<CaseMatch[]> =>
  (await client.searchCases(q)).items.map((c) => ({ ...c, caseId: c.id }));

/** "Cite in case": once cited, says so; a passage the case already cites says that instead. */
export function CiteButton({
  caseId,
  passageId,
  label,
}: {
  caseId: string;
  passageId: string;
  label: string;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const cite = useMutation({
    mutationFn: () => coi.cite(caseId, passageId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coiKeys.citations(caseId) }),
  });
  if (cite.isSuccess)
    return (
      <p className="coi-cited" role="status">
        {t("coi.cite.done")}
      </p>
    );
  return (
    <>
      <button
        type="button"
        className="usa-button usa-button--outline usa-button--small"
        aria-label={t("coi.cite.buttonFor", { passage: label })}
        disabled={cite.isPending}
        onClick={() => cite.mutate()}
      >
        {t("coi.cite.button")}
      </button>
      {cite.error && <ProblemAlert error={cite.error} />}
    </>
  );
}

function Hit({ hit, caseId }: { hit: CoiHit; caseId: string | null }) {
  const { t, date } = useI18n();
  const country = useCountryLabel();
  const d = hit.document;
  const suffix = caseId ? `?case=${encodeURIComponent(caseId)}` : "";
  return (
    <li className="coi-hit" data-passage={hit.passageId}>
      <h3 className="coi-hit__title" lang={d.language}>
        <Link className="usa-link" to={`/coi/documents/${d.id}${suffix}`}>
          {d.title}
        </Link>
      </h3>
      <p className="coi-hit__meta">
        <span lang={d.language}>{d.source}</span> · {country(d.country)} ·{" "}
        {d.publishedOn ? t("coi.publishedOn", { date: date(d.publishedOn) }) : t("coi.undated")}
        {hit.locator && <> · {hit.locator}</>}
      </p>
      <blockquote className="coi-hit__quote" lang={d.language}>
        <Fragments fragments={hit.fragments} />
      </blockquote>
      {caseId && (
        <CiteButton
          caseId={caseId}
          passageId={hit.passageId}
          label={`${d.title} ${hit.locator ?? ""}`.trim()}
        />
      )}
    </li>
  );
}

export function CoiSearch() {
  const { t, number, date } = useI18n();
  const session = useSignedIn();
  const country = useCountryLabel();
  const tag = useTagLabel();
  const [params, setParams] = useSearchParams();
  const caseId = params.get("case");
  const mayCite = hasRight(session.role, "event.examination");
  const facets = useQuery({ queryKey: coiKeys.facets, queryFn: coi.facets, staleTime: 60_000 });
  const citing = useQuery({ ...queries.case(caseId ?? ""), enabled: caseId !== null });
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(["q", ...FILTERS].map((k) => [k, params.get(k) ?? ""])),
  );
  const searched = params.has("q");
  const query = new URLSearchParams();
  for (const k of ["q", ...FILTERS, "page"]) {
    const v = params.get(k);
    if (v) query.set(k, v);
  }
  const results = useQuery({
    queryKey: coiKeys.search(query.toString()),
    queryFn: () => coi.search(query),
    enabled: searched,
  });
  const set = (k: string, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (caseId) next.set("case", caseId);
    next.set("q", form.q?.trim() ?? "");
    for (const k of FILTERS) if (form[k]) next.set(k, form[k]);
    setParams(next);
  };
  const page = Number(params.get("page") ?? "1") || 1;
  const goPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    setParams(next);
  };
  const chooseCase = (m: CaseMatch) => {
    const next = new URLSearchParams(params);
    next.set("case", m.caseId);
    setParams(next);
  };
  const data = results.data;
  return (
    <>
      <h1>{t("coi.heading")}</h1>
      <p>{t("coi.intro")}</p>
      {hasRight(session.role, "coi.manage") && (
        <p>
          <Link className="usa-button usa-button--outline" to="/coi/documents/new">
            {t("coi.document.add")}
          </Link>
        </p>
      )}
      {caseId ? (
        <p className="coi-case-bar">
          {t("coi.cite.forCase", { case: citing.data?.view.caseNumber ?? `…${shortId(caseId)}` })}{" "}
          <Link className="usa-link" to={`/cases/${caseId}`}>
            {t("coi.cite.backToCase")}
          </Link>
        </p>
      ) : (
        mayCite && (
          <details className="coi-choose-case">
            <summary>{t("coi.cite.chooseCase")}</summary>
            <FindCase id="coi-find-case" search={findCases} onChoose={chooseCase} />
          </details>
        )
      )}
      <form className="usa-form usa-form--large coi-search" role="search" onSubmit={submit}>
        <label className="usa-label" htmlFor="coi-q">
          {t("coi.search.label")}
        </label>
        <span className="usa-hint" id="coi-q-hint">
          {t("coi.search.hint")}
        </span>
        <input
          className="usa-input"
          id="coi-q"
          name="q"
          type="search"
          maxLength={300}
          aria-describedby="coi-q-hint"
          value={form.q ?? ""}
          onChange={(e) => set("q", e.target.value)}
        />
        <fieldset className="usa-fieldset coi-filters">
          <legend className="usa-legend">{t("coi.filters")}</legend>
          <div className="coi-filters__grid">
            <div>
              <label className="usa-label" htmlFor="coi-country">
                {t("coi.field.country")}
              </label>
              <select
                className="usa-select"
                id="coi-country"
                value={form.country ?? ""}
                onChange={(e) => set("country", e.target.value)}
              >
                <option value="">{t("coi.any")}</option>
                {facets.data?.countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {country(c.code)} ({number(c.documents)})
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="usa-label" htmlFor="coi-source">
                {t("coi.field.source")}
              </label>
              <select
                className="usa-select"
                id="coi-source"
                value={form.source ?? ""}
                onChange={(e) => set("source", e.target.value)}
              >
                <option value="">{t("coi.any")}</option>
                {facets.data?.sources.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name} ({number(s.documents)})
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="usa-label" htmlFor="coi-topic">
                {t("coi.field.topic")}
              </label>
              <select
                className="usa-select"
                id="coi-topic"
                value={form.topic ?? ""}
                onChange={(e) => set("topic", e.target.value)}
              >
                <option value="">{t("coi.any")}</option>
                <optgroup label={t("coi.field.profiles")}>
                  {facets.data?.profiles.map((p) => (
                    <option key={`p-${p.key}`} value={p.key}>
                      {tag(p.key)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t("coi.field.topics")}>
                  {facets.data?.topics.map((p) => (
                    <option key={`t-${p.key}`} value={p.key}>
                      {tag(p.key)}
                    </option>
                  ))}
                </optgroup>
              </select>
            </div>
            <div>
              <label className="usa-label" htmlFor="coi-language">
                {t("coi.field.language")}
              </label>
              <select
                className="usa-select"
                id="coi-language"
                value={form.language ?? ""}
                onChange={(e) => set("language", e.target.value)}
              >
                <option value="">{t("coi.any")}</option>
                <option value="ko">{t("coi.language.ko")}</option>
                <option value="en">{t("coi.language.en")}</option>
              </select>
            </div>
            <div>
              <label className="usa-label" htmlFor="coi-from">
                {t("coi.field.from")}
              </label>
              <PlainInput
                id="coi-from"
                type="date"
                value={form.from ?? ""}
                onChange={(e) => set("from", e.target.value)}
              />
            </div>
            <div>
              <label className="usa-label" htmlFor="coi-to">
                {t("coi.field.to")}
              </label>
              <PlainInput
                id="coi-to"
                type="date"
                value={form.to ?? ""}
                onChange={(e) => set("to", e.target.value)}
              />
            </div>
          </div>
        </fieldset>
        <button className="usa-button" type="submit">
          {t("coi.search.submit")}
        </button>
      </form>
      {searched &&
        (results.error ? (
          <ProblemAlert error={results.error} />
        ) : !data ? (
          <Loading />
        ) : (
          <section aria-labelledby="coi-results" className="coi-results">
            <h2 id="coi-results">{t("coi.results")}</h2>
            <p role="status">
              {t(data.totalCapped ? "coi.found.many" : "coi.found", { n: number(data.total) })}
              {params.get("from") || params.get("to")
                ? ` (${date(params.get("from"))}–${date(params.get("to"))})`
                : ""}
            </p>
            <ol className="usa-list usa-list--unstyled">
              {data.items.map((hit) => (
                <Hit key={hit.passageId} hit={hit} caseId={caseId} />
              ))}
            </ol>
            {(page > 1 || data.total > page * data.pageSize) && (
              <nav aria-label={t("coi.pages")} className="coi-pages">
                {page > 1 && (
                  <button
                    type="button"
                    className="usa-button usa-button--outline"
                    onClick={() => goPage(page - 1)}
                  >
                    {t("coi.previous")}
                  </button>
                )}
                {data.total > page * data.pageSize && page < 50 && (
                  <button
                    type="button"
                    className="usa-button usa-button--outline"
                    onClick={() => goPage(page + 1)}
                  >
                    {t("coi.next")}
                  </button>
                )}
              </nav>
            )}
          </section>
        ))}
    </>
  );
}
