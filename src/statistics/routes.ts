/**
 * The statistics section for staff (analysts, supervisors and casework roles): every figure with
 * its definition. The decision-maker view needs its own right (supervisors and analysts only).
 * The public page is elsewhere (public-statistics.ts) and carries no decision-maker figure.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  publicFigures,
  requireNationalScope,
  cohortStatistics,
  decisionMakerStatistics,
  pendingStatistics,
  reversalStatistics,
  reversedCasesFeedback,
  yearlyStatistics,
} from "./queries.ts";
import {
  CohortQuerySchema,
  CohortStatisticsSchema,
  DecisionMakersQuerySchema,
  DecisionMakerStatisticsSchema,
  PendingQuerySchema,
  PendingStatisticsSchema,
  ProblemSchema,
  PublicFiguresSchema,
  ReversalsQuerySchema,
  ReversalStatisticsSchema,
  ReversedCasesQuerySchema,
  ReversedCasesSchema,
  STAT_DIMENSION_NAMES,
  StatDefinitionsSchema,
  StatFiltersQuery,
  YearlyQuerySchema,
  YearlyStatisticsSchema,
} from "../contracts/api.ts";
import { DEFINITIONS } from "../kernel/statistics/rates.ts";
import { STAT_DIMENSIONS, type StatDimension, type StatFilters } from "./db/queries.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

/** The dimensions the contract names are those the queries know, and no other. */
const dimensionsAgree: [StatDimension, (typeof STAT_DIMENSION_NAMES)[number]] extends [
  (typeof STAT_DIMENSION_NAMES)[number],
  StatDimension,
]
  ? true
  : never = true;
void dimensionsAgree;
type FilterQuery = { [K in keyof typeof StatFiltersQuery]?: string };

function filtersOf(q: FilterQuery): StatFilters {
  const f: StatFilters = {};
  for (const d of Object.keys(STAT_DIMENSIONS) as StatDimension[]) {
    const v = q[d];
    if (v !== undefined) f[d] = v;
  }
  return f;
}

const definitions = Object.values(DEFINITIONS);
const errors = { 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema };
/** How every figure is scoped (docs/security.md, "Statistics"). */
const SCOPED =
  "Staff bound to one office get their own office's figures only (`office` in the answer); asking for another office's (`office=`) is refused (403): they see other offices only on the public page, under disclosure control.";

export const statisticsRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/statistics/definitions",
      {
        schema: {
          tags: ["statistics"],
          operationId: "listStatisticsDefinitions",
          description: "Needs the right statistics.read.",
          summary: "The name and definition of every figure",
          response: { 200: StatDefinitionsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        return { items: definitions };
      },
    );

    app.get(
      "/statistics/public-figures",
      {
        schema: {
          tags: ["statistics"],
          operationId: "getPublicFigures",
          description:
            "Needs the right statistics.read and a role that spans offices: staff bound to one office are refused (403), since their own office's figures would give away the others'. Published only after disclosure control, through `openrsd stats export`.",
          summary:
            "The true counts behind the public page, before disclosure control (for `openrsd stats export`; never public)",
          response: {
            200: PublicFiguresSchema,
            ...errors,
          },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        requireNationalScope(actorOf(req));
        return publicFigures(deps.ctx);
      },
    );

    app.get(
      "/statistics/yearly",
      {
        schema: {
          tags: ["statistics"],
          operationId: "getYearlyStatistics",
          description: `Needs the right statistics.read. Each rate with its numerator, denominator and definition. ${SCOPED}`,
          summary: "One year: applications, decisions by level and outcome, and every rate, by a dimension",
          querystring: YearlyQuerySchema,
          response: { 200: YearlyStatisticsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        const q = req.query;
        const result = await yearlyStatistics(deps.ctx, actorOf(req), {
          year: q.year,
          by: q.by ?? null,
          filters: filtersOf(q),
        });
        return { ...result, definitions };
      },
    );

    app.get(
      "/statistics/cohort",
      {
        schema: {
          tags: ["statistics"],
          operationId: "getCohortStatistics",
          description: `Needs the right statistics.read. ${SCOPED}`,
          summary: "Cohort outcomes: of the applications filed in a year, where each stood on a date",
          querystring: CohortQuerySchema,
          response: { 200: CohortStatisticsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        const q = req.query;
        const result = await cohortStatistics(deps.ctx, actorOf(req), {
          filedYear: q.filedYear,
          ...(q.asOf ? { asOf: q.asOf } : {}),
          by: q.by ?? null,
          filters: filtersOf(q),
        });
        return { ...result, definition: DEFINITIONS.cohort_outcome };
      },
    );

    app.get(
      "/statistics/pending",
      {
        schema: {
          tags: ["statistics"],
          operationId: "getPendingStatistics",
          description: `Needs the right statistics.read. ${SCOPED}`,
          summary: "Pending cases on a date, by level and by time since filing",
          querystring: PendingQuerySchema,
          response: { 200: PendingStatisticsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        const q = req.query;
        const result = await pendingStatistics(deps.ctx, actorOf(req), {
          ...(q.asOf ? { asOf: q.asOf } : {}),
          by: q.by ?? null,
          filters: filtersOf(q),
        });
        return { ...result, definition: DEFINITIONS.pending };
      },
    );

    app.get(
      "/statistics/reversals",
      {
        schema: {
          tags: ["statistics"],
          operationId: "getReversalStatistics",
          description: `Needs the right statistics.read. ${SCOPED}`,
          summary: "First-instance refusals of a year later overturned, by objection and by court level",
          querystring: ReversalsQuerySchema,
          response: { 200: ReversalStatisticsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        const q = req.query;
        return reversalStatistics(deps.ctx, actorOf(req), {
          year: q.year,
          by: q.by ?? null,
          filters: filtersOf(q),
        });
      },
    );

    app.get(
      "/statistics/decision-makers",
      {
        schema: {
          tags: ["statistics"],
          operationId: "getDecisionMakerStatistics",
          description:
            "Needs the right statistics.decision_makers (supervisors and analysts). Internal: never published.",
          summary:
            "Internal: each decision-maker's grant rate with a 95 % Wilson interval and the rate expected from their mix of nationalities (30 decisions or more)",
          querystring: DecisionMakersQuerySchema,
          response: { 200: DecisionMakerStatisticsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "statistics.decision_makers");
        const q = req.query;
        const result = await decisionMakerStatistics(deps.ctx, actorOf(req), q);
        return { ...result, definition: DEFINITIONS.decision_maker_grant };
      },
    );

    app.get(
      "/statistics/decision-makers/reversed-cases",
      {
        schema: {
          tags: ["statistics"],
          operationId: "getReversedCases",
          description:
            "Needs the right statistics.decision_makers (supervisors and analysts). Internal: never published.",
          summary:
            "Internal feedback: an examiner's first-instance refusals later overturned by objection or court",
          querystring: ReversedCasesQuerySchema,
          response: { 200: ReversedCasesSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "statistics.decision_makers");
        return reversedCasesFeedback(deps.ctx, actorOf(req), req.query);
      },
    );
  };
