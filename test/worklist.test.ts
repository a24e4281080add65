/**
 * The worklist as an examiner uses it, through the API on a real database (PGlite always,
 * PostgreSQL when TEST_DATABASE_URL is set): case numbers given at filing and searchable; by default
 * the open deadlines of the cases that are not final, soonest first, each with the applicant's
 * names, the case's number and stage; closed cases only when asked; "my cases" after a supervisor's
 * assignment; a count per kind.
 */
import type { FastifyInstance } from "fastify";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { currentTotpCode } from "../src/security/commands/accounts.ts";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { buildServer } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { loadMigrations, migrate } from "../src/store/migrate.ts";
import { saveCaseProjection } from "../src/cases/db/projections.ts";
import { newSignedInUser, sessionHeaders, testClock, type TestUser } from "./support/auth.ts";

const NOW = new Date("2026-11-24T03:00:00Z"); // noon in Seoul

interface Entry {
  caseId: string;
  caseNumber: string;
  kind: string;
  dueOn: string;
  status: string;
  stage: string;
  caseFinal: boolean;
  obligation: string;
  names: { value: string; script?: string }[];
  assignee: { id: string; displayName: string } | null;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
  counts?: { kind: string; count: number }[];
}

describe.each(createTestDatabases())("worklist on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  const clock = testClock(NOW);
  const users = {} as Record<
    "clerk" | "examiner" | "examiner2" | "supervisor" | "busan" | "busanClerk",
    TestUser
  >;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });
    users.clerk = await newSignedInUser(app, ctx, "wl-clerk", "intake_clerk", "seoul");
    users.examiner = await newSignedInUser(app, ctx, "wl-examiner", "examiner", "seoul");
    users.examiner2 = await newSignedInUser(app, ctx, "wl-examiner-2", "examiner", "seoul");
    users.supervisor = await newSignedInUser(app, ctx, "wl-supervisor", "supervisor", "seoul");
    users.busan = await newSignedInUser(app, ctx, "wl-busan", "examiner", "busan");
    users.busanClerk = await newSignedInUser(app, ctx, "wl-busan-clerk", "intake_clerk", "busan");
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  const as = (u: TestUser) => sessionHeaders(u);
  const get = (url: string, u: TestUser = users.examiner) => app.inject({ url, headers: as(u) });
  const worklist = async (query: string, u: TestUser = users.examiner) => {
    const res = await get(`/api/v1/deadlines?limit=500${query ? `&${query}` : ""}`, u);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };

  async function openCase(latin: string, filedOn: string, office = "seoul", clerk = users.clerk) {
    const person = await app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: as(clerk),
      payload: {
        names: [
          { value: `${latin} 한글`, script: "Hang", kind: "hangul_transcription" },
          { value: latin, script: "Latn", kind: "latin_transliteration" },
        ],
        nationality: "KHM",
      },
    });
    expect(person.statusCode, person.body).toBe(201);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: as(clerk),
      payload: {
        personId: person.json<{ id: string }>().id,
        office,
        channel: "in_country",
        kind: "first",
        filedOn,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; caseNumber: string; version: number }>();
  }

  it("numbers each case by office, year of filing and sequence, and finds it by its number", async () => {
    const a = await openCase("Numbered One", "2026-10-01");
    const b = await openCase("Numbered Two", "2026-10-02");
    const c = await openCase("Numbered Three", "2025-12-30");
    expect(a.caseNumber).toMatch(/^SEOUL-2026-\d{6}$/);
    expect(Number(b.caseNumber.slice(-6))).toBe(Number(a.caseNumber.slice(-6)) + 1);
    expect(c.caseNumber).toBe("SEOUL-2025-000001");
    // The number stays when the case changes, and the case read shows it.
    const view = await get(`/api/v1/cases/${a.id}`);
    expect(view.json()).toMatchObject({ caseNumber: a.caseNumber, assignee: null });

    const found = await app.inject({
      method: "POST",
      url: "/api/v1/cases/search",
      headers: as(users.examiner),
      payload: { caseNumber: a.caseNumber.toLowerCase() },
    });
    expect(found.statusCode, found.body).toBe(200);
    const items = found.json<{ items: { id: string; caseNumber: string; names: unknown[] }[] }>().items;
    expect(items.map((i) => i.id)).toEqual([a.id]);
    expect(items[0]?.names).toContainEqual(expect.objectContaining({ value: "Numbered One" }));

    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/cases/search",
      headers: as(users.examiner),
      payload: { caseNumber: "SEOUL-26-1" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers["content-type"]).toMatch(/application\/problem\+json/);
  });

  it("lists by default the open deadlines of active cases, soonest first, with names, number and stage", async () => {
    const open = await openCase("Default View", "2026-11-02");
    const page = await worklist("");
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((d) => d.status === "open" && !d.caseFinal)).toBe(true);
    const dues = page.items.map((d) => d.dueOn);
    expect(dues).toEqual([...dues].sort());
    const mine = page.items.find((d) => d.caseId === open.id && d.kind === "first_instance_decision");
    expect(mine).toMatchObject({
      caseNumber: open.caseNumber,
      kind: "first_instance_decision",
      obligation: "duty",
      stage: expect.any(String),
      assignee: null,
    });
    expect(mine?.names.map((n) => n.value)).toEqual(["Default View 한글", "Default View"]);
    // A count per kind, whatever the kind filter.
    const counts = Object.fromEntries((page.counts ?? []).map((c) => [c.kind, c.count]));
    expect(counts.first_instance_decision).toBe(
      page.items.filter((d) => d.kind === "first_instance_decision").length,
    );
    // Dates to know (a right to work from a date, support ending) are not tasks: only when asked.
    expect(page.items.some((d) => d.obligation === "info")).toBe(false);
    const withInfo = await worklist("info=include");
    expect(withInfo.items.some((d) => d.caseId === open.id && d.obligation === "info")).toBe(true);
    const filtered = await worklist("kind=objection_filing");
    expect(filtered.items.every((d) => d.kind === "objection_filing")).toBe(true);
    expect(filtered.counts).toEqual(page.counts);
    const infoKind = await worklist("info=include&kind=living_support_end");
    expect(infoKind.items.length).toBeGreaterThan(0);
    expect(infoKind.items.every((d) => d.kind === "living_support_end")).toBe(true);
    // Another office's cases are not on it.
    const busan = await openCase("Other Office", "2026-11-03", "busan", users.busanClerk);
    expect((await worklist("")).items.some((d) => d.caseId === busan.id)).toBe(false);
  });

  it("shows the deadlines of closed cases only when asked", async () => {
    const closed = await openCase("Closed Case", "2026-11-05");
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/cases/${closed.id}/events`,
      headers: { "if-match": `"${closed.version}"`, ...as(users.clerk) },
      payload: { type: "withdrawn", occurredOn: "2026-11-10" },
    });
    // Withdrawing lifts the bar on removal: a supervisor approves it with a second factor of its own.
    expect(res.statusCode, res.body).toBe(202);
    clock.tick();
    const approved = await app.inject({
      method: "POST",
      url: `/api/v1/approvals/${res.json<{ id: string }>().id}/approve`,
      headers: as(users.supervisor),
      payload: { secondFactor: { totp: currentTotpCode(users.supervisor.secret, ctx.clock()) } },
    });
    expect(approved.statusCode, approved.body).toBe(201);
    const view = (await get(`/api/v1/cases/${closed.id}`)).json<{
      final: boolean;
      deadlines: { status: string }[];
    }>();
    expect(view.final).toBe(true);
    for (const status of new Set(view.deadlines.map((d) => d.status))) {
      const without = await worklist(`status=${status}`);
      expect(without.items.some((d) => d.caseId === closed.id)).toBe(false);
      const withClosed = await worklist(`status=${status}&closed=include`);
      const rows = withClosed.items.filter((d) => d.caseId === closed.id);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((d) => d.caseFinal)).toBe(true);
    }
    expect((await get("/api/v1/deadlines?closed=maybe")).statusCode).toBe(422);
  });

  it("a supervisor assigns a case; it is then on the examiner's own worklist", async () => {
    const c = await openCase("Assigned Person", "2026-11-06");
    const assign = (accountId: string | null, u: TestUser = users.supervisor, id = c.id) =>
      app.inject({
        method: "PUT",
        url: `/api/v1/cases/${id}/assignee`,
        headers: as(u),
        payload: { accountId },
      });
    expect((await assign(users.examiner.id, users.examiner)).statusCode).toBe(403);
    const wrong = await assign(users.busan.id);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ status: 422 });
    expect((await assign("not-an-id")).statusCode).toBe(422);

    const before = await worklist("assignee=me");
    expect(before.items.some((d) => d.caseId === c.id)).toBe(false);
    const done = await assign(users.examiner.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ assignee: { id: users.examiner.id, displayName: "wl-examiner" } });

    const mine = await worklist("assignee=me");
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((d) => d.assignee?.id === users.examiner.id)).toBe(true);
    expect(mine.items.some((d) => d.caseId === c.id)).toBe(true);
    expect((await worklist("assignee=me", users.examiner2)).items).toEqual([]);
    // The team's worklist shows it with its assignee; the case read too, and the version is unchanged.
    const team = await worklist("", users.examiner2);
    expect(team.items.find((d) => d.caseId === c.id)?.assignee?.displayName).toBe("wl-examiner");
    const view = (await get(`/api/v1/cases/${c.id}`)).json<{ version: number; assignee: unknown }>();
    expect(view).toMatchObject({ version: c.version, assignee: { id: users.examiner.id } });

    const unassigned = await worklist("assignee=unassigned");
    expect(unassigned.items.some((d) => d.caseId === c.id)).toBe(false);
    expect((await assign(null)).statusCode).toBe(200);
    expect((await worklist("assignee=me")).items.some((d) => d.caseId === c.id)).toBe(false);

    const whom = await get("/api/v1/assignees", users.supervisor);
    expect(whom.json<{ items: { displayName: string }[] }>().items.map((a) => a.displayName)).toEqual([
      "wl-examiner",
      "wl-examiner-2",
      "wl-supervisor",
    ]);
  });

  it("keeps names out of the access record", async () => {
    const rows = await test.db.query<{ details: unknown }>(
      "SELECT details FROM audit_log WHERE action IN ('deadline.list', 'case.assign')",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/Assigned Person|Default View|한글/);
  });
});

describe.each(createTestDatabases())("case numbers of existing cases on $kind", (factory) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await factory.open();
  });
  afterAll(async () => test?.dispose());

  it("numbers the cases filed before migration 0020 in filing order, and continues after them", async () => {
    const all = loadMigrations();
    await migrate(
      test.db,
      all.filter((m) => m.version < "0020"),
    );
    const row = (officeId: string, id: string, filedOn: string) =>
      saveCaseProjection(test.db, {
        officeId,
        id,
        personId: "01890a5d-ac96-774b-bcce-b302099a8058",
        profile: "kr-refugee-act",
        channel: "in_country",
        kind: "first",
        filedOn,
        priorCaseIds: [],
        version: 1,
        stage: "examination",
        applicantStatus: "under_review",
        protection: null,
        final: false,
        finalSince: null,
        redecisionRequired: false,
        removalBarred: true,
        nationality: "KHM",
        updatedAt: "2024-01-01T00:00:00.000Z",
        deadlines: [],
      });
    const id = (n: number) => `01890a5d-ac96-774b-bcce-b302099a80${String(n).padStart(2, "0")}`;
    await row("seoul", id(3), "2024-03-01");
    await row("seoul", id(2), "2024-03-01");
    await row("seoul", id(1), "2024-05-01");
    await row("seoul", id(4), "2023-12-31");
    await row("busan", id(5), "2024-01-02");
    await migrate(test.db, all);
    const numbers = async () =>
      Object.fromEntries(
        (
          await test.db.query<{ id: string; n: string }>(`SELECT id, case_number AS n FROM cases ORDER BY id`)
        ).map((r) => [r.id, r.n]),
      );
    expect(await numbers()).toEqual({
      [id(1)]: "SEOUL-2024-000003",
      [id(2)]: "SEOUL-2024-000001",
      [id(3)]: "SEOUL-2024-000002",
      [id(4)]: "SEOUL-2023-000001",
      [id(5)]: "BUSAN-2024-000001",
    });
    // A case opened afterwards takes the next number of its office and year; a rewrite keeps it.
    await row("seoul", id(6), "2024-12-31");
    await row("seoul", id(6), "2024-12-31");
    await row("busan", id(7), "2025-01-01");
    const after = await numbers();
    expect(after[id(6)]).toBe("SEOUL-2024-000004");
    expect(after[id(7)]).toBe("BUSAN-2025-000001");
    expect(after[id(1)]).toBe("SEOUL-2024-000003");
  });
});
