/**
 * The public statistics plugins on a small Fastify instance with a fake getFigures: no database,
 * no sign-in. The real app mounts them the same way (see the header of public-statistics.ts).
 */
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicFigures } from "../kernel/statistics/table.ts";
import { sampleFigures } from "./publish/testing.ts";
import { installProblemHandlers } from "../server/problem.ts";
import { publicStatisticsPage, publicStatisticsRoutes } from "./public-routes.ts";

async function build(getFigures: () => Promise<PublicFigures>): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  await app.register(fastifySwagger, {
    openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } },
    transform: jsonSchemaTransform,
  });
  await app.register(async (api) => api.register(publicStatisticsRoutes(getFigures, () => "2026-01-05")), {
    prefix: "/api/v1",
  });
  await app.register(publicStatisticsPage(getFigures, () => "2026-01-05"));
  await app.ready();
  return app;
}

describe("public statistics routes", () => {
  let app: FastifyInstance;
  let calls = 0;
  const getFigures = async () => {
    calls++;
    return sampleFigures();
  };

  beforeAll(async () => {
    app = await build(getFigures);
  });
  afterAll(async () => app.close());

  it("GET /api/v1/public/statistics: protected JSON with definitions, asOf and rules", async () => {
    const res = await app.inject("/api/v1/public/statistics");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.format).toBe("openrsd-public-statistics/1");
    expect(body.asOf).toBe("2025-12-31");
    expect(body.rules.text.length).toBeGreaterThan(0);
    expect(body.tables).toHaveLength(2);
    expect(body.tables[1].cells[4]).toEqual([null, null, null]);
    for (const t of body.tables) {
      for (const v of [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total]) {
        expect(v === null || v % 5 === 0).toBe(true);
      }
    }
  });

  it("GET /api/v1/public/statistics/jsonstat: a JSON-stat 2.0 collection", async () => {
    const res = await app.inject("/api/v1/public/statistics/jsonstat");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.version).toBe("2.0");
    expect(body.class).toBe("collection");
    expect(body.link.item[0].class).toBe("dataset");
  });

  it("CSV per table and rate, and the definitions; an unknown id is 404, a bad one 422", async () => {
    const t = await app.inject("/api/v1/public/statistics/tables/applications-by-year.csv");
    expect(t.statusCode).toBe(200);
    expect(t.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(t.headers["content-disposition"]).toBe('attachment; filename="applications-by-year.csv"');
    expect(t.body.startsWith("\uFEFFfiling_year,")).toBe(true);
    const r = await app.inject("/api/v1/public/statistics/rates/rrr_unhcr.csv");
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain("withheld");
    const d = await app.inject("/api/v1/public/statistics/definitions.csv");
    expect(d.statusCode).toBe(200);
    expect(d.body).toContain("Refugee recognition rate (UNHCR)");
    const missing = await app.inject("/api/v1/public/statistics/tables/nope.csv");
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect((await app.inject("/api/v1/public/statistics/tables/..%2Fetc.csv")).statusCode).toBe(422);
  });

  it("GET /statistics: the HTML page in Korean by default, English on request", async () => {
    const ko = await app.inject("/statistics");
    expect(ko.statusCode).toBe(200);
    expect(ko.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(ko.headers["content-language"]).toBe("ko");
    expect(ko.body).toContain('<html lang="ko">');
    const en = await app.inject("/statistics?lang=en");
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).not.toContain("<script");
    expect((await app.inject("/statistics?lang=fr")).statusCode).toBe(422);
  });

  it("computes the figures once for all requests of the day, page and API together", async () => {
    await Promise.all([
      app.inject("/api/v1/public/statistics"),
      app.inject("/statistics"),
      app.inject("/api/v1/public/statistics/jsonstat"),
    ]);
    expect(calls).toBe(1);
  });

  it("appears in the OpenAPI document, without a security requirement; the page does not", async () => {
    const doc = app.swagger() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> }
        >
      >;
    };
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/public/statistics",
        "/api/v1/public/statistics/jsonstat",
        "/api/v1/public/statistics/definitions.csv",
        "/api/v1/public/statistics/tables/{id}.csv",
        "/api/v1/public/statistics/rates/{id}.csv",
      ]),
    );
    expect(paths).not.toContain("/statistics");
    expect(doc.paths["/api/v1/public/statistics"]!.get!.security).toEqual([]);
    expect(
      Object.keys(doc.paths["/api/v1/public/statistics/tables/{id}.csv"]!.get!.responses["200"]!.content!),
    ).toEqual(["text/csv"]);
  });
});

describe("public statistics: failures", () => {
  it("a table by decision-maker is never served: the request fails closed with 500", async () => {
    const f = sampleFigures();
    f.tables.push({
      ...f.tables[1]!,
      id: "by-examiner",
      rows: { id: "decision_maker", label: "Examiner", categories: ["examiner-017"] },
      cells: [[10, 0, 40]],
    });
    const app = await build(async () => f);
    try {
      for (const url of ["/api/v1/public/statistics", "/api/v1/public/statistics/jsonstat", "/statistics"]) {
        const res = await app.inject(url);
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toContain("examiner-017");
      }
    } finally {
      await app.close();
    }
  });
});
