/**
 * The published figures in the reader's language, for every format (page, JSON, JSON-stat, CSV).
 * Every category gets its name in that language (labels.ts: countries, outcomes, kinds, …). The
 * figures are computed with English titles, labels and definitions; in Korean they read in Korean. The names and definitions of the
 * rates come from the web workspace's catalogue (one Korean text for the staff's screens and the
 * public page); the titles of the fixed tables are the page's own words. Only words change:
 * numbers, ids and suppressions stay exactly as published.
 */
import type { PublishedFigures } from "../../kernel/statistics/disclosure.ts";
import type { Definition, Dimension } from "../../kernel/statistics/table.ts";
import ko from "../../../web/src/i18n/ko.json" with { type: "json" };
import { labelDimension } from "./labels.ts";
import type { Lang } from "./messages.ts";

const catalogue = ko as Record<string, string>;

/** Titles of the fixed tables and rate series, by id; a function where the title names a year or date. */
const KO_TITLES: Record<string, (filters: Record<string, string>, asOf: string) => string> = {
  applications_by_year: () => "신청 연도별 신청 건수",
  first_instance_decisions_by_year: () => "연도별·결과별 1차 심사 결정",
  objection_decisions_by_year: () => "연도별·결과별 이의신청 결정",
  first_instance_decisions_by_nationality: (f) => `${f.year ?? ""}년 국적별·결과별 1차 심사 결정`,
  cohort_outcomes: (_f, asOf) => `신청 연도별 사건이 ${asOf}에 놓인 상태`,
  rrr_unhcr: () => "난민 인정률 (UNHCR 기준), 1차 심사",
  tpr_unhcr: () => "총 보호율 (UNHCR 기준), 1차 심사",
  per_application: () => "신청 대비 인정률 (언론 보도 방식)",
  final_recognition: () => "최종 인정률",
};

const KO_DIMENSIONS: Record<string, string> = {
  year: "연도",
  outcome: "결과",
  kind: catalogue["stats.dim.kind"] ?? "신청 종류",
  nationality: catalogue["stats.dim.nationality"] ?? "국적",
  sex: catalogue["stats.dim.sex"] ?? "성별",
  ageBand: catalogue["stats.dim.ageBand"] ?? "연령대",
  channel: catalogue["stats.dim.channel"] ?? "신청 경로",
  decision_year: "결정 연도",
  filing_year: "신청 연도",
};

function koDimension(d: Dimension): Dimension {
  const label = d.label === "Year of filing" ? "신청 연도" : (KO_DIMENSIONS[d.id] ?? d.label);
  return { ...labelDimension(d, "ko"), label };
}

function koDefinition(d: Definition): Definition {
  return {
    ...d,
    name: catalogue[`statDef.name.${d.id}`] ?? d.name,
    text: catalogue[`statDef.text.${d.id}`] ?? d.text,
  };
}

export function localizeFigures(f: PublishedFigures, lang: Lang): PublishedFigures {
  if (lang === "en") {
    return {
      ...f,
      tables: f.tables.map((t) => ({
        ...t,
        rows: labelDimension(t.rows, "en"),
        columns: labelDimension(t.columns, "en"),
      })),
      rates: f.rates.map((s) => ({ ...s, dimension: labelDimension(s.dimension, "en") })),
    };
  }
  const title = (id: string, fallback: string, filters: Record<string, string>, asOf: string) =>
    KO_TITLES[id]?.(filters, asOf) ?? fallback;
  return {
    ...f,
    tables: f.tables.map((t) => ({
      ...t,
      title: title(t.id, t.title, t.filters, t.asOf),
      definitions: t.definitions.map(koDefinition),
      rows: koDimension(t.rows),
      columns: koDimension(t.columns),
    })),
    rates: f.rates.map((s) => ({
      ...s,
      title: title(s.id, s.title, s.filters, s.asOf),
      definition: koDefinition(s.definition),
      dimension: koDimension(s.dimension),
    })),
  };
}
