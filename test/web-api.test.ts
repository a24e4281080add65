/**
 * What the web workspace adds to the server: POST /cases/search (names in any script, identifiers,
 * filters; office scope kept), the demo-only account list, and the built app served at / with the
 * page security headers while unknown paths keep their problem+json 404.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { demoCode } from "../src/demo/accounts.ts";
import { buildServer } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, testClock, type TestUser } from "./support/auth.ts";

const SCRIPT = Buffer.from(`export const words = ${JSON.stringify("사건 ".repeat(2000))};\n`);

describe.each(createTestDatabases())("web additions on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  let webRoot: string;
  const clock = testClock(new Date("2026-11-24T03:00:00Z"));
  const u = {} as Record<"clerk" | "examiner" | "busan" | "committee" | "lawyer", TestUser>;
  let seoulCase = "";

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    webRoot = mkdtempSync(path.join(os.tmpdir(), "openrsd-web-"));
    writeFileSync(path.join(webRoot, "index.html"), "<!doctype html><title>OpenRSD</title>");
    // As the build writes a hashed asset: the file, and its brotli and gzip copies beside it.
    mkdirSync(path.join(webRoot, "assets"));
    writeFileSync(path.join(webRoot, "assets", "app-AbCd1234.js"), SCRIPT);
    writeFileSync(path.join(webRoot, "assets", "app-AbCd1234.js.br"), brotliCompressSync(SCRIPT));
    writeFileSync(path.join(webRoot, "assets", "app-AbCd1234.js.gz"), gzipSync(SCRIPT));
    app = await buildServer({ ctx, webRoot });
    u.clerk = await newSignedInUser(app, ctx, "w-clerk", "intake_clerk", "seoul");
    u.examiner = await newSignedInUser(app, ctx, "w-examiner", "examiner", "seoul");
    u.busan = await newSignedInUser(app, ctx, "w-busan", "examiner", "busan");
    u.committee = await newSignedInUser(app, ctx, "w-committee", "committee_secretary", null);
    u.lawyer = await newSignedInUser(app, ctx, "w-lawyer", "representative", null);
    const person = await app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: sessionHeaders(u.clerk),
      payload: {
        names: [
          { value: "Chan Sokha", script: "Latn", kind: "primary" },
          { value: "찬 속하", script: "Hang", kind: "hangul_transcription" },
        ],
        nationality: "KHM",
        identifiers: [{ kind: "passport", value: "N0012345" }],
      },
    });
    expect(person.statusCode).toBe(201);
    const opened = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: sessionHeaders(u.clerk),
      payload: {
        personId: person.json().id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn: "2026-11-02",
      },
    });
    expect(opened.statusCode).toBe(201);
    seoulCase = opened.json().id;
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const search = (user: TestUser, payload: object) =>
    app.inject({ method: "POST", url: "/api/v1/cases/search", headers: sessionHeaders(user), payload });

  it("finds a case by a two-syllable Korean name, a Latin word, or an identifier, with the names", async () => {
    for (const payload of [
      { name: "속하" },
      { name: "sokha" },
      { name: "CHAN sok" },
      { identifierKind: "passport", identifier: "N0012345" },
    ]) {
      const res = await search(u.examiner, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(200);
      const items = res.json().items as { id: string; names: { value: string }[] }[];
      expect(items.map((i) => i.id)).toEqual([seoulCase]);
      expect(items[0]?.names.map((n) => n.value)).toContain("찬 속하");
    }
    expect((await search(u.examiner, { name: "nobody-here" })).json().items).toEqual([]);
    expect(
      (await search(u.examiner, { identifierKind: "passport", identifier: "X999" })).json().items,
    ).toEqual([]);
    expect((await search(u.examiner, { name: "sokha", stage: "litigation" })).json().items).toEqual([]);
    expect(
      (await search(u.examiner, { name: "sokha", nationality: "KHM", stage: "examination" })).json().items,
    ).toHaveLength(1);
  });

  it("keeps object-level access: another office's staff find nothing, a lawyer may not search", async () => {
    expect((await search(u.busan, { name: "sokha" })).json().items).toEqual([]);
    expect((await search(u.busan, { name: "sokha", office: "seoul" })).json().items).toEqual([]);
    expect((await search(u.committee, { name: "sokha" })).json().items).toHaveLength(1);
    expect((await search(u.lawyer, { name: "sokha" })).statusCode).toBe(403);
    const anon = await app.inject({
      method: "POST",
      url: "/api/v1/cases/search",
      payload: { name: "sokha" },
    });
    expect(anon.statusCode).toBe(401);
  });

  it("refuses a bad search with problem details, and pages with a cursor", async () => {
    const bad = await search(u.examiner, { identifier: "N0012345" });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const first = await search(u.committee, { limit: 1 });
    expect(first.json().items).toHaveLength(1);
  });

  it("lists the demo accounts with their codes only in demo mode", async () => {
    expect((await app.inject({ url: "/api/v1/public/demo-accounts" })).statusCode).toBe(404);
    const demo = await buildServer({ ctx, demo: true, webRoot: false });
    try {
      const res = await demo.inject({ url: "/api/v1/public/demo-accounts" });
      expect(res.statusCode).toBe(200);
      const examiner = (res.json().accounts as { username: string; code: string }[]).find(
        (a) => a.username === "demo-examiner",
      );
      expect(examiner?.code).toBe(demoCode("demo-examiner", ctx.clock()));
    } finally {
      await demo.close();
    }
  });

  it("serves the web app at its routes with the page security headers; other paths keep their 404", async () => {
    for (const url of [
      "/",
      "/sign-in",
      "/worklist",
      `/cases/${seoulCase}`,
      "/admin/keys",
      "/portal/cases/x",
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(res.headers["x-frame-options"]).toBe("DENY");
    }
    const unknown = await app.inject({
      url: "/api/v1/no-such-thing",
      headers: sessionHeaders(u.examiner),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    expect((await app.inject({ url: "/no-such-page" })).statusCode).toBe(404);
  });

  it("sends a hashed asset compressed as the browser accepts, cached for a year", async () => {
    const url = "/assets/app-AbCd1234.js";
    const br = await app.inject({ url, headers: { "accept-encoding": "gzip, deflate, br, zstd" } });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toContain("javascript");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers.vary).toContain("accept-encoding");
    expect(brotliDecompressSync(br.rawPayload).equals(SCRIPT)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 10);

    const gz = await app.inject({ url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).equals(SCRIPT)).toBe(true);

    const plain = await app.inject({ url, headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.equals(SCRIPT)).toBe(true);

    // The compressed copies are not pages of their own.
    expect((await app.inject({ url: `${url}.br` })).statusCode).toBe(404);
    // The page itself is never cached without asking.
    expect((await app.inject({ url: "/sign-in" })).headers["cache-control"]).toBe("no-cache");
  });
});
