/**
 * The demo's COI library: the same seed gives the same library; it holds a few hundred documents
 * in Korean and English, fictional sources only, and loads once, searchable at once.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { searchPassages } from "../../src/coi/search.ts";
import { CoiSearchQuerySchema } from "../../src/contracts/coi.ts";
import { generateCoiLibrary, loadCoiLibrary } from "../../src/demo/coi/library.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

describe("the demo library", () => {
  it("is the same for the same seed, and differs for another", () => {
    expect(generateCoiLibrary({ seed: 7 })).toEqual(generateCoiLibrary({ seed: 7 }));
    expect(generateCoiLibrary({ seed: 7 })[0]).not.toEqual(generateCoiLibrary({ seed: 8 })[0]);
  });

  it("holds a few hundred documents in Korean and English, with dated, located passages", () => {
    const docs = generateCoiLibrary();
    expect(docs.length).toBeGreaterThanOrEqual(200);
    expect(new Set(docs.map((d) => d.language))).toEqual(new Set(["ko", "en"]));
    expect(
      docs.filter((d) => d.country === "KHM" && d.profiles.includes("opposition_activists_abroad")).length,
    ).toBeGreaterThan(10);
    for (const d of docs) {
      expect(d.publishedOn <= d.accessedOn).toBe(true);
      expect(d.passages.length).toBeGreaterThanOrEqual(3);
      expect(d.url).toMatch(/^https:\/\/[a-z-.]+\.example\.(org|kr)\//);
    }
  });
});

describe.each(createTestDatabases())("the demo library on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({
      db: test.db,
      masterKey: randomBytes(32),
      clock: () => new Date("2026-11-24T03:00:00Z"),
    });
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("loads once and is searchable in Korean and English", async () => {
    expect(await loadCoiLibrary(ctx)).toBe(generateCoiLibrary().length);
    expect(await loadCoiLibrary(ctx)).toBe(0);
    const q = (params: Record<string, string>) =>
      test.db.transaction((tx) => searchPassages(tx, CoiSearchQuerySchema.parse(params)));
    const ko = await q({ q: "야당", country: "KHM" });
    expect(ko.total).toBeGreaterThan(0);
    expect(ko.items.every((i) => i.fragments.some((f) => f.match && f.text === "야당"))).toBe(true);
    const en = await q({ q: '"freedom of expression online"', country: "KHM" });
    expect(en.total).toBeGreaterThan(0);
  });
});
