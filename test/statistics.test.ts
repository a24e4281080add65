/**
 * Statistics on a small hand-made dataset whose every figure is known (docs/statistics.md): the rates
 * and their definitions, persons and cases counted apart, cohorts, reversals, and the
 * decision-maker view, through the API, with the rights that guard it.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { createPerson } from "../src/persons/create-person.ts";
import { openCase } from "../src/cases/open-case.ts";
import { recordInProcess } from "../src/cases/record-event.ts";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { buildServer } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { newSignedInUser, REVIEWER, SYSTEM, testClock, type TestUser } from "./support/auth.ts";

const NOW = new Date("2026-11-24T03:00:00Z");

type Ev = Record<string, unknown> & { type: string; occurredOn: string };
const interview = (on: string, examinerId: string): Ev => ({
  type: "interview_held",
  occurredOn: on,
  examinerId,
});
const decision = (on: string, outcome: string, examinerId: string, humanitarianStay = false): Ev => ({
  type: "decision_issued",
  occurredOn: on,
  outcome,
  humanitarianStay,
  examinerId,
  ...(outcome === "recognized" ? {} : { reasons: "A fictional ground for the test." }),
});

describe.each(createTestDatabases())("statistics on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;
  const users = {} as Record<"analyst" | "supervisor" | "examiner" | "lawyer" | "busanSupervisor", TestUser>;
  const ids = {} as Record<string, string>;

  async function person(nationality: string, sex: "female" | "male", birthDate: string): Promise<string> {
    return (
      await createPerson(ctx, SYSTEM, {
        names: [{ value: `Stat ${nationality} ${sex}` }],
        nationality,
        sex,
        birthDate,
      })
    ).id;
  }
  async function caseOf(
    personId: string,
    filedOn: string,
    events: Ev[],
    kind = "first",
    priorCaseIds: string[] = [],
  ) {
    const opened = await openCase(ctx, SYSTEM, {
      personId,
      office: "seoul",
      channel: "in_country",
      kind: kind as "first",
      filedOn,
      ...(priorCaseIds.length ? { priorCaseIds } : {}),
    });
    let version = opened.version;
    for (const e of events)
      version = (await recordInProcess(ctx, { author: SYSTEM, approver: REVIEWER }, opened.id, version, e))
        .version;
    return opened.id;
  }

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    const clock = testClock(NOW);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });

    const khmF = await person("KHM", "female", "1990-03-01");
    const khmM = await person("KHM", "male", "1985-07-15");
    const mmrF = await person("MMR", "female", "2010-01-01");
    const mmrM = await person("MMR", "male", "1970-05-05");
    // A: 2025, recognized at first instance by ex-1.
    ids.a = await caseOf(khmF, "2025-01-10", [
      interview("2025-03-01", "ex-1"),
      decision("2025-06-02", "recognized", "ex-1"),
    ]);
    // B: 2025, refused by ex-1, recognized on objection in December: a reversal.
    ids.b = await caseOf(khmM, "2025-02-03", [
      interview("2025-03-03", "ex-1"),
      decision("2025-07-01", "not_recognized", "ex-1"),
      { type: "notice_served", occurredOn: "2025-07-03", method: "in_person" },
      { type: "objection_filed", occurredOn: "2025-07-21" },
      { type: "objection_decided", occurredOn: "2025-12-01", outcome: "recognized", panel: "panel-2" },
    ]);
    // C: 2025, humanitarian stay by ex-2 (a refusal of refugee status).
    ids.c = await caseOf(mmrF, "2025-03-04", [
      interview("2025-04-01", "ex-2"),
      decision("2025-08-01", "not_recognized", "ex-2", true),
    ]);
    // D: 2025, withdrawn before any decision.
    ids.d = await caseOf(mmrM, "2025-03-05", [{ type: "withdrawn", occurredOn: "2025-04-01" }]);
    // E: filed 2024 by the same person as D (persons and cases apart), recognized in 2025 by ex-2.
    ids.e = await caseOf(mmrM, "2024-05-02", [
      interview("2024-09-02", "ex-2"),
      decision("2025-02-03", "recognized", "ex-2"),
    ]);

    users.analyst = await newSignedInUser(app, ctx, "analyst-s", "analyst", null);
    users.supervisor = await newSignedInUser(app, ctx, "supervisor-s", "supervisor", "seoul");
    users.busanSupervisor = await newSignedInUser(app, ctx, "supervisor-b", "supervisor", "busan");
    users.examiner = await newSignedInUser(app, ctx, "examiner-s", "examiner", "seoul");
    users.lawyer = await newSignedInUser(app, ctx, "lawyer-s", "representative", null);
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  const get = (u: TestUser, url: string) => app.inject({ url, headers: { cookie: u.cookie } });

  it("counts 2025's applications, decisions and every rate as defined", async () => {
    const res = await get(users.analyst, "/api/v1/statistics/yearly?year=2025");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      total: {
        applications: number;
        applicants: number;
        firstInstance: Record<string, number>;
        objection: Record<string, number>;
        recognitionsAllLevels: number;
        rates: { id: string; numerator: number; denominator: number; value: number | null }[];
      };
      definitions: { id: string; text: string }[];
    }>();
    const t = body.total;
    expect(t.applications).toBe(4);
    expect(t.applicants).toBe(4);
    expect(t.firstInstance).toEqual({ recognized: 2, humanitarian: 1, rejected: 1, closed: 1 });
    expect(t.objection).toEqual({ recognized: 1, humanitarian: 0, rejected: 0, closed: 0 });
    expect(t.recognitionsAllLevels).toBe(3);
    const r = Object.fromEntries(t.rates.map((x) => [x.id, x]));
    expect(r.rrr_unhcr).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(r.tpr_unhcr).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    // The press's figure: recognitions of 2025 (A, E and B on objection) over 2025's applications.
    expect(r.per_application).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    for (const id of ["rrr_unhcr", "tpr_unhcr", "per_application", "cohort_outcome", "final_recognition"])
      expect(body.definitions.find((d) => d.id === id)?.text.length).toBeGreaterThan(40);
  });

  it("counts persons and cases apart: one person with two cases is two applications, one applicant", async () => {
    const all = await get(users.analyst, "/api/v1/statistics/yearly?year=2024&nationality=MMR");
    expect(all.json<{ total: { applications: number; applicants: number } }>().total).toMatchObject({
      applications: 1,
      applicants: 1,
    });
    const [persons] = await test.db.query<{ n: number }>("SELECT count(*)::int AS n FROM persons");
    const [cases] = await test.db.query<{ n: number }>("SELECT count(*)::int AS n FROM stat_cases");
    expect({ persons: persons?.n, cases: cases?.n }).toEqual({ persons: 4, cases: 5 });
  });

  it("breaks the year down by nationality and filters by sex", async () => {
    const res = await get(users.analyst, "/api/v1/statistics/yearly?year=2025&by=nationality");
    const rows = res.json<{
      rows: { category: string; applications: number; firstInstance: Record<string, number> }[];
    }>().rows;
    expect(rows.find((x) => x.category === "KHM")).toMatchObject({
      applications: 2,
      firstInstance: { recognized: 1, humanitarian: 0, rejected: 1, closed: 0 },
    });
    expect(rows.find((x) => x.category === "MMR")).toMatchObject({
      applications: 2,
      firstInstance: { recognized: 1, humanitarian: 1, rejected: 0, closed: 1 },
    });
    const women = await get(users.analyst, "/api/v1/statistics/yearly?year=2025&sex=female&by=ageBand");
    const bands = women.json<{ rows: { category: string; applications: number }[] }>().rows;
    expect(Object.fromEntries(bands.map((b) => [b.category, b.applications]))).toEqual({
      "14-17": 1,
      "18-34": 1,
    });
  });

  it("follows the 2025 cohort to today, and the 2024 cohort", async () => {
    const c25 = await get(users.analyst, "/api/v1/statistics/cohort?filedYear=2025&asOf=2026-11-24");
    expect(c25.json<{ rows: unknown[] }>().rows).toEqual([
      { category: "total", filed: 4, recognized: 2, humanitarian: 1, rejected: 0, closed: 1, pending: 0 },
    ]);
    // As of mid-2025, B was refused and not yet recognized; C and E's decisions had not all come.
    const mid = await get(users.analyst, "/api/v1/statistics/cohort?filedYear=2025&asOf=2025-07-15");
    expect(mid.json<{ rows: unknown[] }>().rows).toEqual([
      { category: "total", filed: 4, recognized: 1, humanitarian: 0, rejected: 1, closed: 1, pending: 1 },
    ]);
  });

  it("measures reversals of 2025's first-instance refusals", async () => {
    const res = await get(users.analyst, "/api/v1/statistics/reversals?year=2025");
    const [row] = res.json<{
      rows: { refusals: number; byObjection: number; rates: { id: string; value: number }[] }[];
    }>().rows;
    expect(row).toMatchObject({ refusals: 2, byObjection: 1, byCourt1: 0 });
    expect(row?.rates.find((x) => x.id === "reversal_objection")?.value).toBe(0.5);
  });

  it("shows the decision-maker view to supervisors and analysts only, and only from 30 decisions", async () => {
    const url = "/api/v1/statistics/decision-makers?from=2025-01-01&to=2026-01-01";
    const analyst = await get(users.analyst, url);
    expect(analyst.statusCode, analyst.body).toBe(200);
    // Two examiners with two decisions each: below the threshold, so no rate is shown.
    expect(analyst.json()).toMatchObject({ rates: [], belowThreshold: 2, minimumDecisions: 30 });
    expect((await get(users.supervisor, url)).statusCode).toBe(200);
    expect((await get(users.examiner, url)).statusCode).toBe(403);
    expect((await get(users.lawyer, url)).statusCode).toBe(403);
    expect((await get(users.lawyer, "/api/v1/statistics/yearly?year=2025")).statusCode).toBe(403);
  });

  it("gives a supervisor their examiners' reversed refusals as feedback, only in their office", async () => {
    const url =
      "/api/v1/statistics/decision-makers/reversed-cases?examiner=ex-1&from=2025-01-01&to=2026-01-01";
    const seoul = await get(users.supervisor, url);
    expect(seoul.json<{ cases: { caseId: string; level: string }[] }>().cases).toEqual([
      expect.objectContaining({
        caseId: ids.b,
        level: "AR",
        refusedOn: "2025-07-01",
        reversedOn: "2025-12-01",
      }),
    ]);
    const busan = await get(users.busanSupervisor, url);
    expect(busan.json<{ cases: unknown[] }>().cases).toEqual([]);
  });

  it("publishes the fixed tables without sign-in, protected, and with no decision-maker in them", async () => {
    const page = await app.inject({ url: "/statistics" });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toContain("<svg");
    const json = await app.inject({ url: "/api/v1/public/statistics" });
    expect(json.statusCode, json.body).toBe(200);
    const csv = await app.inject({ url: "/api/v1/public/statistics/tables/applications_by_year.csv" });
    expect(csv.statusCode, csv.body).toBe(200);
    for (const body of [page.body, json.body, csv.body]) {
      for (const secret of ["ex-1", "ex-2", "panel-2", ids.a ?? "-", ids.b ?? "-"])
        expect(body).not.toContain(secret);
    }
    // Four applications in 2025 is a small count: published rounded to 5 or suppressed, never as 4.
    const published = json.json<{
      tables: { id: string; rows: { categories: string[] }; cells: unknown[][] }[];
    }>();
    const apps = published.tables.find((t) => t.id === "applications_by_year");
    const row2025 = apps?.cells[apps.rows.categories.indexOf("2025")];
    expect(row2025).toBeDefined();
    for (const cell of row2025 ?? []) expect(JSON.stringify(cell)).not.toMatch(/^[1-4]$/);
    // The true counts behind it are for staff only.
    expect((await app.inject({ url: "/api/v1/statistics/public-figures" })).statusCode).toBe(401);
    expect((await get(users.lawyer, "/api/v1/statistics/public-figures")).statusCode).toBe(403);
  });
});
