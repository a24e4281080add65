/**
 * An impact statement: a simulation run's result as fixed tables that go through the statistics'
 * disclosure control (src/kernel/statistics/disclosure.ts) before anyone outside sees them, served
 * beside the public statistics as a page, CSV and JSON-stat (docs/reapplication-simulation.md).
 *
 * For each policy and each bound, one table of re-applications by nationality: not reviewed
 * (the trigger does not apply), eligible, and, for a policy that takes applicant status away,
 * screened out and not later protected, and screened out yet later recognized, given humanitarian
 * stay or won in court (the false negatives); for a policy that keeps the status, found ineligible.
 * Every row is one population split once, so the totals are true totals and the tables' own
 * suppression protects them. The intervals of the analyst's screen are not published: a reader
 * may compute one from the published, rounded counts.
 */
import { v7 as uuidv7 } from "uuid";
import { audit, actorName, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { protectFigures, type PublishedFigures } from "../../kernel/statistics/disclosure.ts";
import type { CountTable, Dimension, PublicFigures } from "../../kernel/statistics/table.ts";
import { labelDimension } from "../../statistics/publish/labels.ts";
import type { Lang } from "../../statistics/publish/messages.ts";
import type { PolicySimulation, SimulationCell } from "./replay.ts";
import type { SimulationReport } from "./run.ts";

const WORDS = {
  en: {
    nationality: "Nationality",
    outcome: "Under the policy",
    not_reviewed: "Not reviewed (trigger does not apply)",
    eligible: "Eligible: examined",
    screened_out: "Screened out, not later protected",
    false_negative: "Screened out, yet later recognized, humanitarian stay or annulled by a court",
    ineligible_kept: "Found ineligible, still an applicant",
    strict: "strict reading (only what arose after the earlier decision counts)",
    generous: "generous reading (anything not already considered counts)",
    title: (policy: string, bound: string, from: number, to: number) =>
      `${policy}: re-applications filed ${from}-${to} by nationality, ${bound}`,
    definition:
      "Each re-application filed in the period, replayed as of its filing under the policy: the trigger (how the earlier case had ended, the channel), then the test on the elements the examiner classified as new.",
  },
  ko: {
    nationality: "국적",
    outcome: "정책 적용 결과",
    not_reviewed: "심사 대상 아님 (요건 미해당)",
    eligible: "적격: 심사 진행",
    screened_out: "부적격 배제, 이후 보호받지 않음",
    false_negative: "부적격 배제되었으나 이후 난민인정·인도적 체류허가·법원 취소판결",
    ineligible_kept: "부적격이나 신청자 지위 유지",
    strict: "엄격한 해석 (종전 결정 이후 발생한 사정만 인정)",
    generous: "관대한 해석 (이미 고려되지 않은 모든 요소 인정)",
    title: (policy: string, bound: string, from: number, to: number) =>
      `${policy}: ${from}-${to}년 재신청, 국적별, ${bound}`,
    definition:
      "기간 중 제기된 각 재신청을 제기 당시 기준으로 정책에 따라 재현함: 요건(종전 사건의 종료 사유, 신청 경로), 이어서 심사관이 새로운 것으로 분류한 요소에 대한 기준.",
  },
} as const;

/** Columns of a policy's table, and each column's count in a cell. */
function columnsOf(p: PolicySimulation, bound: "strict" | "generous") {
  const cols: [string, (c: SimulationCell) => number][] = [
    ["not_reviewed", (c) => c.reapplications - c.reviewed],
    ["eligible", (c) => c.reviewed - c[bound].ineligible],
  ];
  if (p.screensOut)
    cols.push(
      ["screened_out", (c) => c[bound].screenedOut - c[bound].falseNegatives.total],
      ["false_negative", (c) => c[bound].falseNegatives.total],
    );
  else cols.push(["ineligible_kept", (c) => c[bound].ineligible]);
  return cols;
}

/** The statement's true tables, in `lang`. */
export function impactFigures(report: SimulationReport, lang: Lang): PublicFigures {
  const w = WORDS[lang];
  const tables: CountTable[] = [];
  for (const p of report.policies) {
    for (const bound of ["strict", "generous"] as const) {
      const cols = columnsOf(p, bound);
      const rows = p.breakdowns.nationality;
      const rowsDim: Dimension = labelDimension(
        { id: "nationality", label: w.nationality, categories: rows.map((r) => r.category) },
        lang,
      );
      const columns: Dimension = {
        id: "outcome",
        label: w.outcome,
        categories: cols.map(([id]) => id),
        labels: Object.fromEntries(cols.map(([id]) => [id, w[id as keyof typeof w] as string])),
      };
      tables.push({
        id: `${p.policyId}-${bound}`,
        title: w.title(lang === "ko" ? p.title.ko : p.title.en, w[bound], report.from, report.to),
        unit: "cases",
        definitions: [{ id: "reapplication_simulation", name: w.outcome, text: w.definition }],
        rows: rowsDim,
        columns,
        cells: rows.map((r) => cols.map(([, count]) => count(r.figures))),
        filters: { period: `${report.from}-${report.to}`, policy: p.policyId, reading: bound },
        asOf: report.asOf,
      });
    }
  }
  return { asOf: report.asOf, tables, rates: [] };
}

export interface StoredStatement {
  id: string;
  from: number;
  to: number;
  policies: string[];
  asOf: string;
  publishedAt: string;
  figures: Record<Lang, PublicFigures>;
}

export interface StatementSummary {
  id: string;
  from: number;
  to: number;
  policies: string[];
  asOf: string;
  publishedAt: string;
}

/** Publish a finished run's report: protected first (a refusal changes nothing), then stored. */
export async function publishStatement(
  ctx: AppContext,
  actor: Actor,
  report: SimulationReport,
): Promise<StatementSummary> {
  if (report.office !== null)
    throw new AppError(
      "invalid_input",
      "an impact statement covers every office: run the simulation without an office to publish it",
    );
  const figures = { en: impactFigures(report, "en"), ko: impactFigures(report, "ko") };
  // Disclosure control refuses what may not be published before anything is stored.
  protectFigures(figures.en);
  protectFigures(figures.ko);
  const id = uuidv7();
  const at = ctx.clock().toISOString();
  const policies = report.policies.map((p) => p.policyId);
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO impact_statements (id, from_year, to_year, policies, as_of, figures, published_by, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, report.from, report.to, policies, report.asOf, JSON.stringify(figures), actorName(actor), at],
    );
    await audit(tx, actor, ctx.clock(), {
      action: "reapplication.impact_statement.publish",
      outcome: "ok",
      details: { statement: id, from: report.from, to: report.to, policies: policies.join(",") },
    });
  });
  return { id, from: report.from, to: report.to, policies, asOf: report.asOf, publishedAt: at };
}

interface Row {
  id: string;
  from_year: number;
  to_year: number;
  policies: string[];
  as_of: string;
  published_at: Date | string;
  figures: Record<Lang, PublicFigures>;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export async function listStatements(ctx: AppContext): Promise<StatementSummary[]> {
  const rows = await ctx.db.query<Omit<Row, "figures">>(
    `SELECT id, from_year, to_year, policies, as_of, published_at FROM impact_statements
      ORDER BY published_at DESC, id DESC LIMIT 200`,
  );
  return rows.map((r) => ({
    id: r.id,
    from: r.from_year,
    to: r.to_year,
    policies: r.policies,
    asOf: r.as_of,
    publishedAt: iso(r.published_at),
  }));
}

/** A statement's protected figures in `lang`, or null when there is none with this id. */
export async function publishedStatement(
  ctx: AppContext,
  id: string,
  lang: Lang,
): Promise<{ summary: StatementSummary; figures: PublishedFigures } | null> {
  const [r] = await ctx.db.query<Row>(
    `SELECT id, from_year, to_year, policies, as_of, published_at, figures FROM impact_statements WHERE id = $1`,
    [id],
  );
  if (!r) return null;
  return {
    summary: {
      id: r.id,
      from: r.from_year,
      to: r.to_year,
      policies: r.policies,
      asOf: r.as_of,
      publishedAt: iso(r.published_at),
    },
    figures: protectFigures(r.figures[lang]),
  };
}
