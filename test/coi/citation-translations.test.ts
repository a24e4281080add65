/**
 * A cited passage quoted in the decision in translation (docs/coi.md, "Translated passages"): the
 * examiner may choose only a translation that a translator made and a second person reviewed and
 * made final; before that the choice is refused with how far the review has come. Once chosen, the
 * citation answers it with both names, and the reasons drafted from the assessment quote it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseCitation, CoiDocument } from "../../src/contracts/coi.ts";
import type { Job, JobSummary } from "../../src/contracts/translations.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

const PASSAGE =
  "Activists abroad who criticise the government online have been summoned on return.\n\nTheir families at home have been questioned.";

describe.each(createTestDatabases())("translated citations on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  let examiner: TestUser;
  let translator: TestUser;
  let reviewer: TestUser;
  let caseId: string;
  let citation: CaseCitation;
  let job: JobSummary;
  const choose = (language: string) =>
    h.call(examiner, "PUT", `/api/v1/cases/${caseId}/citations/${citation.id}/translations/${language}`);

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    const researcher = await h.user("ct-researcher", "coi_researcher", null);
    const clerk = await h.user("ct-clerk", "intake_clerk", "seoul");
    examiner = await h.user("ct-examiner", "examiner", "seoul");
    translator = await h.user("ct-translator", "translator", null);
    reviewer = await h.user("ct-reviewer", "translator", null);
    ({ caseId } = await h.newCase(clerk, "seoul"));
    const doc = await h.call(researcher, "POST", "/api/v1/coi/documents", {
      source: "Fictional Rights Monitor",
      title: "Treatment of returning activists",
      publishedOn: "2025-05-01",
      accessedOn: "2026-10-01",
      country: "KHM",
      language: "en",
      topics: ["political_opposition"],
      passages: [{ text: PASSAGE, locator: "p. 4" }],
    });
    expect(doc.statusCode, doc.body).toBe(201);
    const cited = await h.call(examiner, "POST", `/api/v1/cases/${caseId}/citations`, {
      passageId: doc.json<CoiDocument>().passages[0]!.id,
    });
    expect(cited.statusCode, cited.body).toBe(201);
    citation = cited.json<CaseCitation>();
    expect(citation.translations).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  it("refuses a translation nobody requested, and one not yet final", async () => {
    const none = await choose("ko");
    expect(none.statusCode).toBe(409);
    expect(none.json<{ detail: string }>().detail).toMatch(
      /no translation of this passage into ko was requested/,
    );

    const requested = await h.call(examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "coi_passage",
      ref: citation.id,
      targetLanguages: ["ko"],
      translatorId: translator.id,
      reviewerId: reviewer.id,
    });
    expect(requested.statusCode, requested.body).toBe(201);
    job = requested.json<JobSummary[]>()[0]!;
    expect(job).toMatchObject({ sourceLanguage: "en", targetLanguage: "ko" });

    const j = (await h.call(translator, "GET", `/api/v1/translations/${job.id}`)).json<Job>();
    expect(j.segments.map((s) => s.unit)).toEqual(["passage.1", "passage.2"]);
    for (const [i, s] of j.segments.entries()) {
      const r = await h.call(translator, "PUT", `/api/v1/translations/${job.id}/segments/${s.id}`, {
        target: [
          "해외에서 온라인으로 정부를 비판한 활동가들은 귀국 시 소환되었다.",
          "그들의 가족은 본국에서 조사를 받았다.",
        ][i],
        version: s.version,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const translated = await choose("ko");
    expect(translated.statusCode).toBe(409);
    expect(translated.json<{ detail: string }>().detail).toMatch(/not final: 0 of 2 segments reviewed/);
  });

  it("once reviewed and final, quotes it with both names, in the citation and the drafted reasons", async () => {
    const j = (await h.call(reviewer, "GET", `/api/v1/translations/${job.id}`)).json<Job>();
    for (const s of j.segments) {
      const r = await h.call(reviewer, "POST", `/api/v1/translations/${job.id}/segments/${s.id}/review`, {
        decision: "reviewed",
        version: s.version,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const reviewed = (await h.call(reviewer, "GET", `/api/v1/translations/${job.id}`)).json<Job>();
    const fin = await h.call(reviewer, "POST", `/api/v1/translations/${job.id}/finalize`, undefined, {
      "if-match": `"${reviewed.version}"`,
    });
    expect(fin.statusCode, fin.body).toBe(200);

    const chosen = await choose("ko");
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({
      language: "ko",
      text: "해외에서 온라인으로 정부를 비판한 활동가들은 귀국 시 소환되었다.\n\n그들의 가족은 본국에서 조사를 받았다.",
      translators: [expect.stringContaining("ct-translator")],
      reviewers: [expect.stringContaining("ct-reviewer")],
    });
    const listed = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/citations`)).json<{
      items: CaseCitation[];
    }>().items;
    expect(listed[0]!.translations.map((t) => t.language)).toEqual(["ko"]);

    // A fact relying on the citation: the drafted reasons quote the passage in Korean, naming both.
    const fact = await h.call(examiner, "POST", `/api/v1/cases/${caseId}/facts`, {
      statement: "The applicant's family was questioned about her posts.",
    });
    expect(fact.statusCode, fact.body).toBe(201);
    const factId = fact.json<{ id: string }>().id;
    const linked = await h.call(examiner, "PUT", `/api/v1/cases/${caseId}/facts/${factId}/links`, {
      links: [{ kind: "citation", targetId: citation.id, stance: "supports" }],
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const a = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/assessment`)).json<{
      version: number;
      content: Record<string, unknown>;
    }>();
    const saved = await h.call(examiner, "PUT", `/api/v1/cases/${caseId}/assessment`, a.content, {
      "if-match": `"${a.version}"`,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const reasons = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/assessment/reasons?language=ko`);
    expect(reasons.statusCode, reasons.body).toBe(200);
    const text = reasons.json<{ reasons: string }>().reasons;
    expect(text).toMatch(/번역문: "해외에서 온라인으로 정부를 비판한 활동가들은 귀국 시 소환되었다\./);
    expect(text).toMatch(/\(번역: \S*ct-translator\S*, 검토: \S*ct-reviewer\S*\)/);
  });
});
