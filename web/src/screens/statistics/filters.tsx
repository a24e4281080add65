/** The statistics tabs' filters: the year, breakdown and filters in the URL, as a form and as a summary. */
import { Alert, Button, Label, Select } from "@trussworks/react-uswds";
import { useState, type FormEvent, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { PlainInput } from "../../components/common.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { ROLE_DEFINITIONS } from "../../../../src/security/access/rights.ts";
import { officeName, useOffices } from "../../reference.ts";
import { useSignedIn } from "../../session.tsx";
import {
  AGE_BANDS,
  CHANNELS,
  DIMENSIONS,
  DIMENSION_LABEL,
  KINDS,
  SEXES,
  categoryLabel,
  yearOf,
} from "../../statistics.ts";

export function FilterSummary({ params }: { params: URLSearchParams }) {
  const i = useI18n();
  const offices = useOffices();
  const parts: string[] = [];
  for (const d of DIMENSIONS) {
    const v = params.get(d);
    if (v) parts.push(`${i.t(DIMENSION_LABEL[d])}: ${categoryLabel(i, offices, d, v)}`);
  }
  const by = params.get("by");
  return (
    <p className="usa-hint stat-summary">
      {by && (DIMENSIONS as readonly string[]).includes(by)
        ? i.t("stats.byDimension", { dim: i.t(DIMENSION_LABEL[by as (typeof DIMENSIONS)[number]]) })
        : i.t("stats.noBreakdown")}
      {" · "}
      {parts.length ? i.list(parts) : i.t("stats.noFilters")}
    </p>
  );
}

/** The year, breakdown and filters, kept in the URL (and, for cohorts and pending cases, the date). */
function FilterForm({ withDate, ownOffice }: { withDate: boolean; ownOffice: string | null }) {
  const { t, tv, locale } = useI18n();
  const offices = useOffices();
  const [params, setParams] = useSearchParams();
  const [v, setV] = useState<Record<string, string>>(() => ({
    year: String(yearOf(params)),
    by: params.get("by") ?? "",
    asOf: params.get("asOf") ?? "",
    ...Object.fromEntries(DIMENSIONS.map((d) => [d, params.get(d) ?? ""])),
  }));
  const set = (k: string) => (e: { target: { value: string } }) =>
    setV((o) => ({ ...o, [k]: k === "nationality" ? e.target.value.toUpperCase() : e.target.value }));

  function apply(e: FormEvent) {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, x] of Object.entries(v)) if (x) p.set(k, x);
    // Keep what the other tabs use.
    for (const k of ["from", "to", "levels"]) {
      const x = params.get(k);
      if (x) p.set(k, x);
    }
    setParams(p);
  }
  const select = (id: string, label: MessageKey, values: readonly string[], show: (x: string) => string) => (
    <div className="filters__field">
      <Label htmlFor={`st-${id}`}>{t(label)}</Label>
      <Select id={`st-${id}`} name={id} value={v[id] ?? ""} onChange={set(id)}>
        <option value="">{t("common.all")}</option>
        {values.map((x) => (
          <option key={x} value={x}>
            {show(x)}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <form className="filters" onSubmit={apply} aria-label={t("common.filters")}>
      <div className="filters__field filters__field--narrow">
        <Label htmlFor="st-year">{t("stats.year")}</Label>
        <PlainInput
          id="st-year"
          name="year"
          type="number"
          min={1994}
          max={2100}
          required
          value={v.year}
          onChange={set("year")}
        />
      </div>
      <div className="filters__field">
        <Label htmlFor="st-by">{t("stats.by")}</Label>
        <Select id="st-by" name="by" value={v.by ?? ""} onChange={set("by")}>
          <option value="">{t("stats.noBreakdown")}</option>
          {DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(DIMENSION_LABEL[d])}
            </option>
          ))}
        </Select>
      </div>
      {withDate && (
        <div className="filters__field">
          <Label htmlFor="st-asOf">{t("stats.asOf")}</Label>
          <PlainInput id="st-asOf" name="asOf" type="date" value={v.asOf} onChange={set("asOf")} />
        </div>
      )}
      <div className="filters__field filters__field--narrow">
        <Label htmlFor="st-nationality">
          {t("stats.dim.nationality")}
          <span className="usa-hint">{t("stats.nationalityHint")}</span>
        </Label>
        <PlainInput
          id="st-nationality"
          name="nationality"
          pattern="[A-Z]{3}"
          maxLength={3}
          autoComplete="off"
          value={v.nationality}
          onChange={set("nationality")}
        />
      </div>
      {select("sex", "stats.dim.sex", SEXES, (x) => tv("enum.sex", x))}
      {select("ageBand", "stats.dim.ageBand", AGE_BANDS, (x) => (x === "unknown" ? t("stats.unknown") : x))}
      {select("channel", "stats.dim.channel", CHANNELS, (x) => tv("enum.channel", x))}
      {select(
        "office",
        "stats.dim.office",
        // Staff bound to one office get its figures only (the server refuses any other).
        offices.map((o) => o.code).filter((code) => ownOffice === null || code === ownOffice),
        (x) => {
          const o = offices.find((y) => y.code === x);
          return o ? (locale === "ko" ? o.nameKo : o.nameEn) : x;
        },
      )}
      {select("kind", "stats.dim.kind", KINDS, (x) => tv("enum.kind", x))}
      <div className="filters__field filters__submit">
        <Button type="submit">{t("stats.show")}</Button>
      </div>
    </form>
  );
}

/** Whose figures an office-bound user sees: their office's only; other offices on the public page. */
function OfficeScope({ office }: { office: string }) {
  const { t, locale } = useI18n();
  const offices = useOffices();
  return (
    <Alert type="info" headingLevel="h2" slim className="stat-scope">
      {t("stats.scopeOwnOffice", { office: officeName(offices, office, locale) })}{" "}
      <a className="usa-link" href={locale === "en" ? "/statistics?lang=en" : "/statistics"}>
        {t("stats.publicPage")}
      </a>
    </Alert>
  );
}

export function WithFilters({ withDate, children }: { withDate: boolean; children: ReactNode }) {
  const [params] = useSearchParams();
  const session = useSignedIn();
  const ownOffice = ROLE_DEFINITIONS[session.role].spansOffices ? null : session.officeId;
  return (
    <>
      {ownOffice && <OfficeScope office={ownOffice} />}
      {/* A new URL (back, forward, a tab) re-reads the form from it. */}
      <FilterForm key={params.toString()} withDate={withDate} ownOffice={ownOffice} />
      {children}
    </>
  );
}
