/**
 * docs/security.md requirement 20 for data written before it was met: a database migrated up to
 * 0016 holds names, dates of birth and free text in plain text, as OpenRSD wrote them then. After
 * the later migrations and the sealing step, no row holds them, the API shows them as before,
 * name search finds the person, and the hash chains still verify.
 */
import { randomBytes } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { sealExisting } from "../../src/security/commands/seal-existing.ts";
import { buildServer } from "../../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { loadMigrations, migrate } from "../../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, testClock, type TestUser } from "../support/auth.ts";

const BEFORE = "0017";

describe.each(createTestDatabases())("sealing rows written before on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;
  let clerk: TestUser;
  const clock = testClock(new Date("2026-11-24T03:00:00Z"));
  const tag = randomBytes(4).toString("hex");
  const plain = {
    name: `Oldrow${tag} Dimanche`,
    hangul: "올드로 디망슈",
    birthDate: "1958-11-02",
  };
  const personId = uuidv7();

  /** Every row of every table as text. */
  async function everything(): Promise<string> {
    const tables = await test.db.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const rows = await test.db.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      parts.push(rows.map((r) => r.row).join("\n"));
    }
    return parts.join("\n");
  }

  beforeAll(async () => {
    test = await factory.open();
    const all = loadMigrations();
    await migrate(
      test.db,
      all.filter((m) => m.version < BEFORE),
    );
    // As the code before migration 0017 wrote a person: names, date of birth and search text in clear.
    const names = [
      { value: plain.name, script: "Latn", kind: "primary" },
      { value: plain.hangul, script: "Hang", kind: "hangul_transcription" },
    ];
    await test.db.query(
      `INSERT INTO persons (id, names, birth_date, nationality, search_text, created_at, created_by,
                            registered_office_id)
       VALUES ($1, $2, $3, 'FRA', $4, now(), 'old-clerk', 'seoul')`,
      [personId, JSON.stringify(names), plain.birthDate, names.map((n) => n.value.toLowerCase()).join(" ")],
    );
    await migrate(test.db, all);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });
    clerk = await newSignedInUser(app, ctx, "se-clerk", "intake_clerk", "seoul");
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  it("holds the plain text after the migrations alone", async () => {
    const text = await everything();
    expect(text).toContain(plain.name);
    expect(text).toContain(plain.birthDate);
  });

  it("seals every such row, and a second run finds nothing left", async () => {
    const report = await sealExisting(test.db, ctx.keyring);
    expect(report.sealed.persons).toBe(1);
    expect(report.rewritten).toContain("persons");
    const text = await everything();
    expect(text).toContain(personId);
    expect(text).not.toContain(plain.name);
    expect(text).not.toContain(plain.hangul);
    expect(text).not.toContain(plain.birthDate);
    const again = await sealExisting(test.db, ctx.keyring);
    expect(Object.values(again.sealed).every((n) => n === 0)).toBe(true);
    expect(again.rewritten).toEqual([]);
  });

  it("shows the person as before, and finds them by name in either script", async () => {
    const person = await app.inject({
      method: "GET",
      url: `/api/v1/persons/${personId}`,
      headers: sessionHeaders(clerk),
    });
    expect(person.statusCode, person.body).toBe(200);
    expect(person.json()).toMatchObject({
      names: [{ value: plain.name }, { value: plain.hangul }],
      birthDate: plain.birthDate,
    });
    const opened = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: sessionHeaders(clerk),
      payload: { personId, office: "seoul", channel: "in_country", kind: "first", filedOn: "2026-09-01" },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    for (const name of [`oldrow${tag}`, "디망슈", "dimanche oldrow"]) {
      const found = await app.inject({
        method: "POST",
        url: "/api/v1/cases/search",
        headers: sessionHeaders(clerk),
        payload: { name },
      });
      expect(
        found.json<{ items: { personId: string }[] }>().items.map((i) => i.personId),
        name,
      ).toEqual([personId]);
    }
  });
});
