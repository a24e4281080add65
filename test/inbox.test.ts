/**
 * A returned decision reaches its author: the supervisor's reason is on the examiner's inbox and on
 * the case page's drafts, until the examiner drafts again; the supervisor's inbox lists what waits
 * for their approval, and the examiner's the deadlines of their own cases that fall due soon. Through
 * the API on a real database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set).
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

const NOW = new Date("2026-11-24T03:00:00Z"); // noon in Seoul

interface Draft {
  id: string;
  caseId: string;
  caseNumber: string;
  status: string;
  reason: string | null;
  draftedBy: string;
  names: { value: string }[];
}
interface Inbox {
  days: number;
  count: number;
  returnedDrafts: Draft[];
  approvals: Draft[];
  deadlines: { caseId: string; kind: string; dueOn: string }[];
}

describe.each(createTestDatabases())("inbox on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  const clock = testClock(NOW);
  const users = {} as Record<"clerk" | "examiner" | "supervisor" | "other", TestUser>;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });
    users.clerk = await newSignedInUser(app, ctx, "in-clerk", "intake_clerk", "seoul");
    users.examiner = await newSignedInUser(app, ctx, "in-examiner", "examiner", "seoul");
    users.supervisor = await newSignedInUser(app, ctx, "in-supervisor", "supervisor", "seoul");
    users.other = await newSignedInUser(app, ctx, "in-other", "examiner", "busan");
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  const as = (u: TestUser) => sessionHeaders(u);
  const inboxOf = async (u: TestUser, query = "") => {
    const res = await app.inject({ url: `/api/v1/inbox${query}`, headers: as(u) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Inbox>();
  };

  async function openCase(latin: string, filedOn: string) {
    const person = await app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: as(users.clerk),
      payload: { names: [{ value: latin, script: "Latn", kind: "primary" }], nationality: "NPL" },
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
    return res.json<{ id: string; caseNumber: string; version: number }>();
  }

  const draftDecision = (id: string, version: number) =>
    app.inject({
      method: "POST",
      url: `/api/v1/cases/${id}/events`,
      headers: { "if-match": `"${version}"`, ...as(users.examiner) },
      payload: {
        type: "decision_issued",
        occurredOn: "2026-11-20",
        outcome: "not_recognized",
        reasons: "Fictional reasons: the account is not credible on the decisive points.",
      },
    });

  it("a returned draft reaches its author with the reason, until the author drafts again", async () => {
    const c = await openCase("Returned Draft", "2026-06-01");
    const drafted = await draftDecision(c.id, c.version);
    expect(drafted.statusCode, drafted.body).toBe(202);
    const draftId = drafted.json<{ id: string }>().id;

    // The case page shows the draft waiting; the supervisor's inbox lists it, the author's does not.
    const caseDrafts = async () => {
      const res = await app.inject({ url: `/api/v1/cases/${c.id}/drafts`, headers: as(users.examiner) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Draft[] }>().items;
    };
    expect((await caseDrafts())[0]).toMatchObject({
      id: draftId,
      status: "pending",
      caseNumber: c.caseNumber,
    });
    const waiting = await inboxOf(users.supervisor);
    expect(waiting.approvals.map((d) => d.id)).toContain(draftId);
    expect(waiting.approvals.find((d) => d.id === draftId)?.names).toEqual([
      expect.objectContaining({ value: "Returned Draft" }),
    ]);
    expect((await inboxOf(users.examiner)).approvals).toEqual([]);

    const returned = await app.inject({
      method: "POST",
      url: `/api/v1/approvals/${draftId}/return`,
      headers: as(users.supervisor),
      payload: { reason: "The interview record is missing; hold the interview first." },
    });
    expect(returned.statusCode, returned.body).toBe(200);

    const mine = await inboxOf(users.examiner);
    expect(mine.returnedDrafts).toEqual([
      expect.objectContaining({
        id: draftId,
        caseId: c.id,
        caseNumber: c.caseNumber,
        status: "returned",
        reason: "The interview record is missing; hold the interview first.",
        names: [expect.objectContaining({ value: "Returned Draft" })],
      }),
    ]);
    expect(mine.count).toBeGreaterThanOrEqual(1);
    expect((await inboxOf(users.supervisor)).approvals.map((d) => d.id)).not.toContain(draftId);
    expect((await inboxOf(users.other)).returnedDrafts).toEqual([]);
    expect((await caseDrafts())[0]).toMatchObject({
      status: "returned",
      reason: expect.stringMatching(/interview/),
    });

    // The examiner drafts again: the return is answered and leaves the inbox.
    const again = await draftDecision(c.id, c.version);
    expect(again.statusCode, again.body).toBe(202);
    expect((await inboxOf(users.examiner)).returnedDrafts).toEqual([]);

    // Another office's examiner does not see the case's drafts at all.
    const foreign = await app.inject({ url: `/api/v1/cases/${c.id}/drafts`, headers: as(users.other) });
    expect(foreign.statusCode).toBe(404);
    // The reason is sealed in the table, and the access records hold no names.
    const rows = await test.db.query<{ details: unknown }>(
      "SELECT details FROM audit_log WHERE action IN ('inbox.read', 'decision.case_drafts')",
    );
    expect(JSON.stringify(rows)).not.toMatch(/Returned Draft|interview record/);
  });

  it("lists the open deadlines of my own cases due within the days asked", async () => {
    // Filed 2026-06-01: the decision is due within six months, on 2026-12-01, seven days on.
    const c = await openCase("Due Soon", "2026-06-01");
    const assign = await app.inject({
      method: "PUT",
      url: `/api/v1/cases/${c.id}/assignee`,
      headers: as(users.supervisor),
      payload: { accountId: users.examiner.id },
    });
    expect(assign.statusCode, assign.body).toBe(200);
    const week = await inboxOf(users.examiner, "?days=7");
    expect(week.days).toBe(7);
    expect(week.deadlines).toContainEqual(
      expect.objectContaining({ caseId: c.id, kind: "first_instance_decision", dueOn: "2026-12-01" }),
    );
    const fewer = await inboxOf(users.examiner, "?days=3");
    expect(fewer.deadlines.some((d) => d.caseId === c.id)).toBe(false);
    expect((await inboxOf(users.supervisor, "?days=7")).deadlines).toEqual([]);
    const bad = await app.inject({ url: "/api/v1/inbox?days=365", headers: as(users.examiner) });
    expect(bad.statusCode).toBe(422);
    expect((await app.inject({ url: "/api/v1/inbox" })).statusCode).toBe(401);
  });
});
