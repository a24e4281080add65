/**
 * The examination through HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: material facts
 * (sealed, versioned, withdrawn, removed only while unassessed), their links to the case's own
 * evidence (another case's is 422), the assessment with its ETag and history, the check's gaps one
 * by one, and the decision drafted from the assessment, which goes to a supervisor only once the
 * check passes. Who reaches what: another office's examiner gets 404, an analyst 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { interviewHeld, openHarness, SUMMONS, type Harness } from "../security/fixture.ts";

interface Fact {
  id: string;
  version: number;
  position: number;
  status: string;
  statement: string;
  grounds: string[];
  surPlace: boolean;
  links: { kind: string; targetId: string; stance: string; label: string; available: boolean }[];
}
interface Check {
  ok: boolean;
  issues: { code: string; path: string; message: string; factId?: string }[];
}

const STATEMENT = "The applicant ran a Facebook page criticising the ruling party from Seoul (fictional).";

/** An id that differs from `id` in its last digit. */
const otherId = (id: string) => id.slice(0, -1) + (id.endsWith("0") ? "1" : "0");

describe.each(createTestDatabases())("examination on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  const u = {} as Record<"clerk" | "examiner" | "supervisor" | "busan" | "analyst" | "researcher", TestUser>;
  let caseId: string;
  let otherCase: string;
  let itemId: string;
  let foreignItem: string;
  let segmentId: string;
  let foreignSegment: string;
  let datedCitation: string;
  let undatedCitation: string;
  let factA: Fact;
  let factB: Fact;

  const call = (
    who: TestUser,
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => h.call(who, method, url, body, headers);
  const check = async () =>
    (await call(u.examiner, "GET", `/api/v1/cases/${caseId}/assessment/check`)).json<Check>();
  const caseVersion = async () =>
    (await call(u.examiner, "GET", `/api/v1/cases/${caseId}`)).json<{ version: number }>().version;
  const document = (title: string) => ({
    kind: "foreign_state_action",
    title,
    supplier: "foreign_state",
    receivedOn: "2026-11-22",
    channel: "post",
    uploadIds: [],
    foreignStateAction: {
      action: "repatriation_request",
      state: "MMR",
      actedOn: "2026-11-18",
      channel: "diplomatic note",
    },
  });

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    u.clerk = await h.user("ex-clerk", "intake_clerk", "seoul");
    u.examiner = await h.user("ex-examiner", "examiner", "seoul");
    u.supervisor = await h.user("ex-supervisor", "supervisor", "seoul");
    u.busan = await h.user("ex-busan", "examiner", "busan");
    u.analyst = await h.user("ex-analyst", "analyst", null);
    ({ caseId } = await h.newCase(u.clerk, "seoul"));
    ({ caseId: otherCase } = await h.newCase(u.clerk, "seoul"));
    const item = await call(
      u.examiner,
      "POST",
      `/api/v1/cases/${caseId}/evidence`,
      document("Repatriation request (fictional)"),
    );
    expect(item.statusCode, item.body).toBe(201);
    itemId = item.json<{ id: string }>().id;
    const other = await call(
      u.examiner,
      "POST",
      `/api/v1/cases/${otherCase}/evidence`,
      document("Another case's note"),
    );
    foreignItem = other.json<{ id: string }>().id;

    // An interview with one segment in each case (the interview record, docs/interviews.md).
    const segmentOf = async (c: string) => {
      const iv = await call(u.examiner, "POST", `/api/v1/cases/${c}/interviews`, {
        interviewOn: "2026-11-10",
        startTime: "10:00",
        mode: "in_person",
        place: "Interview room 3",
        language: "km",
      });
      expect(iv.statusCode, iv.body).toBe(201);
      const ivId = iv.json<{ id: string }>().id;
      const sg = await call(u.examiner, "POST", `/api/v1/cases/${c}/interviews/${ivId}/segments`, {
        question: "Why did you say two days first, and three days later?",
        answer: "I was confused about the dates.",
        startSecond: 60,
        endSecond: 120,
      });
      expect(sg.statusCode, sg.body).toBe(201);
      return sg.json<{ segments: { id: string }[] }>().segments[0]!.id;
    };
    segmentId = await segmentOf(caseId);
    foreignSegment = await segmentOf(otherCase);

    // Two library documents, one without an access date, each cited in the case (docs/coi.md).
    u.researcher = await h.user("ex-researcher", "coi_researcher", null);
    const cite = async (d: Record<string, unknown>) => {
      const doc = await call(u.researcher, "POST", "/api/v1/coi/documents", {
        source: "Mekong Rights Monitor (fictional)",
        country: "KHM",
        language: "en",
        topics: ["transnational_repression"],
        profiles: ["opposition_activists_abroad"],
        ...d,
      });
      expect(doc.statusCode, doc.body).toBe(201);
      const passage = doc.json<{ passages: { id: string }[] }>().passages[0]!.id;
      const c = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/citations`, { passageId: passage });
      expect(c.statusCode, c.body).toBe(201);
      return c.json<{ id: string }>().id;
    };
    datedCitation = await cite({
      title: "Cambodia: opposition activists abroad",
      publishedOn: "2025-03-10",
      accessedOn: "2026-10-01",
      passages: [{ text: "The government monitors online posts of activists abroad.", locator: "p. 3" }],
    });
    undatedCitation = await cite({
      title: "An undated note",
      publishedOn: "2024-01-01",
      passages: [{ text: "Activists abroad were asked to return.", locator: "para. 2" }],
    });
  });
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  it("adds material facts, in order, sealed in the database", async () => {
    const a = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/facts`, {
      statement: STATEMENT,
      period: "2024 to 2026",
      place: "Seoul",
      grounds: ["political_opinion"],
      actor: "The government of the country of origin",
      surPlace: true,
    });
    expect(a.statusCode, a.body).toBe(201);
    factA = a.json<Fact>();
    expect(a.headers.location).toBe(`/api/v1/cases/${caseId}/facts/${factA.id}`);
    expect(factA).toMatchObject({
      position: 1,
      version: 1,
      status: "active",
      surPlace: true,
      grounds: ["political_opinion"],
    });
    const b = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/facts`, {
      statement: "The applicant was detained for two days in 2023 (fictional).",
      occurredOn: "2023-05-01",
      grounds: [],
    });
    factB = b.json<Fact>();
    expect(factB.position).toBe(2);
    const list = (await call(u.examiner, "GET", `/api/v1/cases/${caseId}/facts`)).json<{ items: Fact[] }>();
    expect(list.items.map((f) => f.id)).toEqual([factA.id, factB.id]);
    const rows = await h.test.db.query<{ content: string }>(
      `SELECT content_enc AS content FROM material_facts WHERE case_id = $1`,
      [caseId],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.content).not.toContain("Facebook");
  });

  it("refuses bad facts with 422 and changes nothing", async () => {
    const url = `/api/v1/cases/${caseId}/facts`;
    for (const body of [
      {},
      { statement: "" },
      { statement: "x", grounds: ["wealth"] },
      { statement: "x", grounds: ["race", "race"] },
      { statement: "x", occurredOn: "2024-01-01", period: "2024" },
      { statement: "x", occurredOn: "2027-01-01" },
      { statement: "x", surPlace: "yes" },
    ]) {
      const res = await call(u.examiner, "POST", url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    }
    const list = (await call(u.examiner, "GET", url)).json<{ items: Fact[] }>();
    expect(list.items).toHaveLength(2);
  });

  it("keeps the previous text as a version when a fact is changed", async () => {
    const res = await call(
      u.examiner,
      "PUT",
      `/api/v1/cases/${caseId}/facts/${factB.id}`,
      {
        statement: "The applicant was detained for three days in May 2023 (fictional).",
        occurredOn: "2023-05-01",
      },
      { "if-match": '"1"' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Fact>().version).toBe(2);
    const stale = await call(
      u.examiner,
      "PUT",
      `/api/v1/cases/${caseId}/facts/${factB.id}`,
      { statement: "Overwritten?" },
      { "if-match": '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    const versions = (
      await call(u.examiner, "GET", `/api/v1/cases/${caseId}/facts/${factB.id}/versions`)
    ).json<{ items: { version: number; statement: string }[] }>();
    expect(versions.items.map((v) => [v.version, v.statement])).toEqual([
      [1, "The applicant was detained for two days in 2023 (fictional)."],
      [2, "The applicant was detained for three days in May 2023 (fictional)."],
    ]);
  });

  it("links a fact to the case's own evidence, segments and citations; another case's are 422", async () => {
    const url = `/api/v1/cases/${caseId}/facts/${factA.id}/links`;
    const foreign = await call(u.examiner, "PUT", url, {
      links: [{ kind: "evidence", targetId: foreignItem, stance: "supports" }],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json<{ issues: { path: string }[] }>().issues[0]?.path).toBe("links.0.targetId");
    for (const link of [
      { kind: "citation", targetId: foreignItem, stance: "supports" },
      { kind: "segment", targetId: foreignSegment, stance: "supports" },
      { kind: "segment", targetId: itemId, stance: "contradicts" },
      { kind: "evidence", targetId: segmentId, stance: "supports" },
    ]) {
      const res = await call(u.examiner, "PUT", url, { links: [link] });
      expect(res.statusCode, JSON.stringify(link)).toBe(422);
    }
    const ok = await call(u.examiner, "PUT", url, {
      links: [
        { kind: "evidence", targetId: itemId, stance: "supports" },
        { kind: "segment", targetId: segmentId, stance: "supports" },
        { kind: "citation", targetId: datedCitation, stance: "supports" },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Fact>().links).toEqual([
      {
        kind: "evidence",
        targetId: itemId,
        stance: "supports",
        label: "#1 Repatriation request (fictional)",
        available: true,
      },
      {
        kind: "segment",
        targetId: segmentId,
        stance: "supports",
        label: "Interview of 2026-11-10, segment 1: Why did you say two days first, and three days later?",
        available: true,
      },
      {
        kind: "citation",
        targetId: datedCitation,
        stance: "supports",
        label: "Cambodia: opposition activists abroad (Mekong Rights Monitor (fictional), 2025-03-10), p. 3",
        available: true,
      },
    ]);
    const sources = (await call(u.examiner, "GET", `/api/v1/cases/${caseId}/examination/sources`)).json<{
      evidence: { id: string }[];
      foreignStateActions: { state: string; action: string }[];
    }>();
    expect(sources.evidence.map((e) => e.id)).toEqual([itemId]);
    expect(sources.foreignStateActions).toEqual([
      expect.objectContaining({ state: "MMR", action: "repatriation_request", itemId }),
    ]);
  });

  it("answers 404 for a case out of reach and 403 for a role without the right", async () => {
    expect((await call(u.busan, "GET", `/api/v1/cases/${caseId}/facts`)).statusCode).toBe(404);
    expect(
      (await call(u.busan, "POST", `/api/v1/cases/${caseId}/facts`, { statement: "x" })).statusCode,
    ).toBe(404);
    expect((await call(u.busan, "GET", `/api/v1/cases/${caseId}/assessment/check`)).statusCode).toBe(404);
    expect(
      (await call(u.analyst, "POST", `/api/v1/cases/${caseId}/facts`, { statement: "x" })).statusCode,
    ).toBe(403);
    expect(
      // Another id: its last digit changed (never to the one it already has).
      (await call(u.examiner, "GET", `/api/v1/cases/${caseId}/facts/${otherId(factA.id)}/versions`))
        .statusCode,
    ).toBe(404);
  });

  it("lists the check's gaps one by one until the assessment is complete; the assessment is sealed", async () => {
    let c = await check();
    expect(c.ok).toBe(false);
    expect(c.issues.map((i) => i.code)).toEqual([
      "no_assessment",
      "fact_without_finding",
      "fact_without_finding",
    ]);

    const url = `/api/v1/cases/${caseId}/assessment`;
    const first = await call(u.examiner, "PUT", url, {
      identity: { finding: "established" },
      facts: [
        {
          factId: factA.id,
          indicators: { detail: { rating: "positive", note: "Names the page and its posts." } },
          finding: "accepted",
        },
      ],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    c = await check();
    expect(c.issues.map((i) => [i.code, i.factId ?? null])).toEqual([
      ["fact_without_finding", factB.id],
      ["conclusion_missing", null],
    ]);

    const noMatch = await call(u.examiner, "PUT", url, { facts: [] });
    expect(noMatch.statusCode).toBe(428);
    const assessed = {
      identity: { finding: "established" },
      facts: [
        { factId: factA.id, indicators: { detail: { rating: "positive" } }, finding: "accepted" },
        {
          factId: factB.id,
          indicators: { internalConsistency: { rating: "negative", note: "Two days, then three." } },
          finding: "rejected",
        },
      ],
      nexus: { grounds: ["political_opinion"] },
      conclusion: { outcome: "not_recognized" },
    };
    const second = await call(u.examiner, "PUT", url, assessed, { "if-match": '"1"' });
    expect(second.statusCode, second.body).toBe(200);
    c = await check();
    expect(c.issues.map((i) => [i.code, i.factId ?? null])).toEqual([
      ["inconsistency_without_segment", factB.id],
      ["remedy_missing", null],
    ]);
    expect((await call(u.examiner, "PUT", url, assessed, { "if-match": '"1"' })).statusCode).toBe(412);

    // A finding on another case's fact, or a segment where none can be linked, is refused.
    const foreignFact = await call(
      u.examiner,
      "PUT",
      url,
      { facts: [{ factId: foreignItem, finding: "accepted" }] },
      { "if-match": '"2"' },
    );
    expect(foreignFact.statusCode).toBe(422);

    const sealed = await h.test.db.query<{ content: string }>(
      `SELECT content_enc AS content FROM assessments WHERE case_id = $1
       UNION ALL SELECT content_enc FROM assessment_versions WHERE case_id = $1`,
      [caseId],
    );
    expect(sealed).toHaveLength(3);
    for (const r of sealed) expect(r.content).not.toContain("Two days");
    const history = (await call(u.examiner, "GET", url)).json<{
      version: number;
      history: { version: number }[];
    }>();
    expect(history.version).toBe(2);
    expect(history.history.map((v) => v.version)).toEqual([1, 2]);
    const v1 = await call(u.examiner, "GET", `${url}/versions/1`);
    expect(v1.json<{ content: { facts: unknown[] } }>().content.facts).toHaveLength(1);
  });

  it("takes a rejection on an inconsistency once the segment of this case where it was explained is named", async () => {
    const url = `/api/v1/cases/${caseId}/assessment`;
    const a = (await call(u.examiner, "GET", url)).json<{
      version: number;
      content: { facts: Record<string, unknown>[] };
    }>();
    const withSegment = (id: string) => ({
      ...a.content,
      facts: a.content.facts.map((f) => (f.factId === factB.id ? { ...f, explanationSegmentId: id } : f)),
    });
    const foreign = await call(u.examiner, "PUT", url, withSegment(foreignSegment), {
      "if-match": `"${a.version}"`,
    });
    expect(foreign.statusCode).toBe(422);
    const own = await call(u.examiner, "PUT", url, withSegment(segmentId), { "if-match": `"${a.version}"` });
    expect(own.statusCode, own.body).toBe(200);
    expect((await check()).issues.map((i) => i.code)).toEqual(["remedy_missing"]);
  });

  it("names a COI citation a fact relies on without its access date", async () => {
    const url = `/api/v1/cases/${caseId}/facts/${factA.id}/links`;
    const withUndated = await call(u.examiner, "PUT", url, {
      links: [
        { kind: "evidence", targetId: itemId, stance: "supports" },
        { kind: "citation", targetId: undatedCitation, stance: "contradicts" },
      ],
    });
    expect(withUndated.statusCode, withUndated.body).toBe(200);
    const c = await check();
    expect(c.issues.map((i) => i.code)).toEqual(["citation_undated", "remedy_missing"]);
    expect(c.issues[0]?.message).toContain("An undated note");
    const back = await call(u.examiner, "PUT", url, {
      links: [
        { kind: "evidence", targetId: itemId, stance: "supports" },
        { kind: "segment", targetId: segmentId, stance: "supports" },
        { kind: "citation", targetId: datedCitation, stance: "supports" },
      ],
    });
    expect(back.statusCode).toBe(200);
  });

  it("refuses to remove an assessed fact (409), and lets it be withdrawn instead", async () => {
    const del = await call(u.examiner, "DELETE", `/api/v1/cases/${caseId}/facts/${factB.id}`);
    expect(del.statusCode).toBe(409);
    const w = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/facts/${factB.id}/withdrawal`, {
      reason: "The applicant corrected the claim at the interview.",
    });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json<Fact>().status).toBe("withdrawn");
    expect((await check()).issues.map((i) => i.code)).toEqual(["remedy_missing"]);
    const extra = (
      await call(u.examiner, "POST", `/api/v1/cases/${caseId}/facts`, { statement: "Entered by mistake." })
    ).json<Fact>();
    expect((await call(u.examiner, "DELETE", `/api/v1/cases/${caseId}/facts/${extra.id}`)).statusCode).toBe(
      204,
    );
  });

  it("drafts the decision from the assessment only once the check passes; the supervisor sees it", async () => {
    expect((await h.event(u.examiner, caseId, SUMMONS)).statusCode).toBe(201);
    expect((await h.event(u.examiner, caseId, interviewHeld("ex-examiner"))).statusCode).toBe(201);
    const draftUrl = `/api/v1/cases/${caseId}/assessment/draft`;
    const refused = await call(
      u.examiner,
      "POST",
      draftUrl,
      { language: "en" },
      { "if-match": `"${await caseVersion()}"` },
    );
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json<{ issues: { path: string }[] }>().issues).toEqual([
      expect.objectContaining({ path: "conclusion.remedy" }),
    ]);
    // Recording the decision event directly is held by the same check.
    const direct = await h.event(u.examiner, caseId, {
      type: "decision_issued",
      occurredOn: "2026-11-20",
      outcome: "not_recognized",
      reasons: "Written by hand.",
    });
    expect(direct.statusCode).toBe(422);

    const a = (await call(u.examiner, "GET", `/api/v1/cases/${caseId}/assessment`)).json<{
      version: number;
      content: Record<string, unknown>;
    }>();
    const saved = await call(
      u.examiner,
      "PUT",
      `/api/v1/cases/${caseId}/assessment`,
      {
        ...a.content,
        risk: { note: "The page is public.", audience: "About 12,000 followers." },
        conclusion: { outcome: "not_recognized", remedy: "An objection within 30 days of service (RA 21)." },
      },
      { "if-match": `"${a.version}"` },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await check()).toEqual({ ok: true, issues: [] });

    const preview = (
      await call(u.examiner, "GET", `/api/v1/cases/${caseId}/assessment/reasons?language=ko`)
    ).json<{ type: string; reasons: string }>();
    expect(preview.type).toBe("decision_issued");
    expect(preview.reasons).toContain("주요 사실 1");
    expect(preview.reasons).toContain("신청인을 난민으로 인정하지 아니한다.");

    const drafted = await call(
      u.examiner,
      "POST",
      draftUrl,
      { language: "en" },
      { "if-match": `"${await caseVersion()}"` },
    );
    expect(drafted.statusCode, drafted.body).toBe(202);
    const draft = drafted.json<{ id: string; event: { type: string; outcome: string; reasons: string } }>();
    expect(draft.event).toMatchObject({ type: "decision_issued", outcome: "not_recognized" });
    expect(draft.event.reasons).toContain(`Material fact 1 (sur place): ${STATEMENT}`);
    expect(draft.event.reasons).toContain(
      "Supported by: evidence item 1 (Repatriation request (fictional)); the interview of 2026-11-10, segment 1; Cambodia: opposition activists abroad, Mekong Rights Monitor (fictional), published 2025-03-10, p. 3.",
    );
    expect(draft.event.reasons).not.toContain("4. Persecution");
    expect(draft.event.reasons).toContain("Remedies: An objection within 30 days of service (RA 21).");
    expect(draft.event.reasons).not.toContain("detained");

    const queue = (await call(u.supervisor, "GET", "/api/v1/approvals")).json<{ items: { id: string }[] }>();
    expect(queue.items.map((d) => d.id)).toContain(draft.id);
    const seen = (await call(u.supervisor, "GET", `/api/v1/cases/${caseId}/assessment`)).json<{
      content: { conclusion: { outcome: string } };
    }>();
    expect(seen.content.conclusion.outcome).toBe("not_recognized");
  });

  it("leaves a case without any examination record to draft its decision as before", async () => {
    expect((await h.event(u.examiner, otherCase, SUMMONS)).statusCode).toBe(201);
    expect((await h.event(u.examiner, otherCase, interviewHeld("ex-examiner"))).statusCode).toBe(201);
    const res = await h.event(u.examiner, otherCase, {
      type: "decision_issued",
      occurredOn: "2026-11-20",
      outcome: "recognized",
    });
    expect(res.statusCode, res.body).toBe(202);
    const c = (await call(u.examiner, "GET", `/api/v1/cases/${otherCase}/assessment/check`)).json<Check>();
    expect(c.issues.map((i) => i.code)).toEqual(["no_assessment"]);
  });
});
