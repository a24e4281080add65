/**
 * The API's schemas for the statistics section for staff (docs/statistics.md): every figure with
 * its definition. The published (public) tables' schemas are beside their routes in
 * src/statistics/public-routes.ts.
 */
import { z } from "zod";
import { LegalDateSchema } from "./common.ts";

/** What a figure can be broken down or filtered by (their columns: src/statistics/db/queries.ts). */
export const STAT_DIMENSION_NAMES = ["nationality", "sex", "ageBand", "channel", "office", "kind"] as const;
export const StatDimensionSchema = z.enum(STAT_DIMENSION_NAMES);

const Year = z.coerce.number().int().min(1994).max(2100);

/** The filters every statistics query takes, and `by`. */
export const StatFiltersQuery = {
  by: StatDimensionSchema.optional().describe("break the figures down by this dimension"),
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

export const DefinitionSchema = z.object({ id: z.string(), name: z.string(), text: z.string() });

export const RateSchema = z.object({
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

export const YearlyRowSchema = z.object({
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

export const StatDefinitionsSchema = z.object({ items: z.array(DefinitionSchema) });

const StatDimensionTableSchema = z.object({
  id: z.string(),
  label: z.string(),
  categories: z.array(z.string()),
  labels: z.record(z.string(), z.string()).optional(),
});

export const CountTableSchema = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.enum(["cases", "persons", "decisions"]),
  definitions: z.array(DefinitionSchema),
  rows: StatDimensionTableSchema,
  columns: StatDimensionTableSchema,
  cells: z.array(z.array(z.number().int())).describe("cells[r][c]: the count for row r and column c"),
  filters: z.record(z.string(), z.string()),
  asOf: LegalDateSchema,
});

export const RateSeriesSchema = z.object({
  id: z.string(),
  title: z.string(),
  definition: DefinitionSchema,
  dimension: StatDimensionTableSchema,
  points: z.array(
    z.object({ category: z.string(), numerator: z.number().int(), denominator: z.number().int() }),
  ),
  filters: z.record(z.string(), z.string()),
  asOf: LegalDateSchema,
});

export const PublicFiguresSchema = z
  .object({
    asOf: LegalDateSchema,
    tables: z.array(CountTableSchema),
    rates: z.array(RateSeriesSchema),
  })
  .describe("The true counts before disclosure control: never public");

export const YearlyQuerySchema = z.object({ year: Year, ...StatFiltersQuery });
export const YearlyStatisticsSchema = z.object({
  year: z.number().int(),
  by: z.string().nullable(),
  rows: z.array(YearlyRowSchema),
  total: YearlyRowSchema,
  office: z
    .string()
    .nullable()
    .describe(
      "The office these figures are limited to: the principal's own, for staff bound to one office (other offices' figures are on the public page, under disclosure control); null: every office",
    ),
  definitions: z.array(DefinitionSchema),
});

export const CohortQuerySchema = z.object({
  filedYear: Year,
  asOf: LegalDateSchema.optional(),
  ...StatFiltersQuery,
});
export const CohortStatisticsSchema = z.object({
  filedYear: z.number().int(),
  asOf: LegalDateSchema,
  office: z
    .string()
    .nullable()
    .describe(
      "The office these figures are limited to: the principal's own, for staff bound to one office (other offices' figures are on the public page, under disclosure control); null: every office",
    ),

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
});

export const PendingQuerySchema = z.object({ asOf: LegalDateSchema.optional(), ...StatFiltersQuery });
export const PendingStatisticsSchema = z.object({
  asOf: LegalDateSchema,
  office: z
    .string()
    .nullable()
    .describe(
      "The office these figures are limited to: the principal's own, for staff bound to one office (other offices' figures are on the public page, under disclosure control); null: every office",
    ),

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
});

export const ReversalsQuerySchema = z.object({ year: Year, ...StatFiltersQuery });
export const ReversalStatisticsSchema = z.object({
  year: z.number().int(),
  office: z
    .string()
    .nullable()
    .describe(
      "The office these figures are limited to: the principal's own, for staff bound to one office (other offices' figures are on the public page, under disclosure control); null: every office",
    ),

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
});

export const DecisionMakersQuerySchema = z.object({
  from: LegalDateSchema,
  to: LegalDateSchema,
  levels: z.enum(["first_instance", "objection", "courts"]).default("first_instance"),
});
export const DecisionMakerStatisticsSchema = z.object({
  from: LegalDateSchema,
  to: LegalDateSchema,
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
});

export const ReversedCasesQuerySchema = z.object({
  examiner: z.string().min(1).max(200),
  from: LegalDateSchema,
  to: LegalDateSchema,
});
export const ReversedCasesSchema = z.object({
  examiner: z.string(),
  from: LegalDateSchema,
  to: LegalDateSchema,
  office: z.string().nullable(),
  cases: z.array(
    z.object({
      caseId: z.string(),
      officeId: z.string(),
      refusedOn: LegalDateSchema,
      reversedOn: LegalDateSchema,
      level: z.string(),
    }),
  ),
});
