/**
 * The country-of-origin information library through HTTP, on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL: documents and passages kept by a researcher, search in Korean and English (a
 * two-syllable Korean word, phrases, OR, exclusion, filters, highlights), the archived file,
 * citations frozen in a case with the newer-document warning, who may do what, and bad input
 * that is refused, never a 500.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseCitation, CoiDocument, CoiSearchResult } from "../../src/contracts/coi.ts";
import { minimalPdf } from "../../src/demo/minimal-pdf.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { sessionHeaders, type TestUser } from "../support/auth.ts";
import { withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

const KHM_KO = {
  source: "메콩 인권 감시단",
  title: "캄보디아: 해외 야당 활동가에 대한 처우",
  author: "조사팀",
  publishedOn: "2025-03-10",
  accessedOn: "2026-10-01",
  url: "https://example.org/mekong/2025-khm",
  country: "KHM",
  language: "ko",
  topics: ["transnational_repression"],
  profiles: ["opposition_activists_abroad"],
  passages: [
    {
      text: "캄보디아 정부는 해외에서 활동하는 야당 지지자들의 온라인 게시물을 감시한다.",
      locator: "p. 3",
    },
    { text: "정부는 일부 국가에 활동가의 송환을 요청하였다.", locator: "p. 4" },
    // "활동" and "동가" are both here, "활동가" is not.
    { text: "지역 활동 동가 마을의 선거는 평온하였다.", locator: "p. 9" },
  ],
};

const KHM_EN = {
  source: "Mekong Rights Monitor",
  title: "Cambodia: freedom of expression online",
  publishedOn: "2024-06-01",
  accessedOn: "2026-09-15",
  country: "KHM",
  language: "en",
  topics: ["freedom_of_expression"],
  profiles: ["online_critics"],
  passages: [
    { text: "Freedom of expression online is restricted; critics abroad are monitored.", locator: "para. 2" },
    { text: "The expression of freedom in songs was tolerated at festivals.", locator: "para. 5" },
    { text: "Opposition activists abroad reported threats against relatives at home.", locator: "para. 7" },
  ],
};

const QVD_EN = {
  source: "Northern Observatory (fictional)",
  title: "Veldoria: treatment of journalists",
  publishedOn: "2023-02-01",
  country: "QVD",
  language: "en",
  topics: ["press_freedom"],
  profiles: ["journalists"],
  passages: [{ text: "Journalists in Veldoria face prosecution for reporting on protests abroad." }],
};

describe.each(createTestDatabases())("COI library on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  const u = {} as Record<
    "researcher" | "examiner" | "supervisor" | "busan" | "interpreter" | "analyst" | "clerk" | "member",
    TestUser
  >;
  let caseId: string;
  let koDoc: CoiDocument;
  let enDoc: CoiDocument;

  const search = async (who: TestUser, params: Record<string, string>) => {
    const res = await h.call(who, "GET", `/api/v1/coi/search?${new URLSearchParams(params).toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CoiSearchResult>();
  };
  const texts = (r: CoiSearchResult) => r.items.map((i) => i.fragments.map((f) => f.text).join(""));
  const marked = (r: CoiSearchResult) =>
    r.items.map((i) => i.fragments.filter((f) => f.match).map((f) => f.text));

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    u.researcher = await h.user("coi-researcher", "coi_researcher", null);
    u.examiner = await h.user("coi-examiner", "examiner", "seoul");
    u.supervisor = await h.user("coi-supervisor", "supervisor", "seoul");
    u.busan = await h.user("coi-busan", "examiner", "busan");
    u.interpreter = await h.user("coi-interpreter", "interpreter", null);
    u.analyst = await h.user("coi-analyst", "analyst", null);
    u.clerk = await h.user("coi-clerk", "intake_clerk", "seoul");
    u.member = await h.user("coi-member", "committee_member", null);
    ({ caseId } = await h.newCase(u.clerk, "seoul"));
    const add = async (d: unknown) => {
      const res = await h.call(u.researcher, "POST", "/api/v1/coi/documents", d);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<CoiDocument>();
    };
    koDoc = await add(KHM_KO);
    enDoc = await add(KHM_EN);
    await add(QVD_EN);
  });
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  it("keeps a document with its passages, numbered in order", () => {
    expect(koDoc.passages.map((p) => [p.position, p.locator])).toEqual([
      [1, "p. 3"],
      [2, "p. 4"],
      [3, "p. 9"],
    ]);
    expect(koDoc).toMatchObject({ country: "KHM", profiles: ["opposition_activists_abroad"], file: null });
  });

  it("finds a two-syllable Korean word and highlights exactly it", async () => {
    const r = await search(u.examiner, { q: "야당" });
    expect(texts(r)).toEqual([KHM_KO.passages[0]!.text]);
    expect(marked(r)).toEqual([["야당"]]);
    expect(r.items[0]!.document.title).toBe(KHM_KO.title);
    expect(r.total).toBe(1);
  });

  it("checks a longer Korean word itself, not only its two-syllable grams", async () => {
    const r = await search(u.examiner, { q: "활동가" });
    expect(texts(r)).toEqual([KHM_KO.passages[1]!.text]);
    expect(marked(r)).toEqual([["활동가"]]);
  });

  it("matches an English phrase in its order, and words by their stem", async () => {
    const phrase = await search(u.examiner, { q: '"freedom of expression"' });
    expect(texts(phrase)).toEqual([KHM_EN.passages[0]!.text]);
    expect(marked(phrase)).toEqual([["Freedom of expression"]]);
    const stem = await search(u.examiner, { q: "activist" });
    expect(texts(stem)).toEqual([KHM_EN.passages[2]!.text]);
    expect(marked(stem)).toEqual([["activists"]]);
  });

  it("ranks passages holding more of the alternatives (OR) first, then the newest", async () => {
    const r = await search(u.examiner, { q: "송환 OR abroad OR journalists" });
    // Veldoria's passage holds two of the three; then one each, the newest publication first.
    expect(texts(r)).toEqual([
      QVD_EN.passages[0]!.text,
      KHM_KO.passages[1]!.text,
      KHM_EN.passages[0]!.text,
      KHM_EN.passages[2]!.text,
    ]);
    expect(marked(r)).toEqual([["Journalists", "abroad"], ["송환"], ["abroad"], ["abroad"]]);
  });

  it("excludes what follows a minus", async () => {
    const r = await search(u.examiner, { q: "abroad -opposition" });
    expect(texts(r)).toEqual([KHM_EN.passages[0]!.text, QVD_EN.passages[0]!.text]);
    const ko = await search(u.examiner, { q: '정부 -"온라인 게시물"' });
    expect(texts(ko)).toEqual([KHM_KO.passages[1]!.text]);
  });

  it("filters by country, source, topic or profile, language and publication dates", async () => {
    expect((await search(u.examiner, { q: "abroad", country: "QVD" })).total).toBe(1);
    expect((await search(u.examiner, { q: "abroad", source: "Mekong Rights Monitor" })).total).toBe(2);
    expect((await search(u.examiner, { q: "abroad", topic: "journalists" })).total).toBe(1);
    expect((await search(u.examiner, { q: "", topic: "opposition_activists_abroad" })).total).toBe(3);
    expect((await search(u.examiner, { q: "", language: "ko" })).total).toBe(3);
    expect((await search(u.examiner, { q: "abroad", from: "2024-01-01", to: "2024-12-31" })).total).toBe(2);
    expect((await search(u.examiner, { q: "abroad", to: "2023-12-31" })).total).toBe(1);
  });

  it("pages results, newest publication first when nothing is asked", async () => {
    const first = await search(u.examiner, { q: "", pageSize: "4" });
    const second = await search(u.examiner, { q: "", pageSize: "4", page: "2" });
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(3);
    const dates = [...first.items, ...second.items].map((i) => i.document.publishedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("answers hostile or odd queries without an error, and refuses what cannot be searched", async () => {
    for (const q of [
      '"unclosed phrase of expression',
      "'; DROP TABLE coi_passages; --",
      "% _ \\ ' \" OR OR -",
      "(a & b) | !c <-> d:*",
      "가",
    ]) {
      const res = await h.call(u.examiner, "GET", `/api/v1/coi/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    }
    const unclosed = await search(u.examiner, { q: '"freedom of expression' });
    expect(unclosed.total).toBe(1);
    for (const q of [
      "x".repeat(301),
      "-only -excluded",
      Array.from({ length: 20 }, (_, i) => `w${i}`).join(" "),
    ]) {
      const res = await h.call(u.examiner, "GET", `/api/v1/coi/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(422);
      expect(res.json<{ issues: unknown[] }>().issues.length).toBeGreaterThan(0);
    }
    for (const query of ["country=XYZ", "from=2025-01-01&to=2024-01-01", "page=0", "topic=Bad%20Topic"]) {
      expect((await h.call(u.examiner, "GET", `/api/v1/coi/search?${query}`)).statusCode, query).toBe(422);
    }
    const [count] = await h.test.db.query<{ n: number }>("SELECT count(*)::int AS n FROM coi_passages");
    expect(count?.n).toBe(7);
  });

  it("refuses a document or passage that is not well formed", async () => {
    const bad = [
      { ...KHM_EN, country: "Cambodia" },
      { ...KHM_EN, title: "" },
      { ...KHM_EN, url: "javascript:alert(1)" },
      { ...KHM_EN, publishedOn: "2026-02-30" },
      { ...KHM_EN, publishedOn: "2026-05-01", accessedOn: "2026-04-01" },
      { ...KHM_EN, passages: [{ text: "   " }] },
      { ...KHM_EN, passages: [{ text: "marker \ue000 inside" }] },
      { ...KHM_EN, topics: ["Freedom Of Expression"] },
    ];
    for (const body of bad) {
      const res = await h.call(u.researcher, "POST", "/api/v1/coi/documents", body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(422);
    }
  });

  it("stores the archived file in the vault with its SHA-256 and serves it", async () => {
    const pdf = minimalPdf(["Mekong Rights Monitor (fictional)", "Archived copy"]);
    const res = await h.app.inject({
      method: "PUT",
      url: `/api/v1/coi/documents/${enDoc.id}/file`,
      headers: {
        ...sessionHeaders(u.researcher),
        "content-type": "application/pdf",
        "x-file-name": encodeURIComponent("mekong-2024.pdf"),
      },
      payload: pdf,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CoiDocument>().file).toMatchObject({
      sha256: sha(pdf),
      size: pdf.length,
      mediaType: "application/pdf",
      name: "mekong-2024.pdf",
    });
    const got = await h.app.inject({
      method: "GET",
      url: `/api/v1/coi/documents/${enDoc.id}/file`,
      headers: sessionHeaders(u.member),
    });
    expect(got.statusCode).toBe(200);
    expect(sha(got.rawPayload)).toBe(sha(pdf));
    const refused = await h.app.inject({
      method: "PUT",
      url: `/api/v1/coi/documents/${enDoc.id}/file`,
      headers: { ...sessionHeaders(u.examiner), "x-file-name": "x.pdf" },
      payload: pdf,
    });
    expect(refused.statusCode).toBe(403);
  });

  describe("citations", () => {
    let citation: CaseCitation;
    const cited = () => koDoc.passages[0]!;

    it("freezes the passage and its document when cited", async () => {
      const res = await h.call(u.examiner, "POST", `/api/v1/cases/${caseId}/citations`, {
        passageId: cited().id,
      });
      expect(res.statusCode, res.body).toBe(201);
      citation = res.json<CaseCitation>();
      expect(citation).toMatchObject({
        passageId: cited().id,
        documentId: koDoc.id,
        quote: KHM_KO.passages[0]!.text,
        quoteSha256: sha(KHM_KO.passages[0]!.text),
        title: KHM_KO.title,
        source: KHM_KO.source,
        url: KHM_KO.url,
        country: "KHM",
        publishedOn: "2025-03-10",
        accessedOn: "2026-10-01",
        locator: "p. 3",
        citedBy: u.examiner.username,
        newerDocument: null,
      });
      const again = await h.call(u.examiner, "POST", `/api/v1/cases/${caseId}/citations`, {
        passageId: cited().id,
      });
      expect(again.statusCode).toBe(409);
      const nothing = await h.call(u.examiner, "POST", `/api/v1/cases/${caseId}/citations`, {
        passageId: "0190d1a4-0000-7000-8000-000000000000",
      });
      expect(nothing.statusCode).toBe(422);
    });

    it("keeps the citation as cited after the library's passage and document are edited", async () => {
      const edit = await h.call(
        u.researcher,
        "PUT",
        `/api/v1/coi/documents/${koDoc.id}/passages/${cited().id}`,
        { text: "수정된 문장: 정부는 감시를 강화하였다.", locator: "p. 30" },
      );
      expect(edit.statusCode, edit.body).toBe(200);
      expect(edit.json<{ version: number }>().version).toBe(2);
      const { passages: _p, ...fields } = KHM_KO;
      const doc = await h.call(u.researcher, "PUT", `/api/v1/coi/documents/${koDoc.id}`, {
        ...fields,
        title: "개정된 제목",
      });
      expect(doc.statusCode, doc.body).toBe(200);
      const list = await h.call(u.examiner, "GET", `/api/v1/cases/${caseId}/citations`);
      expect(list.statusCode).toBe(200);
      const [c] = list.json<{ items: CaseCitation[] }>().items;
      expect(c).toMatchObject({
        quote: KHM_KO.passages[0]!.text,
        quoteSha256: sha(KHM_KO.passages[0]!.text),
        title: KHM_KO.title,
        locator: "p. 3",
      });
      // The library shows the new text; the old one is found no more, the new one is.
      expect((await search(u.examiner, { q: "온라인" })).total).toBe(0);
      expect((await search(u.examiner, { q: "강화" })).total).toBe(1);
    });

    it("warns when a newer document on the same country and profile arrives", async () => {
      const newer = await h.call(u.supervisor, "POST", "/api/v1/coi/documents", {
        ...KHM_EN,
        title: "Cambodia: opposition activists abroad, 2026 update",
        publishedOn: "2026-08-01",
        accessedOn: "2026-09-01",
        profiles: ["opposition_activists_abroad"],
        passages: [],
      });
      expect(newer.statusCode, newer.body).toBe(201);
      const [c] = (await h.call(u.examiner, "GET", `/api/v1/cases/${caseId}/citations`)).json<{
        items: CaseCitation[];
      }>().items;
      expect(c?.newerDocument).toEqual({
        id: newer.json<{ id: string }>().id,
        title: "Cambodia: opposition activists abroad, 2026 update",
        publishedOn: "2026-08-01",
      });
    });

    it("lets only the case's office cite and read, and records the reads", async () => {
      expect((await h.call(u.busan, "GET", `/api/v1/cases/${caseId}/citations`)).statusCode).toBe(404);
      expect(
        (
          await h.call(u.busan, "POST", `/api/v1/cases/${caseId}/citations`, {
            passageId: enDoc.passages[0]!.id,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await h.call(u.researcher, "POST", `/api/v1/cases/${caseId}/citations`, {
            passageId: enDoc.passages[0]!.id,
          })
        ).statusCode,
      ).toBe(403);
      expect((await h.call(u.researcher, "GET", `/api/v1/cases/${caseId}/citations`)).statusCode).toBe(403);
      const [audit] = await h.test.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'coi.citation.list' AND case_id = $1 AND outcome = 'ok'`,
        [caseId],
      );
      expect(audit?.n).toBeGreaterThanOrEqual(2);
    });

    it("removes a citation from the case, keeping its record", async () => {
      const del = await h.call(u.examiner, "DELETE", `/api/v1/cases/${caseId}/citations/${citation.id}`);
      expect(del.statusCode, del.body).toBe(204);
      const list = await h.call(u.examiner, "GET", `/api/v1/cases/${caseId}/citations`);
      expect(list.json<{ items: unknown[] }>().items).toEqual([]);
      expect(
        (await h.call(u.examiner, "DELETE", `/api/v1/cases/${caseId}/citations/${citation.id}`)).statusCode,
      ).toBe(404);
      const [row] = await h.test.db.query<{ removed_by: string }>(
        "SELECT removed_by FROM coi_citations WHERE id = $1",
        [citation.id],
      );
      expect(row?.removed_by).toBe(u.examiner.username);
    });
  });

  it("lets coi.read search and coi.manage edit, and no one else", async () => {
    for (const who of [u.interpreter, u.analyst, u.clerk]) {
      expect((await h.call(who, "GET", "/api/v1/coi/search?q=abroad")).statusCode).toBe(403);
      expect((await h.call(who, "GET", `/api/v1/coi/documents/${enDoc.id}`)).statusCode).toBe(403);
    }
    for (const who of [u.examiner, u.supervisor, u.member, u.researcher])
      expect((await h.call(who, "GET", `/api/v1/coi/documents/${enDoc.id}`)).statusCode).toBe(200);
    for (const who of [u.examiner, u.member]) {
      const res = await h.call(who, "POST", `/api/v1/coi/documents/${enDoc.id}/passages`, {
        text: "An addition.",
      });
      expect(res.statusCode).toBe(403);
    }
    const ok = await h.call(u.researcher, "POST", `/api/v1/coi/documents/${enDoc.id}/passages`, {
      text: "An addition by the researcher.",
      locator: "para. 9",
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ position: number }>().position).toBe(4);
  });
});
