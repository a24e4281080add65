/**
 * The interview record through HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: schedule
 * with requests, attendance and the recording; segments entered one after another; read-back
 * where a correction is a new version and the old one stays; signature that locks the record;
 * change requests that only another supervisor approves; sealed text and access records; bad
 * input, out of reach, the interpreter's own list, and the segment references part A uses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../../src/demo/minimal-pdf.ts";
import { segmentRefs } from "../../src/interviews/segments.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { completeUpload, withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

interface Version {
  version: number;
  kind: string;
  question: string;
  answer: string;
  startSecond: number;
  endSecond: number;
  reason: string | null;
  recordedBy: string;
}
interface Record_ {
  id: string;
  status: string;
  interpreter: { id: string } | null;
  requests: { interviewer: { requested: boolean; met: boolean | null } };
  attendance: { trustedPerson: string | null; unhcr: string | null };
  recordingItemId: string | null;
  signature: { applicant: { signed: boolean; refusalReason?: string }; interpreterSigned: boolean } | null;
  segments: {
    id: string;
    position: number;
    current: Version;
    history: Version[];
    readBack: { outcome: string } | null;
  }[];
  changeRequests: { id: string; status: string; returnReason: string | null; reason: string }[];
  copyRequests: { requestedBy: string }[];
}

describe.each(createTestDatabases())("the interview record on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  const u = {} as Record<
    | "clerk"
    | "examiner"
    | "supervisor"
    | "supervisor2"
    | "busan"
    | "interpreter"
    | "otherInterpreter"
    | "lawyer"
    | "otherLawyer",
    TestUser
  >;
  let caseId: string;
  let otherCase: string;
  let recordingId: string;
  let otherCaseItem: string;
  let interviewId: string;
  const base = () => `/api/v1/cases/${caseId}/interviews`;
  const schedule = (extra: Record<string, unknown> = {}) => ({
    interviewOn: "2026-11-20",
    startTime: "10:00",
    mode: "in_person",
    place: "Interview room 3",
    language: "km",
    interpreterId: u.interpreter.id,
    requests: {
      interviewer: { requested: true, met: true },
      interpreter: { requested: true, met: false },
    },
    attendance: { representative: null, trustedPerson: "Trusted Friend Sokha", unhcr: "UNHCR Observer" },
    ...extra,
  });
  const seg = (n: number) => ({
    question: `Question ${n}: what did you post on the channel?`,
    answer: `Answer ${n}: I posted the call to the rally in Seoul.`,
    startSecond: n * 60,
    endSecond: n * 60 + 45,
  });

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    u.clerk = await h.user("iv-clerk", "intake_clerk", "seoul");
    u.examiner = await h.user("iv-examiner", "examiner", "seoul");
    u.supervisor = await h.user("iv-supervisor", "supervisor", "seoul");
    u.supervisor2 = await h.user("iv-supervisor-2", "supervisor", "seoul");
    u.busan = await h.user("iv-busan", "examiner", "busan");
    u.interpreter = await h.user("iv-interpreter", "interpreter", null);
    u.otherInterpreter = await h.user("iv-interpreter-2", "interpreter", null);
    u.lawyer = await h.user("iv-lawyer", "representative", null);
    u.otherLawyer = await h.user("iv-lawyer-2", "representative", null);
    ({ caseId } = await h.newCase(u.clerk, "seoul"));
    ({ caseId: otherCase } = await h.newCase(u.clerk, "seoul"));
    const attach = async (c: string, title: string) => {
      const up = await completeUpload(h.app, c, u.examiner, "recording.pdf", minimalPdf([title]));
      const res = await h.call(u.examiner, "POST", `/api/v1/cases/${c}/evidence`, {
        kind: "document",
        title,
        supplier: "office",
        receivedOn: "2026-11-20",
        channel: "interview",
        language: "km",
        uploadIds: [up],
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    recordingId = await attach(caseId, "Interview recording (fictional)");
    otherCaseItem = await attach(otherCase, "Another case's item");
    const m = await h.call(u.clerk, "POST", `/api/v1/cases/${caseId}/mandates`, {
      representativeId: u.lawyer.id,
      validFrom: "2026-11-01",
    });
    expect(m.statusCode, m.body).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  it("refuses bad input with 422 and changes nothing", async () => {
    const count = async () =>
      (
        await h.test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM interviews WHERE case_id = $1`, [
          caseId,
        ])
      )[0]?.n;
    const before = await count();
    for (const [body, path] of [
      [schedule({ startTime: "25:00" }), "startTime"],
      [schedule({ mode: "telepathy" }), "mode"],
      [schedule({ place: "" }), "place"],
      [schedule({ language: "zz-not" }), "language"],
      [schedule({ interpreterId: u.examiner.id }), "interpreterId"],
      [schedule({ recordingItemId: otherCaseItem }), "recordingItemId"],
      [
        schedule({
          requests: {
            interviewer: { requested: false, met: true },
            interpreter: { requested: false, met: null },
          },
        }),
        "requests",
      ],
      [{ ...schedule(), extra: 1 }, ""],
    ] as const) {
      const res = await h.call(u.examiner, "POST", base(), body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(422);
      expect(res.json<{ issues: { path: string }[] }>().issues.length).toBeGreaterThan(0);
      if (path) expect(res.body).toContain(path);
    }
    expect(await count()).toBe(before);
  });

  it("schedules an interview the interpreter, and only they, then see in their list", async () => {
    const res = await h.call(u.examiner, "POST", base(), schedule({ recordingItemId: recordingId }));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<Record_>();
    interviewId = r.id;
    expect(res.headers.location).toBe(`${base()}/${r.id}`);
    expect(r).toMatchObject({
      status: "open",
      interpreter: { id: u.interpreter.id },
      requests: { interviewer: { requested: true, met: true } },
      attendance: { trustedPerson: "Trusted Friend Sokha", unhcr: "UNHCR Observer" },
      recordingItemId: recordingId,
      segments: [],
    });
    // Another case's interview for another interpreter.
    const other = await h.call(u.examiner, "POST", `/api/v1/cases/${otherCase}/interviews`, {
      ...schedule(),
      interpreterId: u.otherInterpreter.id,
    });
    expect(other.statusCode, other.body).toBe(201);

    const mine = await h.call(u.interpreter, "GET", "/api/v1/interviews");
    expect(mine.statusCode).toBe(200);
    const items = mine.json<{ items: { id: string; caseId: string; place: string }[] }>().items;
    expect(items.map((i) => i.id)).toEqual([interviewId]);
    expect(items[0]?.place).toContain("Interview room 3");
    expect(mine.body).not.toContain(otherCase);
    // The interpreter reads neither the record nor the case.
    for (const url of [base(), `${base()}/${interviewId}`])
      expect((await h.call(u.interpreter, "GET", url)).statusCode, url).toBe(403);
    expect((await h.call(u.interpreter, "GET", `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    // A new interpreter takes over: the old one no longer sees it.
    const moved = await h.call(u.examiner, "PATCH", `${base()}/${interviewId}`, {
      interpreterId: u.otherInterpreter.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(
      (await h.call(u.interpreter, "GET", "/api/v1/interviews")).json<{ items: unknown[] }>().items,
    ).toEqual([]);
    const theirs = (await h.call(u.otherInterpreter, "GET", "/api/v1/interviews")).json<{
      items: { id: string }[];
    }>();
    expect(theirs.items.map((i) => i.id).sort()).toEqual(
      [interviewId, other.json<{ id: string }>().id].sort(),
    );
    await h.call(u.examiner, "PATCH", `${base()}/${interviewId}`, { interpreterId: u.interpreter.id });
  });

  it("answers 404 out of reach and 403 without the right, and records the refusals", async () => {
    expect((await h.call(u.busan, "GET", base())).statusCode).toBe(404);
    expect((await h.call(u.busan, "POST", base(), schedule())).statusCode).toBe(404);
    expect((await h.call(u.busan, "POST", `${base()}/${interviewId}/segments`, seg(1))).statusCode).toBe(404);
    expect((await h.call(u.lawyer, "GET", base())).statusCode).toBe(403);
    expect((await h.call(u.clerk, "POST", base(), schedule())).statusCode).toBe(403);
    expect(
      (await h.call(u.examiner, "GET", `${base()}/0190f000-0000-7000-8000-000000000000`)).statusCode,
    ).toBe(404);
    const [denied] = await h.test.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1 AND outcome = 'denied' AND action LIKE 'interview.%'`,
      [caseId],
    );
    expect(denied?.n).toBeGreaterThanOrEqual(3);
  });

  it("keeps segments in order, sealed, and a correction as a new version beside the old", async () => {
    for (const n of [1, 2, 3]) {
      const res = await h.call(u.examiner, "POST", `${base()}/${interviewId}/segments`, seg(n));
      expect(res.statusCode, res.body).toBe(201);
    }
    const bad = await h.call(u.examiner, "POST", `${base()}/${interviewId}/segments`, {
      ...seg(4),
      endSecond: 10,
    });
    expect(bad.statusCode).toBe(422);
    const r = (await h.call(u.examiner, "GET", `${base()}/${interviewId}`)).json<Record_>();
    expect(r.segments.map((s) => s.position)).toEqual([1, 2, 3]);
    const [s1, s2, s3] = r.segments;
    if (!s1 || !s2 || !s3) throw new Error("three segments");

    // Sealed: the database holds no question, answer or reason in the clear.
    const rows = await h.test.db.query<{ t: string }>(
      `SELECT v::text AS t FROM interview_segment_versions v JOIN interview_segments s
          ON s.office_id = v.office_id AND s.id = v.segment_id WHERE s.case_id = $1`,
      [caseId],
    );
    expect(rows.length).toBe(3);
    for (const row of rows) {
      expect(row.t).not.toContain("rally");
      expect(row.t).not.toContain("Question");
    }
    const [iv] = await h.test.db.query<{ t: string }>(`SELECT i::text AS t FROM interviews i WHERE id = $1`, [
      interviewId,
    ]);
    expect(iv?.t).not.toContain("Sokha");

    // Read-back: 1 confirmed, 2 corrected (twice), 3 not yet.
    expect(
      (await h.call(u.examiner, "POST", `${base()}/${interviewId}/segments/${s1.id}/confirm`)).statusCode,
    ).toBe(200);
    const same = await h.call(u.examiner, "POST", `${base()}/${interviewId}/segments/${s2.id}/corrections`, {
      ...seg(2),
      reason: "nothing",
    });
    expect(same.statusCode).toBe(422);
    const corrected = await h.call(
      u.examiner,
      "POST",
      `${base()}/${interviewId}/segments/${s2.id}/corrections`,
      {
        ...seg(2),
        answer: "Answer 2: I posted the call to the rally in Busan, not Seoul.",
        reason: "The applicant says the rally was in Busan.",
      },
    );
    expect(corrected.statusCode, corrected.body).toBe(200);
    const again = await h.call(u.examiner, "POST", `${base()}/${interviewId}/segments/${s2.id}/corrections`, {
      ...seg(2),
      answer: "Answer 2: I posted the call to the rally in Busan in March.",
      reason: "The applicant adds the month.",
    });
    expect(again.statusCode).toBe(200);
    const after = again.json<Record_>().segments[1];
    expect(after?.current).toMatchObject({
      version: 3,
      kind: "correction",
      reason: "The applicant adds the month.",
    });
    expect(after?.history.map((v) => [v.version, v.kind, v.answer])).toEqual([
      [1, "entered", seg(2).answer],
      [2, "correction", "Answer 2: I posted the call to the rally in Busan, not Seoul."],
      [3, "correction", "Answer 2: I posted the call to the rally in Busan in March."],
    ]);
    expect(after?.readBack?.outcome).toBe("corrected");

    // Never overwritten: the database itself refuses to change or remove a version.
    await expect(
      h.test.db.query(`UPDATE interview_segment_versions SET kind = 'entered' WHERE segment_id = $1`, [
        s2.id,
      ]),
    ).rejects.toThrow(/never changed or removed/);
    await expect(
      h.test.db.query(`DELETE FROM interview_segment_versions WHERE segment_id = $1`, [s2.id]),
    ).rejects.toThrow(/never changed or removed/);

    // Every read left an access record.
    const [reads] = await h.test.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1 AND action = 'interview.record.read' AND outcome = 'ok'`,
      [caseId],
    );
    expect(reads?.n).toBeGreaterThanOrEqual(1);

    // Signing needs every segment read back.
    const early = await h.call(u.examiner, "POST", `${base()}/${interviewId}/signature`, {
      applicant: { signed: true },
      interpreterSigned: true,
    });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("3");
    expect(
      (await h.call(u.examiner, "POST", `${base()}/${interviewId}/segments/${s3.id}/confirm`)).statusCode,
    ).toBe(200);
  });

  it("signs (the interpreter too), then locks the record: changes are requests", async () => {
    const noInterpreter = await h.call(u.examiner, "POST", `${base()}/${interviewId}/signature`, {
      applicant: { signed: true },
      interpreterSigned: false,
    });
    expect(noInterpreter.statusCode).toBe(422);
    const signed = await h.call(u.examiner, "POST", `${base()}/${interviewId}/signature`, {
      applicant: { signed: false, refusalReason: "The applicant wants to consult the lawyer first." },
      interpreterSigned: true,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const r = signed.json<Record_>();
    expect(r.status).toBe("signed");
    expect(r.signature).toMatchObject({
      applicant: { signed: false, refusalReason: "The applicant wants to consult the lawyer first." },
      interpreterSigned: true,
    });
    const [row] = await h.test.db.query<{ t: string }>(
      `SELECT i::text AS t FROM interviews i WHERE id = $1`,
      [interviewId],
    );
    expect(row?.t).not.toContain("consult the lawyer");
    const s1 = r.segments[0];
    if (!s1) throw new Error("segment 1");
    for (const [method, url, body] of [
      ["POST", `${base()}/${interviewId}/segments`, seg(5)],
      ["POST", `${base()}/${interviewId}/segments/${s1.id}/confirm`, undefined],
      [
        "POST",
        `${base()}/${interviewId}/segments/${s1.id}/corrections`,
        { ...seg(1), answer: "Changed", reason: "late" },
      ],
      [
        "POST",
        `${base()}/${interviewId}/signature`,
        { applicant: { signed: true }, interpreterSigned: true },
      ],
      ["PATCH", `${base()}/${interviewId}`, { place: "Room 9" }],
    ] as const) {
      const res = await h.call(u.examiner, method, url, body);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(409);
    }
    const unchanged = (await h.call(u.examiner, "GET", `${base()}/${interviewId}`)).json<Record_>();
    expect(unchanged.segments[0]?.history.length).toBe(1);
  });

  it("takes a change after signature only when another supervisor approves it", async () => {
    const r = (await h.call(u.examiner, "GET", `${base()}/${interviewId}`)).json<Record_>();
    const s1 = r.segments[0];
    if (!s1) throw new Error("segment 1");
    const ask = (who: TestUser, answer: string) =>
      h.call(who, "POST", `${base()}/${interviewId}/segments/${s1.id}/change-requests`, {
        ...seg(1),
        answer,
        reason: "The recording shows the interpreter left out a sentence.",
      });
    const byExaminer = await ask(u.examiner, "Answer 1: I posted the call, and I spoke at the rally.");
    expect(byExaminer.statusCode, byExaminer.body).toBe(201);
    const req1 = byExaminer.json<Record_>().changeRequests[0];
    if (!req1) throw new Error("a change request");
    expect(req1.status).toBe("pending");
    // Still the old text.
    expect(byExaminer.json<Record_>().segments[0]?.current.version).toBe(1);
    const approve = (who: TestUser, id: string) =>
      h.call(who, "POST", `${base()}/${interviewId}/change-requests/${id}/approve`);
    // An examiner cannot approve.
    expect((await approve(u.examiner, req1.id)).statusCode).toBe(403);
    // A supervisor of another office does not reach it.
    const busanSupervisor = await h.user("iv-busan-sup", "supervisor", "busan");
    expect((await approve(busanSupervisor, req1.id)).statusCode).toBe(404);

    // A supervisor's own request: another supervisor must decide.
    const bySupervisor = await ask(u.supervisor, "Answer 1: something else entirely.");
    expect(bySupervisor.statusCode).toBe(201);
    const req2 = bySupervisor.json<Record_>().changeRequests[1];
    if (!req2) throw new Error("a second change request");
    expect((await approve(u.supervisor, req2.id)).statusCode).toBe(403);
    // Where supervisors look: the requests waiting for them, never their own.
    const waiting = async (who: TestUser) =>
      (await h.call(who, "GET", "/api/v1/interview-change-requests")).json<{
        items: { requestId: string; caseId: string; position: number }[];
      }>().items;
    expect((await waiting(u.supervisor)).map((q) => q.requestId)).toEqual([req1.id]);
    expect((await waiting(u.supervisor2)).map((q) => q.requestId)).toEqual([req1.id, req2.id]);
    expect((await waiting(u.supervisor2))[0]).toMatchObject({ caseId, position: 1 });
    expect(await waiting(busanSupervisor)).toEqual([]);
    expect((await h.call(u.examiner, "GET", "/api/v1/interview-change-requests")).statusCode).toBe(403);
    const returned = await h.call(
      u.supervisor2,
      "POST",
      `${base()}/${interviewId}/change-requests/${req2.id}/return`,
      {
        reason: "The recording does not support this.",
      },
    );
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json<Record_>().changeRequests[1]).toMatchObject({
      status: "returned",
      returnReason: "The recording does not support this.",
    });
    expect(returned.json<Record_>().segments[0]?.current.version).toBe(1);

    const ok = await approve(u.supervisor, req1.id);
    expect(ok.statusCode, ok.body).toBe(200);
    const seg1 = ok.json<Record_>().segments[0];
    expect(seg1?.current).toMatchObject({
      version: 2,
      kind: "change",
      answer: "Answer 1: I posted the call, and I spoke at the rally.",
    });
    expect(seg1?.history[0]?.answer).toBe(seg(1).answer);
    // Decided once.
    expect((await approve(u.supervisor2, req1.id)).statusCode).toBe(409);
    const [sealed] = await h.test.db.query<{ t: string }>(
      `SELECT string_agg(c::text, '') AS t FROM interview_change_requests c WHERE interview_id = $1`,
      [interviewId],
    );
    expect(sealed?.t).not.toContain("does not support");
    expect(sealed?.t).not.toContain("left out");
  });

  it("gives part A the segment references of this case only", async () => {
    const r = (await h.call(u.examiner, "GET", base())).json<{ items: Record_[] }>().items;
    const ids = r.flatMap((i) => i.segments.map((s) => s.id));
    const [office] = await h.test.db.query<{ officeId: string }>(
      `SELECT office_id AS "officeId" FROM cases WHERE id = $1`,
      [caseId],
    );
    const refs = await segmentRefs(h.test.db, h.ctx.keyring, { officeId: office?.officeId ?? "", caseId }, [
      ...ids,
      "0190f000-0000-7000-8000-000000000000",
      "not-a-uuid",
    ]);
    expect([...refs.keys()].sort()).toEqual([...ids].sort());
    expect(refs.get(ids[0] ?? "")).toMatchObject({
      interviewId,
      interviewOn: "2026-11-20",
      position: 1,
      question: seg(1).question,
    });
    const elsewhere = await segmentRefs(
      h.test.db,
      h.ctx.keyring,
      { officeId: office?.officeId ?? "", caseId: otherCase },
      ids,
    );
    expect(elsewhere.size).toBe(0);
  });

  it("logs a mandated lawyer's request for a copy, and serves the signed record to them alone", async () => {
    const portal = `/api/v1/portal/cases/${caseId}/interviews`;
    expect((await h.call(u.otherLawyer, "GET", portal)).statusCode).toBe(404);
    expect((await h.call(u.otherLawyer, "POST", `${portal}/${interviewId}/copy-requests`)).statusCode).toBe(
      404,
    );
    expect((await h.call(u.examiner, "POST", `${portal}/${interviewId}/copy-requests`)).statusCode).toBe(403);
    const list = await h.call(u.lawyer, "GET", portal);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: string; downloadable: boolean }[] }>().items).toEqual([
      expect.objectContaining({ id: interviewId, downloadable: false, status: "signed" }),
    ]);
    // Not yet requested: no download.
    expect((await h.call(u.lawyer, "GET", `${portal}/${interviewId}/record`)).statusCode).toBe(409);
    const requested = await h.call(u.lawyer, "POST", `${portal}/${interviewId}/copy-requests`);
    expect(requested.statusCode, requested.body).toBe(201);
    expect(requested.json<{ downloadable: boolean }>().downloadable).toBe(true);
    const [logged] = await h.test.db.query<{ n: number; a: number }>(
      `SELECT (SELECT count(*)::int FROM interview_copy_requests WHERE interview_id = $1) AS n,
              (SELECT count(*)::int FROM audit_log WHERE case_id = $2 AND action = 'portal.interview.copy_request'
                  AND outcome = 'ok') AS a`,
      [interviewId, caseId],
    );
    expect(logged).toEqual({ n: 1, a: 1 });
    // The office sees the request on the case.
    const staff = (await h.call(u.examiner, "GET", `${base()}/${interviewId}`)).json<Record_>();
    expect(staff.copyRequests.map((q) => q.requestedBy)).toEqual([u.lawyer.username]);

    const doc = await h.call(u.lawyer, "GET", `${portal}/${interviewId}/record`);
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(doc.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(doc.body).toContain("면접 조서 / Interview record");
    expect(doc.body).toContain("Answer 1: I posted the call, and I spoke at the rally.");
    expect(doc.body).toContain("Answer 2: I posted the call to the rally in Busan in March.");
    expect(doc.body).toContain("The applicant wants to consult the lawyer first.");
    expect(doc.body).not.toContain(u.examiner.username);
    expect((await h.call(u.otherLawyer, "GET", `${portal}/${interviewId}/record`)).statusCode).toBe(404);
    const [downloads] = await h.test.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1 AND action = 'portal.interview.download' AND outcome = 'ok'`,
      [caseId],
    );
    expect(downloads?.n).toBe(1);
  });
});
