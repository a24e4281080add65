/**
 * docs/security.md requirement 16: only the documented methods and routes answer (everything else is 404 or
 * 405), every response carries the security headers, `Idempotency-Key` replays only to the same
 * account, and `If-Match` guards updates.
 */
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublic } from "../../src/server/auth.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { sessionHeaders, type TestUser } from "../support/auth.ts";
import { openHarness, SUMMONS, type Harness } from "./fixture.ts";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const SOME_ID = "0190a5e1-0000-7000-8000-000000000000";

type Doc = { paths: Record<string, Record<string, unknown>> };

/** Every "METHOD /path" the router knows, read from Fastify's route tree (HEAD left out). */
function registeredRoutes(tree: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split("\n")) {
    const m = /^([│ ]*)[└├]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? "").length / 4;
    stack.length = depth;
    stack.push(m[2] ?? "");
    const path = stack.join("").replace(/\/+/g, "/");
    for (const method of (m[3] ?? "").split(",").map((s) => s.trim())) {
      if (method && method !== "HEAD") out.push(`${method} ${path.replace(/:(\w+)/g, "{$1}")}`);
    }
  }
  return out;
}

function expectSecurityHeaders(res: LightMyRequestResponse, what: string) {
  const h = res.headers;
  expect(String(h["content-security-policy"]), what).toMatch(/frame-ancestors 'none'/);
  expect(String(h["strict-transport-security"]), what).toMatch(/max-age=(\d{8,}|[3-9]\d{7})/);
  expect(h["x-content-type-options"], what).toBe("nosniff");
  // The published statistics are the API's one cacheable answer (docs/statistics.md, "Publication").
  const published = /^GET \/api\/v1\/public\/statistics\S* → (200|304)$/.test(what);
  if (what.includes(" /api/v1/"))
    expect(String(h["cache-control"]), what).toMatch(published ? /^public, max-age=\d+$/ : /no-store/);
}

describe.each(createTestDatabases())("the API's surface on $kind", (factory) => {
  let h: Harness;
  let doc: Doc;
  let admin: TestUser;
  let clerk: TestUser;
  let busanClerk: TestUser;
  const documented = new Set<string>();
  beforeAll(async () => {
    h = await openHarness(factory);
    admin = await h.user("as-admin", "administrator", null);
    clerk = await h.user("as-clerk", "intake_clerk", "seoul");
    busanClerk = await h.user("as-clerk-busan", "intake_clerk", "busan");
    doc = (await h.app.inject({ url: "/api/openapi.json" })).json<Doc>();
    for (const [path, item] of Object.entries(doc.paths))
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
  });
  afterAll(async () => {
    await h?.close();
  });
  const documentedMatch = (method: string, url: string) =>
    [...documented].some((r) => {
      const [m, p] = r.split(" ");
      return m === method && new RegExp(`^${(p ?? "").replace(/\{\w+\}/g, "[^/]+")}$`).test(url);
    });

  it("registers no API route that its document does not describe", () => {
    const api = registeredRoutes(h.app.printRoutes({ commonPrefix: false })).filter((r) =>
      r.split(" ")[1]?.startsWith("/api/v1/"),
    );
    expect(api.length).toBeGreaterThan(30);
    expect(api.filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !api.includes(r))).toEqual([]);
  });

  it("answers 405 with Allow to every method a documented path does not document", async () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const url = path.replace(/\{\w+\}/g, SOME_ID);
      for (const method of METHODS) {
        if (method.toLowerCase() in item) continue;
        // e.g. GET /persons/search is GET /persons/{id} with the id "search": a documented route.
        if (documentedMatch(method, url)) continue;
        for (const who of [null, admin]) {
          const res = await h.call(
            who,
            method,
            url,
            method === "GET" || method === "OPTIONS" ? undefined : {},
          );
          const what = `${who ? "admin" : "anonymous"} ${method} ${url}`;
          // Anonymous callers learn nothing of the routes behind sign-in: 401 there, as for any path.
          // Otherwise 405, with the methods the path does take in Allow.
          const expected = who || isPublic(url) ? 405 : 401;
          expect(res.statusCode, what).toBe(expected);
          if (expected === 405) {
            const allow = String(res.headers.allow ?? "").split(", ");
            for (const m of Object.keys(item)) expect(allow, what).toContain(m.toUpperCase());
            expect(allow, what).not.toContain(method);
            expect(res.json<{ type: string }>().type, what).toBe(
              "https://openrsd.org/problems/method-not-allowed",
            );
          }
          expectSecurityHeaders(res, what);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("answers 404 to paths that are not routes", async () => {
    for (const url of ["/api/v1/nothing", "/api/v2/cases", "/api/v1/cases/x/y/z", "/.env", "/api/v1/admin"]) {
      for (const method of ["GET", "POST"] as const) {
        const res = await h.call(admin, method, url, method === "POST" ? {} : undefined);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expectSecurityHeaders(res, `${method} ${url}`);
      }
    }
  });

  it("answers 404, not 405, to a path the router refuses for a route's own method", async () => {
    // The id of tables/{id}.csv may not hold a line feed: no such table, whatever the method.
    const res = await h.call(admin, "GET", "/api/v1/public/statistics/tables/%0A.csv");
    expect(res.statusCode, res.body).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });

  it("refuses what the framework refuses with a problem of its own type and standard title", async () => {
    const send = (headers: Record<string, string>, payload: string, url = "/api/v1/persons") =>
      h.app.inject({ method: "POST", url, headers: { ...sessionHeaders(clerk), ...headers }, payload });
    const cases: [Promise<LightMyRequestResponse>, number, string, string][] = [
      [
        send({ "content-type": "application/xml" }, "<names/>"),
        415,
        "unsupported-media-type",
        "Unsupported media type",
      ],
      [
        send({ "content-type": "text/plain" }, "Ada Zed"),
        415,
        "unsupported-media-type",
        "Unsupported media type",
      ],
      [
        send({ "content-type": "application/json" }, JSON.stringify({ x: "x".repeat(1_100_000) })),
        413,
        "content-too-large",
        "Content too large",
      ],
      [send({ "content-type": "application/json" }, "{"), 400, "bad-request", "Bad request"],
      [h.call(admin, "GET", `/api/v1/cases/${"a".repeat(200)}`), 414, "uri-too-long", "URI too long"],
    ];
    for (const [answer, status, type, title] of cases) {
      const res = await answer;
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json<{ type: string; title: string }>()).toMatchObject({
        type: `https://openrsd.org/problems/${type}`,
        title,
      });
    }
  });

  it("sends the security headers on every documented route, whatever the answer", async () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const url = path.replace(/\{\w+\}/g, SOME_ID);
      for (const method of Object.keys(item)) {
        // Signing out would end the test's sessions: anonymously only.
        for (const who of path.endsWith("/logout") ? [null] : [null, admin, clerk]) {
          const m = method.toUpperCase() as "GET" | "POST" | "DELETE";
          const res = await h.call(who, m, url, m === "GET" || m === "DELETE" ? undefined : {});
          expectSecurityHeaders(res, `${m} ${url} → ${res.statusCode}`);
        }
      }
    }
    // And on answers that carry personal data, and on the documentation pages.
    const person = await h.call(clerk, "POST", "/api/v1/persons", {
      names: [{ value: "Header Check" }],
      nationality: "NPL",
    });
    expect(person.statusCode).toBe(201);
    expectSecurityHeaders(person, "POST /api/v1/persons → 201");
    const read = await h.call(clerk, "GET", `/api/v1/persons/${person.json<{ id: string }>().id}`);
    expectSecurityHeaders(read, "GET /api/v1/persons/{id} → 200");
    for (const url of ["/api/docs", "/api/openapi.json"]) {
      const res = await h.app.inject({ url });
      expect(String(res.headers["content-security-policy"]), url).toMatch(/frame-ancestors 'none'/);
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
    }
  });

  describe("a percent-encoded path is the same path", () => {
    /** `path` with its letters percent-encoded: every one (`all`), or the first of each segment. */
    const encoded = (path: string, all: boolean) =>
      path
        .split("/")
        .map((segment) =>
          all
            ? segment.replace(/[A-Za-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
            : segment.replace(/^[A-Za-z]/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
        )
        .join("/");

    it("answers an encoded path to anyone exactly as the plain one: no way past sign-in or the headers", async () => {
      let behindSignIn = 0;
      for (const [path, item] of Object.entries(doc.paths)) {
        if (!("get" in item)) continue;
        const plainUrl = path.replace(/\{\w+\}/g, SOME_ID);
        const plain = await h.call(null, "GET", plainUrl);
        if (plain.statusCode === 401) behindSignIn++;
        for (const url of [encoded(plainUrl, false), encoded(plainUrl, true)]) {
          const res = await h.call(null, "GET", url);
          const what = `anonymous GET ${url} → ${res.statusCode}`;
          expect(res.statusCode, what).toBe(plain.statusCode);
          for (const header of ["cache-control", "content-security-policy", "content-type"])
            expect(res.headers[header], `${what}: ${header}`).toBe(plain.headers[header]);
          expectSecurityHeaders(res, `GET ${plainUrl} → ${res.statusCode}`);
        }
      }
      expect(behindSignIn).toBeGreaterThan(20);
      // The offices, for example: read without a session only if the gate looked at the raw path.
      const offices = await h.call(null, "GET", "/%61pi/v1/offices");
      expect(offices.statusCode).toBe(401);
      expect(offices.headers["cache-control"]).toBe("no-store");
    });

    it("serves the same route to a signed-in caller whatever the encoding", async () => {
      const plain = await h.call(clerk, "GET", "/api/v1/offices");
      const res = await h.call(clerk, "GET", encoded("/api/v1/offices", true));
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(plain.body);
      // An encoded "/" is part of a segment, not a separator: no route.
      expect((await h.call(clerk, "GET", "/api%2Fv1/offices")).statusCode).toBe(404);
    });
  });

  describe("Idempotency-Key and If-Match", () => {
    const body = { names: [{ value: "Idempotent Person" }], nationality: "NPL" };
    it("replays the first answer for the same key and body, and refuses the key with another body (422)", async () => {
      const first = await h.call(clerk, "POST", "/api/v1/persons", body, { "idempotency-key": "as-k1" });
      expect(first.statusCode).toBe(201);
      const again = await h.call(clerk, "POST", "/api/v1/persons", body, { "idempotency-key": "as-k1" });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(again.headers["idempotent-replayed"]).toBe("true");
      const other = await h.call(
        clerk,
        "POST",
        "/api/v1/persons",
        { ...body, nationality: "LKA" },
        { "idempotency-key": "as-k1" },
      );
      expect(other.statusCode).toBe(422);
      const [{ n } = { n: 0 }] = await h.test.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM persons WHERE id = $1",
        [first.json<{ id: string }>().id],
      );
      expect(n).toBe(1);
    });

    it("never replays one account's answer to another account using the same key", async () => {
      const mine = await h.call(clerk, "POST", "/api/v1/persons", body, { "idempotency-key": "as-shared" });
      expect(mine.statusCode).toBe(201);
      const theirs = await h.call(busanClerk, "POST", "/api/v1/persons", body, {
        "idempotency-key": "as-shared",
      });
      expect(theirs.statusCode).toBe(201);
      expect(theirs.headers["idempotent-replayed"]).toBeUndefined();
      expect(theirs.json<{ id: string }>().id).not.toBe(mine.json<{ id: string }>().id);
    });

    it("takes an update only with the current version in If-Match: 428 without, 412 when stale", async () => {
      const { caseId } = await h.newCase(clerk, "seoul");
      const url = `/api/v1/cases/${caseId}/events`;
      const event = { type: "withdrawn", occurredOn: "2026-11-02" };
      expect((await h.call(clerk, "POST", url, event)).statusCode).toBe(428);
      const examiner = await h.user("as-examiner", "examiner", "seoul");
      expect((await h.call(examiner, "POST", url, SUMMONS, { "if-match": '"1"' })).statusCode).toBe(201);
      const stale = await h.call(clerk, "POST", url, event, { "if-match": '"1"' });
      expect(stale.statusCode).toBe(412);
      const view = await h.call(clerk, "GET", `/api/v1/cases/${caseId}`);
      expect(view.headers.etag).toBe('"2"');
      expect(view.json<{ stage: string }>().stage).not.toBe("closed");
      // Accepted with the current version; a withdrawal then waits for a second person (202,
      // docs/security.md requirement 18).
      expect((await h.call(clerk, "POST", url, event, { "if-match": '"2"' })).statusCode).toBe(202);
    });
  });
});
