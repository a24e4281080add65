/**
 * The public statistics as other tools and sites use them: served on a real port, read over HTTP
 * with the JSON-stat JavaScript Toolkit (jsonstat-toolkit, the reference client of the format, its
 * fetch-based loader) and with fetch as a page of another origin would read them (CORS, caching).
 * Every figure read through JSON-stat is checked against the published JSON of the same server.
 */
import type { FastifyInstance } from "fastify";
import JSONstat from "jsonstat-toolkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTECTED, type Lang } from "../src/statistics/publish/messages.ts";
import { publicStatisticsApp, sampleFigures } from "../src/statistics/publish/testing.ts";
import type { PublicJson } from "../src/statistics/publish/json.ts";

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = await publicStatisticsApp(async () => sampleFigures());
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => app?.close());

const published = async (lang: Lang) =>
  (await (await fetch(`${base}/api/v1/public/statistics?lang=${lang}`)).json()) as PublicJson;

const countryIn = (lang: Lang, alpha2: string) =>
  new Intl.DisplayNames([lang], { type: "region" }).of(alpha2);

describe.each(["ko", "en"] as const)("JSON-stat in a standard client (%s)", (lang) => {
  it("loads the collection, follows each item's href and finds the published tables", async () => {
    const collection = await JSONstat(`${base}/api/v1/public/statistics/jsonstat?lang=${lang}`);
    expect(collection.class).toBe("collection");
    const json = await published(lang);
    const items = collection.Item();
    expect(items).toHaveLength(json.tables.length + json.rates.length);

    for (const [i, table] of json.tables.entries()) {
      const item = items[i]!;
      expect(item.href).toMatch(new RegExp(`^${base}/api/v1/public/statistics/jsonstat/tables/`));
      const ds = await JSONstat(item.href!);
      expect(ds.class).toBe("dataset");
      expect(ds.label).toBe(table.title);
      expect(ds.id).toEqual([table.rows.id, table.columns.id]);
      expect(ds.size).toEqual([table.rows.categories.length + 1, table.columns.categories.length + 1]);
      // the same dataset as embedded in the collection
      expect(collection.Dataset(i)!.value).toEqual(ds.value);
      const rows = ds.Dimension(table.rows.id)!;
      const cols = ds.Dimension(table.columns.id)!;
      expect(rows.label).toBe(table.rows.label);
      expect(rows.id).toEqual([...table.rows.categories, "_T"]);
      expect(cols.id).toEqual([...table.columns.categories, "_T"]);
      for (const r of table.rows.categories) expect(rows.Category(r)!.label).toBe(table.rows.labels![r]);
      for (const c of table.columns.categories)
        expect(cols.Category(c)!.label).toBe(table.columns.labels![c]);
      expect(rows.Category("_T")!.label).toBe(lang === "ko" ? "합계" : "Total");
      // every value, totals included, and the status of every protected one
      const at = (r: number, c: number) => {
        const nr = table.rows.categories.length;
        const nc = table.columns.categories.length;
        if (r < nr) return c < nc ? table.cells[r]![c]! : table.rowTotals[r]!;
        return c < nc ? table.columnTotals[c]! : table.total;
      };
      rows.id.forEach((r, ri) =>
        cols.id.forEach((c, ci) => {
          const d = ds.Data({ [table.rows.id]: r, [table.columns.id]: c })!;
          expect(d.value, `${table.id} ${r} ${c}`).toBe(at(ri, ci));
          expect(d.status ?? null).toBe(d.value === null ? PROTECTED[lang].suppressed : null);
        }),
      );
    }

    for (const [j, series] of json.rates.entries()) {
      const item = items[json.tables.length + j]!;
      expect(item.href).toMatch(new RegExp(`^${base}/api/v1/public/statistics/jsonstat/rates/`));
      const ds = await JSONstat(item.href!);
      expect(ds.role?.metric).toEqual(["measure"]);
      const measure = ds.Dimension("measure")!;
      expect(measure.Category("rate")!.label).toBe(series.definition.name);
      for (const p of series.points) {
        const pick = (m: string) => ds.Data({ [series.dimension.id]: p.category, measure: m })!;
        expect(pick("rate").value).toBe(p.rate);
        expect(pick("step").value).toBe(p.step);
        expect(pick("denominator").value).toBe(p.denominator);
        expect(pick("rate").status ?? null).toBe(p.rate === null ? PROTECTED[lang].withheld : null);
      }
    }
  });

  it("labels categories with names in the language, not codes", async () => {
    const collection = await JSONstat(`${base}/api/v1/public/statistics/jsonstat?lang=${lang}`);
    const ds = await JSONstat(collection.Item(1)!.href!);
    const nationality = ds.Dimension("nationality")!;
    const outcome = ds.Dimension("outcome")!;
    expect(nationality.label).toBe(lang === "ko" ? "국적" : "Nationality");
    expect(nationality.Category("RUS")!.label).toBe(lang === "ko" ? "러시아" : "Russia");
    expect(nationality.Category("CHN")!.label).toBe(lang === "ko" ? "중국" : "China");
    expect(nationality.Category("MMR")!.label).toBe(countryIn(lang, "MM"));
    expect(outcome.Category("recognized")!.label).toBe(lang === "ko" ? "난민 인정" : "Recognized");
    expect(outcome.Category("humanitarian")!.label).toBe(lang === "ko" ? "인도적 체류" : "Humanitarian stay");
    const kinds = (await JSONstat(collection.Item(0)!.href!)).Dimension("kind")!;
    expect(kinds.Category("subsequent")!.label).toBe(lang === "ko" ? "재신청" : "Subsequent application");
  });
});

describe("read from another origin", () => {
  const origin = "https://news.example.org";

  it("a page elsewhere may read the data: simple GET, and the preflight of a conditional GET", async () => {
    const pre = await fetch(`${base}/api/v1/public/statistics/jsonstat?lang=en`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "GET",
        "access-control-request-headers": "if-none-match",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-none-match");

    const res = await fetch(`${base}/api/v1/public/statistics/tables/applications-by-year.csv?lang=en`, {
      headers: { origin },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
    expect(await res.text()).toContain("First application");
  });

  it("caches until the next publication and answers a revalidation with 304", async () => {
    const url = `${base}/api/v1/public/statistics/jsonstat?lang=ko`;
    const first = await fetch(url, { headers: { origin } });
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    const etag = first.headers.get("etag")!;
    expect(first.headers.get("last-modified")).toBeTruthy();
    await first.arrayBuffer();
    const again = await fetch(url, { headers: { origin, "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("the rest of the API stays closed to other origins", async () => {
    const res = await fetch(`${base}/api/v1/cases`, { headers: { origin } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");
    await res.arrayBuffer();
    const pre = await fetch(`${base}/api/v1/cases`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "GET" },
    });
    expect([404, 405]).toContain(pre.status);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
  });
});
