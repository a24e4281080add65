/**
 * The public statistics' answers (src/statistics/public-routes.ts): the published tables and rates
 * under disclosure control in JSON, JSON-stat 2.0 and CSV, for anyone, with no sign-in.
 */
import { z } from "zod";

/** The day the figures were counted (`YYYY-MM-DD`). */
const PublishedDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ format: "date" })
  .describe("The day the figures were counted");

/** The public JSON's format name and version. */
export const PUBLIC_JSON_FORMAT = "openrsd-public-statistics/1";

export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
  .describe("a table or rate id, as listed in GET /public/statistics");

export const DefinitionSchema = z.object({ id: z.string(), name: z.string(), text: z.string() });
export const DimensionSchema = z.object({
  id: z.string(),
  label: z.string(),
  categories: z.array(z.string()).describe("category codes (ISO 3166-1 alpha-3 for nationalities)"),
  labels: z
    .record(z.string(), z.string())
    .optional()
    .describe("each category's name in the language of the answer"),
});
export const Value = z.number().int().nullable().describe("a count rounded to 5, or null when suppressed");

export const PublishedTableSchema = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.enum(["cases", "persons", "decisions"]),
  definitions: z.array(DefinitionSchema),
  rows: DimensionSchema,
  columns: DimensionSchema,
  cells: z.array(z.array(Value)),
  rowTotals: z.array(Value),
  columnTotals: z.array(Value),
  total: Value,
  filters: z.record(z.string(), z.string()),
  asOf: PublishedDateSchema,
});

export const PublishedRateSeriesSchema = z.object({
  id: z.string(),
  title: z.string(),
  definition: DefinitionSchema,
  dimension: DimensionSchema,
  points: z.array(
    z.object({
      category: z.string(),
      rate: z.number().nullable().describe("percent, rounded to `step`; null when withheld"),
      step: z.number().nullable().describe("rounding step in percentage points"),
      denominator: z.number().int().nullable().describe("denominator rounded to 5"),
    }),
  ),
  filters: z.record(z.string(), z.string()),
  asOf: PublishedDateSchema,
});

export const DisclosureRulesSchema = z.object({
  roundingBase: z.number(),
  suppressedRange: z.tuple([z.number(), z.number()]),
  rateMinDenominator: z.number(),
  rateSteps: z.array(z.number()),
  text: z.array(z.string()),
});

export const PublicStatisticsSchema = z.object({
  format: z.literal(PUBLIC_JSON_FORMAT),
  lang: z.enum(["ko", "en"]),
  asOf: PublishedDateSchema,
  notes: z.array(z.string()),
  rules: DisclosureRulesSchema,
  tables: z.array(PublishedTableSchema),
  rates: z.array(PublishedRateSeriesSchema),
});

export const JsonStatDatasetSchema = z.object({
  version: z.literal("2.0"),
  class: z.literal("dataset"),
  href: z.string().optional().describe("the dataset's own URL (absolute on the server)"),
  label: z.string(),
  source: z.string(),
  updated: z.string(),
  note: z.array(z.string()),
  id: z.array(z.string()),
  size: z.array(z.number().int()),
  role: z
    .object({
      metric: z.array(z.string()).optional(),
      time: z.array(z.string()).optional(),
      geo: z.array(z.string()).optional(),
    })
    .optional(),
  dimension: z.record(
    z.string(),
    z.object({
      label: z.string(),
      category: z.object({
        index: z.array(z.string()),
        label: z.record(z.string(), z.string()),
        unit: z.record(z.string(), z.object({ label: z.string(), decimals: z.number().int() })).optional(),
      }),
    }),
  ),
  value: z.array(z.number().nullable()),
  status: z
    .record(z.string(), z.string())
    .describe(
      'a protected value\'s status, the same word as in the CSV and on the page: "가림" or "suppressed" (a count), "비공개" or "withheld" (a rate)',
    ),
  extension: z.record(z.string(), z.unknown()),
});

export const JsonStatCollectionSchema = z.object({
  version: z.literal("2.0"),
  class: z.literal("collection"),
  href: z.string().optional(),
  label: z.string(),
  updated: z.string(),
  note: z.array(z.string()),
  link: z.object({ item: z.array(JsonStatDatasetSchema) }),
  extension: z.record(z.string(), z.unknown()),
});

export const CsvResponse = z
  .string()
  .describe(
    "CSV (UTF-8 with byte-order mark, CRLF line ends), one line per cell; totals coded _T; labels and status in the language asked for",
  );
export const NotModified = z
  .null()
  .describe("Not modified: the copy named by If-None-Match (or If-Modified-Since) is current");
export const Preflight = z
  .null()
  .describe("CORS preflight: GET and HEAD from any origin, without credentials; kept for a day");

export const LangQuery = z.object({
  lang: z.enum(["ko", "en"]).optional().describe("language of titles, labels and status words (default ko)"),
});
