/**
 * docs/security.md requirements 4–6 through the HTTP API: the server grants exactly the rights that
 * `src/security/access/rights.ts` lists for each role; another office's case, a case without a
 * current mandate and an interview assigned to someone else answer 404 on every endpoint, exactly
 * as if they did not exist; revoking a mandate takes effect on the next request; and the portal
 * never shows internal assessments, examiners' notes or another applicant's data.
 */
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRight, RIGHTS, ROLES, type Right, type Role } from "../../src/security/access/rights.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { DECISION, interviewHeld, openHarness, SUMMONS, type Harness } from "./fixture.ts";

const NOBODY = "0190a5e1-0000-7000-8000-000000000000";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What a client sees of an answer, with ids blanked (so "no case X" equals "no case Y"). */
const seen = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  body: res.body.replace(UUID, "<id>"),
});

describe.each(createTestDatabases())("who may see what, over HTTP, on $kind", (factory) => {
  let h: Harness;
  const byRole = {} as Record<Role, TestUser>;
  let caseId: string;
  let personId: string;
  beforeAll(async () => {
    h = await openHarness(factory);
    for (const role of ROLES) {
      const spans = [
        "committee_secretary",
        "committee_member",
        "analyst",
        "administrator",
        "interpreter",
        "representative",
        "coi_researcher",
        "translator",
      ];
      byRole[role] = await h.user(`ac-${role}`, role, spans.includes(role) ? null : "seoul");
    }
    ({ caseId, personId } = await h.newCase(byRole.intake_clerk, "seoul"));
    expect((await h.event(byRole.examiner, caseId, SUMMONS)).statusCode).toBe(201);
    // The committee's members reach only the cases on its agenda: this one is.
    const agenda = { caseId, meetingOn: "2026-12-10" };
    expect(
      (await h.call(byRole.committee_secretary, "POST", "/api/v1/committee/agenda", agenda)).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe("item 4: each role has exactly the rights of rights.ts", () => {
    const stale = { "if-match": '"999"' };
    /** One request per right; `denied` is how the server says the role lacks it; `ok` what it may answer otherwise. */
    const probes: Record<
      Right,
      {
        req: () => [
          method: "GET" | "POST" | "PUT" | "DELETE",
          url: string,
          body?: unknown,
          headers?: Record<string, string>,
        ];
        denied: number;
        ok: number[];
      }
    > = {
      "person.create": {
        req: () => ["POST", "/api/v1/persons", { names: [{ value: "Probe Person" }], nationality: "NPL" }],
        denied: 403,
        ok: [201],
      },
      "person.read": { req: () => ["GET", `/api/v1/persons/${personId}`], denied: 404, ok: [200] },
      "person.update": {
        req: () => ["POST", `/api/v1/persons/${personId}/countries`, { formerResidences: ["THA"] }],
        denied: 403,
        ok: [200],
      },
      "case.open": {
        req: () => [
          "POST",
          "/api/v1/cases",
          { personId, office: "seoul", channel: "in_country", kind: "first", filedOn: "2026-11-02" },
        ],
        denied: 403,
        ok: [201, 409, 422],
      },
      "case.read": { req: () => ["GET", `/api/v1/cases/${caseId}`], denied: 404, ok: [200] },
      "case.list": { req: () => ["GET", "/api/v1/cases"], denied: 403, ok: [200] },
      "deadline.read": { req: () => ["GET", "/api/v1/deadlines"], denied: 403, ok: [200] },
      "holiday.read": { req: () => ["GET", "/api/v1/holidays"], denied: 403, ok: [200] },
      "holiday.manage": {
        req: () => ["POST", "/api/v1/holidays", { date: "2027-03-02", name: "Probe day", kind: "temporary" }],
        denied: 403,
        ok: [201, 409],
      },
      "account.manage": { req: () => ["GET", "/api/v1/accounts"], denied: 403, ok: [200] },
      "policy.manage": {
        req: () => [
          "PUT",
          "/api/v1/offices/seoul/reapplication-policy",
          { policy: "kr-current", from: "2099-01-01", reason: "probe of the right to set the policy" },
        ],
        denied: 403,
        ok: [200, 409],
      },
      "token.manage": { req: () => ["DELETE", `/api/v1/tokens/${NOBODY}`], denied: 403, ok: [404] },
      "mandate.manage": { req: () => ["GET", `/api/v1/cases/${caseId}/mandates`], denied: 403, ok: [200] },
      "audit.report": { req: () => ["GET", "/api/v1/audit/report?month=2026-11"], denied: 403, ok: [200] },
      "integrity.verify": { req: () => ["GET", "/api/v1/integrity"], denied: 403, ok: [200] },
      "keys.manage": { req: () => ["GET", "/api/v1/keys"], denied: 403, ok: [200] },
      "alerts.read": { req: () => ["GET", "/api/v1/alerts"], denied: 403, ok: [200] },
      "disclosure.request": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/disclosures`,
          { recipientKind: "court", recipientCountry: "KOR", purpose: "probe" },
        ],
        denied: 403,
        ok: [201, 401], // 401: the second factor again first
      },
      "disclosure.confirm": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/disclosures/${NOBODY}/confirm-recipient`,
          { reason: "probe of the right to confirm" },
        ],
        denied: 403,
        ok: [404],
      },
      "statistics.read": { req: () => ["GET", "/api/v1/statistics/definitions"], denied: 403, ok: [200] },
      "statistics.decision_makers": {
        req: () => ["GET", "/api/v1/statistics/decision-makers?from=2026-01-01&to=2026-11-23"],
        denied: 403,
        ok: [200],
      },
      "portal.read": { req: () => ["GET", "/api/v1/portal/cases"], denied: 403, ok: [200] },
      "evidence.read": { req: () => ["GET", `/api/v1/cases/${NOBODY}/evidence`], denied: 403, ok: [404] },
      "evidence.attach": {
        req: () => [
          "POST",
          `/api/v1/cases/${NOBODY}/evidence`,
          {
            kind: "document",
            title: "Probe",
            supplier: "office",
            receivedOn: "2026-11-02",
            channel: "post",
            uploadIds: [NOBODY],
          },
        ],
        denied: 403,
        ok: [404],
      },
      "evidence.manage": {
        req: () => ["POST", `/api/v1/cases/${NOBODY}/evidence/${NOBODY}/withdrawal`, { reason: "probe" }],
        denied: 403,
        ok: [404],
      },
      "evidence.export": {
        req: () => [
          "POST",
          `/api/v1/cases/${NOBODY}/court-bundles`,
          { exhibits: [{ itemId: NOBODY, side: "applicant" }] },
        ],
        denied: 403,
        ok: [404],
      },
      "committee.agenda": { req: () => ["GET", "/api/v1/committee/agenda"], denied: 403, ok: [200] },
      "committee.agenda_manage": {
        req: () => ["POST", "/api/v1/committee/agenda", { caseId: NOBODY, meetingOn: "2026-12-10" }],
        denied: 403,
        ok: [404],
      },
      "committee.vote": {
        req: () => ["PUT", `/api/v1/committee/agenda/${NOBODY}/2026-12-10/vote`, { vote: "abstain" }],
        denied: 403,
        ok: [404],
      },
      "coi.read": { req: () => ["GET", "/api/v1/coi/search?q=probe"], denied: 403, ok: [200] },
      "coi.manage": {
        req: () => [
          "PUT",
          `/api/v1/coi/documents/${NOBODY}`,
          { source: "Probe Monitor", title: "Probe", country: "KHM", language: "en" },
        ],
        denied: 403,
        ok: [404],
      },
      "translation.request": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/translations`,
          { kind: "fact_statement", ref: NOBODY, sourceLanguage: "ko", targetLanguages: ["km"] },
        ],
        denied: 403,
        ok: [404],
      },
      "translation.work": { req: () => ["GET", "/api/v1/translations"], denied: 403, ok: [200] },
      "translation.memory": { req: () => ["GET", "/api/v1/translation-memory"], denied: 403, ok: [200] },
      "translation.engines": {
        req: () => [
          "PUT",
          "/api/v1/translation-engines/probe/pairs",
          { source: "ko", target: "km", enabled: true },
        ],
        denied: 403,
        ok: [404],
      },
      "interview.read_assigned": { req: () => ["GET", "/api/v1/interviews"], denied: 403, ok: [200] },
      "decision.approve": { req: () => ["GET", "/api/v1/approvals"], denied: 403, ok: [200] },
      "case.assign": {
        req: () => ["PUT", `/api/v1/cases/${NOBODY}/assignee`, { accountId: null }],
        denied: 403,
        ok: [404],
      },
      // Events against a stale version: whoever may record them gets 412, and nothing changes.
      "event.intake": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/events`,
          { type: "withdrawn", occurredOn: "2026-11-02" },
          stale,
        ],
        denied: 403,
        ok: [412],
      },
      "event.examination": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/events`,
          { type: "interview_missed", occurredOn: "2026-10-01" },
          stale,
        ],
        denied: 403,
        ok: [412],
      },
      "event.decision": {
        // Like every other event: a role that records decisions in no profile is told so (403)
        // before any case is read, so the answer says nothing about the case.
        req: () => ["POST", `/api/v1/cases/${caseId}/events`, DECISION, stale],
        denied: 403,
        ok: [412],
      },
      "event.objection": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/events`,
          { type: "objection_filed", occurredOn: "2026-11-02" },
          stale,
        ],
        denied: 403,
        ok: [412],
      },
      "event.litigation": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/events`,
          {
            type: "suit_filed",
            occurredOn: "2026-11-02",
            court: "Seoul Administrative Court",
            level: 1,
            docketNo: "2026구합1",
          },
          stale,
        ],
        denied: 403,
        ok: [412],
      },
      "event.status": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/events`,
          { type: "cessation_decided", occurredOn: "2026-11-02", ground: "probe" },
          stale,
        ],
        denied: 403,
        ok: [412],
      },
      "event.enforcement": {
        req: () => [
          "POST",
          `/api/v1/cases/${caseId}/events`,
          { type: "removal_requested", occurredOn: "2026-11-02", requestedBy: "probe" },
          stale,
        ],
        denied: 403,
        ok: [412],
      },
    };

    it("has a probe for every right", () => {
      expect(Object.keys(probes).sort()).toEqual([...RIGHTS].sort());
    });

    for (const role of ROLES) {
      it(`${role}: allowed exactly what rights.ts grants`, async () => {
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const right of RIGHTS) {
          const [method, url, body, headers] = probes[right].req();
          const res = await h.call(byRole[role], method, url, body, headers);
          got[right] = probes[right].ok.includes(res.statusCode)
            ? "allowed"
            : res.statusCode === probes[right].denied
              ? "denied"
              : `unexpected ${res.statusCode} ${res.body.slice(0, 200)}`;
          want[right] = hasRight(role, right) ? "allowed" : "denied";
        }
        expect(got).toEqual(want);
      });
    }
  });

  describe("item 5: another office's case answers 404 everywhere, like one that does not exist", () => {
    let busanClerk: TestUser;
    let busanSupervisor: TestUser;
    let draftId: string;
    let mandateId: string;
    let version: number;
    beforeAll(async () => {
      busanClerk = await h.user("ac-busan-clerk", "intake_clerk", "busan");
      busanSupervisor = await h.user("ac-busan-supervisor", "supervisor", "busan");
      expect(
        (await h.event(byRole.examiner, caseId, interviewHeld(byRole.examiner.username))).statusCode,
      ).toBe(201);
      const draft = await h.event(byRole.examiner, caseId, DECISION);
      expect(draft.statusCode, draft.body).toBe(202);
      draftId = draft.json<{ id: string }>().id;
      const m = await h.call(byRole.intake_clerk, "POST", `/api/v1/cases/${caseId}/mandates`, {
        representativeId: byRole.representative.id,
        validFrom: "2026-11-01",
      });
      expect(m.statusCode, m.body).toBe(201);
      mandateId = m.json<{ id: string }>().id;
      version = (await h.call(byRole.examiner, "GET", `/api/v1/cases/${caseId}`)).json<{ version: number }>()
        .version;
      h.clock.tick();
      await stepUp(h.app, h.ctx, busanSupervisor);
    });

    const endpoints = (): [
      string,
      () => TestUser,
      "GET" | "POST" | "DELETE",
      (id: string) => string,
      unknown?,
      Record<string, string>?,
    ][] => [
      ["case view", () => busanSupervisor, "GET", (id) => `/api/v1/cases/${id}`],
      ["timeline", () => busanSupervisor, "GET", (id) => `/api/v1/cases/${id}/events`],
      [
        "record an event (at the right version)",
        () => busanSupervisor,
        "POST",
        (id) => `/api/v1/cases/${id}/events`,
        { type: "withdrawn", occurredOn: "2026-11-02" },
        { "if-match": `"${version}"` },
      ],
      [
        "draft a decision (at the right version)",
        () => busanSupervisor,
        "POST",
        (id) => `/api/v1/cases/${id}/events`,
        DECISION,
        { "if-match": `"${version}"` },
      ],
      ["list mandates", () => busanClerk, "GET", (id) => `/api/v1/cases/${id}/mandates`],
      [
        "grant a mandate",
        () => busanClerk,
        "POST",
        (id) => `/api/v1/cases/${id}/mandates`,
        { representativeId: byRole.representative.id, validFrom: "2026-11-01" },
      ],
      [
        "request a disclosure",
        () => busanSupervisor,
        "POST",
        (id) => `/api/v1/cases/${id}/disclosures`,
        { recipientKind: "unhcr", recipientCountry: "CHE", purpose: "x" },
      ],
      [
        "assign an interpreter",
        () => busanSupervisor,
        "POST",
        (id) => `/api/v1/cases/${id}/interview-assignments`,
        { interpreterId: byRole.interpreter.id, interviewOn: "2026-12-01", language: "my" },
      ],
    ];

    it("on every endpoint that takes the case's id", async () => {
      for (const [name, who, method, url, body, headers] of endpoints()) {
        const foreign = await h.call(who(), method, url(caseId), body, headers);
        const missing = await h.call(who(), method, url(NOBODY), body, headers);
        expect(seen(foreign), name).toEqual(seen(missing));
        expect(foreign.statusCode, name).toBe(404);
      }
    });

    it("on the person, the draft decision and the mandate of that case", async () => {
      const pairs: [string, TestUser, "GET" | "POST" | "DELETE", (id: string) => string, string, unknown?][] =
        [
          ["person", busanSupervisor, "GET", (id) => `/api/v1/persons/${id}`, personId],
          ["approve the draft", busanSupervisor, "POST", (id) => `/api/v1/approvals/${id}/approve`, draftId],
          [
            "return the draft",
            busanSupervisor,
            "POST",
            (id) => `/api/v1/approvals/${id}/return`,
            draftId,
            { reason: "x" },
          ],
          ["revoke the mandate", busanClerk, "DELETE", (id) => `/api/v1/mandates/${id}`, mandateId],
        ];
      for (const [name, who, method, url, id, body] of pairs) {
        const foreign = await h.call(who, method, url(id), body);
        const missing = await h.call(who, method, url(NOBODY), body);
        expect(seen(foreign), name).toEqual(seen(missing));
        expect(foreign.statusCode, name).toBe(404);
      }
      // Nothing changed: the draft still waits, the mandate holds, the case is where it was.
      const queue = await h.call(byRole.supervisor, "GET", "/api/v1/approvals");
      expect(queue.json<{ items: { id: string }[] }>().items.map((d) => d.id)).toContain(draftId);
      expect((await h.call(byRole.representative, "GET", `/api/v1/portal/cases/${caseId}`)).statusCode).toBe(
        200,
      );
      expect(
        (await h.call(byRole.examiner, "GET", `/api/v1/cases/${caseId}`)).json<{ version: number }>().version,
      ).toBe(version);
    });

    it("in every list and search", async () => {
      const lists: [string, "GET" | "POST", string, unknown?][] = [
        ["cases", "GET", "/api/v1/cases?limit=200"],
        ["deadlines", "GET", "/api/v1/deadlines?limit=500"],
        ["approvals", "GET", "/api/v1/approvals"],
        ["cases of the person", "GET", `/api/v1/cases?personId=${personId}`],
      ];
      for (const [name, method, url, body] of lists) {
        const res = await h.call(busanSupervisor, method, url, body);
        expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
        expect(res.body, name).not.toContain(caseId);
        expect(res.body, name).not.toContain(draftId);
      }
      // While the seoul staff do see them.
      expect((await h.call(byRole.supervisor, "GET", "/api/v1/cases?limit=200")).body).toContain(caseId);
    });
  });

  describe("item 5: representatives see only cases with a current mandate", () => {
    let rep: TestUser;
    let own: string;
    let other: string;
    let mandateId: string;
    beforeAll(async () => {
      rep = await h.user("ac-rep", "representative", null);
      own = (await h.newCase(byRole.intake_clerk, "seoul")).caseId;
      other = (await h.newCase(byRole.intake_clerk, "seoul")).caseId;
      const m = await h.call(byRole.intake_clerk, "POST", `/api/v1/cases/${own}/mandates`, {
        representativeId: rep.id,
        validFrom: "2026-11-01",
      });
      expect(m.statusCode, m.body).toBe(201);
      mandateId = m.json<{ id: string }>().id;
    });

    it("sees the mandated case, and any other answers as if it did not exist", async () => {
      const list = await h.call(rep, "GET", "/api/v1/portal/cases");
      expect(list.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toEqual([own]);
      expect((await h.call(rep, "GET", `/api/v1/portal/cases/${own}`)).statusCode).toBe(200);
      const foreign = await h.call(rep, "GET", `/api/v1/portal/cases/${other}`);
      expect(seen(foreign)).toEqual(seen(await h.call(rep, "GET", `/api/v1/portal/cases/${NOBODY}`)));
      expect(foreign.statusCode).toBe(404);
      // The staff endpoints are closed even for the mandated case.
      for (const url of [`/api/v1/cases/${own}`, `/api/v1/cases/${own}/events`]) {
        expect((await h.call(rep, "GET", url)).statusCode, url).toBe(404);
      }
    });

    it("does not see a mandate that has ended or has not yet begun", async () => {
      const ended = (await h.newCase(byRole.intake_clerk, "seoul")).caseId;
      const future = (await h.newCase(byRole.intake_clerk, "seoul")).caseId;
      const grant = (id: string, body: Record<string, string>) =>
        h.call(byRole.intake_clerk, "POST", `/api/v1/cases/${id}/mandates`, {
          representativeId: rep.id,
          ...body,
        });
      expect((await grant(ended, { validFrom: "2026-01-01", validUntil: "2026-11-23" })).statusCode).toBe(
        201,
      );
      expect((await grant(future, { validFrom: "2026-11-25" })).statusCode).toBe(201);
      for (const id of [ended, future])
        expect((await h.call(rep, "GET", `/api/v1/portal/cases/${id}`)).statusCode).toBe(404);
      const list = await h.call(rep, "GET", "/api/v1/portal/cases");
      expect(list.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toEqual([own]);
    });

    it("loses the case on the very next request after the mandate is revoked", async () => {
      expect((await h.call(rep, "GET", `/api/v1/portal/cases/${own}`)).statusCode).toBe(200);
      const revoke = await h.call(byRole.intake_clerk, "DELETE", `/api/v1/mandates/${mandateId}`);
      expect(revoke.statusCode, revoke.body).toBe(204);
      expect((await h.call(rep, "GET", `/api/v1/portal/cases/${own}`)).statusCode).toBe(404);
      expect((await h.call(rep, "GET", "/api/v1/portal/cases")).json<{ items: unknown[] }>().items).toEqual(
        [],
      );
    });
  });

  describe("item 5: interpreters see only the interviews assigned to them", () => {
    it("lists their own assignments, nothing of anyone else's, and no case file", async () => {
      const mine = await h.user("ac-interpreter-1", "interpreter", null);
      const theirs = await h.user("ac-interpreter-2", "interpreter", null);
      const { caseId: c1 } = await h.newCase(byRole.intake_clerk, "seoul");
      const { caseId: c2 } = await h.newCase(byRole.intake_clerk, "seoul");
      const assign = (c: string, who: TestUser, on: string) =>
        h.call(byRole.examiner, "POST", `/api/v1/cases/${c}/interview-assignments`, {
          interpreterId: who.id,
          interviewOn: on,
          language: "my",
          place: "Interview room 2",
        });
      expect((await assign(c1, mine, "2026-12-01")).statusCode).toBe(201);
      expect((await assign(c2, theirs, "2026-12-02")).statusCode).toBe(201);
      // An interview scheduled with its record gives the interpreter the same reach, and no more.
      const { caseId: c3 } = await h.newCase(byRole.intake_clerk, "seoul");
      const scheduled = await h.call(byRole.examiner, "POST", `/api/v1/cases/${c3}/interviews`, {
        interviewOn: "2026-12-03",
        startTime: "09:30",
        mode: "in_person",
        place: "Interview room 5",
        language: "my",
        interpreterId: mine.id,
      });
      expect(scheduled.statusCode, scheduled.body).toBe(201);
      expect((await h.call(mine, "GET", `/api/v1/cases/${c3}/interviews`)).statusCode).toBe(403);
      const names = async (c: string) => {
        const view = await h.call(byRole.examiner, "GET", `/api/v1/cases/${c}`);
        const person = await h.call(
          byRole.examiner,
          "GET",
          `/api/v1/persons/${view.json<{ personId: string }>().personId}`,
        );
        return person.json<{ names: { value: string }[] }>().names.map((n) => n.value);
      };
      const list = await h.call(mine, "GET", "/api/v1/interviews");
      expect(list.statusCode).toBe(200);
      const items = list.json<{
        items: { caseId: string; place: string; applicantNames: { value: string }[] }[];
      }>().items;
      expect(items.map((i) => i.caseId)).toEqual([c1, c3]);
      // When, where, which language and for whom: the applicant's names of their own interview only.
      expect(items[0]?.place).toBe("Interview room 2");
      expect(items[1]?.place).toContain("Interview room 5");
      expect(items[0]?.applicantNames.map((n) => n.value)).toEqual(await names(c1));
      expect(list.body).not.toContain(c2);
      for (const n of await names(c2)) expect(list.body).not.toContain(n);
      // The access record says whose names were shown.
      const [shown] = await h.test.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'interview.applicant_names' AND case_id = $1",
        [c1],
      );
      expect(shown?.n).toBe(1);
      for (const url of [`/api/v1/cases/${c1}`, `/api/v1/cases/${c1}/events`]) {
        expect((await h.call(mine, "GET", url)).statusCode, url).toBe(404);
      }
    });
  });

  describe("item 6: the portal shows no internal assessment, examiner's note or other applicant", () => {
    it("answers with the stage, deadlines and notices only", async () => {
      const tag = Date.now().toString(36);
      // The lawyer's own client's name is shown (they act for them); nothing else of theirs.
      const ownName = `Applicant-Own-${tag}`;
      const secret = {
        reasons: `INTERNAL-ASSESSMENT-${tag}`,
        corrections: `EXAMINER-NOTE-${tag}`,
        examinerId: `EXAMINER-ID-${tag}`,
        returned: `RETURN-REASON-${tag}`,
        purpose: `DISCLOSURE-PURPOSE-${tag}`,
        passport: `OWNPASS${tag}`,
        faith: `OWN-FAITH-${tag}`,
        otherName: `Other-Applicant-${tag}`,
        otherPassport: `OTHERPASS${tag}`,
      };
      const rep = await h.user("ac-portal-rep", "representative", null);
      const { caseId: c } = await h.newCase(byRole.intake_clerk, "seoul", {
        names: [{ value: ownName }],
        identifiers: [{ kind: "passport", value: secret.passport }],
        sensitiveFacts: { religion: secret.faith },
      });
      const { caseId: otherCase } = await h.newCase(byRole.intake_clerk, "seoul", {
        names: [{ value: secret.otherName }],
        identifiers: [{ kind: "passport", value: secret.otherPassport }],
      });
      const ex = byRole.examiner;
      expect((await h.event(ex, c, SUMMONS)).statusCode).toBe(201);
      const held = await h.event(ex, c, {
        ...interviewHeld(secret.examinerId),
        corrections: secret.corrections,
      });
      expect(held.statusCode, held.body).toBe(201);
      // A draft returned with a reason, then one approved, with internal reasons.
      const first = await h.event(ex, c, { ...DECISION, reasons: secret.reasons });
      h.clock.tick();
      await stepUp(h.app, h.ctx, byRole.supervisor);
      const back = await h.call(
        byRole.supervisor,
        "POST",
        `/api/v1/approvals/${first.json<{ id: string }>().id}/return`,
        {
          reason: secret.returned,
        },
      );
      expect(back.statusCode, back.body).toBe(200);
      const second = await h.event(ex, c, {
        ...DECISION,
        reasons: secret.reasons,
        examinerId: secret.examinerId,
      });
      const ok = await h.call(
        byRole.supervisor,
        "POST",
        `/api/v1/approvals/${second.json<{ id: string }>().id}/approve`,
      );
      expect(ok.statusCode, ok.body).toBe(201);
      const disclosure = await h.call(byRole.supervisor, "POST", `/api/v1/cases/${c}/disclosures`, {
        recipientKind: "unhcr",
        recipientCountry: "CHE",
        purpose: secret.purpose,
      });
      expect(disclosure.statusCode, disclosure.body).toBe(201);
      for (const id of [c, otherCase]) {
        const who = id === c ? rep : byRole.representative;
        const m = await h.call(byRole.intake_clerk, "POST", `/api/v1/cases/${id}/mandates`, {
          representativeId: who.id,
          validFrom: "2026-11-01",
        });
        expect(m.statusCode).toBe(201);
      }
      // The staff's timeline does hold the internal data, so the check below has something to miss.
      const timeline = await h.call(ex, "GET", `/api/v1/cases/${c}/events`);
      for (const s of [secret.reasons, secret.corrections, secret.examinerId])
        expect(timeline.body).toContain(s);

      const answers = [
        await h.call(rep, "GET", `/api/v1/portal/cases/${c}`),
        await h.call(rep, "GET", "/api/v1/portal/cases"),
      ];
      for (const res of answers) {
        expect(res.statusCode).toBe(200);
        for (const [what, s] of Object.entries(secret)) expect(res.body, what).not.toContain(s);
        expect(res.body).not.toContain(otherCase);
        expect(res.body).not.toContain(ex.username);
        expect(res.body).not.toContain(byRole.supervisor.username);
        expect(res.body).toContain(ownName);
      }
      const view = answers[0]?.json<Record<string, unknown>>() ?? {};
      expect(Object.keys(view).sort()).toEqual(
        [
          "applicantStatus",
          "caseNumber",
          "deadlines",
          "filedOn",
          "final",
          "finalSince",
          "id",
          "names",
          "notices",
          "office",
          "profile",
          "protection",
          "redecisionRequired",
          "stage",
        ].sort(),
      );
      for (const n of view.notices as Record<string, unknown>[])
        expect(Object.keys(n).sort()).toEqual(["occurredOn", "type"]);
    });
  });
});
