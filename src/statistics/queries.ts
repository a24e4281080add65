/**
 * The statistics section: every figure from the case records, each rate with its definition
 * (docs/statistics.md). Aggregates only: no case or person leaves here, except the reversed cases of
 * the decision-maker feedback, which go to the supervisor of the examiner's office.
 *
 * True counts are scoped (`statisticsScope`, docs/security.md "Statistics"): staff bound to one
 * office get their office's figures only, and are refused another office's; other offices' figures
 * reach them only through the public page, under its disclosure control.
 */
import {
  DEFINITIONS,
  decisionMakerRates,
  perApplicationRate,
  rate,
  recognitionRate,
  totalProtectionRate,
  type DecisionMakerRate,
  type Rate,
} from "../kernel/statistics/rates.ts";
import type { CountTable, PublicFigures, RateSeries } from "../kernel/statistics/table.ts";
import { statisticsScope } from "../security/access/policy.ts";
import {
  cohortOutcomes,
  decisionMakerCounts,
  firstFiledYear,
  pendingCases,
  reversals,
  reversedCasesOf,
  yearlyTable,
  type CohortRow,
  type PendingRow,
  type ReversalRow,
  type StatDimension,
  type StatFilters,
  type YearlyRow,
} from "./db/queries.ts";
import { audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";

export interface YearlyFigures extends YearlyRow {
  rates: Rate[];
}

async function logged<T>(
  ctx: AppContext,
  actor: Actor,
  action: string,
  details: Record<string, string | number | null>,
  run: () => Promise<T>,
): Promise<T> {
  const result = await run();
  await ctx.db.transaction((tx) => audit(tx, actor, ctx.clock(), { action, outcome: "ok", details }));
  return result;
}

/**
 * The office whose true counts the actor sees (null: every office), or a refusal: an office-bound
 * actor sees their own office only, and an account bound to no office sees nothing.
 */
function scopedOffice(actor: Actor): string | null {
  const scope = statisticsScope(actor.principal);
  if (scope.kind === "all") return null;
  if (scope.kind === "none")
    throw new AppError("forbidden", "this account works for no office, so it sees no office's statistics");
  return scope.officeId;
}

/** The filters narrowed to the actor's office, when they are bound to one; another office is refused. */
function scoped(actor: Actor, filters: StatFilters = {}): { office: string | null; filters: StatFilters } {
  const office = scopedOffice(actor);
  if (office === null) return { office, filters };
  if (filters.office !== undefined && filters.office !== office)
    throw new AppError(
      "forbidden",
      `your role sees the statistics of its own office (${office}) only; other offices' figures are on the public statistics page, under disclosure control`,
    );
  return { office, filters: { ...filters, office } };
}

/**
 * The true national counts behind the public page, before disclosure control: for roles that span
 * offices only (an office-bound actor could take their own office's figures from them and learn
 * the others').
 */
export function requireNationalScope(actor: Actor): void {
  if (scopedOffice(actor) !== null)
    throw new AppError(
      "forbidden",
      "the true national counts are for roles that span offices; the public statistics page shows them under disclosure control",
    );
}

function withRates(r: YearlyRow): YearlyFigures {
  const objectionSubstantive = r.objection.recognized + r.objection.humanitarian + r.objection.rejected;
  const courtSubstantive = r.courts.annulled + r.courts.rejected;
  return {
    ...r,
    rates: [
      recognitionRate(r.firstInstance),
      totalProtectionRate(r.firstInstance),
      perApplicationRate(r.recognitionsAllLevels, r.applications),
      rate(
        "final_recognition",
        r.final.recognized,
        r.final.recognized + r.final.humanitarian + r.final.rejected,
      ),
      rate("objection_recognition", r.objection.recognized, objectionSubstantive),
      rate("court_annulment", r.courts.annulled, courtSubstantive),
    ],
  };
}

/** The yearly table: applications, decisions by level and outcome, and the rates, by a dimension. */
export async function yearlyStatistics(
  ctx: AppContext,
  actor: Actor,
  options: { year: number; by: StatDimension | null; filters?: StatFilters },
): Promise<{
  year: number;
  by: StatDimension | null;
  rows: YearlyFigures[];
  total: YearlyFigures;
  office: string | null;
}> {
  const { office, filters } = scoped(actor, options.filters);
  return logged(
    ctx,
    actor,
    "statistics.read",
    { figure: "yearly", year: options.year, by: options.by, office },
    async () => {
      const rows = await yearlyTable(ctx.db, { ...options, filters });
      const [total] =
        options.by === null ? rows : await yearlyTable(ctx.db, { year: options.year, by: null, filters });
      return {
        year: options.year,
        by: options.by,
        rows: rows.map(withRates),
        total: withRates(total ?? emptyYearly()),
        office,
      };
    },
  );
}

function emptyYearly(): YearlyRow {
  const zero = { recognized: 0, humanitarian: 0, rejected: 0, closed: 0 };
  return {
    category: "total",
    applications: 0,
    applicants: 0,
    subsequentApplications: 0,
    firstInstance: { ...zero },
    objection: { ...zero },
    courts: { annulled: 0, rejected: 0, closed: 0 },
    recognitionsAllLevels: 0,
    final: { ...zero },
  };
}

export async function cohortStatistics(
  ctx: AppContext,
  actor: Actor,
  options: { filedYear: number; asOf?: string; by: StatDimension | null; filters?: StatFilters },
): Promise<{ filedYear: number; asOf: string; office: string | null; rows: CohortRow[] }> {
  const asOf = options.asOf ?? today(ctx);
  const { office, filters } = scoped(actor, options.filters);
  return logged(
    ctx,
    actor,
    "statistics.read",
    { figure: "cohort", year: options.filedYear, office },
    async () => ({
      filedYear: options.filedYear,
      asOf,
      office,
      rows: await cohortOutcomes(ctx.db, { ...options, asOf, filters }),
    }),
  );
}

export async function pendingStatistics(
  ctx: AppContext,
  actor: Actor,
  options: { asOf?: string; by: StatDimension | null; filters?: StatFilters },
): Promise<{ asOf: string; office: string | null; rows: PendingRow[] }> {
  const asOf = options.asOf ?? today(ctx);
  const { office, filters } = scoped(actor, options.filters);
  return logged(ctx, actor, "statistics.read", { figure: "pending", asOf, office }, async () => ({
    asOf,
    office,
    rows: await pendingCases(ctx.db, { ...options, asOf, filters }),
  }));
}

export async function reversalStatistics(
  ctx: AppContext,
  actor: Actor,
  options: { year: number; by: StatDimension | null; filters?: StatFilters },
): Promise<{ year: number; office: string | null; rows: (ReversalRow & { rates: Rate[] })[] }> {
  const { office, filters } = scoped(actor, options.filters);
  return logged(
    ctx,
    actor,
    "statistics.read",
    { figure: "reversals", year: options.year, office },
    async () => ({
      year: options.year,
      office,
      rows: (await reversals(ctx.db, { ...options, filters })).map((r) => ({
        ...r,
        rates: [
          rate("reversal_objection", r.byObjection, r.refusals),
          rate("reversal_court", Math.min(r.refusals, r.byCourt1 + r.byCourt2 + r.byCourt3), r.refusals),
        ],
      })),
    }),
  );
}

export type DecisionLevelGroup = "first_instance" | "objection" | "courts";

/**
 * The internal decision-maker view (supervisors and analysts): grant rates with intervals and
 * expected rates; a supervisor sees the decisions of their own office. Never published.
 */
export async function decisionMakerStatistics(
  ctx: AppContext,
  actor: Actor,
  options: { from: string; to: string; levels: DecisionLevelGroup },
): Promise<{
  from: string;
  to: string;
  levels: DecisionLevelGroup;
  office: string | null;
  minimumDecisions: number;
  belowThreshold: number;
  rates: DecisionMakerRate[];
}> {
  if (options.from >= options.to) {
    throw new AppError("invalid_input", `from (${options.from}) must be before to (${options.to})`, {
      issues: [{ path: "querystring.to", message: "not after from" }],
    });
  }
  const office = scopedOffice(actor);
  return logged(
    ctx,
    actor,
    "statistics.decision_makers",
    { from: options.from, to: options.to, levels: options.levels },
    async () => {
      const counts = await decisionMakerCounts(ctx.db, { ...options, office });
      const { rates, belowThreshold } = decisionMakerRates(counts);
      return { ...options, office, minimumDecisions: 30, belowThreshold, rates };
    },
  );
}

/** Feedback: an examiner's first-instance refusals later overturned, for their supervisor. */
export async function reversedCasesFeedback(
  ctx: AppContext,
  actor: Actor,
  options: { examiner: string; from: string; to: string },
) {
  const office = scopedOffice(actor);
  return logged(
    ctx,
    actor,
    "statistics.decision_makers",
    { figure: "reversed_cases", examiner: options.examiner },
    async () => ({
      ...options,
      office,
      cases: await reversedCasesOf(ctx.db, { ...options, office }),
    }),
  );
}

const OUTCOME_COLUMNS = {
  id: "outcome",
  label: "Outcome",
  categories: ["recognized", "humanitarian", "rejected", "closed"],
};

/**
 * The fixed tables and rate series of the public page, true counts (disclosure control is
 * applied by the publisher). Years from the earliest filing to the year of `asOf`.
 */
export async function publicFigures(ctx: AppContext, asOf: string = today(ctx)): Promise<PublicFigures> {
  const first = await firstFiledYear(ctx.db);
  const lastYear = Number(asOf.slice(0, 4));
  const firstYear = Math.max(first ?? lastYear, lastYear - 9);
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);
  const yearly = await Promise.all(
    years.map(async (y) => (await yearlyTable(ctx.db, { year: y, by: null }))[0] ?? { ...emptyYearly() }),
  );
  const yearDim = { id: "year", label: "Year", categories: years.map(String) };
  const def = (id: keyof typeof DEFINITIONS) => DEFINITIONS[id];
  const outcomeRow = (c: { recognized: number; humanitarian: number; rejected: number; closed: number }) => [
    c.recognized,
    c.humanitarian,
    c.rejected,
    c.closed,
  ];

  // The latest year with first-instance decisions, for the table by nationality.
  const decided = (r: YearlyRow) =>
    r.firstInstance.recognized + r.firstInstance.humanitarian + r.firstInstance.rejected;
  const latestIndex = yearly.findLastIndex((r) => decided(r) > 0);
  const latest = years[latestIndex] ?? lastYear;
  const byNationality = (await yearlyTable(ctx.db, { year: latest, by: "nationality" })).filter(
    (r) => r.category !== "unknown",
  );

  const tables: CountTable[] = [
    {
      id: "applications_by_year",
      title: "Applications by year of filing",
      unit: "cases",
      definitions: [def("applications")],
      rows: yearDim,
      columns: { id: "kind", label: "Kind", categories: ["first", "subsequent"] },
      cells: yearly.map((r) => [r.applications - r.subsequentApplications, r.subsequentApplications]),
      filters: {},
      asOf,
    },
    {
      id: "first_instance_decisions_by_year",
      title: "First-instance decisions by year and outcome",
      unit: "decisions",
      definitions: [def("rrr_unhcr"), def("tpr_unhcr")],
      rows: yearDim,
      columns: OUTCOME_COLUMNS,
      cells: yearly.map((r) => outcomeRow(r.firstInstance)),
      filters: { level: "first_instance" },
      asOf,
    },
    {
      id: "objection_decisions_by_year",
      title: "Objection decisions by year and outcome",
      unit: "decisions",
      definitions: [def("objection_recognition")],
      rows: yearDim,
      columns: OUTCOME_COLUMNS,
      cells: yearly.map((r) => outcomeRow(r.objection)),
      filters: { level: "objection" },
      asOf,
    },
    {
      id: "first_instance_decisions_by_nationality",
      title: `First-instance decisions in ${latest} by nationality and outcome`,
      unit: "decisions",
      definitions: [def("rrr_unhcr")],
      rows: { id: "nationality", label: "Nationality", categories: byNationality.map((r) => r.category) },
      columns: OUTCOME_COLUMNS,
      cells: byNationality.map((r) => outcomeRow(r.firstInstance)),
      filters: { year: String(latest), level: "first_instance" },
      asOf,
    },
  ];
  const cohortYears = years.slice(-6);
  const cohorts = await Promise.all(
    cohortYears.map(async (y) => (await cohortOutcomes(ctx.db, { filedYear: y, asOf, by: null }))[0]),
  );
  tables.push({
    id: "cohort_outcomes",
    title: `Where the applications of each year stood on ${asOf}`,
    unit: "cases",
    definitions: [def("cohort_outcome")],
    rows: { id: "year", label: "Year of filing", categories: cohortYears.map(String) },
    columns: {
      id: "outcome",
      label: "Outcome",
      categories: ["recognized", "humanitarian", "rejected", "closed", "pending"],
    },
    cells: cohorts.map((c) =>
      c ? [c.recognized, c.humanitarian, c.rejected, c.closed, c.pending] : [0, 0, 0, 0, 0],
    ),
    filters: {},
    asOf,
  });

  const series = (
    id: keyof typeof DEFINITIONS,
    title: string,
    pick: (r: YearlyRow) => [number, number],
  ): RateSeries => ({
    id,
    title,
    definition: def(id),
    dimension: yearDim,
    points: yearly.map((r, i) => {
      const [numerator, denominator] = pick(r);
      return { category: String(years[i]), numerator, denominator };
    }),
    filters: {},
    asOf,
  });
  const rates: RateSeries[] = [
    series("rrr_unhcr", "Refugee recognition rate (UNHCR), first instance", (r) => [
      r.firstInstance.recognized,
      r.firstInstance.recognized + r.firstInstance.humanitarian + r.firstInstance.rejected,
    ]),
    series("tpr_unhcr", "Total protection rate (UNHCR), first instance", (r) => [
      r.firstInstance.recognized + r.firstInstance.humanitarian,
      r.firstInstance.recognized + r.firstInstance.humanitarian + r.firstInstance.rejected,
    ]),
    series("per_application", "Per-application rate (as in the press)", (r) => [
      r.recognitionsAllLevels,
      r.applications,
    ]),
    series("final_recognition", "Final recognition rate", (r) => [
      r.final.recognized,
      r.final.recognized + r.final.humanitarian + r.final.rejected,
    ]),
  ];
  return { asOf, tables, rates };
}
