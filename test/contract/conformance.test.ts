/**
 * The API does what its OpenAPI document says (docs/api.md). The document is read from the running
 * server; for every operation it lists, fast-check generates requests from the document itself
 * (test/support/openapi-fuzz.ts: values that fit, nearly fit, or do not fit at all) and sends
 * them as anonymous and as signed-in users of several roles; every answer must have a documented
 * status, a documented content type, a body valid against the documented schema, and the headers
 * the document promises. A self-test shows that an undocumented status, body or missing header
 * fails the check.
 *
 * CONFORMANCE_RUNS (requests per operation and principal, default 8) and CONFORMANCE_SEED make a
 * run longer or repeatable.
 */
import { randomBytes } from "node:crypto";
import fastifySwagger from "@fastify/swagger";
import fc from "fast-check";
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifySchema } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { buildServer, DEFAULT_ORIGIN } from "../../src/server/app.ts";
import { isPublic } from "../../src/server/auth.ts";
import { contractTransform, contractTransformObject } from "../../src/server/openapi.ts";
import { installProblemHandlers } from "../../src/server/problem.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, signIn, testClock, type TestUser } from "../support/auth.ts";
import {
  describeRequest,
  operationsOf,
  requestFor,
  type OpenApiDocument,
  type Operation,
  type Vocabulary,
} from "../support/openapi-fuzz.ts";
import { conformanceChecker, Nonconformance } from "./conformance.ts";
import { useTestVault, type TestStorage } from "../support/vault.ts";

const NOW = new Date("2026-11-24T03:00:00Z");
const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 8);
const SEED = process.env.CONFORMANCE_SEED === undefined ? undefined : Number(process.env.CONFORMANCE_SEED);
const SESSION_COOKIE = "__Host-openrsd_session";

const VOCABULARY: Omit<Vocabulary, "ids"> = {
  words: [
    "seoul",
    "busan",
    "in_country",
    "first",
    "KHM",
    "passport",
    "summons_served",
    "interview_held",
    "km",
  ],
  dates: ["2026-11-24", "2026-11-01", "2026-10-01", "2024-02-29", "2019-03-04"],
};

/** Sends generated requests for every operation as one principal, checking each answer. */
async function sweep(
  app: FastifyInstance,
  operations: Operation[],
  check: ReturnType<typeof conformanceChecker>,
  who: { cookie: string | null; ids: string[]; resignIn?: () => Promise<string> },
  runs: number,
  seen?: Map<string, Set<number>>,
) {
  // Signing out ends the session: that operation goes last, with a session of its own.
  const ordered = [...operations].sort(
    (x, y) => Number(x.path.endsWith("/logout")) - Number(y.path.endsWith("/logout")),
  );
  for (const op of ordered) {
    const cookie = op.path.endsWith("/logout") && who.resignIn ? await who.resignIn() : who.cookie;
    const arb = requestFor(
      op,
      { ...VOCABULARY, ids: who.ids },
      { pathIds: who.ids, cookie, sessionCookie: SESSION_COOKIE, origin: DEFAULT_ORIGIN },
    );
    await fc.assert(
      fc.asyncProperty(arb, async (req) => {
        const res = await app.inject({
          method: op.method,
          url: req.url,
          headers: req.headers,
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        });
        const statuses = seen?.get(`${op.method} ${op.path}`) ?? new Set<number>();
        statuses.add(res.statusCode);
        seen?.set(`${op.method} ${op.path}`, statuses);
        check(op, res, describeRequest(req));
      }),
      { numRuns: runs, includeErrorInReport: true, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  }
}

describe("the API conforms to its OpenAPI document", () => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  let evidence: TestStorage | undefined;
  let doc: OpenApiDocument;
  let operations: Operation[];
  let check: ReturnType<typeof conformanceChecker>;
  const clock = testClock(NOW);
  const users: Record<string, TestUser> = {};
  const ids: string[] = [];
  const seen = new Map<string, Set<number>>();

  beforeAll(async () => {
    const [embedded] = createTestDatabases();
    if (!embedded) throw new Error("no embedded database");
    test = await embedded.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    evidence = await useTestVault(ctx);
    await seedHolidays(ctx);
    app = await buildServer({ ctx, webRoot: false });
    for (const [name, role, office] of [
      ["clerk", "intake_clerk", "seoul"],
      ["examiner", "examiner", "seoul"],
      ["supervisor", "supervisor", "seoul"],
      ["analyst", "analyst", null],
      ["admin", "administrator", null],
      ["representative", "representative", null],
    ] as const) {
      users[name] = await newSignedInUser(app, ctx, `cf-${name}`, role, office);
    }
    const as = (u: TestUser, method: "POST" | "GET", url: string, payload?: object, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { ...sessionHeaders(u), ...headers },
        ...(payload ? { payload } : {}),
      });
    const person = await as(users.clerk!, "POST", "/api/v1/persons", {
      names: [{ value: "Conformance Alpha", script: "Latn" }],
      nationality: "KHM",
    });
    expect(person.statusCode, person.body).toBe(201);
    const personId = person.json<{ id: string }>().id;
    const opened = await as(users.clerk!, "POST", "/api/v1/cases", {
      personId,
      office: "seoul",
      channel: "in_country",
      kind: "first",
      filedOn: "2026-10-01",
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json<{ id: string }>().id;
    const mandate = await as(users.clerk!, "POST", `/api/v1/cases/${caseId}/mandates`, {
      representativeId: users.representative!.id,
      validFrom: "2026-11-01",
    });
    expect(mandate.statusCode, mandate.body).toBe(201);
    ids.push(personId, caseId, mandate.json<{ id: string }>().id);

    doc = (await app.inject({ url: "/api/openapi.json" })).json<OpenApiDocument>();
    operations = operationsOf(doc);
    check = conformanceChecker();
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
    await evidence?.dispose();
  });

  it("gives every operation a unique camelCase operationId, a description, its security and problem+json errors", () => {
    const opIds = operations.map((op) => (op.spec as { operationId?: string }).operationId);
    expect(opIds.filter((id) => !id || !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(opIds).size).toBe(opIds.length);
    for (const op of operations) {
      const spec = op.spec as {
        description?: string;
        security?: object[];
        responses?: Record<string, { content?: object }>;
      };
      expect(spec.description, `${op.method} ${op.path}`).toBeTruthy();
      expect(spec.security, `${op.method} ${op.path}`).toEqual(
        isPublic(op.path) ? [] : [{ session: [] }, { token: [] }],
      );
      for (const [status, response] of Object.entries(spec.responses ?? {})) {
        if (Number(status) >= 400)
          expect(Object.keys(response.content ?? {}), `${op.method} ${op.path} ${status}`).toEqual([
            "application/problem+json",
          ]);
      }
    }
  });

  for (const name of ["anonymous", "clerk", "examiner", "supervisor", "analyst", "admin", "representative"]) {
    it(`answers every operation as documented, as ${name}`, { timeout: 60_000 }, async () => {
      const user = users[name];
      await sweep(
        app,
        operations,
        check,
        {
          cookie: user?.cookie ?? null,
          ids,
          ...(user
            ? {
                resignIn: async () => {
                  clock.tick();
                  return (await signIn(app, ctx, user)).cookie;
                },
              }
            : {}),
        },
        RUNS,
        seen,
      );
    });
  }

  it("reached every operation, and past sign-in on each", () => {
    for (const op of operations) {
      const statuses = seen.get(`${op.method} ${op.path}`) ?? new Set<number>();
      expect(statuses.size, `${op.method} ${op.path}`).toBeGreaterThan(0);
      expect(
        [...statuses].some((s) => s !== 401),
        `${op.method} ${op.path}`,
      ).toBe(true);
    }
  });
});

describe("the conformance check has teeth", () => {
  /** A server made the way buildServer makes its document, with routes that break their word. */
  async function liar(): Promise<FastifyInstance> {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installProblemHandlers(app);
    await app.register(fastifySwagger, {
      openapi: { openapi: "3.1.0", info: { title: "liar", version: "0" } },
      transform: contractTransform,
      transformObject: contractTransformObject,
    });
    const routes: FastifyPluginAsync = async (api) => {
      const Thing = z.object({ id: z.uuid() });
      // Typed as any schema, so that the handler may answer what its schema does not say.
      const teapot: FastifySchema = { operationId: "teapot", response: { 200: Thing } };
      api.get("/public/teapot", { schema: teapot }, async (_req, reply) =>
        reply.code(418).send({ id: "0190a5e1-0000-7000-8000-000000000000" }),
      );
      api.get(
        "/public/wrong-body",
        { schema: { operationId: "wrongBody", response: { 200: z.object({ count: z.number() }) } } },
        // Sent as text, past the serializer: the body is not what the schema says.
        async (_req, reply) => reply.type("application/json").serializer(String).send('{"count":"many"}'),
      );
      api.post(
        "/public/created",
        {
          schema: {
            operationId: "created",
            response: { 201: Thing },
            responseHeaders: { 201: ["location"] },
          },
        },
        async (_req, reply) => reply.code(201).send({ id: "0190a5e1-0000-7000-8000-000000000000" }),
      );
    };
    await app.register(routes, { prefix: "/api/v1" });
    await app.ready();
    return app;
  }

  it("fails an undocumented status, a body that does not match, and a missing header", async () => {
    const app = await liar();
    try {
      const doc = app.swagger() as unknown as OpenApiDocument;
      const check = conformanceChecker();
      const ops = operationsOf(doc);
      expect(ops.map((o) => o.path).sort()).toEqual([
        "/api/v1/public/created",
        "/api/v1/public/teapot",
        "/api/v1/public/wrong-body",
      ]);
      for (const [path, what] of [
        ["/api/v1/public/teapot", /status 418 is not documented/],
        ["/api/v1/public/wrong-body", /does not match the schema/],
      ] as const) {
        const op = ops.filter((o) => o.path === path);
        await expect(sweep(app, op, check, { cookie: null, ids: [] }, 1)).rejects.toThrow(what);
      }
      const created = ops.find((o) => o.path === "/api/v1/public/created");
      if (!created) throw new Error("set-up");
      const res = await app.inject({ method: "POST", url: "/api/v1/public/created", payload: {} });
      expect(() => check(created, res)).toThrow(Nonconformance);
      expect(() => check(created, res)).toThrow(/no location header/);
    } finally {
      await app.close();
    }
  });
});
