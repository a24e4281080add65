/**
 * Identity matching through the API, on each database (docs/identity-matching.md): a returning
 * applicant registered under a Korean spelling of their name is proposed the earlier person, with
 * the reasons and how the earlier case ended; the intake clerk confirms or rejects with a reason
 * (recorded, the note sealed); a confirmed person's earlier case can then be named as a subsequent
 * application's prior case, an unconfirmed one cannot; another office's clerk sees nothing.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PersonLink, PersonMatchList } from "../../src/contracts/persons-matching.ts";
import { fillMatchBlocks } from "../../src/persons/matching/db.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "../security/fixture.ts";
import { stepUp } from "../support/auth.ts";

describe.each(createTestDatabases())("identity matching on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser;
  let busanClerk: TestUser;
  let earlier: { caseId: string; personId: string };
  let namesake: { caseId: string; personId: string };
  let returning: string;
  const tag = randomBytes(3).toString("hex");
  const note = `Applicant showed the earlier ARC ${tag}`;

  const register = async (u: TestUser, body: Record<string, unknown>) => {
    const res = await h.call(u, "POST", "/api/v1/persons", body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const matches = async (u: TestUser, id: string) => {
    const res = await h.call(u, "GET", `/api/v1/persons/${id}/matches`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PersonMatchList>();
  };
  const decide = (u: TestUser, id: string, body: unknown) =>
    h.call(u, "POST", `/api/v1/persons/${id}/links`, body);
  const linkCount = async () =>
    Number((await h.test.db.query<{ n: string }>("SELECT count(*) AS n FROM person_links"))[0]?.n);

  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("m-clerk", "intake_clerk", "seoul");
    busanClerk = await h.user("m-busan", "intake_clerk", "busan");
    earlier = await h.newCase(clerk, "seoul", {
      names: [
        { value: "Chan Sokha", script: "Latn", kind: "primary" },
        { value: "ចាន់ សុខា", script: "Khmr", kind: "other" },
      ],
      birthDate: "1991-04-17",
      sex: "male",
      nationality: "KHM",
    });
    // Withdrawn (a change that lifts the removal bar: drafted, then approved by a supervisor).
    const supervisor = await h.user("m-supervisor", "supervisor", "seoul");
    const draft = await h.event(clerk, earlier.caseId, { type: "withdrawn", occurredOn: "2026-09-15" });
    expect(draft.statusCode, draft.body).toBe(202);
    h.clock.tick();
    await stepUp(h.app, h.ctx, supervisor);
    const ok = await h.call(
      supervisor,
      "POST",
      `/api/v1/approvals/${draft.json<{ id: string }>().id}/approve`,
    );
    expect(ok.statusCode, ok.body).toBe(201);
    namesake = await h.newCase(clerk, "seoul", {
      names: [{ value: "Chan Dara", script: "Latn", kind: "primary" }],
      birthDate: "1980-02-03",
      sex: "male",
      nationality: "KHM",
    });
    returning = await register(clerk, {
      names: [{ value: "속하 찬", script: "Hang", kind: "hangul_transcription" }],
      birthDate: "1991-01-01",
      sex: "male",
      nationality: "KHM",
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("proposes the earlier person under another script and order, explained, with how the case ended", async () => {
    const list = await matches(clerk, returning);
    const top = list.items[0];
    expect(top?.personId).toBe(earlier.personId);
    expect(top?.proposed).toBe(true);
    expect(top?.score).toBeGreaterThanOrEqual(list.threshold);
    expect(top?.explanation.en).toContain("all name parts sound alike, written in another script");
    expect(top?.explanation.en).toContain("same birth year");
    expect(top?.explanation.en).toContain("same nationality");
    expect(top?.explanation.ko).toContain("국적이 같음");
    expect(top?.cases).toEqual([
      expect.objectContaining({
        id: earlier.caseId,
        office: "seoul",
        kind: "first",
        ending: expect.objectContaining({ ending: "withdrawn", finalOn: "2026-09-15" }),
      }),
    ]);
    expect(top?.decision).toBeNull();
    // The namesake born eleven years earlier is not proposed.
    expect(list.items.map((i) => i.personId)).not.toContain(namesake.personId);
  });

  it("gives a person's own cases with how each ended, and none to a person newly registered", async () => {
    const own = await matches(clerk, earlier.personId);
    expect(own.ownCases).toEqual([
      expect.objectContaining({
        id: earlier.caseId,
        ending: expect.objectContaining({ ending: "withdrawn", finalOn: "2026-09-15" }),
      }),
    ]);
    // The one proposed for them is the returning registration, which has no case of its own.
    expect((await matches(clerk, returning)).ownCases).toEqual([]);
  });

  it("records the query without any name or date", async () => {
    const [row] = await h.test.db.query<{ details: Record<string, unknown>; row: string }>(
      "SELECT details, l::text AS row FROM audit_log l WHERE action = 'person.matches' ORDER BY seq DESC LIMIT 1",
    );
    expect(row?.details).toMatchObject({ personId: returning, proposed: 1 });
    expect(row?.row).not.toMatch(/Sokha|속하|1991/);
  });

  it("records every person shown, a few ids to each access record", async () => {
    const twins: string[] = [];
    for (let i = 0; i < 7; i++)
      twins.push(
        await register(clerk, {
          names: [{ value: "Keo Bopha", script: "Latn", kind: "primary" }],
          birthDate: "1988-03-09",
          sex: "female",
          nationality: "KHM",
        }),
      );
    const [before] = await h.test.db.query<{ n: string | null }>("SELECT max(seq) AS n FROM audit_log");
    const list = await matches(clerk, twins[0]!);
    expect(list.items.map((i) => i.personId).sort()).toEqual(twins.slice(1).sort());
    const rows = await h.test.db.query<{ details: Record<string, string | number> }>(
      "SELECT details FROM audit_log WHERE action = 'person.matches' AND seq > $1 ORDER BY seq",
      [before?.n ?? 0],
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]?.details).toMatchObject({ personId: twins[0], shown: 6 });
    const recorded = rows.flatMap((r) => String(r.details.personIds).split(",")).filter(Boolean);
    expect(recorded.sort()).toEqual(twins.slice(1).sort());
  });

  it.each([
    [
      "a reason that does not fit the decision",
      { decision: "confirmed", reason: "details_differ" },
      "reason",
    ],
    ["the reason other without a note", { decision: "rejected", reason: "other" }, "note"],
    ["an unknown decision", { decision: "maybe", reason: "details_agree" }, "decision"],
  ])("refuses %s with 422 and records nothing", async (_what, body, field) => {
    const before = await linkCount();
    const res = await decide(clerk, returning, { otherPersonId: earlier.personId, ...body });
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.body).toContain(field);
    expect(await linkCount()).toBe(before);
  });

  it("refuses to link a person with themself", async () => {
    const res = await decide(clerk, returning, {
      otherPersonId: returning,
      decision: "confirmed",
      reason: "details_agree",
    });
    expect(res.statusCode).toBe(422);
  });

  it("answers another office's clerk 404, as if the person did not exist, and links nothing", async () => {
    expect((await h.call(busanClerk, "GET", `/api/v1/persons/${returning}/matches`)).statusCode).toBe(404);
    const before = await linkCount();
    const res = await decide(busanClerk, returning, {
      otherPersonId: earlier.personId,
      decision: "confirmed",
      reason: "details_agree",
    });
    expect(res.statusCode).toBe(404);
    expect(await linkCount()).toBe(before);
  });

  it("does not accept an unconfirmed person's case as the earlier case", async () => {
    const res = await h.call(clerk, "POST", "/api/v1/cases", {
      personId: returning,
      office: "seoul",
      channel: "in_country",
      kind: "subsequent",
      filedOn: "2026-11-20",
      priorCaseIds: [earlier.caseId],
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("priorCaseIds");
  });

  it("rejects the namesake and confirms the earlier person, with who, why and a sealed note", async () => {
    const rejected = await decide(clerk, returning, {
      otherPersonId: namesake.personId,
      decision: "rejected",
      reason: "details_differ",
    });
    expect(rejected.statusCode, rejected.body).toBe(201);
    const res = await decide(clerk, returning, {
      otherPersonId: earlier.personId,
      decision: "confirmed",
      reason: "other",
      note,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<PersonLink>()).toMatchObject({
      personId: returning,
      otherPersonId: earlier.personId,
      decision: "confirmed",
      reason: "other",
      note,
      decidedBy: clerk.username,
    });
    const stored = await h.test.db.query<{ row: string }>("SELECT l::text AS row FROM person_links l");
    expect(stored.map((r) => r.row).join("\n")).not.toContain(tag);
    const [audit] = await h.test.db.query<{ details: Record<string, unknown>; row: string }>(
      "SELECT details, l::text AS row FROM audit_log l WHERE action = 'person.link' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit?.details).toMatchObject({
      decision: "confirmed",
      reason: "other",
      otherPersonId: earlier.personId,
    });
    expect(audit?.row).not.toContain(tag);

    const links = await h.call(clerk, "GET", `/api/v1/persons/${returning}/links`);
    expect(links.statusCode).toBe(200);
    expect(links.json<{ items: PersonLink[] }>().items.map((l) => [l.otherPersonId, l.decision])).toEqual(
      expect.arrayContaining([
        [earlier.personId, "confirmed"],
        [namesake.personId, "rejected"],
      ]),
    );
    // The earlier person's side sees the same decision.
    const theirs = await h.call(clerk, "GET", `/api/v1/persons/${earlier.personId}/links`);
    expect(theirs.json<{ items: PersonLink[] }>().items[0]).toMatchObject({
      otherPersonId: returning,
      decision: "confirmed",
    });
    // And the matches show it.
    const list = await matches(clerk, returning);
    expect(list.items.find((i) => i.personId === earlier.personId)?.decision).toMatchObject({
      decision: "confirmed",
    });
    expect(list.items.find((i) => i.personId === namesake.personId)?.decision).toMatchObject({
      decision: "rejected",
    });
  });

  it("opens a subsequent application naming the confirmed person's earlier case", async () => {
    const res = await h.call(clerk, "POST", "/api/v1/cases", {
      personId: returning,
      office: "seoul",
      channel: "in_country",
      kind: "subsequent",
      filedOn: "2026-11-20",
      priorCaseIds: [earlier.caseId],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: "subsequent", priorCaseIds: [earlier.caseId] });
  });

  it("a later rejection undoes the link, and the history stays", async () => {
    const res = await decide(clerk, earlier.personId, {
      otherPersonId: returning,
      decision: "rejected",
      reason: "different_documents",
    });
    expect(res.statusCode).toBe(201);
    const links = await h.call(clerk, "GET", `/api/v1/persons/${returning}/links`);
    expect(
      links.json<{ items: PersonLink[] }>().items.find((l) => l.otherPersonId === earlier.personId)?.decision,
    ).toBe("rejected");
    const rows = await h.test.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM person_links WHERE person_a = $1 OR person_b = $1",
      [earlier.personId],
    );
    expect(Number(rows[0]?.n)).toBe(2);
  });
  it("makes again the keys an earlier version made, and finds the person again", async () => {
    const person = {
      names: [{ value: "Ouk Rithy" }],
      birthDate: "1979-12-01",
      sex: "male",
      nationality: "KHM",
    };
    const first = await register(clerk, person);
    const second = await register(clerk, { ...person, names: [{ value: "욱 리티" }] });
    await h.test.db.query("UPDATE person_match_blocks SET blocks = '{1,2,3}' WHERE person_id = $1", [first]);
    expect((await matches(clerk, second)).items.map((i) => i.personId)).not.toContain(first);
    let made = 0;
    for (let n = 1; n > 0; made += n)
      n = await h.ctx.db.transaction((tx) => fillMatchBlocks(tx, h.ctx.keyring, 100));
    expect(made).toBe(1);
    expect((await matches(clerk, second)).items.map((i) => i.personId)).toContain(first);
  });
});
