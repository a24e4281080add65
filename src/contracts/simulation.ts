/**
 * The API's schemas for simulating a re-application policy on history
 * (docs/reapplication-simulation.md): a run, its progress and its report.
 */
import { z } from "zod";
import { IdSchema, LegalDateSchema } from "./common.ts";

const Year = z.number().int().min(1994).max(2100);

export const SimulationRequestSchema = z.strictObject({
  policies: z
    .array(z.string().min(1).max(64))
    .min(1, "name at least one policy")
    .max(12)
    .describe("ids of the policies to replay (GET /statistics/reapplication-simulations lists them)"),
  from: Year.describe("first year of filing (from 1 January)"),
  to: Year.describe("last year of filing (to 31 December)"),
  office: z
    .string()
    .max(40)
    .nullable()
    .optional()
    .describe("one office's re-applications; staff bound to an office get theirs whatever they ask"),
});
export type SimulationRequestBody = z.infer<typeof SimulationRequestSchema>;

export const ProportionSchema = z
  .object({
    count: z.number().int(),
    of: z.number().int(),
    share: z.number().nullable(),
    low: z.number().nullable().describe("95 % Wilson interval, lower end"),
    high: z.number().nullable().describe("95 % Wilson interval, upper end"),
  })
  .describe("count of `of`, with its 95 % Wilson score interval (null when `of` is 0)");

const FalseNegativesSchema = z.object({
  total: z.number().int(),
  recognized: z.number().int(),
  humanitarian: z.number().int(),
  annulled: z.number().int(),
});

const BoundFiguresSchema = z.object({
  ineligible: z.number().int().describe("the policy finds them ineligible"),
  screenedOut: z
    .number()
    .int()
    .describe("ineligible and losing applicant status (0 when the policy keeps it)"),
  screenedOutShare: ProportionSchema,
  falseNegatives: FalseNegativesSchema.describe(
    "screened out, yet in fact later recognized, given humanitarian stay, or had the refusal annulled by a court",
  ),
  falseNegativeShare: ProportionSchema,
});

export const SimulationCellSchema = z.object({
  reapplications: z.number().int(),
  withoutPriorEnding: z.number().int(),
  reviewed: z.number().int(),
  unclassified: z.number().int(),
  laterProtectedOrAnnulled: z.number().int(),
  strict: BoundFiguresSchema.describe("only elements that arose after the earlier decision count"),
  generous: BoundFiguresSchema.describe(
    "every element not already considered, and every unclassified one, counts",
  ),
});

const BreakdownRowSchema = z.object({ category: z.string(), figures: SimulationCellSchema });

export const PolicySimulationSchema = z.object({
  policyId: z.string(),
  title: z.object({ en: z.string(), ko: z.string() }),
  standing: z.enum(["law", "bill", "comparison"]),
  screensOut: z.boolean(),
  total: SimulationCellSchema,
  breakdowns: z.object({
    nationality: z.array(BreakdownRowSchema),
    surPlace: z.array(BreakdownRowSchema),
    representation: z.array(BreakdownRowSchema),
  }),
});

export const SimulationReportSchema = z.object({
  from: Year,
  to: Year,
  office: z.string().nullable(),
  asOf: LegalDateSchema,
  reapplications: z.number().int(),
  classification: z.object({
    classified: z.number().int(),
    unclassified: z.number().int(),
    withoutElements: z.number().int(),
  }),
  policies: z.array(PolicySimulationSchema),
});

export const SimulationProgressSchema = z.object({
  phase: z.enum(["queued", "cases", "earlier_cases", "elements", "replay", "done"]),
  done: z.number().int(),
  total: z.number().int(),
});

export const SimulationRunSchema = z.object({
  id: IdSchema,
  status: z.enum(["running", "done", "failed"]),
  startedAt: z.string(),
  request: z.object({
    policies: z.array(z.string()),
    from: Year,
    to: Year,
    office: z.string().nullable(),
  }),
  progress: SimulationProgressSchema,
  report: SimulationReportSchema.nullable(),
  error: z.string().nullable().describe("why the run failed, when it did"),
});
export type SimulationRun = z.infer<typeof SimulationRunSchema>;

export const SimulationPolicySummarySchema = z.object({
  id: z.string(),
  title: z.object({ en: z.string(), ko: z.string() }),
  standing: z.enum(["law", "bill", "comparison"]),
  jurisdiction: z.string(),
  screensOut: z.boolean(),
});

export const SimulationIndexSchema = z.object({
  policies: z.array(SimulationPolicySummarySchema),
  runs: z.array(SimulationRunSchema).describe("this account's recent runs, latest first"),
});

export const SimulationIdParams = z.object({ id: IdSchema });

export const PublishStatementSchema = z.strictObject({
  runId: IdSchema.describe("a finished simulation run of yours over every office"),
});

export const StatementSummarySchema = z.object({
  id: IdSchema,
  from: Year,
  to: Year,
  policies: z.array(z.string()),
  asOf: LegalDateSchema,
  publishedAt: z.string(),
});

const PublishedValue = z.number().int().nullable().describe("rounded to 5; null when suppressed");
const DimensionSchema = z.object({
  id: z.string(),
  label: z.string(),
  categories: z.array(z.string()),
  labels: z.record(z.string(), z.string()).optional(),
});

export const PublishedStatementSchema = z.object({
  statement: StatementSummarySchema,
  asOf: LegalDateSchema,
  tables: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      unit: z.enum(["cases", "persons", "decisions"]),
      definitions: z.array(z.object({ id: z.string(), name: z.string(), text: z.string() })),
      rows: DimensionSchema,
      columns: DimensionSchema,
      cells: z.array(z.array(PublishedValue)),
      rowTotals: z.array(PublishedValue),
      columnTotals: z.array(PublishedValue),
      total: PublishedValue,
      filters: z.record(z.string(), z.string()),
      asOf: LegalDateSchema,
    }),
  ),
  rules: z.object({
    roundingBase: z.number(),
    suppressedRange: z.array(z.number()),
    rateMinDenominator: z.number(),
    rateSteps: z.array(z.number()),
    text: z.array(z.string()),
  }),
});

export const StatementListSchema = z.object({ items: z.array(StatementSummarySchema) });
export const StatementParams = z.object({ id: IdSchema });
export const StatementTableParams = z.object({ id: IdSchema, table: z.string().max(80) });
