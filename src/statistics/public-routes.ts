/**
 * Public statistics, no sign-in (docs/statistics.md §6): fixed, pre-computed tables
 * that have been through disclosure control (src/kernel/statistics/disclosure.ts), as JSON, CSV
 * and JSON-stat under /api/v1/public/statistics, and as an HTML page at /statistics.
 *
 * The figures are computed once per day (the deployment's "today") and shared by all requests and by both
 * plugins (src/statistics/publish/publication.ts); the public never queries records.
 *
 * Mounting (src/server/app.ts):
 *   await api.register(publicStatisticsRoutes(getFigures, day));   // inside the /api/v1 prefix
 *   await app.register(publicStatisticsPage(getFigures, day));     // at the root: GET /statistics
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../app/errors.ts";
import { ProblemSchema } from "../contracts/api.ts";
import type { PublicFigures } from "../kernel/statistics/table.ts";
import { PUBLIC_JSON_FORMAT } from "./publish/json.ts";
import { publicationCache } from "./publish/publication.ts";

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
  .describe("a table or rate id, as listed in GET /public/statistics");

const DefinitionSchema = z.object({ id: z.string(), name: z.string(), text: z.string() });
const DimensionSchema = z.object({
  id: z.string(),
  label: z.string(),
  categories: z.array(z.string()),
  labels: z.record(z.string(), z.string()).optional(),
});
const Value = z.number().int().nullable().describe("a count rounded to 5, or null when suppressed");

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
  asOf: z.string(),
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
  asOf: z.string(),
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
  asOf: z.string(),
  notes: z.array(z.string()),
  rules: DisclosureRulesSchema,
  tables: z.array(PublishedTableSchema),
  rates: z.array(PublishedRateSeriesSchema),
});

const JsonStatDatasetSchema = z.object({
  version: z.literal("2.0"),
  class: z.literal("dataset"),
  label: z.string(),
  source: z.string(),
  updated: z.string(),
  note: z.array(z.string()),
  id: z.array(z.string()),
  size: z.array(z.number().int()),
  role: z.object({ metric: z.array(z.string()).optional(), time: z.array(z.string()).optional() }).optional(),
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
  status: z.record(z.string(), z.string()).describe('"c": suppressed by disclosure control'),
  extension: z.record(z.string(), z.unknown()),
});

export const JsonStatCollectionSchema = z.object({
  version: z.literal("2.0"),
  class: z.literal("collection"),
  label: z.string(),
  updated: z.string(),
  note: z.array(z.string()),
  link: z.object({ item: z.array(JsonStatDatasetSchema) }),
  extension: z.record(z.string(), z.unknown()),
});

const CsvResponse = z
  .string()
  .describe("CSV (UTF-8 with byte-order mark, CRLF line ends), one line per cell; totals coded _T");
/** Errors are the API's problem details, like every other route's. */
const Problem = ProblemSchema;

const CSV_TYPE = "text/csv; charset=utf-8";

function csvReply(name: string) {
  return { "content-type": CSV_TYPE, "content-disposition": `attachment; filename="${name}"` };
}

export const publicStatisticsRoutes = (
  getFigures: () => Promise<PublicFigures>,
  day: () => string,
): FastifyPluginAsyncZod =>
  async function routes(app) {
    const cache = publicationCache(getFigures, day);
    const tags = ["public statistics"];

    app.get(
      "/public/statistics",
      {
        schema: {
          tags,
          security: [],
          summary: "Published statistics: every table and rate, protected, with definitions and rules",
          description:
            "No sign-in. Counts are rounded to 5; null is a suppressed value or a withheld rate. Computed once a day.",
          response: { 200: PublicStatisticsSchema },
        },
      },
      async () => (await cache.get()).json,
    );

    app.get(
      "/public/statistics/jsonstat",
      {
        schema: {
          tags,
          security: [],
          summary: "The same figures as a JSON-stat 2.0 collection (one dataset per table or rate)",
          response: { 200: JsonStatCollectionSchema },
        },
      },
      async () => (await cache.get()).jsonStat,
    );

    app.get(
      "/public/statistics/definitions.csv",
      {
        schema: {
          tags,
          security: [],
          summary: "Definitions of every published table and rate (CSV)",
          produces: ["text/csv"],
          response: { 200: CsvResponse },
        },
      },
      async (_req, reply) =>
        reply.headers(csvReply("definitions.csv")).send((await cache.get()).definitionsCsv),
    );

    app.get(
      "/public/statistics/tables/:id.csv",
      {
        schema: {
          tags,
          security: [],
          summary: "One published table as CSV",
          params: z.object({ id: Id }),
          produces: ["text/csv"],
          response: { 200: CsvResponse, 404: Problem, 422: Problem },
        },
      },
      async (req, reply) => {
        const text = (await cache.get()).tableCsv.get(req.params.id);
        if (text === undefined) throw new AppError("not_found", `no published table "${req.params.id}"`);
        return reply.headers(csvReply(`${req.params.id}.csv`)).send(text);
      },
    );

    app.get(
      "/public/statistics/rates/:id.csv",
      {
        schema: {
          tags,
          security: [],
          summary: "One published rate series as CSV",
          params: z.object({ id: Id }),
          produces: ["text/csv"],
          response: { 200: CsvResponse, 404: Problem, 422: Problem },
        },
      },
      async (req, reply) => {
        const text = (await cache.get()).rateCsv.get(req.params.id);
        if (text === undefined) throw new AppError("not_found", `no published rate "${req.params.id}"`);
        return reply.headers(csvReply(`${req.params.id}.csv`)).send(text);
      },
    );
  };

/** GET /statistics: the HTML page (Korean by default, ?lang=en for English). Outside /api. */
export const publicStatisticsPage = (
  getFigures: () => Promise<PublicFigures>,
  day: () => string,
): FastifyPluginAsyncZod =>
  async function page(app) {
    const cache = publicationCache(getFigures, day);
    app.get(
      "/statistics",
      {
        schema: {
          hide: true,
          querystring: z.object({ lang: z.enum(["ko", "en"]).optional() }),
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? "ko";
        const pub = await cache.get();
        return reply
          .header("content-type", "text/html; charset=utf-8")
          .header("content-language", lang)
          .header("cache-control", "public, max-age=3600")
          .send(pub.html[lang]);
      },
    );
  };
