/**
 * An administrator grants a mandate by finding the case by the applicant's name (any script) or its
 * case number, and sees only what confirming the match needs; the lawyer's portal then shows the
 * client's name and case number. Through the API on a real database (PGlite always, PostgreSQL when
 * TEST_DATABASE_URL is set).
 */
import type { FastifyInstance } from "fastify";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { buildServer } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, testClock, type TestUser } from "./support/auth.ts";

const NOW = new Date("2026-11-24T03:00:00Z");

interface Match {
  caseId: string;
  caseNumber: string;
  office: string;
  filedOn: string;
  nationality: string;
  names: { value: string }[];
}

describe.each(createTestDatabases())("finding the case of a mandate on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  const clock = testClock(NOW);
  const users = {} as Record<"clerk" | "admin" | "lawyer" | "examiner", TestUser>;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });
    users.clerk = await newSignedInUser(app, ctx, "ms-clerk", "intake_clerk", "seoul");
    users.admin = await newSignedInUser(app, ctx, "ms-admin", "administrator", null);
    users.lawyer = await newSignedInUser(app, ctx, "ms-lawyer", "representative", null);
    users.examiner = await newSignedInUser(app, ctx, "ms-examiner", "examiner", "seoul");
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  const as = (u: TestUser) => sessionHeaders(u);
  const search = (payload: Record<string, unknown>, u: TestUser = users.admin) =>
    app.inject({ method: "POST", url: "/api/v1/mandates/case-search", headers: as(u), payload });

  async function openCase(names: { value: string; script: string; kind: string }[], filedOn: string) {
    const person = await app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: as(users.clerk),
      payload: { names, nationality: "MMR", birthDate: "1988-02-03" },
    });
    expect(person.statusCode, person.body).toBe(201);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: as(users.clerk),
      payload: {
        personId: person.json<{ id: string }>().id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; caseNumber: string }>();
  }

  it("finds the case by name in any script or by number, shows the match, and the mandate follows", async () => {
    const mine = await openCase(
      [
        { value: "Aung Min Thu", script: "Latn", kind: "primary" },
        { value: "아웅 민 뚜", script: "Hang", kind: "hangul_transcription" },
      ],
      "2026-09-01",
    );
    const namesake = await openCase(
      [{ value: "Aung Min Naing", script: "Latn", kind: "primary" }],
      "2026-09-02",
    );

    const byName = await search({ name: "aung min" });
    expect(byName.statusCode, byName.body).toBe(200);
    const matches = byName.json<{ items: Match[] }>().items;
    expect(matches.map((m) => m.caseId).sort()).toEqual([mine.id, namesake.id].sort());
    const match = matches.find((m) => m.caseId === mine.id);
    expect(match).toEqual({
      caseId: mine.id,
      caseNumber: mine.caseNumber,
      office: "seoul",
      filedOn: "2026-09-01",
      nationality: "MMR",
      names: expect.arrayContaining([expect.objectContaining({ value: "아웅 민 뚜" })]),
    });
    // Nothing more of the file than confirming the match needs: no birth date, stage or events.
    expect(byName.body).not.toContain("1988-02-03");

    const hangul = (await search({ name: "아웅 뚜" })).json<{ items: Match[] }>().items;
    expect(hangul.map((m) => m.caseId)).toEqual([mine.id]);
    const byNumber = (await search({ caseNumber: mine.caseNumber.toLowerCase() })).json<{ items: Match[] }>();
    expect(byNumber.items.map((m) => m.caseId)).toEqual([mine.id]);

    for (const bad of [{}, { name: "a" }, { caseNumber: "12345" }, { name: "x", extra: 1 }]) {
      const res = await search(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(422);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    expect((await search({ name: "aung" }, users.examiner)).statusCode).toBe(403);

    const granted = await app.inject({
      method: "POST",
      url: `/api/v1/cases/${match?.caseId}/mandates`,
      headers: as(users.admin),
      payload: { representativeId: users.lawyer.id, validFrom: "2026-11-01" },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const portal = await app.inject({ url: "/api/v1/portal/cases", headers: as(users.lawyer) });
    expect(portal.json()).toEqual({
      items: [
        expect.objectContaining({
          id: mine.id,
          caseNumber: mine.caseNumber,
          names: expect.arrayContaining([expect.objectContaining({ value: "Aung Min Thu" })]),
        }),
      ],
    });
    const one = await app.inject({ url: `/api/v1/portal/cases/${mine.id}`, headers: as(users.lawyer) });
    expect(one.json()).toMatchObject({ caseNumber: mine.caseNumber });
    expect(one.body).not.toContain("Naing");

    const audit = await test.db.query<{ details: unknown }>(
      "SELECT details FROM audit_log WHERE action = 'mandate.case_search'",
    );
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toMatch(/aung|아웅|SEOUL-/i);
  });
});
