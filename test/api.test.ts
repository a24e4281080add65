/**
 * The API end to end on a real database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set):
 * a case from filing to a final ruling and a redecision, with every deadline as the law counts it.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { randomBytes } from "node:crypto";
import { rightOfAct } from "../src/security/access/rights.ts";
import { EVENT_ACTS } from "../src/profiles/kr-refugee-act/profile.ts";
import { isEventType } from "../src/profiles/kr-refugee-act/events.ts";
import { currentTotpCode } from "../src/security/commands/accounts.ts";
import { newSignedInUser, sessionHeaders, stepUp, testClock, type TestUser } from "./support/auth.ts";
import { buildServer } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";

const NOW = new Date("2026-11-24T03:00:00Z"); // noon in Seoul

describe.each(createTestDatabases())("API on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  const clock = testClock(NOW);
  const users = {} as Record<
    "clerk" | "examiner" | "supervisor" | "supervisor2" | "committee" | "litigation" | "admin",
    TestUser
  >;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });
    users.clerk = await newSignedInUser(app, ctx, "clerk-1", "intake_clerk", "seoul");
    users.examiner = await newSignedInUser(app, ctx, "examiner-1", "examiner", "seoul");
    users.supervisor = await newSignedInUser(app, ctx, "supervisor-1", "supervisor", "seoul");
    users.supervisor2 = await newSignedInUser(app, ctx, "supervisor-2", "supervisor", "seoul");
    users.committee = await newSignedInUser(app, ctx, "committee-1", "committee_secretary", null);
    users.litigation = await newSignedInUser(app, ctx, "litigation-1", "litigation_officer", "seoul");
    users.admin = await newSignedInUser(app, ctx, "admin-1", "administrator", null);
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  /** Who records an event of this type: the role that holds its right. */
  function userFor(type: string): TestUser {
    const right = isEventType(type) ? rightOfAct(EVENT_ACTS[type]) : "event.intake";
    switch (right) {
      case "event.examination":
      case "event.decision":
        return users.examiner;
      case "event.objection":
        return users.committee;
      case "event.litigation":
        return users.litigation;
      case "event.status":
        return users.supervisor;
      default:
        return users.clerk;
    }
  }
  const as = (u: TestUser) => sessionHeaders(u);

  async function newPerson(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: as(users.clerk),
      payload: {
        names: [
          { value: "សុខ ដារ៉ា", script: "Khmr", kind: "primary" },
          { value: "Sok Dara", script: "Latn", kind: "latin_transliteration" },
          { value: "속 다라", script: "Hang", kind: "hangul_transcription" },
        ],
        birthDate: "1990-04-02",
        sex: "male",
        nationality: "KHM",
        languages: ["km"],
        ...overrides,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }

  async function openCase(filedOn: string, extra: Record<string, unknown> = {}) {
    const personId = await newPerson();
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: as(users.clerk),
      payload: { personId, office: "seoul", channel: "in_country", kind: "first", filedOn, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number }>();
  }

  async function record(
    id: string,
    version: number,
    event: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    return app.inject({
      method: "POST",
      url: `/api/v1/cases/${id}/events`,
      headers: { "if-match": `"${version}"`, ...as(userFor(String(event.type))), ...headers },
      payload: event,
    });
  }

  const get = (url: string, u: TestUser = users.examiner) => app.inject({ url, headers: as(u) });

  /** A supervisor approves a pending draft (after proving the second factor again). */
  async function approve(draftId: string) {
    clock.tick();
    await stepUp(app, ctx, users.supervisor);
    return app.inject({
      method: "POST",
      url: `/api/v1/approvals/${draftId}/approve`,
      headers: as(users.supervisor),
    });
  }

  /**
   * A draft that takes protection away: a supervisor who did not draft it approves it with a new
   * code sent with the approval (docs/security.md requirement 18).
   */
  async function approveWithCode(draftId: string, author: TestUser) {
    const approver = author === users.supervisor ? users.supervisor2 : users.supervisor;
    clock.tick();
    return app.inject({
      method: "POST",
      url: `/api/v1/approvals/${draftId}/approve`,
      headers: as(approver),
      payload: { secondFactor: { totp: currentTotpCode(approver.secret, ctx.clock()) } },
    });
  }

  async function play(id: string, events: Record<string, unknown>[]) {
    let version = (await get(`/api/v1/cases/${id}`)).json<{ version: number }>().version;
    for (const e of events) {
      const res = await record(id, version, e);
      if (e.type === "decision_issued" || e.type === "redecision_issued") {
        expect(res.statusCode, `${String(e.type)}: ${res.body}`).toBe(202);
        const approved = await approve(res.json<{ id: string }>().id);
        expect(approved.statusCode, approved.body).toBe(201);
        version = approved.json<{ version: number }>().version;
        continue;
      }
      if (res.statusCode === 202) {
        // Entered years after the fact, an event can make the case final today, and the person
        // removable: then it waits for a second supervisor.
        const draft = res.json<{ id: string; takesProtection: string | null }>();
        expect(draft.takesProtection, `${String(e.type)}: ${res.body}`).not.toBeNull();
        const approved = await approveWithCode(draft.id, userFor(String(e.type)));
        expect(approved.statusCode, approved.body).toBe(201);
        version = approved.json<{ version: number }>().version;
        continue;
      }
      expect(res.statusCode, `${String(e.type)}: ${res.body}`).toBe(201);
      expect(res.headers.etag).toBe(`"${version + 1}"`);
      version = res.json<{ version: number }>().version;
    }
    return version;
  }

  it("registers a person with names in several scripts and reads it back", async () => {
    const id = await newPerson();
    const res = await get(`/api/v1/persons/${id}`);
    expect(res.statusCode).toBe(200);
    const p = res.json<{ names: { value: string }[]; nationality: string; createdBy: string }>();
    expect(p.names.map((n) => n.value)).toEqual(["សុខ ដារ៉ា", "Sok Dara", "속 다라"]);
    expect(p.nationality).toBe("KHM");
    expect(p.createdBy).toBe("clerk-1");
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: as(users.clerk),
      payload: { names: [{ value: "X" }], nationality: "Cambodia" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(
      bad.json<{ issues: { path: string }[] }>().issues.some((i) => i.path.includes("nationality")),
    ).toBe(true);
  });

  it("takes a case from filing to a final ruling and a redecision, with the law's due dates", async () => {
    const opened = await openCase("2019-03-04");
    expect(opened.version).toBe(1);
    const first = await get(`/api/v1/cases/${opened.id}?asOf=2019-03-05`);
    expect(first.headers.etag).toBe('"1"');
    expect(first.json()).toMatchObject({
      stage: "examination",
      applicantStatus: "under_review",
      deadlines: expect.arrayContaining([
        expect.objectContaining({ kind: "first_instance_decision", dueOn: "2019-09-04", status: "open" }),
      ]),
    });

    await play(opened.id, [
      {
        type: "interview_held",
        occurredOn: "2019-04-15",
        examinerId: "examiner-7",
        interpreter: { language: "km", sex: "male" },
      },
      {
        type: "decision_issued",
        occurredOn: "2019-08-20",
        outcome: "not_recognized",
        reasons: "A fictional ground for the test.",
      },
      { type: "notice_served", occurredOn: "2019-08-26", method: "in_person" },
      { type: "objection_filed", occurredOn: "2019-09-10" },
      {
        type: "objection_decided",
        occurredOn: "2020-02-20",
        outcome: "dismissed",
        reasons: "A fictional ground for the test.",
      },
      { type: "objection_notice_served", occurredOn: "2020-02-27", method: "post" },
    ]);
    const challenge = (await get(`/api/v1/cases/${opened.id}?asOf=2020-03-01`)).json<{
      stage: string;
      deadlines: { kind: string; dueOn: string }[];
    }>();
    expect(challenge.stage).toBe("challenge_period");
    expect(challenge.deadlines.find((d) => d.kind === "suit_filing")?.dueOn).toBe("2020-05-27");

    const version = await play(opened.id, [
      {
        type: "suit_filed",
        occurredOn: "2020-05-20",
        court: "Seoul Administrative Court",
        level: 1,
        docketNo: "2020구단1",
      },
      {
        type: "judgment_issued",
        occurredOn: "2021-01-15",
        court: "Seoul Administrative Court",
        level: 1,
        docketNo: "2020구단1",
        outcome: "annulled",
      },
      { type: "judgment_served", occurredOn: "2021-01-19", party: "authority", level: 1 },
      { type: "judgment_served", occurredOn: "2021-01-20", party: "applicant", level: 1 },
    ]);
    const litigating = (await get(`/api/v1/cases/${opened.id}?asOf=2021-01-25`)).json();
    expect(litigating).toMatchObject({ stage: "litigation", applicantStatus: "in_litigation", final: false });

    const redecision = (await get(`/api/v1/cases/${opened.id}`)).json();
    // Nobody appealed: final on 2021-02-04, the day after the applicant's two weeks ended.
    expect(redecision).toMatchObject({
      stage: "redecision",
      redecisionRequired: true,
      allowedEvents: expect.arrayContaining(["redecision_issued"]),
    });

    await play(opened.id, [
      { type: "redecision_issued", occurredOn: "2021-06-01", outcome: "recognized" },
      { type: "notice_served", occurredOn: "2021-06-03", method: "in_person" },
    ]);
    const done = await get(`/api/v1/cases/${opened.id}`);
    expect(done.headers.etag).toBe(`"${version + 2}"`);
    expect(done.json()).toMatchObject({
      stage: "recognized",
      final: true,
      finalSince: "2021-06-03",
      protection: "refugee",
      applicantStatus: null,
    });

    const timeline = (await get(`/api/v1/cases/${opened.id}/events`)).json<{
      items: { sequence: number; type: string; recordedBy: string; prevHash: string; hash: string }[];
    }>();
    expect(timeline.items.map((e) => e.sequence)).toEqual(timeline.items.map((_, i) => i + 1));
    expect(timeline.items[0]?.type).toBe("application_filed");
    expect(timeline.items.find((e) => e.type === "application_filed")?.recordedBy).toBe("clerk-1");
    expect(timeline.items.find((e) => e.type === "interview_held")?.recordedBy).toBe("examiner-1");
    // A decision is recorded when the supervisor approves it.
    expect(timeline.items.find((e) => e.type === "decision_issued")?.recordedBy).toBe("supervisor-1");
    for (let i = 1; i < timeline.items.length; i++)
      expect(timeline.items[i]?.prevHash).toBe(timeline.items[i - 1]?.hash);
  });

  it("records a suit beside a pending objection, and withdrawals that leave the periods running", async () => {
    // Refused 2023-02-07, served Friday 2023-02-10; objection Monday 2023-02-20 (timely); a suit on
    // Thursday 2023-06-01, lawful while the objection is pending (ALA 18(1)).
    const opened = await openCase("2022-05-10");
    await play(opened.id, [
      {
        type: "decision_issued",
        occurredOn: "2023-02-07",
        outcome: "not_recognized",
        reasons: "A fictional ground for the test.",
      },
      { type: "notice_served", occurredOn: "2023-02-10", method: "in_person" },
      { type: "objection_filed", occurredOn: "2023-02-20" },
      {
        type: "suit_filed",
        occurredOn: "2023-06-01",
        court: "Seoul Administrative Court",
        level: 1,
        docketNo: "2023구단100",
      },
    ]);
    type View = {
      stage: string;
      final: boolean;
      finalSince: string | null;
      allowedEvents: string[];
      deadlines: { kind: string; dueOn: string; status: string }[];
    };
    const both = (await get(`/api/v1/cases/${opened.id}?asOf=2023-06-02`)).json<View>();
    expect(both.stage).toBe("objection_and_litigation");
    expect(both.allowedEvents).toEqual(expect.arrayContaining(["objection_withdrawn", "judgment_issued"]));
    expect(both.deadlines.find((d) => d.kind === "objection_decision")).toMatchObject({
      dueOn: "2023-08-21",
      status: "open",
    });

    // Both withdrawn after the 90 days from service (to Thursday 2023-05-11) ran out: the refusal
    // is final on the later withdrawal, Thursday 2023-06-08, not before (CPA 267(1), ALA 20(1)).
    await play(opened.id, [
      { type: "objection_withdrawn", occurredOn: "2023-06-05" },
      { type: "suit_withdrawn", occurredOn: "2023-06-08" },
    ]);
    const after = (await get(`/api/v1/cases/${opened.id}?asOf=2023-06-09`)).json<View>();
    expect(after).toMatchObject({ stage: "refused", final: true, finalSince: "2023-06-08" });
    expect(after.deadlines.find((d) => d.kind === "suit_filing")).toMatchObject({
      dueOn: "2023-05-11",
      status: "lapsed",
    });

    // A step of the Supreme Court in a case that never got there is refused, and names why.
    const version = (await get(`/api/v1/cases/${opened.id}`)).json<{ version: number }>().version;
    const refused = await record(opened.id, version, {
      type: "record_receipt_notified",
      occurredOn: "2023-06-09",
      party: "applicant",
      level: 3,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ detail: string }>().detail).toContain("record_receipt_notified is not allowed");
  });

  it("refuses an event the procedure does not allow and leaves the case exactly as it was", async () => {
    const { id } = await openCase("2024-01-10");
    const before = await get(`/api/v1/cases/${id}`);
    const beforeTimeline = await get(`/api/v1/cases/${id}/events`);
    const res = await record(id, 1, { type: "objection_filed", occurredOn: "2024-02-01" });
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    const problem = res.json<{ stage: string; allowedEvents: string[]; detail: string }>();
    expect(problem.stage).toBe("examination");
    expect(problem.allowedEvents).toContain("decision_issued");
    expect(problem.detail).toContain("objection_filed is not allowed");
    const unknownField = await record(id, 1, { type: "withdrawn", occurredOn: "2024-02-01", reason: "x" });
    expect(unknownField.statusCode).toBe(422);
    // A refusal without its reasons (RA 18(2)-(3)): 422 naming the field, and no draft for approval.
    const unreasoned = await record(id, 1, {
      type: "decision_issued",
      occurredOn: "2024-06-03",
      outcome: "not_recognized",
    });
    expect(unreasoned.statusCode, unreasoned.body).toBe(422);
    expect(unreasoned.json<{ issues: { path: string; message: string }[] }>().issues).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/reasons$/),
        message: "required for a refusal (RA 18(2)-(3))",
      }),
    ]);
    expect(
      (await get("/api/v1/approvals", users.supervisor)).json<{ caseId: string }[]>(),
    ).not.toContainEqual(expect.objectContaining({ caseId: id }));
    const after = await get(`/api/v1/cases/${id}`);
    expect(after.body).toBe(before.body);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect((await get(`/api/v1/cases/${id}/events`)).body).toBe(beforeTimeline.body);
  });

  it("needs If-Match (428), refuses a stale one (412), and lets one of two racing appends win", async () => {
    const { id } = await openCase("2024-01-10");
    const missing = await app.inject({
      method: "POST",
      url: `/api/v1/cases/${id}/events`,
      headers: as(users.clerk),
      payload: { type: "withdrawn", occurredOn: "2024-02-01" },
    });
    expect(missing.statusCode).toBe(428);
    const stale = await record(id, 7, { type: "withdrawn", occurredOn: "2024-02-01" });
    expect(stale.statusCode).toBe(412);

    const [a, b] = await Promise.all([
      record(id, 1, {
        type: "summons_served",
        occurredOn: "2024-02-01",
        interviewOn: "2024-02-20",
        method: "post",
      }),
      record(id, 1, { type: "interview_held", occurredOn: "2024-02-01", examinerId: "examiner-2" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 412]);
    const timeline = (await get(`/api/v1/cases/${id}/events`)).json<{ items: unknown[] }>();
    expect(timeline.items).toHaveLength(2);
  });

  it("replays a request with the same Idempotency-Key and refuses the key with another body", async () => {
    const personId = await newPerson();
    const body = { personId, office: "seoul", channel: "in_country", kind: "first", filedOn: "2025-05-05" };
    const headers = { "idempotency-key": "open-case-123", ...as(users.clerk) };
    const first = await app.inject({ method: "POST", url: "/api/v1/cases", payload: body, headers });
    const again = await app.inject({ method: "POST", url: "/api/v1/cases", payload: body, headers });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const other = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      payload: { ...body, filedOn: "2025-05-06" },
      headers,
    });
    expect(other.statusCode).toBe(422);
    const list = (await get(`/api/v1/cases?limit=500`)).json<{
      items: { personId: string }[];
    }>();
    expect(list.items.filter((c) => c.personId === personId)).toHaveLength(1);
  });

  it("validates a new case: office, person, prior cases, dates", async () => {
    const personId = await newPerson();
    const post = (payload: Record<string, unknown>) =>
      app.inject({ method: "POST", url: "/api/v1/cases", headers: as(users.clerk), payload });
    const base = { personId, office: "seoul", channel: "in_country", kind: "first", filedOn: "2025-05-05" };
    expect((await post({ ...base, office: "atlantis" })).json<{ detail: string }>().detail).toMatch(
      /GET \/api\/v1\/offices/,
    );
    expect((await post({ ...base, filedOn: "2026-12-01" })).statusCode).toBe(422);
    expect((await post({ ...base, kind: "subsequent" })).statusCode).toBe(422);
    expect((await post({ ...base, personId: "01890a5d-ac96-774b-bcce-b302099a8057" })).statusCode).toBe(422);
    const other = await openCase("2020-01-01");
    // Another person's case and no case at all get the same answer: neither tells the other exists.
    const detail = async (priorId: string) =>
      (await post({ ...base, kind: "subsequent", priorCaseIds: [priorId] }))
        .json<{ detail: string }>()
        .detail.replace(priorId, "…");
    expect(await detail(other.id)).toMatch(/not a case of this person/);
    expect(await detail(other.id)).toBe(await detail("01890a5d-ac96-774b-bcce-b302099a8057"));
  });

  it("answers 404 as problem+json for a case that does not exist", async () => {
    const res = await get("/api/v1/cases/01890a5d-ac96-774b-bcce-b302099a8057");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, title: "Not found" });
    expect((await get("/api/v1/nothing-here")).statusCode).toBe(404);
  });

  it("lists deadlines across cases as a worklist, filtered and paginated", async () => {
    const { id } = await openCase("2026-10-01");
    const res = await get("/api/v1/deadlines?kind=first_instance_decision&status=open&limit=500");
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: { caseId: string; dueOn: string; basis: string; status: string }[] }>();
    const mine = page.items.find((d) => d.caseId === id);
    expect(mine).toMatchObject({ dueOn: "2027-04-01", status: "open" });
    expect(mine?.basis).toMatch(/RA 18\(4\)/);
    const dues = page.items.map((d) => d.dueOn);
    expect(dues).toEqual([...dues].sort());

    // A page at a time (with the dates to know, which a new case has two of).
    const p1 = (await get("/api/v1/deadlines?limit=2&info=include")).json<{
      items: unknown[];
      nextCursor: string;
    }>();
    expect(p1.items).toHaveLength(2);
    const p2 = (await get(`/api/v1/deadlines?limit=2&info=include&cursor=${p1.nextCursor}`)).json<{
      items: unknown[];
    }>();
    expect(p2.items[0]).not.toEqual(p1.items[0]);
    expect((await get("/api/v1/deadlines?cursor=garbage")).statusCode).toBe(422);
  });

  it("moves a due date when an administrator adds a holiday on it", async () => {
    // Filed 2026-07-14: six months end on Thursday 2027-01-14.
    const { id } = await openCase("2026-07-14");
    const due = async () =>
      (await get(`/api/v1/cases/${id}`))
        .json<{ deadlines: { kind: string; dueOn: string }[] }>()
        .deadlines.find((d) => d.kind === "first_instance_decision")?.dueOn;
    expect(await due()).toBe("2027-01-14");
    const add = await app.inject({
      method: "POST",
      url: "/api/v1/holidays",
      headers: as(users.admin),
      payload: {
        date: "2027-01-14",
        name: "Temporary public holiday (test)",
        kind: "temporary",
        source: "test",
      },
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json<{ casesUpdated: number }>().casesUpdated).toBeGreaterThanOrEqual(1);
    expect(await due()).toBe("2027-01-15");
    const worklist = (await get("/api/v1/deadlines?kind=first_instance_decision&limit=500")).json<{
      items: { caseId: string; dueOn: string }[];
    }>();
    expect(worklist.items.find((d) => d.caseId === id)?.dueOn).toBe("2027-01-15");
    const again = await app.inject({
      method: "POST",
      url: "/api/v1/holidays",
      headers: as(users.admin),
      payload: { date: "2027-01-14", name: "x", kind: "temporary" },
    });
    expect(again.statusCode).toBe(409);
    const list = (await get("/api/v1/holidays?year=2024")).json<{
      items: { date: string }[];
    }>();
    expect(list.items.map((h) => h.date)).toEqual(
      expect.arrayContaining(["2024-04-10", "2024-10-01", "2024-02-12"]),
    );
  });

  it("publishes an OpenAPI 3.1 document and an interactive page", async () => {
    const doc = (await get("/api/openapi.json")).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/persons",
        "/api/v1/cases",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/events",
        "/api/v1/deadlines",
        "/api/v1/holidays",
        "/api/v1/offices",
      ]),
    );
    const page = await get("/api/docs");
    expect([200, 302]).toContain(page.statusCode);
    const offices = (await get("/api/v1/offices")).json<{ items: { code: string }[] }>();
    expect(offices.items.map((o) => o.code)).toContain("seoul");
  });
});
