/**
 * The public statistics plugins on a small Fastify instance with a fake getFigures: no database,
 * no sign-in. The real app mounts them the same way (see the header of public-routes.ts).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicStatisticsApp as build, sampleFigures } from "./publish/testing.ts";

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
    expect(r.body).toContain("비공개");
    const rEn = await app.inject("/api/v1/public/statistics/rates/rrr_unhcr.csv?lang=en");
    expect(rEn.body).toContain("withheld");
    expect(rEn.headers["content-disposition"]).toBe('attachment; filename="rrr_unhcr.en.csv"');
    expect(rEn.headers["content-language"]).toBe("en");
    const d = await app.inject("/api/v1/public/statistics/definitions.csv?lang=en");
    expect(d.statusCode).toBe(200);
    expect(d.body).toContain("Refugee recognition rate (UNHCR)");
    expect((await app.inject("/api/v1/public/statistics/definitions.csv?lang=fr")).statusCode).toBe(422);
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
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/public/statistics/jsonstat/tables/{id}",
        "/api/v1/public/statistics/jsonstat/rates/{id}",
      ]),
    );
    const json = doc.paths["/api/v1/public/statistics"]! as unknown as Record<
      string,
      { responses: Record<string, { headers?: Record<string, unknown> }> }
    >;
    expect(Object.keys(json.get!.responses)).toEqual(expect.arrayContaining(["200", "304"]));
    expect(Object.keys(json.get!.responses["200"]!.headers!)).toEqual(
      expect.arrayContaining(["cache-control", "etag", "last-modified", "access-control-allow-origin"]),
    );
    expect(Object.keys(json.options!.responses["204"]!.headers!)).toContain("access-control-allow-methods");
    expect(doc.paths["/api/v1/public/statistics"]!.get!.security).toEqual([]);
    expect(
      Object.keys(doc.paths["/api/v1/public/statistics/tables/{id}.csv"]!.get!.responses["200"]!.content!),
    ).toEqual(["text/csv"]);
  });
});

const PUBLIC_URLS = [
  "/api/v1/public/statistics",
  "/api/v1/public/statistics/jsonstat",
  "/api/v1/public/statistics/jsonstat/tables/applications-by-year",
  "/api/v1/public/statistics/jsonstat/rates/rrr_unhcr?lang=en",
  "/api/v1/public/statistics/definitions.csv",
  "/api/v1/public/statistics/tables/applications-by-year.csv",
  "/api/v1/public/statistics/rates/rrr_unhcr.csv?lang=en",
];
const ELSEWHERE = "https://news.example.org";

describe("public statistics: other origins and caches", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build(async () => sampleFigures());
  });
  afterAll(async () => app.close());

  it.each(PUBLIC_URLS)(
    "GET and HEAD %s: readable from any origin, embeddable, cached to midnight",
    async (url) => {
      for (const method of ["GET", "HEAD"] as const) {
        const res = await app.inject({ method, url, headers: { origin: ELSEWHERE } });
        expect(res.statusCode).toBe(200);
        expect(res.headers["access-control-allow-origin"]).toBe("*");
        expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
        expect(String(res.headers["access-control-expose-headers"])).toMatch(/ETag/);
        expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
        // 20:00 in Seoul: four hours to the next publication
        expect(res.headers["cache-control"]).toBe("public, max-age=14400");
        expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
        expect(new Date(String(res.headers["last-modified"])).getTime()).not.toBeNaN();
        // the other security headers stay
        expect(res.headers["x-content-type-options"]).toBe("nosniff");
        expect(String(res.headers["content-security-policy"])).toMatch(/frame-ancestors 'none'/);
        if (method === "HEAD") expect(res.body).toBe("");
      }
    },
  );

  it.each(PUBLIC_URLS)("OPTIONS %s: answers the CORS preflight of a conditional GET", async (url) => {
    const res = await app.inject({
      method: "OPTIONS",
      url,
      headers: {
        origin: ELSEWHERE,
        "access-control-request-method": "GET",
        "access-control-request-headers": "if-none-match",
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(String(res.headers["access-control-allow-methods"]).split(", ")).toEqual([
      "GET",
      "HEAD",
      "OPTIONS",
    ]);
    expect(String(res.headers["access-control-allow-headers"]).toLowerCase()).toContain("if-none-match");
    expect(res.headers["access-control-max-age"]).toBe("86400");
  });

  it("opens no other route: the rest of the API keeps same-origin, no-store and no preflight", async () => {
    const get = await app.inject({ url: "/api/v1/cases", headers: { origin: ELSEWHERE } });
    expect(get.statusCode).toBe(200);
    expect(get.headers["access-control-allow-origin"]).toBeUndefined();
    expect(get.headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(get.headers["cache-control"]).toBe("no-store");
    const pre = await app.inject({
      method: "OPTIONS",
      url: "/api/v1/cases",
      headers: { origin: ELSEWHERE, "access-control-request-method": "GET" },
    });
    expect([404, 405]).toContain(pre.statusCode);
    expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
    for (const method of ["POST", "PUT", "DELETE"] as const) {
      const res = await app.inject({ method, url: "/api/v1/public/statistics", payload: {} });
      expect([404, 405]).toContain(res.statusCode);
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    }
  });

  it("errors are not cached: 404 and 422 keep no-store", async () => {
    for (const url of [
      "/api/v1/public/statistics/tables/nope.csv",
      "/api/v1/public/statistics/jsonstat/tables/nope",
      "/api/v1/public/statistics?lang=fr",
    ]) {
      const res = await app.inject({ url, headers: { origin: ELSEWHERE } });
      expect([404, 422]).toContain(res.statusCode);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers.etag).toBeUndefined();
    }
  });

  it("If-None-Match with the ETag: 304 without a body; another tag or language: 200", async () => {
    for (const url of [...PUBLIC_URLS, "/statistics", "/statistics?lang=en"]) {
      const first = await app.inject({ url });
      const etag = String(first.headers.etag);
      const again = await app.inject({ url, headers: { "if-none-match": etag, origin: ELSEWHERE } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe("");
      expect(again.headers.etag).toBe(etag);
      expect(again.headers["cache-control"]).toBe("public, max-age=14400");
      if (url.startsWith("/api/")) expect(again.headers["access-control-allow-origin"]).toBe("*");
      const list = await app.inject({ url, headers: { "if-none-match": `"other", W/${etag}` } });
      expect(list.statusCode).toBe(304);
      const stale = await app.inject({ url, headers: { "if-none-match": '"other"' } });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toBe(first.body);
      const since = await app.inject({
        url,
        headers: { "if-modified-since": String(first.headers["last-modified"]) },
      });
      expect(since.statusCode).toBe(304);
    }
    const ko = await app.inject("/api/v1/public/statistics");
    const en = await app.inject("/api/v1/public/statistics?lang=en");
    expect(ko.headers.etag).not.toBe(en.headers.etag);
    const cross = await app.inject({
      url: "/api/v1/public/statistics?lang=en",
      headers: { "if-none-match": String(ko.headers.etag) },
    });
    expect(cross.statusCode).toBe(200);
  });

  it("the page: cached to midnight with validators, but not opened to other origins", async () => {
    const res = await app.inject({ url: "/statistics", headers: { origin: ELSEWHERE } });
    expect(res.headers["cache-control"]).toBe("public, max-age=14400");
    expect(res.headers.etag).toBeDefined();
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(res.headers["cross-origin-resource-policy"]).toBe("same-origin");
  });

  it("max-age runs to the next midnight in the time zone; a clock outside the day revalidates in 5 minutes", async () => {
    const at = (iso: string) =>
      build(async () => sampleFigures(), { timeZone: "Asia/Seoul", now: () => Date.parse(iso) });
    for (const [iso, cc] of [
      ["2026-01-04T15:00:00Z", "public, max-age=86400"], // 00:00 in Seoul
      ["2026-01-05T14:59:59Z", "public, max-age=1"],
      ["2026-01-05T15:00:00Z", "public, max-age=300"], // already the 6th in Seoul
    ] as const) {
      const other = await at(iso);
      try {
        expect((await other.inject("/api/v1/public/statistics")).headers["cache-control"], iso).toBe(cc);
      } finally {
        await other.close();
      }
    }
  });

  it("the JSON-stat hrefs are absolute, on the host the request came to", async () => {
    const res = await app.inject({
      url: "/api/v1/public/statistics/jsonstat?lang=en",
      headers: { host: "stats.example:8443" },
    });
    const items = res.json<{ link: { item: { href: string }[] } }>().link.item;
    expect(items[0]!.href).toBe(
      "http://stats.example:8443/api/v1/public/statistics/jsonstat/tables/applications-by-year?lang=en",
    );
    const other = await app.inject({
      url: "/api/v1/public/statistics/jsonstat?lang=en",
      headers: { host: "a.example" },
    });
    expect(other.headers.etag).not.toBe(res.headers.etag);
    // a configured origin wins over the Host (behind a proxy that does not pass it on)
    const behind = await build(async () => sampleFigures(), {
      timeZone: "Asia/Seoul",
      origin: "https://rsd.example.go.kr",
    });
    try {
      const res2 = await behind.inject({
        url: "/api/v1/public/statistics/jsonstat/rates/rrr_unhcr",
        headers: { host: "10.0.0.5:8080" },
      });
      expect(res2.json<{ href: string }>().href).toBe(
        "https://rsd.example.go.kr/api/v1/public/statistics/jsonstat/rates/rrr_unhcr?lang=ko",
      );
    } finally {
      await behind.close();
    }
    // a Host that is not a host name gives relative links rather than anything it says
    const odd = await app.inject({
      url: "/api/v1/public/statistics/jsonstat?lang=en",
      headers: { host: 'x"/><a' },
    });
    expect(odd.json<{ link: { item: { href: string }[] } }>().link.item[0]!.href).toBe(
      "/api/v1/public/statistics/jsonstat/tables/applications-by-year?lang=en",
    );
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
