/**
 * Bad input is the client's mistake, never the server's (docs/security.md requirement 16): dates
 * outside a sane range, forged or malformed pagination cursors, and any value the contract would
 * let through but the database would refuse get a 422 problem naming the field, and change
 * nothing. The document says `format: date` for every date and bounds every value a request can
 * carry.
 */
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARLIEST_DATE, LATEST_DATE } from "../src/kernel/schemas.ts";
import { createTestDatabases } from "../src/store/db.ts";
import type { TestUser } from "./support/auth.ts";
import { FORGED_CURSORS, HOSTILE_DATES } from "./support/openapi-fuzz.ts";
import { openHarness, SUMMONS, type Harness } from "./security/fixture.ts";

type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Schema = { [k: string]: unknown };
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const INT4_MAX = 2_147_483_647;
/** A pattern that cannot match more than a bounded number of characters. */
const boundedPattern = (p: unknown) => typeof p === "string" && !/[*+]|\{\d+,\}/.test(p);

/** Every schema in `s`, with a path to show, following $refs into the components. */
function* schemas(doc: Doc, s: Schema | undefined, where: string, depth = 0): Generator<[string, Schema]> {
  if (!s || depth > 40) return;
  if (typeof s.$ref === "string") {
    const name = s.$ref.split("/").pop() ?? "";
    yield* schemas(doc, doc.components?.schemas?.[name], `${where}→${name}`, depth + 1);
    return;
  }
  yield [where, s];
  for (const [name, inner] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
    yield* schemas(doc, inner, `${where}.${name}`, depth + 1);
  for (const key of ["items", "additionalProperties"] as const)
    if (s[key] && typeof s[key] === "object") yield* schemas(doc, s[key] as Schema, `${where}[]`, depth + 1);
  for (const key of ["anyOf", "oneOf", "allOf"] as const)
    for (const [i, inner] of ((s[key] ?? []) as Schema[]).entries())
      yield* schemas(doc, inner, `${where}|${i}`, depth + 1);
}

const typesOf = (s: Schema) => (Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]);

describe.each(createTestDatabases())("bad input over HTTP on $kind", (factory) => {
  let h: Harness;
  let doc: Doc;
  let clerk: TestUser;
  let admin: TestUser;
  let analyst: TestUser;
  let representative: TestUser;
  let caseId: string;
  let personId: string;
  const count = async (table: string) =>
    (await h.test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;
  const issuePath = (res: LightMyRequestResponse) =>
    res.json<{ issues?: { path: string }[] }>().issues?.[0]?.path ?? "";

  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("bi-clerk", "intake_clerk", "seoul");
    admin = await h.user("bi-admin", "administrator", null);
    analyst = await h.user("bi-analyst", "analyst", null);
    representative = await h.user("bi-rep", "representative", null);
    ({ caseId, personId } = await h.newCase(clerk, "seoul"));
    doc = (await h.app.inject({ url: "/api/openapi.json" })).json<Doc>();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`refuses a date outside ${EARLIEST_DATE} … ${LATEST_DATE} with 422 wherever a date is taken, and changes nothing`, async () => {
    const tables = ["persons", "cases", "case_events", "holidays", "mandates"];
    const before = await Promise.all(tables.map(count));
    const requests: [string, (d: string) => Promise<LightMyRequestResponse>][] = [
      [
        "body.birthDate",
        (d) =>
          h.call(clerk, "POST", "/api/v1/persons", {
            names: [{ value: "Date Probe" }],
            nationality: "NPL",
            birthDate: d,
          }),
      ],
      [
        "body.filedOn",
        (d) =>
          h.call(clerk, "POST", "/api/v1/cases", {
            personId,
            office: "seoul",
            channel: "in_country",
            kind: "subsequent",
            filedOn: d,
          }),
      ],
      [
        "body.occurredOn",
        (d) =>
          h.call(
            clerk,
            "POST",
            `/api/v1/cases/${caseId}/events`,
            { type: "withdrawn", occurredOn: d },
            { "if-match": '"1"' },
          ),
      ],
      [
        "body.interviewOn",
        (d) =>
          h.call(
            clerk,
            "POST",
            `/api/v1/cases/${caseId}/events`,
            { ...SUMMONS, interviewOn: d },
            { "if-match": '"1"' },
          ),
      ],
      [
        "body.validFrom",
        (d) =>
          h.call(clerk, "POST", `/api/v1/cases/${caseId}/mandates`, {
            representativeId: representative.id,
            validFrom: d,
          }),
      ],
      [
        "body.date",
        (d) => h.call(admin, "POST", "/api/v1/holidays", { date: d, name: "Date probe", kind: "temporary" }),
      ],
      ["querystring.asOf", (d) => h.call(clerk, "GET", `/api/v1/cases/${caseId}?asOf=${d}`)],
      ["querystring.dueBefore", (d) => h.call(clerk, "GET", `/api/v1/deadlines?dueBefore=${d}`)],
      ["querystring.asOf", (d) => h.call(analyst, "GET", `/api/v1/statistics/pending?asOf=${d}`)],
      ["querystring.from", (d) => h.call(analyst, "GET", `/api/v1/statistics/decision-makers?from=${d}`)],
    ];
    for (const date of HOSTILE_DATES) {
      for (const [field, send] of requests) {
        const res = await send(date);
        expect(res.statusCode, `${field} = ${date}: ${res.body}`).toBe(422);
        expect(issuePath(res), `${field} = ${date}`).toBe(field);
      }
    }
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it("takes the first and the last day of the range", async () => {
    const born = await h.call(clerk, "POST", "/api/v1/persons", {
      names: [{ value: "Earliest Date" }],
      nationality: "NPL",
      birthDate: EARLIEST_DATE,
    });
    expect(born.statusCode, born.body).toBe(201);
    const late = await h.call(clerk, "GET", `/api/v1/cases/${caseId}?asOf=${LATEST_DATE}`);
    expect(late.statusCode, late.body).toBe(200);
  });

  it("refuses a forged or malformed cursor with 422 on every paged list", async () => {
    const lists: [string, (c: string) => Promise<LightMyRequestResponse>][] = [
      ["querystring.cursor", (c) => h.call(clerk, "GET", `/api/v1/cases?cursor=${c}`)],
      ["querystring.cursor", (c) => h.call(clerk, "GET", `/api/v1/deadlines?cursor=${c}`)],
      ["body.cursor", (c) => h.call(clerk, "POST", "/api/v1/cases/search", { cursor: c })],
    ];
    for (const cursor of FORGED_CURSORS) {
      for (const [field, send] of lists) {
        const res = await send(cursor);
        expect(res.statusCode, `${field} = ${cursor}: ${res.body}`).toBe(422);
        expect(issuePath(res).replace(/^(querystring|body)\./, ""), cursor).toBe("cursor");
      }
    }
  });

  it("pages with the cursors it hands out", async () => {
    await h.newCase(clerk, "seoul");
    const first = await h.call(clerk, "GET", "/api/v1/cases?limit=1");
    const next = first.json<{ nextCursor: string | null }>().nextCursor;
    expect(next).not.toBeNull();
    const second = await h.call(clerk, "GET", `/api/v1/cases?limit=1&cursor=${next}`);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<{ items: { id: string }[] }>().items[0]?.id).not.toBe(
      first.json<{ items: { id: string }[] }>().items[0]?.id,
    );
    const worklist = await h.call(clerk, "GET", "/api/v1/deadlines?limit=1");
    const more = worklist.json<{ nextCursor: string | null }>().nextCursor;
    expect(more).not.toBeNull();
    expect((await h.call(clerk, "GET", `/api/v1/deadlines?limit=1&cursor=${more}`)).statusCode).toBe(200);
  });

  it("refuses values the database could not store or compare: huge numbers, long text, NUL", async () => {
    const person = { names: [{ value: "Edge Person" }], nationality: "NPL" };
    const answers = [
      await h.call(clerk, "GET", `/api/v1/cases?limit=${2 ** 31}`),
      await h.call(clerk, "GET", "/api/v1/cases?limit=1e400"),
      await h.call(clerk, "GET", `/api/v1/holidays?year=${2 ** 63}`),
      await h.call(clerk, "POST", "/api/v1/persons", { ...person, names: [{ value: "가".repeat(100_000) }] }),
      await h.call(clerk, "POST", "/api/v1/persons", {
        ...person,
        languages: [`en-${"a".repeat(8)}`.repeat(40)],
      }),
      await h.call(clerk, "GET", `/api/v1/deadlines?kind=${"k".repeat(5000)}`),
      await h.call(clerk, "POST", "/api/v1/persons", { ...person, names: [{ value: "a\u0000b" }] }),
      await h.call(clerk, "GET", "/api/v1/deadlines?kind=a%00b"),
    ];
    for (const res of answers) expect(res.statusCode, res.body).toBe(422);
    const stale = await h.call(
      clerk,
      "POST",
      `/api/v1/cases/${caseId}/events`,
      { type: "withdrawn", occurredOn: "2026-11-02" },
      {
        "if-match": '"99999999999999999999"',
      },
    );
    expect(stale.statusCode).toBeGreaterThanOrEqual(400);
    expect(stale.statusCode).toBeLessThan(500);
  });

  it("bounds every value a request can carry, in the document", () => {
    const unbounded: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        // OPTIONS answers the public statistics' CORS preflight and reads nothing.
        if (method === "options") continue;
        const inputs: [string, Schema | undefined][] = [
          ...(op.parameters ?? [])
            .filter((p) => p.in !== "header")
            .map((p): [string, Schema | undefined] => [`${p.in} ${p.name}`, p.schema]),
          ["body", op.requestBody?.content?.["application/json"]?.schema],
        ];
        for (const [name, root] of inputs) {
          for (const [where, s] of schemas(doc, root, `${method} ${path} ${name}`)) {
            const types = typesOf(s);
            const fixed = Array.isArray(s.enum) || "const" in s || s.format === "uuid" || s.format === "date";
            if (types.includes("string") && !fixed && s.maxLength === undefined && !boundedPattern(s.pattern))
              unbounded.push(`${where}: a string without maxLength`);
            if ((types.includes("integer") || types.includes("number")) && !fixed) {
              const [min, max] = [s.minimum, s.maximum] as [number | undefined, number | undefined];
              if (min === undefined || max === undefined || min < -INT4_MAX - 1 || max > INT4_MAX)
                unbounded.push(`${where}: a number without bounds an int4 holds`);
            }
            if (types.includes("array") && s.maxItems === undefined)
              unbounded.push(`${where}: an array without maxItems`);
          }
        }
      }
    }
    expect(unbounded).toEqual([]);
  });

  it("says format: date for every date in the document", () => {
    const DATE_NAME = /(On|^date|^asOf|^birthDate|Before|^validFrom|^validUntil)$/;
    const wrong: string[] = [];
    let dates = 0;
    const check = (root: Schema | undefined, at: string) => {
      for (const [where, s] of schemas(doc, root, at)) {
        const name =
          where
            .split(/[.→|[\] ]/)
            .filter(Boolean)
            .pop() ?? "";
        if (!DATE_NAME.test(name) || !typesOf(s).includes("string")) continue;
        dates++;
        if (s.format !== "date") wrong.push(where);
      }
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const p of op.parameters ?? [])
          check({ type: "object", properties: { [p.name]: p.schema ?? {} } }, `${method} ${path} ${p.in}`);
        check(op.requestBody?.content?.["application/json"]?.schema, `${method} ${path} body`);
        for (const [status, r] of Object.entries(op.responses ?? {}))
          for (const c of Object.values(r.content ?? {})) check(c.schema, `${method} ${path} ${status}`);
      }
    }
    expect(dates).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });
});
