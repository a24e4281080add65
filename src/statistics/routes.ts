/**
 * The statistics section for staff (analysts, supervisors and casework roles): every figure with
 * its definition. The decision-maker view needs its own right (supervisors and analysts only).
 * The public page is elsewhere (public-statistics.ts) and carries no decision-maker figure.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  publicFigures,
  cohortStatistics,
  decisionMakerStatistics,
  pendingStatistics,
  reversalStatistics,
  reversedCasesFeedback,
  yearlyStatistics,
} from "./queries.ts";
import { LegalDateSchema, ProblemSchema } from "../contracts/api.ts";
import { DEFINITIONS } from "../kernel/statistics/rates.ts";
import { STAT_DIMENSIONS, type StatDimension, type StatFilters } from "./db/queries.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

const Dimension = z.enum(Object.keys(STAT_DIMENSIONS) as [StatDimension, ...StatDimension[]]);
const Year = z.coerce.number().int().min(1994).max(2100);
const Filters = {
  by: Dimension.optional().describe("break the figures down by this dimension"),
  nationality: z
    .string()
    .regex(/^[A-Z]{3}$/, "ISO 3166 alpha-3")
    .optional(),
  sex: z.enum(["female", "male", "other", "unknown"]).optional(),
  ageBand: z.enum(["0-13", "14-17", "18-34", "35-64", "65+", "unknown"]).optional(),
  channel: z.string().max(40).optional(),
  office: z.string().max(40).optional(),
  kind: z.enum(["first", "subsequent"]).optional(),
};
type FilterQuery = { [K in keyof typeof Filters]?: string };

function filtersOf(q: FilterQuery): StatFilters {
  const f: StatFilters = {};
  for (const d of Object.keys(STAT_DIMENSIONS) as StatDimension[]) {
    const v = q[d];
    if (v !== undefined) f[d] = v;
  }
  return f;
}

const RateSchema = z.object({
  id: z.string(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable(),
});
const Outcomes = z.object({
  recognized: z.number().int(),
  humanitarian: z.number().int(),
  rejected: z.number().int(),
  closed: z.number().int(),
});
const YearlyRowSchema = z.object({
  category: z.string(),
  applications: z.number().int(),
  applicants: z.number().int(),
  subsequentApplications: z.number().int(),
  firstInstance: Outcomes,
  objection: Outcomes,
  courts: z.object({ annulled: z.number().int(), rejected: z.number().int(), closed: z.number().int() }),
  recognitionsAllLevels: z.number().int(),
  final: Outcomes,
  rates: z.array(RateSchema),
});
const DefinitionSchema = z.object({ id: z.string(), name: z.string(), text: z.string() });
const definitions = Object.values(DEFINITIONS);
const errors = { 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema };

export const statisticsRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/statistics/definitions",
      {
        schema: {
          tags: ["statistics"],
          summary: "The name and definition of every figure",
          response: { 200: z.object({ items: z.array(DefinitionSchema) }), ...errors },
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
          summary:
            "The true counts behind the public page, before disclosure control (for `openrsd stats export`; never public)",
          response: {
            200: z.object({ asOf: z.string(), tables: z.array(z.unknown()), rates: z.array(z.unknown()) }),
            ...errors,
          },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        return publicFigures(deps.ctx);
      },
    );

    app.get(
      "/statistics/yearly",
      {
        schema: {
          tags: ["statistics"],
          summary: "One year: applications, decisions by level and outcome, and every rate, by a dimension",
          querystring: z.object({ year: Year, ...Filters }),
          response: {
            200: z.object({
              year: z.number().int(),
              by: z.string().nullable(),
              rows: z.array(YearlyRowSchema),
              total: YearlyRowSchema,
              definitions: z.array(DefinitionSchema),
            }),
            ...errors,
          },
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
          summary: "Cohort outcomes: of the applications filed in a year, where each stood on a date",
          querystring: z.object({ filedYear: Year, asOf: LegalDateSchema.optional(), ...Filters }),
          response: {
            200: z.object({
              filedYear: z.number().int(),
              asOf: z.string(),
              rows: z.array(
                z.object({
                  category: z.string(),
                  filed: z.number().int(),
                  recognized: z.number().int(),
                  humanitarian: z.number().int(),
                  rejected: z.number().int(),
                  closed: z.number().int(),
                  pending: z.number().int(),
                }),
              ),
              definition: DefinitionSchema,
            }),
            ...errors,
          },
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
          summary: "Pending cases on a date, by level and by time since filing",
          querystring: z.object({ asOf: LegalDateSchema.optional(), ...Filters }),
          response: {
            200: z.object({
              asOf: z.string(),
              rows: z.array(
                z.object({
                  category: z.string(),
                  total: z.number().int(),
                  firstInstance: z.number().int(),
                  objection: z.number().int(),
                  courts: z.number().int(),
                  ages: z.object({
                    under6Months: z.number().int(),
                    months6to12: z.number().int(),
                    years1to2: z.number().int(),
                    years2to3: z.number().int(),
                    over3Years: z.number().int(),
                  }),
                }),
              ),
              definition: DefinitionSchema,
            }),
            ...errors,
          },
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
          summary: "First-instance refusals of a year later overturned, by objection and by court level",
          querystring: z.object({ year: Year, ...Filters }),
          response: {
            200: z.object({
              year: z.number().int(),
              rows: z.array(
                z.object({
                  category: z.string(),
                  refusals: z.number().int(),
                  byObjection: z.number().int(),
                  byCourt1: z.number().int(),
                  byCourt2: z.number().int(),
                  byCourt3: z.number().int(),
                  rates: z.array(RateSchema),
                }),
              ),
            }),
            ...errors,
          },
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
          summary:
            "Internal: each decision-maker's grant rate with a 95 % Wilson interval and the rate expected from their mix of nationalities (30 decisions or more)",
          querystring: z.object({
            from: LegalDateSchema,
            to: LegalDateSchema,
            levels: z.enum(["first_instance", "objection", "courts"]).default("first_instance"),
          }),
          response: {
            200: z.object({
              from: z.string(),
              to: z.string(),
              levels: z.string(),
              office: z.string().nullable(),
              minimumDecisions: z.number().int(),
              belowThreshold: z.number().int(),
              rates: z.array(
                z.object({
                  decisionMaker: z.string(),
                  substantive: z.number().int(),
                  granted: z.number().int(),
                  rate: z.number(),
                  interval: z.object({ low: z.number(), high: z.number() }),
                  expected: z.number(),
                }),
              ),
              definition: DefinitionSchema,
            }),
            ...errors,
          },
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
          summary:
            "Internal feedback: an examiner's first-instance refusals later overturned by objection or court",
          querystring: z.object({
            examiner: z.string().min(1).max(200),
            from: LegalDateSchema,
            to: LegalDateSchema,
          }),
          response: {
            200: z.object({
              examiner: z.string(),
              from: z.string(),
              to: z.string(),
              office: z.string().nullable(),
              cases: z.array(
                z.object({
                  caseId: z.string(),
                  officeId: z.string(),
                  refusedOn: z.string(),
                  reversedOn: z.string(),
                  level: z.string(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (req) => {
        requireRight(req, "statistics.decision_makers");
        return reversedCasesFeedback(deps.ctx, actorOf(req), req.query);
      },
    );
  };
