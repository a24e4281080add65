/**
 * The notice in the applicant's language comes only from a translation people made final
 * (docs/translation.md, "Using a translation"): an examiner requests the Khmer translation of the
 * drafted refusal's notice texts; until a translator has translated every segment and a second
 * person has reviewed them and made the translation final, a notice asked for in Khmer is
 * refused, and the notice otherwise carries no Khmer; once final, the preview and the notice
 * issued on service carry the Khmer outcome, reasons and remedies, naming the translator and the
 * reviewer. Over HTTP, on both databases, with the real typesetter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job, JobSummary, Translatable } from "../../src/contracts/translations.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { interviewHeld, openHarness, SUMMONS, type Harness } from "../security/fixture.ts";
import { pdfText } from "./pdf-text.ts";

const REASONS =
  "신청인의 활동은 본국 정부의 주목을 받았다고 보기 어렵습니다.\n\n제출된 자료만으로는 박해의 우려를 인정하기 어렵습니다.";

/** A Khmer target for a segment, with its places kept and a marker the PDF text shows. */
const khmer = (position: number, placeholders: readonly string[]) =>
  `[km-${position}] ការបកប្រែ ${placeholders.join(" ")}`.trim();

describe.each(createTestDatabases())("a notice's Khmer translation on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  let clerk: TestUser;
  let examiner: TestUser;
  let supervisor: TestUser;
  let translator: TestUser;
  let reviewer: TestUser;
  let caseId: string;
  let draftId: string;
  let job: JobSummary;

  const preview = (u: TestUser, language?: string) =>
    h.call(u, "GET", `/api/v1/cases/${caseId}/notices/preview${language ? `?language=${language}` : ""}`);
  const getJob = async (u: TestUser) => {
    const r = await h.call(u, "GET", `/api/v1/translations/${job.id}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Job>();
  };

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    clerk = await h.user("nt-clerk", "intake_clerk", "seoul");
    examiner = await h.user("nt-examiner", "examiner", "seoul");
    supervisor = await h.user("nt-supervisor", "supervisor", "seoul");
    translator = await h.user("nt-translator", "translator", null);
    reviewer = await h.user("nt-reviewer", "translator", null);
    ({ caseId } = await h.newCase(clerk, "seoul", {
      names: [{ value: "សុខ ដារា", script: "Khmr", kind: "primary" }],
      nationality: "KHM",
      birthDate: "1990-04-02",
      languages: ["km"],
    }));
    for (const e of [SUMMONS, interviewHeld(examiner.username)]) {
      const r = await h.event(examiner, caseId, e);
      expect(r.statusCode, r.body).toBe(201);
    }
    const drafted = await h.event(examiner, caseId, {
      type: "decision_issued",
      occurredOn: "2026-11-20",
      outcome: "not_recognized",
      reasons: REASONS,
    });
    expect(drafted.statusCode, drafted.body).toBe(202);
    draftId = drafted.json<{ id: string }>().id;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  it("offers the drafted decision's notice for translation, and refuses Khmer before anyone translated it", async () => {
    const listed = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/translatables`);
    expect(listed.statusCode, listed.body).toBe(200);
    const notice = listed.json<Translatable[]>().find((t) => t.kind === "decision_notice");
    expect(notice).toMatchObject({
      ref: "decision_issued@2026-11-20",
      sourceLanguage: "ko",
      machineAllowed: true,
    });

    const never = await preview(examiner, "km");
    expect(never.statusCode).toBe(409);
    expect(never.json<{ detail: string }>().detail).toMatch(
      /no Khmer \(km\) translation of this decision's notice was requested/,
    );

    const requested = await h.call(examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "decision_notice",
      ref: "decision_issued@2026-11-20",
      targetLanguages: ["km"],
      translatorId: translator.id,
      reviewerId: reviewer.id,
    });
    expect(requested.statusCode, requested.body).toBe(201);
    job = requested.json<JobSummary[]>()[0]!;
    expect(job).toMatchObject({ sourceLanguage: "ko", targetLanguage: "km", state: "open" });

    const refused = await preview(examiner, "km");
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ type: string; detail: string }>()).toMatchObject({
      type: expect.stringMatching(/translation-not-final$/),
      detail: expect.stringMatching(/Khmer .*not final: 0 of \d+ segments reviewed/),
    });
    // Without asking for Khmer, the preview is the Korean notice alone.
    const plain = await preview(examiner);
    expect(plain.statusCode, plain.body).toBe(200);
    expect(pdfText(plain.rawPayload)).not.toContain("크메르어");
  });

  it("refuses it while translated but not reviewed, and the translator's own review", async () => {
    for (const s of (await getJob(translator)).segments) {
      const saved = await h.call(translator, "PUT", `/api/v1/translations/${job.id}/segments/${s.id}`, {
        target: khmer(s.position, s.placeholders),
        version: s.version,
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const translated = await getJob(translator);
    expect(translated.segments.every((s) => s.state === "translated")).toBe(true);
    expect((await preview(examiner, "km")).statusCode).toBe(409);

    const own = translated.segments[0]!;
    const selfReview = await h.call(
      translator,
      "POST",
      `/api/v1/translations/${job.id}/segments/${own.id}/review`,
      {
        decision: "reviewed",
        version: own.version,
      },
    );
    expect(selfReview.statusCode).toBe(409);
  });

  it("once reviewed by a second person and final, puts the Khmer text in the notice with both names", async () => {
    for (const s of (await getJob(reviewer)).segments) {
      const r = await h.call(reviewer, "POST", `/api/v1/translations/${job.id}/segments/${s.id}/review`, {
        decision: "reviewed",
        version: s.version,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const reviewed = await getJob(reviewer);
    const finalized = await h.call(reviewer, "POST", `/api/v1/translations/${job.id}/finalize`, undefined, {
      "if-match": `"${reviewed.version}"`,
    });
    expect(finalized.statusCode, finalized.body).toBe(200);

    const ok = await preview(examiner, "km");
    expect(ok.statusCode, ok.body).toBe(200);
    const text = pdfText(ok.rawPayload);
    expect(text).toMatch(/번역 \(크메르어\) · 번역: \S*nt-translator\S* · 검토: \S*nt-reviewer\S*/);
    const reasons = reviewed.segments.filter((s) => s.unit.startsWith("reasons."));
    expect(reasons.length).toBe(2);
    for (const s of reasons) expect(text).toContain(`[km-${s.position}]`);
    const remedy = reviewed.segments.find((s) => s.unit === "remedy.objection.text")!;
    expect(text).toContain(`[km-${remedy.position}]`);

    // Approved and served, the issued notice carries the same Khmer part (the applicant speaks Khmer).
    h.clock.tick();
    await stepUp(h.app, h.ctx, supervisor);
    const approved = await h.call(supervisor, "POST", `/api/v1/approvals/${draftId}/approve`);
    expect(approved.statusCode, approved.body).toBe(201);
    const served = await h.event(clerk, caseId, {
      type: "notice_served",
      occurredOn: "2026-11-23",
      method: "in_person",
    });
    expect(served.statusCode, served.body).toBe(201);
    const [notice] = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/notices`)).json<{
      items: { documentId: string }[];
    }>().items;
    const pdf = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/notices/${notice!.documentId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const issued = pdfText(pdf.rawPayload);
    expect(issued).toContain(`[km-${remedy.position}]`);
    expect(issued).toMatch(/번역 \(크메르어\) · 번역: .*nt-translator/);
  });
});
