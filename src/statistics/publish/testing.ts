/** Figures for the publication tests: realistic in shape, with small cells and a small group. */
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { CountTable, PublicFigures, RateSeries } from "../../kernel/statistics/table.ts";
import { installProblemHandlers } from "../../server/problem.ts";
import { installSecurityHeaders } from "../../server/security-headers.ts";
import {
  publicStatisticsPage,
  publicStatisticsRoutes,
  type PublicStatisticsOptions,
} from "../public-routes.ts";

const AS_OF = "2025-12-31";
const years = ["2021", "2022", "2023", "2024", "2025"];

export function sampleFigures(): PublicFigures {
  const applications: CountTable = {
    id: "applications-by-year",
    title: "Applications by year of filing",
    unit: "cases",
    definitions: [{ id: "applications", name: "Applications", text: "Cases filed in the year, by kind" }],
    rows: { id: "filing_year", label: "Year of filing", categories: years },
    columns: {
      id: "kind",
      label: "Kind",
      categories: ["first", "subsequent"],
      labels: { first: "First application", subsequent: "Subsequent application" },
    },
    cells: [
      [2004, 337],
      [10_431, 1108],
      [17_066, 1771],
      [16_612, 1724],
      [13_017, 1609],
    ],
    filters: {},
    asOf: AS_OF,
  };
  const decisions: CountTable = {
    id: "first-instance-decisions-by-nationality",
    title: "First-instance decisions by nationality",
    unit: "decisions",
    definitions: [
      {
        id: "first_instance",
        name: "First-instance decisions",
        text: "Decisions at levels NA and RA, redecisions excluded",
      },
    ],
    rows: {
      id: "nationality",
      label: "Nationality",
      categories: ["RUS", "KAZ", "CHN", "EGY", "MMR", "=cmd"],
      labels: {
        RUS: "Russia",
        KAZ: "Kazakhstan",
        CHN: "China",
        EGY: "Egypt",
        MMR: "Myanmar",
        "=cmd": "+SUM(A1:A9)",
      },
    },
    columns: {
      id: "outcome",
      label: "Outcome",
      categories: ["recognized", "humanitarian", "rejected"],
    },
    cells: [
      [2, 1, 3120],
      [0, 0, 2410],
      [12, 3, 980],
      [31, 9, 420],
      [0, 0, 3], // a small group, all refused
      [0, 0, 0],
    ],
    filters: { decision_year: "2025", level: "first_instance" },
    asOf: AS_OF,
  };
  const rate = (id: string, name: string, text: string, points: [number, number][]): RateSeries => ({
    id,
    title: `${name} by year of decision`,
    definition: { id, name, text },
    dimension: { id: "decision_year", label: "Year of decision", categories: years },
    points: points.map(([numerator, denominator], i) => ({ category: years[i]!, numerator, denominator })),
    filters: { level: "first_instance" },
    asOf: AS_OF,
  });
  return {
    asOf: AS_OF,
    tables: [applications, decisions],
    rates: [
      rate(
        "rrr_unhcr",
        "Refugee recognition rate (UNHCR)",
        "Convention recognitions / (recognitions + complementary or humanitarian + rejections), substantive decisions only",
        [
          [72, 6000],
          [175, 8100],
          [101, 5900],
          [105, 9800],
          [3, 10], // withheld: small denominator
        ],
      ),
      rate(
        "per_application",
        "Per-application rate (as in the press)",
        "Recognitions in year Y / applications filed in year Y",
        [
          [72, 2341],
          [175, 11_539],
          [101, 18_837],
          [105, 18_336],
          [135, 14_626],
        ],
      ),
    ],
  };
}

/** 2026-01-05 20:00 in Seoul: four hours before the next publication. */
const CLOCK: PublicStatisticsOptions = {
  timeZone: "Asia/Seoul",
  now: () => Date.parse("2026-01-05T11:00:00Z"),
};

/**
 * The public statistics plugins on a small Fastify instance, mounted as the real app mounts them
 * (with its problem details and security headers), with a fake getFigures: no database, no
 * sign-in. Also GET /api/v1/cases, a stand-in for the rest of the API.
 */
export async function publicStatisticsApp(
  getFigures: () => Promise<PublicFigures>,
  options: PublicStatisticsOptions = CLOCK,
): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  installSecurityHeaders(app);
  await app.register(fastifySwagger, {
    openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } },
    transform: jsonSchemaTransform,
  });
  await app.register(
    async (api) => {
      await api.register(publicStatisticsRoutes(getFigures, () => "2026-01-05", options));
      // another API route, which must stay closed to other origins
      api.get("/cases", async () => ({ cases: [] }));
    },
    { prefix: "/api/v1" },
  );
  await app.register(publicStatisticsPage(getFigures, () => "2026-01-05", options));
  await app.ready();
  return app;
}
