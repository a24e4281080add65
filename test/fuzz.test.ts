/**
 * docs/security.md requirement 17: a property-based fuzz test over every route of the OpenAPI document.
 *
 * Two offices (seoul, busan), two representatives each holding a mandate on a different seoul
 * case, and a seoul case nobody represents. For every operation the document lists (/health
 * among them), fast-check sends random and hostile requests — values that fit the schema,
 * values with one thing wrong, garbage, foreign ids in path parameters, forged cookies, odd
 * headers — as each principal, and checks:
 *
 * - never a 5xx;
 * - every JSON body whose status the document describes matches the document's schema, and every
 *   error is RFC 9457 problem+json;
 * - anonymous requests get 401 on every route but the public ones;
 * - nobody ever gets a 2xx carrying another's object: a representative sees only the case of their
 *   own mandate, the busan examiner nothing of seoul, the seoul clerk nothing of busan, the
 *   administrator no person; no other party's names or identifiers appear in any answer (but the
 *   matches an administrator's own search for a mandate's case shows for confirmation); and
 *   another's object never answers 409 or 412 (which would tell that it exists).
 *
 * FUZZ_RUNS (runs per route and principal) and FUZZ_SEED make a run longer or repeatable; a
 * failure prints the seed and the shrunk request. FUZZ_REPORT=1 prints the statuses per route.
 */
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { buildServer, DEFAULT_ORIGIN } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, signIn, testClock, type TestUser } from "./support/auth.ts";
import {
  describeRequest,
  FORGED_CURSORS,
  opName,
  operationsOf,
  provesOwnOrigin,
  requestFor,
  responseValidators,
  UUID_IN_TEXT,
  type FuzzRequest,
  type OpenApiDocument,
  type Operation,
  type Vocabulary,
} from "./support/openapi-fuzz.ts";
import { useTestVault, type TestStorage } from "./support/vault.ts";

const NOW = new Date("2026-11-24T03:00:00Z"); // noon in Seoul
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const SESSION_COOKIE = "__Host-openrsd_session";
/** What the server answers for a URL its router refuses before any route runs. */
const ROUTER_REFUSALS = /^(the URL cannot be decoded|a path segment is too long)$/;
const PUBLIC_ROUTES = new Set([
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/passkey/options",
  "GET /api/v1/health",
  // A new account's user, who has no password yet: the enrolment link and code are the credential.
  "POST /api/v1/enrolment/start",
  "POST /api/v1/enrolment",
]);
/** Public by design: the published statistics (docs/security.md's 401 rule names them as the exception). */
const isPublic = (name: string) => PUBLIC_ROUTES.has(name) || /^(GET|OPTIONS) \/api\/v1\/public\//.test(name);

interface Party {
  caseIds: string[];
  personIds: string[];
  /** Names and identifiers: text that must never reach anyone else. */
  secrets: string[];
}

interface Principal {
  name: string;
  user: TestUser | null;
  /** Ids the fuzzer puts into this principal's path parameters and body id fields. */
  pool: () => string[];
  /** Ids that must never appear in a 2xx answer to this principal. */
  forbiddenIds: () => Set<string>;
  /** Text that must never appear in any answer to this principal. */
  forbiddenText: () => string[];
  /** If set: the only UUIDs a 2xx answer may carry (representatives). */
  onlyUuids?: () => Set<string>;
  /**
   * Routes whose answer may name applicants to this principal though it reads no person: the
   * match shown for confirmation when an administrator finds the case of a mandate by name.
   */
  showsMatchedNames?: ReadonlySet<string>;
}

/** The first `name=value` of a cookie header with the same name as `like` (`name=…`), or null. */
function firstCookie(header: string, like: string): string | null {
  const name = like.slice(0, like.indexOf("="));
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return `${name}=${part.slice(eq + 1).trim()}`;
  }
  return null;
}

describe.each(createTestDatabases())("fuzz every route on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  let evidence: TestStorage | undefined;
  let operations: Operation[];
  let validators: ReturnType<typeof responseValidators>;
  const clock = testClock(NOW);
  const users = {} as Record<
    "clerk" | "examiner" | "busanClerk" | "busanExaminer" | "repA" | "repB" | "admin",
    TestUser
  >;
  const seoul: Party = { caseIds: [], personIds: [], secrets: [] };
  const busan: Party = { caseIds: [], personIds: [], secrets: [] };
  /** Each person's names: a lawyer's portal shows their own client's, and no one else's. */
  const namesOf = new Map<string, string[]>();
  const cases = {} as Record<"a" | "b" | "c" | "d", string>;
  const persons = {} as Record<"a" | "b" | "c" | "d", string>;
  const mandates = {} as Record<"a" | "b", string>;
  const principals: Principal[] = [];

  let vocab: Vocabulary;
  /** Per operation: statuses seen, to show the fuzzer got past authentication and validation. */
  const seen = new Map<string, Map<number, number>>();
  /** The server's error log: what went wrong behind a 5xx. */
  const errors: string[] = [];
  const errorLog = new Writable({
    write(chunk: Buffer, _enc, done) {
      errors.push(chunk.toString("utf8"));
      if (errors.length > 50) errors.shift();
      done();
    },
  });

  const as = (u: TestUser | null) => (u ? sessionHeaders(u) : {});

  async function call(
    u: TestUser,
    method: "GET" | "POST",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    return app.inject({
      method,
      url,
      headers: { ...as(u), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  }

  async function newPerson(u: TestUser, label: string, party: Party): Promise<string> {
    const tag = randomBytes(4).toString("hex");
    const name = `Fuzzname ${label} ${tag}`;
    const passport = `FZPP${label.toUpperCase()}${tag}`;
    const res = await call(u, "POST", "/api/v1/persons", {
      names: [
        { value: name, script: "Latn", kind: "primary" },
        { value: `퍼즈${label}${tag}`, script: "Hang", kind: "hangul_transcription" },
      ],
      nationality: "KHM",
      identifiers: [{ kind: "passport", value: passport }],
      sensitiveFacts: { religion: `Fuzzfaith ${label} ${tag}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    party.personIds.push(id);
    party.secrets.push(name, `퍼즈${label}${tag}`, passport, `Fuzzfaith ${label} ${tag}`);
    namesOf.set(id, [name, `퍼즈${label}${tag}`]);
    return id;
  }

  async function newCase(u: TestUser, personId: string, office: string, party: Party): Promise<string> {
    const res = await call(u, "POST", "/api/v1/cases", {
      personId,
      office,
      channel: "in_country",
      kind: "first",
      filedOn: "2026-10-01",
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    party.caseIds.push(id);
    return id;
  }

  async function examine(u: TestUser, caseId: string) {
    const summons = await call(
      u,
      "POST",
      `/api/v1/cases/${caseId}/events`,
      { type: "summons_served", occurredOn: "2026-10-20", interviewOn: "2026-11-10", method: "post" },
      { "if-match": '"1"' },
    );
    expect(summons.statusCode, summons.body).toBe(201);
    const held = await call(
      u,
      "POST",
      `/api/v1/cases/${caseId}/events`,
      { type: "interview_held", occurredOn: "2026-11-10", examinerId: u.username },
      { "if-match": '"2"' },
    );
    expect(held.statusCode, held.body).toBe(201);
  }

  async function grant(caseId: string, rep: TestUser): Promise<string> {
    const res = await call(users.clerk, "POST", `/api/v1/cases/${caseId}/mandates`, {
      representativeId: rep.id,
      validFrom: "2026-11-01",
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    evidence = await useTestVault(ctx);
    await seedHolidays(ctx);
    app = await buildServer({ ctx, logger: { level: "error", stream: errorLog } });
    const make = (name: string, role: Parameters<typeof newSignedInUser>[3], office: string | null) =>
      newSignedInUser(app, ctx, name, role, office);
    users.clerk = await make("fz-clerk-seoul", "intake_clerk", "seoul");
    users.examiner = await make("fz-examiner-seoul", "examiner", "seoul");
    users.busanClerk = await make("fz-clerk-busan", "intake_clerk", "busan");
    users.busanExaminer = await make("fz-examiner-busan", "examiner", "busan");
    users.repA = await make("fz-rep-a", "representative", null);
    users.repB = await make("fz-rep-b", "representative", null);
    users.admin = await make("fz-admin", "administrator", null);

    persons.a = await newPerson(users.clerk, "alpha", seoul);
    persons.b = await newPerson(users.clerk, "bravo", seoul);
    persons.c = await newPerson(users.clerk, "charlie", seoul);
    persons.d = await newPerson(users.busanClerk, "delta", busan);
    cases.a = await newCase(users.clerk, persons.a, "seoul", seoul);
    cases.b = await newCase(users.clerk, persons.b, "seoul", seoul);
    cases.c = await newCase(users.clerk, persons.c, "seoul", seoul);
    cases.d = await newCase(users.busanClerk, persons.d, "busan", busan);
    await examine(users.examiner, cases.a);
    await examine(users.examiner, cases.b);
    await examine(users.busanExaminer, cases.d);
    mandates.a = await grant(cases.a, users.repA);
    mandates.b = await grant(cases.b, users.repB);

    const doc = (await app.inject({ url: "/api/openapi.json" })).json<OpenApiDocument>();
    operations = operationsOf(doc);
    validators = responseValidators(doc);

    const allIds = [...seoul.caseIds, ...seoul.personIds, ...busan.caseIds, ...busan.personIds];
    vocab = {
      ids: allIds,
      words: [
        "seoul",
        "busan",
        "incheon-airport",
        "in_country",
        "port_of_entry",
        "first",
        "subsequent",
        "KHM",
        "KOR",
        "passport",
        "examination",
        "summons_served",
        "interview_held",
        "decision_issued",
        "withdrawn",
        "representative",
        "administrator",
        "km",
      ],
      // Searched for, never sent in bodies (where they would come back in the fuzzer's own records).
      queryValues: {
        identifier: [...seoul.secrets, ...busan.secrets].filter((s) => s.startsWith("FZPP")),
        identifierKind: ["passport"],
      },
      dates: [
        "2026-11-24",
        "2026-11-23",
        "2026-11-01",
        "2026-10-01",
        "2026-10-21",
        "2024-01-10",
        "2019-03-04",
        "2026-11-25",
        "2024-02-29",
        "9999-12-31",
      ],
    };

    const seoulIds = () => new Set([...seoul.caseIds, ...seoul.personIds, mandates.a, mandates.b]);
    const busanIds = () => new Set([...busan.caseIds, ...busan.personIds]);
    const everyPersonText = () => [...seoul.secrets, ...busan.secrets];
    const representative = (
      name: string,
      own: TestUser,
      ownCase: string,
      otherMandate: string,
      client: string,
    ): Principal => ({
      name,
      user: own,
      pool: () => [...seoul.caseIds, ...busan.caseIds, ...seoul.personIds, ...busan.personIds, otherMandate],
      forbiddenIds: () =>
        new Set(
          [...seoulIds(), ...busanIds()].filter(
            (id) => id !== ownCase && id !== mandates.a && id !== mandates.b,
          ),
        ).add(otherMandate),
      forbiddenText: () => everyPersonText().filter((t) => !(namesOf.get(client) ?? []).includes(t)),
      onlyUuids: () => new Set([ownCase, own.id]),
    });
    principals.push(
      {
        name: "anonymous",
        user: null,
        pool: () => allIds,
        forbiddenIds: () => new Set([...seoulIds(), ...busanIds()]),
        forbiddenText: everyPersonText,
        onlyUuids: () => new Set(),
      },
      representative("representative A", users.repA, cases.a, mandates.b, persons.a),
      representative("representative B", users.repB, cases.b, mandates.a, persons.b),
      {
        name: "busan examiner",
        user: users.busanExaminer,
        pool: () => [...seoul.caseIds, ...seoul.personIds, mandates.a, mandates.b, ...busan.caseIds],
        forbiddenIds: seoulIds,
        forbiddenText: () => seoul.secrets,
      },
      {
        // Never handed a representative's id or a mandate: the clerk may grant and revoke them,
        // which would change who may see what while the test runs.
        name: "seoul clerk",
        user: users.clerk,
        pool: () => [...busan.caseIds, ...busan.personIds, cases.c, persons.c],
        forbiddenIds: busanIds,
        forbiddenText: () => busan.secrets,
      },
      {
        // Administrators work with accounts, keys and audit: no case files, no persons. Never
        // handed account ids (it could disable the test's own principals).
        name: "administrator",
        user: users.admin,
        pool: () => [...seoul.caseIds, ...busan.caseIds, ...seoul.personIds, ...busan.personIds],
        forbiddenIds: () => new Set([...seoul.personIds, ...busan.personIds]),
        forbiddenText: everyPersonText,
        showsMatchedNames: new Set(["POST /api/v1/mandates/case-search"]),
      },
    );
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
    await evidence?.dispose();
  });

  /** Everything that must hold of one answer. Throws with the request and answer if not. */
  function verify(p: Principal, op: Operation, req: FuzzRequest, res: LightMyRequestResponse) {
    const show = () =>
      `\n  as ${p.name}: ${describeRequest(req)}` +
      `\n  → ${res.statusCode} ${res.headers["content-type"] ?? ""} ${res.body.slice(0, 800)}`;
    const status = res.statusCode;
    const counts = seen.get(opName(op)) ?? new Map<number, number>();
    counts.set(status, (counts.get(status) ?? 0) + 1);
    seen.set(opName(op), counts);

    if (status >= 500) {
      const reqId = /request id ([0-9a-f-]{36})/.exec(res.body)?.[1];
      const log = errors.find((line) => reqId !== undefined && line.includes(reqId)) ?? "";
      throw new Error(`server error${show()}\n  server log: ${log.slice(0, 3000)}`);
    }
    const type = String(res.headers["content-type"] ?? "");
    let body: unknown;
    if (res.body.length > 0 && /json/.test(type)) {
      try {
        body = JSON.parse(res.body);
      } catch {
        throw new Error(`the body is not JSON${show()}`);
      }
    }
    // A URL the router cannot percent-decode (400) or with a path parameter over 100 characters
    // (414) is refused before routing, so before authentication: no 401 for those.
    const badUrl =
      (status === 400 || status === 414) &&
      ROUTER_REFUSALS.test((body as { detail?: string } | undefined)?.detail ?? "");
    for (const header of ["content-security-policy", "x-content-type-options", "strict-transport-security"]) {
      if (!res.headers[header]) throw new Error(`no ${header} header${show()}`);
    }
    if (status >= 400) {
      if (!/^application\/problem\+json/.test(type))
        throw new Error(`an error that is not problem+json${show()}`);
      const problem = validators.problem(body);
      if (!problem.ok) throw new Error(`not RFC 9457 problem details: ${problem.errors}${show()}`);
      if ((body as { status: number }).status !== status) throw new Error(`problem.status differs${show()}`);
    }
    if (status < 300 && op.spec.responses && !op.spec.responses[String(status)])
      throw new Error(`a success status the document does not describe${show()}`);
    if (body !== undefined) {
      const check = validators.forStatus(op, status);
      const result = check?.(body);
      if (result && !result.ok)
        throw new Error(`the body does not match the document: ${result.errors}${show()}`);
    }
    if (p.user === null && !isPublic(opName(op)) && status !== 401 && !badUrl)
      throw new Error(`anonymous request not refused with 401${show()}`);
    // A change made with the caller's own session takes effect only from the application's own
    // origin (docs/security.md requirement 3); one that proves it is never refused for its origin.
    const changes = !["GET", "HEAD", "OPTIONS"].includes(req.method);
    const proved = provesOwnOrigin(req.headers, DEFAULT_ORIGIN);
    // With the user's session as the server reads the header: the first session cookie counts, so
    // "…session=; …session=<theirs>" is no session at all (and answered as anonymous).
    const withSession =
      p.user !== null && firstCookie(req.headers.cookie ?? "", p.user.cookie) === p.user.cookie;
    if (changes && withSession && !req.headers.authorization && !proved && status < 300)
      throw new Error(`a change with a session from another origin was accepted${show()}`);
    if (proved && (body as { type?: string } | undefined)?.type?.endsWith("/cross-origin"))
      throw new Error(`a request from the application's own origin refused as from another${show()}`);

    const sent = `${req.url} ${req.payload ?? ""}`.toLowerCase();
    const text = res.body.toLowerCase();
    for (const secret of p.showsMatchedNames?.has(opName(op)) ? [] : p.forbiddenText()) {
      const s = secret.toLowerCase();
      if (text.includes(s) && !sent.includes(s)) throw new Error(`another party's data (${secret})${show()}`);
    }
    if (status < 300) {
      const uuids = (res.body.match(UUID_IN_TEXT) ?? []).map((u) => u.toLowerCase());
      const forbidden = p.forbiddenIds();
      const only = p.onlyUuids?.();
      for (const u of uuids) {
        if (forbidden.has(u)) throw new Error(`another party's object ${u} in a 2xx answer${show()}`);
        if (only && !only.has(u)) throw new Error(`an object ${u} this principal may not see${show()}`);
      }
    }
    // Another's object answers exactly like one that does not exist (docs/security.md requirement 5): never a
    // conflict or a stale version, which would tell that it exists and how far it has gone.
    const path = (req.url.split("?")[0] ?? "").toLowerCase();
    const targetsForbidden = [...p.forbiddenIds()].some((id) => path.includes(id));
    if (targetsForbidden && (status === 409 || status === 412))
      throw new Error(`another party's object answered ${status}, not 404${show()}`);
    if (targetsForbidden && body && typeof body === "object" && ("stage" in body || "allowedEvents" in body))
      throw new Error(`another party's case state in an error${show()}`);
  }

  /** The clerk's new objects are seoul's: nobody at busan may see them either. */
  function track(p: Principal, op: Operation, res: LightMyRequestResponse) {
    if (p.user !== users.clerk || res.statusCode !== 201) return;
    const body = res.json<{ id?: string; personId?: string }>();
    if (opName(op) === "POST /api/v1/persons" && body.id) seoul.personIds.push(body.id);
    if (opName(op) === "POST /api/v1/cases" && body.id) seoul.caseIds.push(body.id);
  }

  async function fuzz(p: Principal) {
    // Signing out kills the session: fuzz it last, with a session of its own.
    const ordered = [...operations].sort(
      (x, y) => Number(x.path.endsWith("/logout")) - Number(y.path.endsWith("/logout")),
    );
    for (const op of ordered) {
      let user = p.user;
      if (user && op.path.endsWith("/auth/logout")) {
        clock.tick();
        user = await signIn(app, ctx, user);
      }
      const arb = requestFor(
        op,
        { ...vocab, ids: p.pool() },
        {
          pathIds: p.pool(),
          cookie: user?.cookie ?? null,
          sessionCookie: SESSION_COOKIE,
          origin: DEFAULT_ORIGIN,
        },
      );
      await fc.assert(
        fc.asyncProperty(arb, async (req) => {
          const res = await app.inject({
            method: op.method,
            url: req.url,
            headers: req.headers,
            ...(req.payload === undefined ? {} : { payload: req.payload }),
          });
          verify(p, op, req, res);
          track(p, op, res);
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
    }
  }

  it("reads the document, and each principal reaches its own objects and no other's", async () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    const get = (u: TestUser, url: string) => app.inject({ url, headers: as(u) });
    const portal = await get(users.repA, "/api/v1/portal/cases");
    expect(portal.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toEqual([cases.a]);
    expect((await get(users.repA, `/api/v1/portal/cases/${cases.a}`)).statusCode).toBe(200);
    expect((await get(users.repA, `/api/v1/portal/cases/${cases.b}`)).statusCode).toBe(404);
    expect((await get(users.repB, `/api/v1/portal/cases/${cases.b}`)).statusCode).toBe(200);
    expect((await get(users.repB, `/api/v1/portal/cases/${cases.c}`)).statusCode).toBe(404);
    expect((await get(users.busanExaminer, `/api/v1/cases/${cases.d}`)).statusCode).toBe(200);
    expect((await get(users.busanExaminer, `/api/v1/cases/${cases.a}`)).statusCode).toBe(404);
    expect((await get(users.busanExaminer, `/api/v1/persons/${persons.a}`)).statusCode).toBe(404);
    const own = await get(users.clerk, `/api/v1/persons/${persons.a}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(seoul.secrets[0]);
    expect((await get(users.clerk, `/api/v1/persons/${persons.d}`)).statusCode).toBe(404);
    const worklist = await get(users.busanExaminer, "/api/v1/deadlines?limit=500");
    const caseIds = worklist.json<{ items: { caseId: string }[] }>().items.map((d) => d.caseId);
    expect(caseIds).toContain(cases.d);
    expect(caseIds).not.toContain(cases.a);
    // The same checks the fuzzer makes hold for these answers too.
    const clerk = principals.find((p) => p.name === "seoul clerk");
    const op = operations.find((o) => o.path === "/api/v1/persons/{id}" && o.method === "GET");
    if (!clerk || !op) throw new Error("set-up");
    verify(clerk, op, { method: "GET", url: `/api/v1/persons/${persons.a}`, headers: {} }, own);
  });

  it("would notice another party's object in an answer (the checks have teeth)", async () => {
    const who = (name: string) => {
      const p = principals.find((x) => x.name === name);
      if (!p) throw new Error(name);
      return p;
    };
    const opOf = (path: string) => {
      const op = operations.find((o) => o.path === path && o.method === "GET");
      if (!op) throw new Error(path);
      return op;
    };
    const answer = async (u: TestUser, url: string) => {
      const res = await app.inject({ url, headers: as(u) });
      expect(res.statusCode).toBe(200);
      return { req: { method: "GET", url, headers: {} }, res };
    };
    // Real answers to their owners, checked as if another principal had got them.
    const seoulCase = await answer(users.clerk, `/api/v1/cases/${cases.a}`);
    expect(() =>
      verify(who("busan examiner"), opOf("/api/v1/cases/{id}"), seoulCase.req, seoulCase.res),
    ).toThrow(/another party/);
    const person = await answer(users.clerk, `/api/v1/persons/${persons.b}`);
    expect(() =>
      verify(who("representative A"), opOf("/api/v1/persons/{id}"), person.req, person.res),
    ).toThrow(/another party/);
    const portal = await answer(users.repA, `/api/v1/portal/cases/${cases.a}`);
    expect(() =>
      verify(who("representative B"), opOf("/api/v1/portal/cases/{id}"), portal.req, portal.res),
    ).toThrow(/another party|may not see/);
    const busanCase = await answer(users.busanExaminer, `/api/v1/cases/${cases.d}`);
    expect(() =>
      verify(who("seoul clerk"), opOf("/api/v1/cases/{id}"), busanCase.req, busanCase.res),
    ).toThrow(/another party/);
    expect(() =>
      verify(who("anonymous"), opOf("/api/v1/cases/{id}"), busanCase.req, busanCase.res),
    ).toThrow();
  });

  for (const name of [
    "anonymous",
    "representative A",
    "representative B",
    "busan examiner",
    "seoul clerk",
    "administrator",
  ]) {
    it(`fuzzes every route as ${name}`, { timeout: 120_000 }, async () => {
      const p = principals.find((x) => x.name === name);
      if (!p) throw new Error(`no principal ${name}`);
      await fuzz(p);
    });
  }

  it("reached every route, and the handlers' own answers on many", () => {
    if (process.env.FUZZ_REPORT) {
      for (const [name, counts] of seen) console.log(name, JSON.stringify(Object.fromEntries(counts)));
    }
    const total = (op: Operation) => [...(seen.get(opName(op))?.values() ?? [])].reduce((a, b) => a + b, 0);
    const statuses = (op: Operation) => [...(seen.get(opName(op))?.keys() ?? [])];
    for (const op of operations) {
      // Every principal's runs.
      expect(total(op), opName(op)).toBeGreaterThanOrEqual(RUNS * principals.length);
      // Some signed-in request got past authentication.
      expect(
        statuses(op).some((st) => st !== 401),
        opName(op),
      ).toBe(true);
    }
    if (RUNS >= 10) {
      const succeeded = operations.filter((op) => statuses(op).some((st) => st < 300));
      expect(succeeded.length, succeeded.map(opName).join("\n")).toBeGreaterThanOrEqual(20);
    }
  });

  // Bugs this test once found, each kept as a regression test.
  describe("regressions found by fuzzing", () => {
    it("a session cookie with a bad %-escape is no session (401), not a 500", async () => {
      const health = await app.inject({ url: "/api/v1/health", headers: { cookie: `${SESSION_COOKIE}=%` } });
      expect(health.statusCode).toBe(200);
      const cases = await app.inject({
        url: "/api/v1/cases",
        headers: { cookie: `${SESSION_COOKIE}=%E0%A4%A` },
      });
      expect(cases.statusCode).toBe(401);
    });

    if (factory.kind === "pglite") {
      it("a short audited transaction on PGlite is never taken for autocommit", async () => {
        // A representative reading a person: refused at once, the refusal audited alone.
        for (let i = 0; i < 500; i++) {
          const res = await app.inject({ url: `/api/v1/persons/${persons.a}`, headers: as(users.repA) });
          expect(res.statusCode, res.body).toBe(404);
        }
      });
    }

    it("a NUL in a login name is refused with 422, not a 500", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "content-type": "application/json" },
        payload: '{"username":"\\u0000","password":"x"}',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json<{ issues: { path: string }[] }>().issues[0]?.path).toBe("body.username");
    });

    it("a name with an unpaired surrogate is refused with 422", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/persons",
        headers: { ...as(users.clerk), "content-type": "application/json" },
        payload: '{"names":[{"value":"\\ud800"}],"nationality":"KHM"}',
      });
      expect(res.statusCode).toBe(422);
    });

    it("the report of a month outside 1970-01 … 9998-12 is refused with 422, not a 500", async () => {
      for (const month of ["0999-05", "1969-12", "9999-12"]) {
        const res = await app.inject({
          url: `/api/v1/audit/report?month=${month}`,
          headers: as(users.admin),
        });
        expect(res.statusCode, month).toBe(422);
      }
      const ok = await app.inject({ url: "/api/v1/audit/report?month=9998-12", headers: as(users.admin) });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it("a document number of only dashes or spaces is refused with 422, in search and in a new person", async () => {
      const search = await call(users.clerk, "POST", "/api/v1/persons/search", {
        identifierKind: "passport",
        identifier: "-",
      });
      expect(search.statusCode, search.body).toBe(422);
      const person = await call(users.clerk, "POST", "/api/v1/persons", {
        names: [{ value: "Dash Only" }],
        nationality: "KHM",
        identifiers: [{ kind: "passport", value: " — - " }],
      });
      expect(person.statusCode, person.body).toBe(422);
      expect(person.json<{ detail: string }>().detail).toContain("at least one letter or digit");
    });

    it("a date of year 0000 and a forged cursor are refused with 422, not a 500", async () => {
      for (const url of [
        "/api/v1/deadlines?dueBefore=0000-01-01",
        `/api/v1/cases?cursor=${FORGED_CURSORS[0]}`,
        `/api/v1/deadlines?cursor=${FORGED_CURSORS[4]}`,
      ]) {
        const res = await app.inject({ url, headers: as(users.clerk) });
        expect(res.statusCode, url).toBe(422);
      }
      const opened = await call(users.clerk, "POST", "/api/v1/cases", {
        personId: persons.a,
        office: "seoul",
        channel: "in_country",
        kind: "subsequent",
        filedOn: "0000-01-01",
      });
      expect(opened.statusCode, opened.body).toBe(422);
    });

    it("disabling an account that does not exist answers 404", async () => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/accounts/${persons.a}/disable`,
        headers: as(users.admin),
      });
      expect(res.statusCode).toBe(404);
    });

    it("seoul cannot open a case on busan's person: answered as for no such person", async () => {
      const open = (personId: string) =>
        call(users.clerk, "POST", "/api/v1/cases", {
          personId,
          office: "seoul",
          channel: "in_country",
          kind: "first",
          filedOn: "2026-11-02",
        });
      const res = await open(persons.d);
      const nobody = await open("0190a5e1-0000-7000-8000-000000000000");
      const read = await app.inject({ url: `/api/v1/persons/${persons.d}`, headers: as(users.clerk) });
      const detail = (r: LightMyRequestResponse) =>
        r.json<{ detail: string }>().detail.replace(UUID_IN_TEXT, "…");
      expect({ open: res.statusCode, detail: detail(res), read: read.statusCode }).toEqual({
        open: nobody.statusCode,
        detail: detail(nobody),
        read: 404,
      });
      expect(res.statusCode).toBe(422);
      expect(read.body).not.toContain(busan.secrets[2] ?? "-");
    });
  });
});
