/**
 * Procedure profiles are plug-ins: a second, deliberately different profile (test/support/
 * toy-profile.ts: its own events, periods in working days, a Friday–Saturday weekend, its own
 * holidays and time zone) runs beside the Korean one with no line changed in the store, the
 * server or the web. A case under it opens, records events (one through four eyes), shows in the
 * worklist and the statistics, and its event forms are published for the web.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { createRegistry } from "../src/kernel/procedure/registry.ts";
import { krRefugeeAct } from "../src/profiles/kr-refugee-act/profile.ts";
import { buildServer } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, stepUp, testClock, type TestUser } from "./support/auth.ts";
import { TOY_ID, toyProfile } from "./support/toy-profile.ts";

// 03:00 UTC: noon in Seoul, midnight in São Paulo; the same date, 2026-11-24, in both.
const NOW = new Date("2026-11-24T03:00:00Z");

describe.each(createTestDatabases())("a second procedure profile on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  const clock = testClock(NOW);
  const users = {} as Record<
    "clerk" | "examiner" | "supervisor" | "committee" | "analyst" | "lawyer" | "interpreter",
    TestUser
  >;
  let caseId = "";
  let etag = "";

  const call = (user: TestUser, method: "GET" | "POST", url: string, payload?: unknown, headers = {}) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...sessionHeaders(user), ...headers },
      payload: payload as object,
    });

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({
      db: test.db,
      masterKey: randomBytes(32),
      clock: clock.now,
      profiles: createRegistry([krRefugeeAct, toyProfile]),
    });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });
    users.clerk = await newSignedInUser(app, ctx, "clerk-zz", "intake_clerk", "seoul");
    users.examiner = await newSignedInUser(app, ctx, "examiner-zz", "examiner", "seoul");
    users.supervisor = await newSignedInUser(app, ctx, "supervisor-zz", "supervisor", "seoul");
    users.committee = await newSignedInUser(app, ctx, "committee-zz", "committee_secretary", null);
    users.analyst = await newSignedInUser(app, ctx, "analyst-zz", "analyst", null);
    users.lawyer = await newSignedInUser(app, ctx, "lawyer-zz", "representative", null);
    users.interpreter = await newSignedInUser(app, ctx, "interpreter-zz", "interpreter", null);
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  it("lists both profiles, and describes the toy one's events with JSON Schemas for the web's forms", async () => {
    const list = await call(users.examiner, "GET", "/profiles");
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual(["kr-refugee-act", TOY_ID]);

    const res = await call(users.examiner, "GET", `/profiles/${TOY_ID}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      id: TOY_ID,
      jurisdiction: "ZZ",
      timeZone: "America/Sao_Paulo",
      default: false,
    });
    expect(d.deadlineKinds).toEqual(["hearing", "determination", "review_request"]);
    const hearing = d.events.find((e: { type: string }) => e.type === "hearing_held");
    expect(hearing).toMatchObject({ act: "examination", needsApproval: false });
    expect(hearing.schema.properties.occurredOn).toMatchObject({ type: "string", format: "date" });
    expect(hearing.schema.properties.languageOfHearing).toMatchObject({ enum: ["zz", "en", "fr"] });
    expect(hearing.schema.required).toEqual(["type", "occurredOn", "chair", "languageOfHearing"]);
    expect(d.events.find((e: { type: string }) => e.type === "determination_made")).toMatchObject({
      act: "decision",
      needsApproval: true,
    });
    // Its own words, in English only: the web falls back to them in Korean. The kernel's record
    // events (evidence) are named in both languages beneath them, whatever the profile.
    expect(Object.keys(d.labels).sort()).toEqual(["en", "ko"]);
    expect(d.labels.en.events).toMatchObject({ hearing_held: "Hearing held" });
    expect(d.labels.ko.events.hearing_held).toBeUndefined();
    expect(d.labels.en.events.evidence_attached).toBe("Evidence attached");
    expect(d.labels.ko.events.evidence_attached).toBe("증거 제출");
    expect(d.labels.en.stages.lodged).toBe("Lodged, awaiting a hearing");
    expect(d.labels.en.values.outcome).toEqual({ granted: "Asylum granted", refused: "Asylum refused" });
    // The Korean profile's, in both languages, for every event and deadline kind it publishes.
    const kr = (await call(users.examiner, "GET", "/profiles/kr-refugee-act")).json();
    expect(Object.keys(kr.labels).sort()).toEqual(["en", "ko"]);
    for (const lang of ["en", "ko"]) {
      for (const e of [{ type: "application_filed" }, ...kr.events])
        expect(kr.labels[lang].events[e.type], `${lang} ${e.type}`).toBeTruthy();
      for (const k of kr.deadlineKinds) expect(kr.labels[lang].deadlineKinds[k], `${lang} ${k}`).toBeTruthy();
    }
    expect(kr.labels.ko.stages.objection).toBe("이의신청");
    for (const t of ["evidence_attached", "evidence_corrected", "evidence_withdrawn", "audience_observed"])
      expect(kr.labels.ko.events[t], t).toBeTruthy();
    // A lawyer's portal names their clients' stages and notices with these labels; a role that
    // reads no case reads no profile either.
    expect((await call(users.lawyer, "GET", `/profiles/${TOY_ID}`)).json().labels).toEqual(d.labels);
    expect((await call(users.interpreter, "GET", `/profiles/${TOY_ID}`)).statusCode).toBe(403);
    expect((await call(users.examiner, "GET", "/profiles/no-such-profile")).statusCode).toBe(404);
  });

  it("opens a case under the toy profile, with its own deadlines counted in its own calendar", async () => {
    const person = await call(users.clerk, "POST", "/persons", {
      names: [{ value: "Ada Zed", script: "Latn" }],
      nationality: "XXA",
    });
    expect(person.statusCode, person.body).toBe(201);
    const opened = await call(users.clerk, "POST", "/cases", {
      personId: person.json().id,
      profile: TOY_ID,
      office: "seoul",
      channel: "in_country",
      kind: "first",
      filedOn: "2026-11-20",
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const view = opened.json();
    caseId = view.id;
    etag = String(opened.headers.etag);
    expect(view).toMatchObject({
      profile: TOY_ID,
      stage: "lodged",
      version: 1,
      allowedEvents: ["hearing_held"],
    });
    // Lodged Friday 2026-11-20 (a rest day). Ten working days, Friday and Saturday off, 30 November
    // (Harvest Day) a holiday: Sun 22, Mon 23, Tue 24, Wed 25, Thu 26, Sun 29, Tue 1, Wed 2, Thu 3,
    // Sun 6 December.
    // The determination: 60 calendar days: 10 to 30 November, 31 in December, 19 in January.
    expect(view.deadlines).toEqual([
      expect.objectContaining({ kind: "hearing", dueOn: "2026-12-06", status: "open" }),
      expect.objectContaining({ kind: "determination", dueOn: "2027-01-19", status: "open" }),
    ]);
  });

  it("refuses a Korean event on the toy case and an unknown profile at filing, changing nothing", async () => {
    const korean = await call(
      users.examiner,
      "POST",
      `/cases/${caseId}/events`,
      { type: "interview_missed", occurredOn: "2026-11-23" },
      { "if-match": etag },
    );
    expect(korean.statusCode, korean.body).toBe(422);
    expect(korean.json()).toMatchObject({ stage: "lodged", allowedEvents: ["hearing_held"] });
    const unknown = await call(users.clerk, "POST", "/cases", {
      personId: caseId,
      profile: "xx-unknown",
      office: "seoul",
      channel: "in_country",
      kind: "first",
      filedOn: "2026-11-20",
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().issues).toEqual([{ path: "profile", message: "unknown procedure profile" }]);
    const view = await call(users.examiner, "GET", `/cases/${caseId}`);
    expect(view.json().version).toBe(1);
  });

  it("records its events, a grant only through four eyes, and the worklist and statistics show them", async () => {
    const heard = await call(
      users.examiner,
      "POST",
      `/cases/${caseId}/events`,
      { type: "hearing_held", occurredOn: "2026-11-23", chair: "J. Doe", languageOfHearing: "en" },
      { "if-match": etag },
    );
    expect(heard.statusCode, heard.body).toBe(201);
    expect(heard.json()).toMatchObject({ stage: "heard", version: 2, allowedEvents: ["determination_made"] });
    expect(heard.json().deadlines[0]).toMatchObject({ kind: "hearing", status: "met" });

    const drafted = await call(
      users.examiner,
      "POST",
      `/cases/${caseId}/events`,
      { type: "determination_made", occurredOn: "2026-11-24", outcome: "granted" },
      { "if-match": String(heard.headers.etag) },
    );
    expect(drafted.statusCode, drafted.body).toBe(202);
    expect((await call(users.examiner, "GET", `/cases/${caseId}`)).json().version).toBe(2);
    // The draft and the approvals list name the case's profile, whose labels name the event.
    expect(drafted.json()).toMatchObject({ caseId, profile: TOY_ID });
    const queue = await call(users.supervisor, "GET", "/approvals");
    expect(queue.json().items).toEqual([expect.objectContaining({ caseId, profile: TOY_ID })]);

    clock.tick();
    await stepUp(app, ctx, users.supervisor);
    const approved = await call(users.supervisor, "POST", `/approvals/${drafted.json().id}/approve`);
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json()).toMatchObject({ stage: "determined", version: 3 });

    // The worklist: the toy deadlines in the same list and status arithmetic as Korea's.
    const open = await call(users.examiner, "GET", "/deadlines?status=open&limit=500");
    expect(open.statusCode, open.body).toBe(200);
    const mine = open.json().items.filter((d: { caseId: string }) => d.caseId === caseId);
    expect(mine).toEqual([]);
    const met = await call(users.examiner, "GET", "/deadlines?status=met&kind=determination&limit=500");
    expect(met.json().items).toEqual([
      expect.objectContaining({
        caseId,
        kind: "determination",
        dueOn: "2027-01-19",
        status: "met",
        profile: TOY_ID,
      }),
    ]);
    // A case list names each case's profile, for the web to name its stage.
    const found = await call(users.examiner, "POST", "/cases/search", { name: "Ada Zed" });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toEqual([
      expect.objectContaining({ id: caseId, profile: TOY_ID, stage: "determined" }),
    ]);

    // Statistics: the toy case's application and its first-instance recognition.
    const stats = await call(users.analyst, "GET", "/statistics/yearly?year=2026");
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().total.applications).toBe(1);
    expect(stats.json().total.firstInstance).toMatchObject({ recognized: 1 });
  });

  it("counts 'today' and holidays per jurisdiction: the toy seed holiday does not move Korean dates", async () => {
    const zz = await call(users.examiner, "GET", "/holidays?year=2026&jurisdiction=ZZ");
    expect(zz.statusCode, zz.body).toBe(200);
    expect(zz.json().items.map((h: { date: string }) => h.date)).toContain("2026-12-24");
    const kr = await call(users.examiner, "GET", "/holidays?year=2026");
    expect(kr.json().items.map((h: { date: string }) => h.date)).not.toContain("2026-12-24");
    expect((await call(users.examiner, "GET", "/holidays?year=2026&jurisdiction=FR")).statusCode).toBe(422);
  });
});
