/**
 * docs/security.md requirement 11: a canary test. Persons are registered whose identifiers (passport, alien
 * registration, resident registration, national id) and sensitive facts (sexual orientation,
 * religion, political affiliation, health) each carry a distinctive canary string. The case work
 * around them runs through the API — cases, events, a decision and its approval, a mandate, an
 * interview assignment, disclosures (one refused towards a country the person fears), requests
 * that fail (bad input carrying canaries, a refused event, a stale version, 404s, a 500) — and
 * every principal reads every GET route of the API document it can. Then:
 *
 * - the database dump (pg_dump of the test's schema on PostgreSQL; every row of every table as
 *   text on PGlite), the audit log, the server's log, every error response and every answer to
 *   anyone but the person's own office staff contain no canary — in clear, hex or base64;
 * - and an authorised staff read of the person does return every canary decrypted, so that the
 *   test cannot pass by never storing them.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { buildServer } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, stepUp, testClock, type TestUser } from "./support/auth.ts";

const NOW = new Date("2026-11-24T03:00:00Z"); // noon in Seoul
const IDENTIFIER_KINDS = ["passport", "alien_registration", "resident_registration", "national_id"] as const;
const SENSITIVE_FIELDS = ["sexualOrientation", "religion", "politicalAffiliation", "health"] as const;

/** The forms a canary could take in a dump or a log: as is, hex (bytea), base64 at each offset. */
function forms(canary: string): string[] {
  const out = [canary, Buffer.from(canary).toString("hex")];
  for (let pad = 0; pad < 3; pad++) {
    // The part of the base64 text that does not depend on the bytes around the canary.
    const b64 = Buffer.from("\0".repeat(pad) + canary).toString("base64");
    out.push(b64.slice(pad === 0 ? 0 : 4, -4));
  }
  return out;
}

interface Seeded {
  id: string;
  canaries: string[];
}

interface Exchange {
  who: string;
  method: string;
  url: string;
  status: number;
  body: string;
  /** An answer the person's own office staff get: the only ones that may carry identifiers. */
  owner: boolean;
}

type Who =
  | "clerk"
  | "examiner"
  | "supervisor"
  | "busanExaminer"
  | "rep"
  | "interpreter"
  | "analyst"
  | "admin"
  | "committee";

describe.each(createTestDatabases())("canaries on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  const clock = testClock(NOW);
  const tick = () => clock.tick();
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  });
  const users = {} as Record<Who, TestUser>;
  const seeded: Seeded[] = [];
  /** Canaries only ever sent in requests that were refused (or, for a known bug, stored). */
  const unstored: string[] = [];
  const allCanaries = () => [...seeded.flatMap((s) => s.canaries), ...unstored];
  const caseIds: string[] = [];
  const exchanges: Exchange[] = [];

  async function send(
    who: Who | "anonymous",
    method: "GET" | "POST" | "DELETE",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
    owner = false,
  ): Promise<LightMyRequestResponse> {
    const user = who === "anonymous" ? null : users[who];
    const raw = typeof payload === "string";
    const res = await app.inject({
      method,
      url,
      headers: {
        ...(user ? sessionHeaders(user) : {}),
        ...(raw ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload: payload as string | Record<string, unknown> }),
    });
    exchanges.push({ who, method, url, status: res.statusCode, body: res.body, owner });
    return res;
  }

  function canaryPerson(label: string) {
    const tag = randomBytes(6).toString("hex");
    const c = (field: string) => `CANARY-${tag}-${field}`;
    const canaries = [...IDENTIFIER_KINDS.map(c), ...SENSITIVE_FIELDS.map(c)];
    return {
      canaries,
      body: {
        names: [
          { value: `Canary ${label}`, script: "Latn", kind: "primary" },
          { value: `카나리 ${label}`, script: "Hang", kind: "hangul_transcription" },
        ],
        birthDate: "1988-02-03",
        sex: "female",
        nationality: "MMR",
        countriesFeared: ["CHN"],
        languages: ["my"],
        identifiers: IDENTIFIER_KINDS.map((kind) => ({ kind, value: c(kind) })),
        sensitiveFacts: Object.fromEntries(SENSITIVE_FIELDS.map((f) => [f, c(f)])),
      },
    };
  }

  async function register(label: string): Promise<Seeded> {
    const { canaries, body } = canaryPerson(label);
    const res = await send("clerk", "POST", "/api/v1/persons", body, {}, true);
    expect(res.statusCode, res.body).toBe(201);
    const s = { id: res.json<{ id: string }>().id, canaries };
    seeded.push(s);
    return s;
  }

  async function event(who: Who, caseId: string, version: number, e: Record<string, unknown>) {
    return send(who, "POST", `/api/v1/cases/${caseId}/events`, e, { "if-match": `"${version}"` });
  }

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    const appLog = pino({ level: "debug" }, logStream);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now, log: appLog });
    await seedHolidays(ctx);
    app = await buildServer({ ctx, logger: { level: "info", stream: logStream } });
    const make = (name: string, role: Parameters<typeof newSignedInUser>[3], office: string | null) =>
      newSignedInUser(app, ctx, `cn-${name}`, role, office);
    users.clerk = await make("clerk", "intake_clerk", "seoul");
    users.examiner = await make("examiner", "examiner", "seoul");
    users.supervisor = await make("supervisor", "supervisor", "seoul");
    users.busanExaminer = await make("busan-examiner", "examiner", "busan");
    users.rep = await make("rep", "representative", null);
    users.interpreter = await make("interpreter", "interpreter", null);
    users.analyst = await make("analyst", "analyst", null);
    users.admin = await make("admin", "administrator", null);
    users.committee = await make("committee", "committee_secretary", null);
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  it("runs the case work around persons whose every sensitive field holds a canary", async () => {
    const first = await register("one");
    const second = await register("two");

    for (const person of [first, second]) {
      const opened = await send("clerk", "POST", "/api/v1/cases", {
        personId: person.id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn: "2026-09-01",
      });
      expect(opened.statusCode, opened.body).toBe(201);
      caseIds.push(opened.json<{ id: string }>().id);
    }
    const [caseId, otherCase] = caseIds as [string, string];

    // Events, a decision drafted and approved (four eyes), notice served.
    const summons = await event("examiner", caseId, 1, {
      type: "summons_served",
      occurredOn: "2026-09-10",
      interviewOn: "2026-10-01",
      method: "post",
    });
    expect(summons.statusCode, summons.body).toBe(201);
    const interview = await event("examiner", caseId, 2, {
      type: "interview_held",
      occurredOn: "2026-10-01",
      examinerId: "cn-examiner",
      interpreter: { language: "my", sex: "female" },
    });
    expect(interview.statusCode, interview.body).toBe(201);
    const draft = await event("examiner", caseId, 3, {
      type: "decision_issued",
      occurredOn: "2026-11-20",
      outcome: "not_recognized",
    });
    expect(draft.statusCode, draft.body).toBe(202);
    tick();
    await stepUp(app, ctx, users.supervisor);
    const approved = await send(
      "supervisor",
      "POST",
      `/api/v1/approvals/${draft.json<{ id: string }>().id}/approve`,
    );
    expect(approved.statusCode, approved.body).toBe(201);
    const served = await event("clerk", caseId, 4, {
      type: "notice_served",
      occurredOn: "2026-11-23",
      method: "in_person",
    });
    expect(served.statusCode, served.body).toBe(201);

    // A mandate for the representative, an interpreter for an interview.
    const mandate = await send("clerk", "POST", `/api/v1/cases/${caseId}/mandates`, {
      representativeId: users.rep.id,
      validFrom: "2026-11-01",
    });
    expect(mandate.statusCode, mandate.body).toBe(201);
    const assigned = await send("examiner", "POST", `/api/v1/cases/${otherCase}/interview-assignments`, {
      interpreterId: users.interpreter.id,
      interviewOn: "2026-12-01",
      language: "my",
    });
    expect(assigned.statusCode, assigned.body).toBe(201);

    // Disclosures: to UNHCR (waits for approval); to the country feared (refused, alert raised).
    tick();
    await stepUp(app, ctx, users.supervisor);
    const unhcr = await send("supervisor", "POST", `/api/v1/cases/${caseId}/disclosures`, {
      recipientKind: "unhcr",
      recipientCountry: "CHE",
      purpose: "resettlement referral",
    });
    expect(unhcr.statusCode, unhcr.body).toBe(201);
    const toOrigin = await send("supervisor", "POST", `/api/v1/cases/${caseId}/disclosures`, {
      recipientKind: "authority",
      recipientCountry: "CHN",
      purpose: "verification request",
    });
    expect(toOrigin.statusCode, toOrigin.body).toBe(403);

    // Requests that fail, several of them carrying canaries.
    const [passport] = first.canaries;
    const invalid = canaryPerson("invalid");
    unstored.push(...invalid.canaries);
    const failures: [number[], LightMyRequestResponse][] = [
      // Bad nationality, everything sensitive valid: the problem must not echo it.
      [[422], await send("clerk", "POST", "/api/v1/persons", { ...invalid.body, nationality: "Myanmar" })],
      // A sensitive fact too long (its beginning is a canary).
      [
        [422],
        await send("clerk", "POST", "/api/v1/persons", {
          ...invalid.body,
          sensitiveFacts: { religion: `${invalid.canaries[5]} ${"x".repeat(2100)}` },
        }),
      ],
      // An identifier of an unknown kind, and one too long.
      [
        [422],
        await send("clerk", "POST", "/api/v1/persons", {
          ...invalid.body,
          identifiers: [{ kind: "tax_number", value: invalid.canaries[0] }],
        }),
      ],
      [
        [422],
        await send("clerk", "POST", "/api/v1/persons", {
          ...invalid.body,
          identifiers: [{ kind: "passport", value: `${invalid.canaries[0]}${"9".repeat(120)}` }],
        }),
      ],
      // An unknown field whose value is a canary.
      [
        [422],
        await send("clerk", "POST", "/api/v1/persons", { ...invalid.body, notes: invalid.canaries[4] }),
      ],
      // Not JSON at all.
      [[400, 422], await send("clerk", "POST", "/api/v1/persons", `{"identifiers":[{"value":"${passport}"`)],
      // Someone without the right, and nobody at all.
      [[403], await send("examiner", "POST", "/api/v1/persons", invalid.body)],
      [[401], await send("anonymous", "POST", "/api/v1/persons", invalid.body)],
      // A refused event (the procedure does not allow it at this stage), one with extra data,
      // one against a stale version.
      [
        [409],
        await event("committee", otherCase, 1, {
          type: "objection_decided",
          occurredOn: "2026-11-01",
          outcome: "dismissed",
        }),
      ],
      [
        [422],
        await event("clerk", otherCase, 1, { type: "withdrawn", occurredOn: "2026-11-02", reason: passport }),
      ],
      [[412], await event("clerk", otherCase, 9, { type: "withdrawn", occurredOn: "2026-11-02" })],
      // 404s: no such person, another office's person and case, a case without mandate, no route.
      [[404], await send("clerk", "GET", "/api/v1/persons/01890a5d-ac96-774b-bcce-b302099a8057")],
      [[404], await send("busanExaminer", "GET", `/api/v1/persons/${first.id}`)],
      [[404], await send("busanExaminer", "GET", `/api/v1/cases/${caseId}`)],
      [[404], await send("rep", "GET", `/api/v1/portal/cases/${otherCase}`)],
      [[404], await send("clerk", "GET", "/api/v1/nothing-here")],
      // A server error: a NUL in a name (a known bug: it reaches PostgreSQL and fails there)
      // while the rest of the person is full of canaries — whatever is logged must hold none.
      [
        [422, 500],
        await send("clerk", "POST", "/api/v1/persons", {
          ...invalid.body,
          names: [{ value: "Canary\u0000nul" }],
        }),
      ],
    ];
    for (const [expected, res] of failures)
      expect(expected, `${res.statusCode} ${res.body}`).toContain(res.statusCode);

    // Everyone reads every GET route of the document it can: lists, reports, statistics.
    const readers: Who[] = [
      "clerk",
      "examiner",
      "supervisor",
      "busanExaminer",
      "rep",
      "interpreter",
      "analyst",
      "admin",
    ];
    const doc = (await send("admin", "GET", "/api/openapi.json")).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const reads = Object.entries(doc.paths)
      .filter(([, item]) => "get" in item)
      .map(([path]) => path);
    const ids = [...seeded.map((s) => s.id), ...caseIds];
    for (const who of readers) {
      for (const path of reads) {
        const urls = path.includes("{") ? ids.map((id) => path.replace(/\{\w+\}/g, id)) : [path];
        for (const url of urls) {
          const query = url.endsWith("/audit/report") ? "?month=2026-11" : "";
          const owner =
            /^\/api\/v1\/persons\//.test(url) && ["clerk", "examiner", "supervisor"].includes(who);
          await send(who, "GET", `${url}${query}`, undefined, {}, owner);
        }
      }
    }
    // A signed checkpoint of the chains, which administrators keep elsewhere.
    await send("admin", "POST", "/api/v1/audit/checkpoints");
    expect(exchanges.length).toBeGreaterThan(150);
  });

  it("gives the person's own office staff the identifiers and facts, decrypted", async () => {
    for (const s of seeded) {
      for (const who of ["clerk", "examiner", "supervisor"] as const) {
        const res = await send(who, "GET", `/api/v1/persons/${s.id}`, undefined, {}, true);
        expect(res.statusCode).toBe(200);
        for (const canary of s.canaries) expect(res.body, `${who} ${canary}`).toContain(canary);
        const person = res.json<{ identifiers: { kind: string; value: string }[]; sensitiveFacts: object }>();
        expect(person.identifiers.map((i) => i.kind)).toEqual([...IDENTIFIER_KINDS]);
        expect(Object.keys(person.sensitiveFacts).sort()).toEqual([...SENSITIVE_FIELDS].sort());
      }
    }
  });

  function expectNoCanary(where: string, text: string) {
    for (const canary of allCanaries()) {
      for (const form of forms(canary)) {
        if (text.includes(form)) {
          const at = text.indexOf(form);
          throw new Error(
            `${where} holds ${canary} (as "${form}"): …${text.slice(Math.max(0, at - 300), at + 100)}…`,
          );
        }
      }
    }
  }

  it("keeps the canaries out of every error response and every answer to anyone else", () => {
    const errors = exchanges.filter((x) => x.status >= 400);
    const statuses = new Set(errors.map((x) => x.status));
    for (const status of [401, 403, 404, 409, 412, 422]) expect([...statuses]).toContain(status);
    for (const x of exchanges.filter((e) => !e.owner))
      expectNoCanary(`${x.who} ${x.method} ${x.url} → ${x.status}`, x.body);
    // The owners' answers did carry them: the check above could have failed.
    expect(
      exchanges.filter((e) => e.owner && allCanaries().some((c) => e.body.includes(c))).length,
    ).toBeGreaterThan(3);
  });

  it("keeps the canaries out of the server's logs", () => {
    const log = logLines.join("");
    // Request logging was on, and saw this test's requests.
    expect(log).toContain('"msg":"incoming request"');
    expect(log).toContain(seeded[0]?.id);
    // And the server error (a NUL in a name, a known bug) was logged with its cause.
    if (exchanges.some((x) => x.status >= 500)) expect(log).toContain('"msg":"request failed"');
    expectNoCanary("the log", log);
  });

  it("keeps the canaries out of the audit log", async () => {
    const rows = await test.db.query<{ row: string }>("SELECT a::text AS row FROM audit_log a ORDER BY seq");
    const text = rows.map((r) => r.row).join("\n");
    expect(text).toContain("person.create");
    expect(text).toContain(caseIds[0]);
    expectNoCanary("audit_log", text);
  });

  /** The whole database as text: pg_dump of the test's schema, or every row of every table. */
  async function dumpDatabase(): Promise<{ schema: string; dump: string }> {
    const [{ schema } = { schema: "" }] = await test.db.query<{ schema: string }>(
      "SELECT current_schema() AS schema",
    );
    if (factory.kind === "postgres") {
      const url = process.env.TEST_DATABASE_URL ?? "";
      const { stdout } = await promisify(execFile)(
        "pg_dump",
        ["--dbname", url, "--schema", schema, "--no-owner"],
        { maxBuffer: 256 * 1024 * 1024 },
      );
      expect(stdout).toContain(`COPY ${schema}.persons`);
      return { schema, dump: stdout };
    }
    const tables = await test.db.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["persons", "audit_log", "idempotency_keys", "person_identifier_index"]),
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const rows = await test.db.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      parts.push(`-- ${name}\n${rows.map((r) => r.row).join("\n")}`);
    }
    return { schema, dump: parts.join("\n") };
  }

  it("keeps the canaries out of a dump of the database", async () => {
    const { schema, dump } = await dumpDatabase();
    // The dump does hold the persons (encrypted), their blind indexes and their cases.
    for (const s of seeded) expect(dump).toContain(s.id);
    expect(dump).toContain(caseIds[0]);
    expectNoCanary(`the ${factory.kind} dump of schema ${schema}`, dump);
  });

  // They run last, since they leave canaries behind.
  describe("identifier search and idempotent replays", () => {
    it("searching by passport number keeps it out of the log", async () => {
      const s = seeded[0];
      if (!s) throw new Error("set-up");
      const before = logLines.length;
      const res = await send(
        "clerk",
        "POST",
        "/api/v1/persons/search",
        { identifierKind: "passport", identifier: s.canaries[0] },
        {},
        true,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain(s.id);
      expectNoCanary("the log", logLines.slice(before).join(""));
    });

    it("an Idempotency-Key does not keep the person's identifiers in clear, and the replay still answers", async () => {
      const { canaries, body } = canaryPerson("idempotent");
      unstored.push(...canaries);
      const res = await send(
        "clerk",
        "POST",
        "/api/v1/persons",
        body,
        { "idempotency-key": "canary-1" },
        true,
      );
      expect(res.statusCode, res.body).toBe(201);
      expectNoCanary("the dump", (await dumpDatabase()).dump);
      const replay = await send(
        "clerk",
        "POST",
        "/api/v1/persons",
        body,
        { "idempotency-key": "canary-1" },
        true,
      );
      expect(replay.statusCode).toBe(201);
      expect(replay.headers["idempotent-replayed"]).toBe("true");
      expect(replay.json()).toEqual(res.json());
    });
  });
});
