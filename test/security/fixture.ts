/**
 * A real server on a real database for the security tests: the HTTP app (`buildServer`) driven by
 * `app.inject`, a clock the test moves, and helpers that act the way a user of the API does.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import type { Role } from "../../src/security/access/rights.ts";
import { buildServer, type ServerOptions } from "../../src/server/app.ts";
import type { TestDatabase, TestDatabaseFactory } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { currentTotpCode } from "../../src/security/commands/accounts.ts";
import { newSignedInUser, sessionHeaders, testClock, type TestUser } from "../support/auth.ts";

export const NOW = new Date("2026-11-24T03:00:00Z"); // noon in Seoul

export interface Harness {
  test: TestDatabase;
  app: FastifyInstance;
  ctx: AppContext;
  clock: ReturnType<typeof testClock>;
  user(name: string, role: Role, office: string | null): Promise<TestUser>;
  call(
    u: TestUser | null,
    method: "GET" | "POST" | "DELETE" | "PUT" | "PATCH" | "OPTIONS",
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Register a person at the clerk's office and open a first-instance case for them. */
  newCase(
    clerk: TestUser,
    office: string,
    person?: Record<string, unknown>,
  ): Promise<{ caseId: string; personId: string }>;
  /** Record an event at the case's current version. */
  event(u: TestUser, caseId: string, e: Record<string, unknown>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openHarness(
  factory: TestDatabaseFactory,
  options: Pick<ServerOptions, "mail"> = {},
): Promise<Harness> {
  const test = await factory.open();
  await migrate(test.db);
  const clock = testClock(NOW);
  const ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
  await seedHolidays(ctx);
  const app = await buildServer({ ctx, ...options });
  const prefix = randomBytes(3).toString("hex");

  const call: Harness["call"] = (u, method, url, payload, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(u ? sessionHeaders(u) : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  const h: Harness = {
    test,
    app,
    ctx,
    clock,
    user: (name, role, office) => newSignedInUser(app, ctx, `${prefix}-${name}`, role, office),
    call,
    async newCase(clerk, office, person = {}) {
      const p = await call(clerk, "POST", "/api/v1/persons", {
        names: [{ value: `Applicant ${randomBytes(4).toString("hex")}`, script: "Latn", kind: "primary" }],
        nationality: "MMR",
        ...person,
      });
      if (p.statusCode !== 201) throw new Error(`person: ${p.statusCode} ${p.body}`);
      const personId = p.json<{ id: string }>().id;
      const c = await call(clerk, "POST", "/api/v1/cases", {
        personId,
        office,
        channel: "in_country",
        kind: "first",
        filedOn: "2026-09-01",
      });
      if (c.statusCode !== 201) throw new Error(`case: ${c.statusCode} ${c.body}`);
      return { caseId: c.json<{ id: string }>().id, personId };
    },
    async event(u, caseId, e) {
      const current = await call(u, "GET", `/api/v1/cases/${caseId}`);
      const version = current.statusCode === 200 ? current.json<{ version: number }>().version : 1;
      return call(u, "POST", `/api/v1/cases/${caseId}/events`, e, { "if-match": `"${version}"` });
    },
    async close() {
      await app.close();
      await test.dispose();
    },
  };
  return h;
}

/** The examination steps every first-instance decision needs before it. */
export const SUMMONS = {
  type: "summons_served",
  occurredOn: "2026-09-10",
  interviewOn: "2026-10-01",
  method: "post",
};
export const interviewHeld = (examiner: string) => ({
  type: "interview_held",
  occurredOn: "2026-10-01",
  examinerId: examiner,
  interpreter: { language: "my", sex: "female" },
});
export const DECISION = {
  type: "decision_issued",
  occurredOn: "2026-11-20",
  outcome: "not_recognized",
  reasons: "A fictional ground for the test.",
};

/**
 * What two administrators do to give access: one requests it, the other approves it with a new
 * code from their authenticator. Returns the approval's answer (the enrolment code or the token)
 * with the link the request's answer carried.
 */
export async function grantAccess(
  h: Harness,
  requester: TestUser,
  approver: TestUser,
  body: Record<string, unknown>,
): Promise<{
  id: string;
  accountId: string;
  link: string | null;
  code: string | null;
  token: string | null;
}> {
  const requested = await h.call(requester, "POST", "/api/v1/access-requests", body);
  if (requested.statusCode !== 201) throw new Error(`request: ${requested.statusCode} ${requested.body}`);
  const { request, enrolmentLink } = requested.json<{
    request: { id: string };
    enrolmentLink: string | null;
  }>();
  h.clock.tick();
  const approved = await h.call(approver, "POST", `/api/v1/access-requests/${request.id}/approve`, {
    secondFactor: { totp: currentTotpCode(approver.secret, h.ctx.clock()) },
  });
  if (approved.statusCode !== 200) throw new Error(`approval: ${approved.statusCode} ${approved.body}`);
  const out = approved.json<{
    request: { accountId: string };
    enrolmentCode: string | null;
    token: string | null;
  }>();
  return {
    id: request.id,
    accountId: out.request.accountId,
    link: enrolmentLink,
    code: out.enrolmentCode,
    token: out.token,
  };
}
