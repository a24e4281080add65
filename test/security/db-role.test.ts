/**
 * docs/security.md requirement 13: the database role the application uses cannot update or delete the case event
 * log or the audit log, nor change the schema or drop the triggers that guard them; and with only
 * those rights, the application still does all of its work.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { buildServer } from "../../src/server/app.ts";
import { verifyAudit } from "../../src/security/audit/verify.ts";
import { APPEND_ONLY_TABLES, grantAppRole } from "../../src/store/app-role.ts";
import { createTestDatabases, type Database, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, testClock } from "../support/auth.ts";

const NOW = new Date("2026-11-24T03:00:00Z");

/** The same database, with every statement run as `role` (SET LOCAL ROLE in its transaction). */
function asRole(db: Database, role: string): Database {
  const run = <T>(fn: (tx: Parameters<Parameters<Database["transaction"]>[0]>[0]) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.query(`SET LOCAL ROLE "${role}"`);
      return fn(tx);
    });
  return {
    kind: db.kind,
    query: (sql, params) => run((tx) => tx.query(sql, params)),
    transaction: run,
    close: () => db.close(),
  };
}

describe.each(createTestDatabases())("the application's database role on $kind", (factory) => {
  let test: TestDatabase;
  let appDb: Database;
  let ctx: AppContext;
  let app: FastifyInstance;
  const role = `openrsd_app_${randomBytes(4).toString("hex")}`;
  const clock = testClock(NOW);

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    await test.db.query(`CREATE ROLE "${role}" NOLOGIN`);
    const [where] = await test.db.query<{ schema: string }>("SELECT current_schema() AS schema");
    await grantAppRole(test.db, role, where?.schema ?? "public");
    appDb = asRole(test.db, role);
    ctx = await createAppContext({ db: appDb, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
    // Roles are global to the cluster: drop this one (its grants went with the schema).
    if (factory.kind === "postgres") {
      const { default: pg } = await import("pg");
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP OWNED BY "${role}"`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS "${role}"`).finally(() => admin.end());
    }
  });

  it("runs the application's work: migrations check, sign-in, a person, a case, an event, a read", async () => {
    expect(await migrate(appDb)).toEqual([]);
    const clerk = await newSignedInUser(app, ctx, "clerk-role", "intake_clerk", "seoul");
    const examiner = await newSignedInUser(app, ctx, "examiner-role", "examiner", "seoul");
    const person = await app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: sessionHeaders(clerk),
      payload: {
        names: [{ value: "Role Test Person" }],
        nationality: "MMR",
        identifiers: [{ kind: "passport", value: "RT1234567" }],
      },
    });
    expect(person.statusCode, person.body).toBe(201);
    const opened = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: { ...sessionHeaders(clerk), "idempotency-key": "role-case-1" },
      payload: {
        personId: person.json<{ id: string }>().id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn: "2026-11-02",
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json<{ id: string }>().id;
    const event = await app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/events`,
      headers: { ...sessionHeaders(examiner), "if-match": String(opened.headers.etag) },
      payload: {
        type: "summons_served",
        occurredOn: "2026-11-03",
        interviewOn: "2026-11-20",
        method: "post",
      },
    });
    expect(event.statusCode, event.body).toBe(201);
    const read = await app.inject({ url: `/api/v1/cases/${caseId}`, headers: { cookie: clerk.cookie } });
    expect(read.statusCode, read.body).toBe(200);
    const [counts] = await test.db.query<{ events: number; audit: number }>(
      "SELECT (SELECT count(*) FROM case_events)::int AS events, (SELECT count(*) FROM audit_log)::int AS audit",
    );
    expect(counts?.events).toBe(2);
    expect(counts?.audit).toBeGreaterThanOrEqual(4);
    // The role seals the access records into the chain (an insert into audit_chain) and checks it.
    const verified = await verifyAudit(appDb);
    expect(verified).toMatchObject({ ok: true, entries: counts?.audit });
  });

  /**
   * What PostgreSQL answers to `sql` run as the application's role: "ok", or "denied" when the
   * role's privileges refuse it (42501 "permission denied" / "must be owner"). The append-only
   * triggers also raise 42501, with their own message: that would be "trigger", not "denied".
   */
  async function codeOf(sql: string): Promise<string> {
    try {
      await appDb.query(sql);
      return "ok";
    } catch (err) {
      const { code, message } = err as { code?: string; message?: string };
      if (code === "42501" && /^(permission denied|must be owner)/.test(message ?? "")) return "denied";
      if (code === "42501" && /append-only/.test(message ?? "")) return "trigger";
      return `${code}: ${message}`;
    }
  }

  it.each(APPEND_ONLY_TABLES)("may not update, delete or truncate %s (permission denied)", async (table) => {
    // Refused by the grants, before the triggers (the second line of defence) are reached.
    expect(
      await codeOf(`UPDATE ${table} SET ${table === "audit_log" ? "actor = actor" : "hash = hash"}`),
    ).toBe("denied");
    expect(await codeOf(`DELETE FROM ${table}`)).toBe("denied");
    expect(await codeOf(`TRUNCATE ${table}`)).toBe("denied");
  });

  it.each(APPEND_ONLY_TABLES)("may not disable or drop the triggers that guard %s", async (table) => {
    expect(await codeOf(`ALTER TABLE ${table} DISABLE TRIGGER USER`)).toBe("denied");
    const [trigger] = await test.db.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = '${table}'::regclass AND NOT tgisinternal LIMIT 1`,
    );
    expect(trigger).toBeDefined();
    expect(await codeOf(`DROP TRIGGER ${trigger?.tgname} ON ${table}`)).toBe("denied");
  });

  it("may not change the schema or the record of applied migrations", async () => {
    expect(await codeOf("CREATE TABLE sneaky (x int)")).toBe("denied");
    expect(await codeOf("DROP TABLE audit_log")).toBe("denied");
    expect(await codeOf("DELETE FROM schema_migrations")).toBe("denied");
    expect(await codeOf("UPDATE schema_migrations SET checksum = 'x'")).toBe("denied");
  });

  it("still appends to the logs and reads them", async () => {
    expect(await codeOf("SELECT count(*) FROM case_events")).toBe("ok");
    expect(await codeOf("SELECT count(*) FROM audit_log")).toBe("ok");
    expect(await codeOf("SELECT count(*) FROM audit_chain")).toBe("ok");
  });
});
