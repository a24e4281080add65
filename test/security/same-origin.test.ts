/**
 * docs/security.md requirement 3: a change made with a session cookie takes effect only when the
 * browser says it comes from the application's own origin (`Sec-Fetch-Site: same-origin`, or an
 * `Origin` equal to the application's), whatever the content type. API-token clients are not
 * asked; signing in and out from another origin is refused too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount } from "../../src/security/commands/accounts.ts";
import { createApiToken } from "../../src/security/identity/api-tokens.ts";
import { DEFAULT_ORIGIN } from "../../src/server/app.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { sessionHeaders, SYSTEM, type TestUser } from "../support/auth.ts";
import { FOREIGN_PROVENANCE } from "../support/openapi-fuzz.ts";
import { openHarness, type Harness } from "./fixture.ts";

const CROSS_ORIGIN = "https://openrsd.org/problems/cross-origin";
const SOME_ID = "0190a5e1-0000-7000-8000-000000000000";
const CHANGES = ["post", "put", "patch", "delete"];

/** A body in each content type a page can send without asking the server first (and JSON). */
const BODIES: [string, string][] = [
  ["application/json", JSON.stringify({ names: [{ value: "Origin Probe" }], nationality: "NPL" })],
  ["text/plain", JSON.stringify({ names: [{ value: "Origin Probe" }], nationality: "NPL" })],
  ["application/x-www-form-urlencoded", "names=Origin+Probe&nationality=NPL"],
  [
    "multipart/form-data; boundary=x",
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
  ],
];

describe.each(createTestDatabases())("a change made with a session, on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser;
  const persons = async () =>
    (await h.test.db.query<{ n: number }>("SELECT count(*)::int AS n FROM persons"))[0]?.n ?? 0;
  const createPerson = (headers: Record<string, string>, [type, payload] = BODIES[0] ?? ["", ""]) =>
    h.app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: { cookie: clerk.cookie, "content-type": type, ...headers },
      payload,
    });

  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("so-clerk", "intake_clerk", "seoul");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is refused from another origin or site, or without a word of where it comes from, whatever the content type", async () => {
    const before = await persons();
    for (const from of [...FOREIGN_PROVENANCE, {}]) {
      for (const body of BODIES) {
        const res = await createPerson(from, body);
        const what = `${JSON.stringify(from)} ${body[0]}`;
        expect(res.statusCode, what).toBe(403);
        expect(res.json<{ type: string }>().type, what).toBe(CROSS_ORIGIN);
        expect(res.headers["set-cookie"], what).toBeUndefined();
      }
    }
    expect(await persons()).toBe(before);
  });

  it("is refused from elsewhere on every operation that changes something", async () => {
    const doc = (await h.app.inject({ url: "/api/openapi.json" })).json<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>();
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!CHANGES.includes(method)) continue;
        expect(Object.keys(op.responses), `${method} ${path} documents 403`).toContain("403");
        const res = await h.app.inject({
          method: method.toUpperCase() as "POST",
          url: path.replace(/\{\w+\}/g, SOME_ID),
          headers: {
            cookie: clerk.cookie,
            origin: "https://evil.example",
            "content-type": "application/json",
          },
          payload: "{}",
        });
        expect(res.statusCode, `${method} ${path}`).toBe(403);
        expect(res.json<{ type: string }>().type, `${method} ${path}`).toBe(CROSS_ORIGIN);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("is taken from the application's own page, which says so by Origin or by Sec-Fetch-Site", async () => {
    expect((await createPerson({ origin: DEFAULT_ORIGIN })).statusCode).toBe(201);
    expect((await createPerson({ "sec-fetch-site": "same-origin" })).statusCode).toBe(201);
    // What a browser sends for the page itself, on any host name the page was opened under.
    expect(
      (await createPerson({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:8080" })).statusCode,
    ).toBe(201);
  });

  it("leaves API-token clients alone: other systems need no Origin", async () => {
    const { account } = await addAccount(h.ctx, SYSTEM, {
      username: "so-intake-bridge",
      displayName: "Intake bridge",
      role: "intake_clerk",
      officeId: "seoul",
      service: true,
    });
    const { token } = await createApiToken(
      h.test.db,
      account.id,
      "bridge",
      ["person.create"],
      "test",
      h.ctx.clock(),
    );
    const res = await h.app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: { authorization: `Bearer ${token}` },
      payload: { names: [{ value: "Token Person" }], nationality: "NPL" },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it("no other page can sign someone in, or out", async () => {
    const signedIn = await h.user("so-victim", "examiner", "seoul");
    const out = await h.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: {
        cookie: signedIn.cookie,
        "sec-fetch-site": "same-site",
        origin: "https://other.rsd.example",
      },
    });
    expect(out.statusCode).toBe(403);
    const still = await h.app.inject({ url: "/api/v1/auth/session", headers: { cookie: signedIn.cookie } });
    expect(still.statusCode).toBe(200);

    const login = await h.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { origin: "https://evil.example" },
      payload: { username: signedIn.username, password: signedIn.password, totp: "000000" },
    });
    expect(login.statusCode).toBe(403);
    expect(login.headers["set-cookie"]).toBeUndefined();

    const ownPage = await h.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: sessionHeaders(signedIn),
    });
    expect(ownPage.statusCode).toBe(204);
  });
});
