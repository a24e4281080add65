/**
 * docs/security.md requirement 18 (issue 12, item 2) through the HTTP API: an event that takes
 * protection away (cancellation, cessation, a withdrawal, anything that lifts the bar on removal)
 * waits for a second person; that person's approval needs a second factor given with the approval
 * itself (a step-up minutes old does not do, nor does a code used before); and no token records
 * such an event at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotpCode } from "../../src/security/commands/accounts.ts";
import { createAccount } from "../../src/security/identity/accounts.ts";
import { createApiToken } from "../../src/security/identity/api-tokens.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { signIn, stepUp, type TestUser } from "../support/auth.ts";
import { interviewHeld, openHarness, SUMMONS, type Harness } from "./fixture.ts";

interface View {
  version: number;
  stage: string;
  protection: string | null;
  applicantStatus: string | null;
  removalBarred: boolean;
}
interface Draft {
  id: string;
  status: string;
  takesProtection: string | null;
}
interface Timeline {
  items: { type: string; recordedBy: string }[];
}

describe.each(createTestDatabases())("no single person takes protection away, on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser;
  let examiner: TestUser;
  let supervisor: TestUser;
  let second: TestUser;
  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("pr-clerk", "intake_clerk", "seoul");
    examiner = await h.user("pr-examiner", "examiner", "seoul");
    supervisor = await h.user("pr-supervisor", "supervisor", "seoul");
    second = await h.user("pr-supervisor-2", "supervisor", "seoul");
  });
  afterAll(async () => {
    await h?.close();
  });

  const view = async (caseId: string) =>
    (await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json<View>();
  const timeline = async (caseId: string) =>
    (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/events`)).json<Timeline>().items;
  /** A code of a new 30-second step: each code works once. */
  const freshCode = (u: TestUser) => {
    h.clock.tick();
    return currentTotpCode(u.secret, h.ctx.clock());
  };
  const approve = (u: TestUser, draftId: string, body?: unknown) =>
    h.call(u, "POST", `/api/v1/approvals/${draftId}/approve`, body);
  /** The old way: a step-up, then the approval with nothing in it. */
  const approveAfterStepUp = async (u: TestUser, draftId: string) => {
    h.clock.tick();
    await stepUp(h.app, h.ctx, u);
    return approve(u, draftId);
  };

  /** A case whose recognition has been approved and served: refugee status, removal barred. */
  async function recognisedCase(): Promise<string> {
    const { caseId } = await h.newCase(clerk, "seoul");
    expect((await h.event(examiner, caseId, SUMMONS)).statusCode).toBe(201);
    expect((await h.event(examiner, caseId, interviewHeld(examiner.username))).statusCode).toBe(201);
    const draft = await h.event(examiner, caseId, {
      type: "decision_issued",
      occurredOn: "2026-11-20",
      outcome: "recognized",
    });
    expect(draft.statusCode, draft.body).toBe(202);
    // A recognition takes nothing away: the old step-up still approves it.
    expect(draft.json<Draft>().takesProtection).toBeNull();
    expect((await approveAfterStepUp(supervisor, draft.json<Draft>().id)).statusCode).toBe(201);
    expect(
      (await h.event(clerk, caseId, { type: "notice_served", occurredOn: "2026-11-21", method: "post" }))
        .statusCode,
    ).toBe(201);
    expect(await view(caseId)).toMatchObject({ stage: "recognized", protection: "refugee" });
    return caseId;
  }

  for (const [event, article] of [
    ["recognition_cancelled", "RA 22(1)"],
    ["cessation_decided", "RA 22(2)"],
  ] as const) {
    it(`keeps a ${event} (${article}) as a draft until a second supervisor approves it with a second factor given with the approval`, async () => {
      const caseId = await recognisedCase();
      const before = await view(caseId);
      const drafted = await h.event(supervisor, caseId, {
        type: event,
        occurredOn: "2026-11-23",
        ground: `${article}: fictional ground for the test`,
      });
      expect(drafted.statusCode, drafted.body).toBe(202);
      const draft = drafted.json<Draft>();
      expect(draft.takesProtection).toMatch(/ends refugee protection/);
      // Nothing has changed yet: the person is still a refugee, and removal is still barred.
      expect(await view(caseId)).toEqual(before);
      expect((await timeline(caseId)).map((e) => e.type)).not.toContain(event);

      // Not by its author, even with a fresh code.
      const own = await approve(supervisor, draft.id, { secondFactor: { totp: freshCode(supervisor) } });
      expect(own.statusCode, own.body).toBe(403);
      // Not on the strength of signing in a moment ago: that proof is not for this action.
      h.clock.tick();
      const approver = await signIn(h.app, h.ctx, second);
      const signedIn = await approve(approver, draft.id);
      expect(signedIn.statusCode, signedIn.body).toBe(401);
      expect(signedIn.json<{ type: string }>().type).toMatch(/step-up-required$/);
      // Not with a code that has already been used (the sign-in's own), nor with a wrong one.
      const used = currentTotpCode(second.secret, h.ctx.clock());
      const replayed = await approve(approver, draft.id, { secondFactor: { totp: used } });
      expect(replayed.statusCode, replayed.body).toBe(401);
      expect(replayed.json<{ type: string }>().type).toMatch(/step-up-required$/);
      const wrong = await approve(approver, draft.id, { secondFactor: { totp: "000000" } });
      expect(wrong.statusCode, wrong.body).toBe(401);
      expect(await view(caseId)).toEqual(before);

      // A second supervisor with a new code sent with the approval: now it takes effect.
      const ok = await approve(approver, draft.id, { secondFactor: { totp: freshCode(second) } });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json<View>().protection).toBeNull();
      const recorded = (await timeline(caseId)).find((e) => e.type === event);
      expect(recorded?.recordedBy).toBe(second.username);
      // The refused codes are in the access records as failed step-ups.
      const attempts = await h.test.db.query<{ outcome: string }>(
        `SELECT outcome FROM audit_log WHERE action = 'login.step_up' AND actor = $1 ORDER BY seq`,
        [second.username],
      );
      expect(attempts.map((a) => a.outcome).slice(-3)).toEqual(["denied", "denied", "ok"]);
    });
  }

  it("counts one proof of the second factor for one approval only", async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { caseId } = await h.newCase(clerk, "seoul");
      const drafted = await h.event(clerk, caseId, { type: "withdrawn", occurredOn: "2026-11-23" });
      expect(drafted.statusCode, drafted.body).toBe(202);
      drafts.push(drafted.json<Draft>().id);
    }
    const [first = "", next = ""] = drafts;
    h.clock.tick();
    await stepUp(h.app, h.ctx, second);
    expect((await approve(second, first)).statusCode).toBe(201);
    // The step-up was used by the first approval; the second needs its own.
    const again = await approve(second, next);
    expect(again.statusCode, again.body).toBe(401);
    const ok = await approve(second, next, { secondFactor: { totp: freshCode(second) } });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("keeps a withdrawal and a termination as drafts: the applicant stays protected from removal until approval", async () => {
    for (const [who, event] of [
      [clerk, { type: "withdrawn", occurredOn: "2026-11-23" }],
      [examiner, { type: "review_terminated", occurredOn: "2026-11-23", reason: "no_show" }],
    ] as const) {
      const { caseId } = await h.newCase(clerk, "seoul");
      if (event.type === "review_terminated") {
        // Three missed interviews in a row first.
        for (const [summoned, on] of [
          ["2026-09-10", "2026-09-20"],
          ["2026-09-25", "2026-10-05"],
          ["2026-10-10", "2026-10-20"],
        ] as const) {
          expect(
            (
              await h.event(examiner, caseId, {
                type: "summons_served",
                occurredOn: summoned,
                interviewOn: on,
                method: "post",
              })
            ).statusCode,
          ).toBe(201);
          const missed = await h.event(examiner, caseId, { type: "interview_missed", occurredOn: on });
          expect(missed.statusCode, missed.body).toBe(201);
        }
      }
      const drafted = await h.event(who, caseId, event);
      expect(drafted.statusCode, drafted.body).toBe(202);
      expect(drafted.json<Draft>().takesProtection).toMatch(/lifts the bar on removal/);
      expect(await view(caseId)).toMatchObject({ applicantStatus: "under_review", removalBarred: true });
      const ok = await approve(supervisor, drafted.json<Draft>().id, {
        secondFactor: { totp: freshCode(supervisor) },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json<View>()).toMatchObject({ applicantStatus: null, removalBarred: false });
    }
  });

  it("keeps any other event as a draft when it would lift the bar today: a notice served months ago, entered late", async () => {
    // Filed in January, refused in February; the notice was served on 10 February but is only
    // entered now (24 November): the 30 days to object and 90 to sue ran out long ago, so
    // entering it makes the refusal final and the person removable today.
    const fresh = async () => {
      const p = await h.call(clerk, "POST", "/api/v1/persons", {
        names: [{ value: "Applicant Late Notice", script: "Latn", kind: "primary" }],
        nationality: "MMR",
      });
      const c = await h.call(clerk, "POST", "/api/v1/cases", {
        personId: p.json<{ id: string }>().id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn: "2026-01-05",
      });
      const caseId = c.json<{ id: string }>().id;
      for (const e of [
        { type: "summons_served", occurredOn: "2026-01-10", interviewOn: "2026-01-20", method: "post" },
        interviewHeld(examiner.username),
      ]) {
        const res = await h.event(examiner, caseId, {
          ...e,
          ...(e.type === "interview_held" ? { occurredOn: "2026-01-20" } : {}),
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const decision = await h.event(examiner, caseId, {
        type: "decision_issued",
        occurredOn: "2026-02-02",
        outcome: "not_recognized",
        reasons: "A fictional ground for the test.",
      });
      expect(decision.statusCode, decision.body).toBe(202);
      expect(decision.json<Draft>().takesProtection).toBeNull();
      expect((await approveAfterStepUp(supervisor, decision.json<Draft>().id)).statusCode).toBe(201);
      return caseId;
    };
    const late = await fresh();
    expect(await view(late)).toMatchObject({ removalBarred: true });
    const drafted = await h.event(clerk, late, {
      type: "notice_served",
      occurredOn: "2026-02-10",
      method: "post",
    });
    expect(drafted.statusCode, drafted.body).toBe(202);
    expect(drafted.json<Draft>().takesProtection).toMatch(/notice_served lifts the bar on removal/);
    expect(await view(late)).toMatchObject({ removalBarred: true });

    // The same notice entered on the day it was served takes nothing away: it is recorded at once.
    const timely = await fresh();
    const recorded = await h.event(clerk, timely, {
      type: "notice_served",
      occurredOn: "2026-11-23",
      method: "post",
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
  });

  it("lets no token record an event that takes protection away, even one of a supervisor's service account", async () => {
    const caseId = await recognisedCase();
    const before = await view(caseId);
    const account = await createAccount(
      h.test.db,
      {
        username: `${supervisor.username}-bridge`,
        displayName: "Status bridge",
        role: "supervisor",
        officeId: "seoul",
        password: "unused-password-of-a-service-account",
        service: true,
        createdBy: "test",
      },
      h.ctx.clock(),
    );
    const { token } = await createApiToken(
      h.test.db,
      account.id,
      "bridge",
      ["case.read", "event.status"],
      "test",
      h.ctx.clock(),
    );
    const res = await h.app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/events`,
      headers: { authorization: `Bearer ${token}`, "if-match": `"${before.version}"` },
      payload: { type: "recognition_cancelled", occurredOn: "2026-11-23", ground: "by a token" },
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(await view(caseId)).toEqual(before);
    const [drafts] = await h.test.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM decision_drafts WHERE case_id = $1 AND status = 'pending'",
      [caseId],
    );
    expect(drafts?.n).toBe(0);
  });

  it("tells which events take protection away whenever they are recorded, in the profile's description", async () => {
    const res = await h.call(examiner, "GET", "/api/v1/profiles/kr-refugee-act");
    const events = res.json<{
      events: { type: string; needsApproval: boolean; removesProtection: boolean }[];
    }>().events;
    const removing = events.filter((e) => e.removesProtection).map((e) => e.type);
    expect(removing).toEqual(
      expect.arrayContaining([
        "recognition_cancelled",
        "cessation_decided",
        "withdrawn",
        "review_terminated",
      ]),
    );
    expect(events.filter((e) => e.removesProtection).every((e) => e.needsApproval)).toBe(true);
  });
});
