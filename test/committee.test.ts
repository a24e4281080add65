/**
 * The Refugee Committee's agenda and votes through the API (RA 25-27): the secretariat puts a case
 * on a meeting's agenda; a member then reads that case, and no other, until 30 days after the
 * meeting, and records a vote with reasons; a member who decided the case as its examiner may not
 * vote (RA 26); the secretariat sees every vote and the tally, a member only their own; reasons are
 * stored encrypted. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../src/store/db.ts";
import { stepUp, type TestUser } from "./support/auth.ts";
import { DECISION, interviewHeld, openHarness, SUMMONS, type Harness } from "./security/fixture.ts";

interface Entry {
  caseId: string;
  caseNumber: string | null;
  meetingOn: string;
  applicantNames: { value: string }[];
  myVote: { vote: string; reasons: string | null } | null;
  votes: { member: string; vote: string; reasons: string | null }[] | null;
  tally: Record<string, number> | null;
  disqualified: string | null;
}

const MEETING = "2026-12-10";
const REASONS = "Committee-vote-reasons-canary: the activity abroad was not shown to be known.";

describe.each(createTestDatabases())("the committee's agenda and votes on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser, examiner: TestUser, supervisor: TestUser, secretary: TestUser;
  let member: TestUser, formerExaminer: TestUser;
  let onAgenda: string;
  let notOnAgenda: string;
  let personOnAgenda: string;

  /** A refused first-instance decision, approved, with `examinerId` as its examiner. */
  async function decided(caseId: string, examinerId: string) {
    expect((await h.event(examiner, caseId, SUMMONS)).statusCode).toBe(201);
    expect((await h.event(examiner, caseId, interviewHeld(examinerId))).statusCode).toBe(201);
    const draft = await h.event(examiner, caseId, { ...DECISION, examinerId });
    expect(draft.statusCode, draft.body).toBe(202);
    h.clock.tick();
    await stepUp(h.app, h.ctx, supervisor);
    const ok = await h.call(
      supervisor,
      "POST",
      `/api/v1/approvals/${draft.json<{ id: string }>().id}/approve`,
    );
    expect(ok.statusCode, ok.body).toBe(201);
  }

  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("cm-clerk", "intake_clerk", "seoul");
    examiner = await h.user("cm-examiner", "examiner", "seoul");
    supervisor = await h.user("cm-supervisor", "supervisor", "seoul");
    secretary = await h.user("cm-secretary", "committee_secretary", null);
    member = await h.user("cm-member", "committee_member", null);
    formerExaminer = await h.user("cm-former-examiner", "committee_member", null);
    ({ caseId: onAgenda, personId: personOnAgenda } = await h.newCase(clerk, "seoul", {
      names: [{ value: "Agenda Applicant" }],
      nationality: "KHM",
    }));
    ({ caseId: notOnAgenda } = await h.newCase(clerk, "seoul"));
    await decided(onAgenda, formerExaminer.username);
  });
  afterAll(async () => {
    await h?.close();
  });

  const agenda = async (u: TestUser, query = "") => {
    const res = await h.call(u, "GET", `/api/v1/committee/agenda${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Entry[] }>().items;
  };
  const vote = (u: TestUser, caseId: string, body: unknown, meetingOn = MEETING) =>
    h.call(u, "PUT", `/api/v1/committee/agenda/${caseId}/${meetingOn}/vote`, body);

  it("a member reaches no case before the secretariat puts it on the agenda", async () => {
    expect((await h.call(member, "GET", `/api/v1/cases/${onAgenda}`)).statusCode).toBe(404);
    expect((await h.call(member, "GET", `/api/v1/persons/${personOnAgenda}`)).statusCode).toBe(404);
    expect(await agenda(member)).toEqual([]);
  });

  it("the secretariat puts a case on a meeting's agenda, once", async () => {
    const added = await h.call(secretary, "POST", "/api/v1/committee/agenda", {
      caseId: onAgenda,
      meetingOn: MEETING,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<Entry>()).toMatchObject({ caseId: onAgenda, meetingOn: MEETING, votes: [] });
    const again = await h.call(secretary, "POST", "/api/v1/committee/agenda", {
      caseId: onAgenda,
      meetingOn: MEETING,
    });
    expect(again.statusCode).toBe(409);
    // A member cannot set the agenda; an unknown case is 404; a bad date is refused.
    expect(
      (await h.call(member, "POST", "/api/v1/committee/agenda", { caseId: notOnAgenda, meetingOn: MEETING }))
        .statusCode,
    ).toBe(403);
    const missing = { caseId: "0190a5e1-0000-7000-8000-000000000000", meetingOn: MEETING };
    expect((await h.call(secretary, "POST", "/api/v1/committee/agenda", missing)).statusCode).toBe(404);
    const bad = await h.call(secretary, "POST", "/api/v1/committee/agenda", {
      caseId: onAgenda,
      meetingOn: "2026-02-30",
    });
    expect([400, 422]).toContain(bad.statusCode);
  });

  it("a member then reads the case on the agenda, with its applicant, and no other case", async () => {
    const items = await agenda(member);
    expect(items.map((e) => e.caseId)).toEqual([onAgenda]);
    expect(items[0]?.applicantNames.map((n) => n.value)).toContain("Agenda Applicant");
    expect(items[0]?.votes).toBeNull();
    expect(items[0]?.tally).toBeNull();
    expect((await h.call(member, "GET", `/api/v1/cases/${onAgenda}`)).statusCode).toBe(200);
    expect((await h.call(member, "GET", `/api/v1/persons/${personOnAgenda}`)).statusCode).toBe(200);
    expect((await h.call(member, "GET", `/api/v1/cases/${notOnAgenda}`)).statusCode).toBe(404);
    // A member records no procedure event, lists no cases.
    expect((await h.call(member, "GET", "/api/v1/cases")).statusCode).toBe(403);
  });

  it("a vote to dismiss needs reasons; a vote is recorded, changed, and sealed at rest", async () => {
    const bare = await vote(member, onAgenda, { vote: "dismiss" });
    expect(bare.statusCode).toBe(422);
    expect(bare.body).toContain("reasons");
    const cast = await vote(member, onAgenda, { vote: "dismiss", reasons: REASONS });
    expect(cast.statusCode, cast.body).toBe(200);
    expect(cast.json<Entry>().myVote).toMatchObject({ vote: "dismiss", reasons: REASONS });
    const changed = await vote(member, onAgenda, { vote: "recognize" });
    expect(changed.json<Entry>().myVote).toMatchObject({ vote: "recognize", reasons: null });
    const back = await vote(member, onAgenda, { vote: "humanitarian_stay", reasons: REASONS });
    expect(back.statusCode).toBe(200);
    const stored = await h.test.db.query<{ reasons_enc: string }>("SELECT reasons_enc FROM committee_votes");
    expect(stored).toHaveLength(1);
    expect(stored[0]?.reasons_enc).not.toContain("canary");
  });

  it("RA 26: the examiner of the decision under review may not vote on it", async () => {
    const [entry] = await agenda(formerExaminer);
    expect(entry?.disqualified).toMatch(/RA 26/);
    const refused = await vote(formerExaminer, onAgenda, { vote: "recognize" });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("RA 26");
    const [other] = await agenda(member);
    expect(other?.disqualified).toBeNull();
  });

  it("a vote on a meeting whose agenda does not hold the case is 404", async () => {
    expect((await vote(member, onAgenda, { vote: "abstain" }, "2026-12-17")).statusCode).toBe(404);
    expect((await vote(member, notOnAgenda, { vote: "abstain" })).statusCode).toBe(404);
  });

  it("the secretariat sees every member's vote and the tally; a member only their own", async () => {
    const [entry] = await agenda(secretary);
    expect(entry?.votes?.map((v) => v.vote)).toEqual(["humanitarian_stay"]);
    expect(entry?.tally).toMatchObject({ humanitarian_stay: 1, recognize: 0, dismiss: 0, abstain: 0 });
    const [mine] = await agenda(formerExaminer);
    expect(mine?.myVote).toBeNull();
    expect(mine?.votes).toBeNull();
  });

  it("30 days after the meeting, the committee's members no longer reach the case", async () => {
    h.clock.tick(48 * 24 * 3600); // 2026-11-24 + 48 days = 2027-01-11, 32 days after 2026-12-10
    // Sessions have ended meanwhile: a member and a secretary sign in afresh.
    const later = await h.user("cm-member-later", "committee_member", null);
    const secretariat = await h.user("cm-secretary-later", "committee_secretary", null);
    expect(await agenda(later)).toEqual([]);
    expect(await agenda(later, `?from=${MEETING}`)).toEqual([]);
    expect((await h.call(later, "GET", `/api/v1/cases/${onAgenda}`)).statusCode).toBe(404);
    expect((await vote(later, onAgenda, { vote: "abstain" })).statusCode).toBe(404);
    // The secretariat still finds the meeting, asking for it.
    expect((await agenda(secretariat, `?from=${MEETING}`)).map((e) => e.caseId)).toEqual([onAgenda]);
  });
});
