/**
 * Issuing a decision notice through the ordinary record-event path, over HTTP on a real database
 * and vault: the examiner previews the drafted refusal, the supervisor approves it, the clerk
 * records its service, and the final PDF is stored with its SHA-256 in the case's chain. The
 * deadlines it states are those the case view shows. A mandated lawyer lists and downloads it in
 * the portal; another lawyer's request answers 404; bad input is a clear problem, never a 500.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { interviewHeld, openHarness, SUMMONS, type Harness } from "../security/fixture.ts";
import { findFontDirs } from "../../src/notices/fonts.ts";
import { useNotices } from "../../src/notices/service.ts";
import { pdfText } from "./pdf-text.ts";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const REASONS =
  '신청인의 활동은 본국 정부의 주목을 받았다고 보기 어렵습니다.\n\n#panic() ] " 는 글자 그대로 남습니다.';

interface Notice {
  documentId: string;
  sha256: string;
  size: number;
  issuedOn: string;
  sequence: number;
  forSequence: number | null;
}

describe.each(createTestDatabases())("decision notices on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  let clerk: TestUser;
  let examiner: TestUser;
  let supervisor: TestUser;
  let lawyer: TestUser;
  let otherLawyer: TestUser;
  let caseId: string;
  let emptyCase: string;

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    clerk = await h.user("no-clerk", "intake_clerk", "seoul");
    examiner = await h.user("no-examiner", "examiner", "seoul");
    supervisor = await h.user("no-supervisor", "supervisor", "seoul");
    lawyer = await h.user("no-lawyer", "representative", null);
    otherLawyer = await h.user("no-lawyer-2", "representative", null);
    ({ caseId } = await h.newCase(clerk, "seoul", {
      names: [{ value: "Dara Sok", script: "Latn", kind: "primary" }],
      nationality: "KHM",
      birthDate: "1990-04-02",
      languages: ["en"],
    }));
    ({ caseId: emptyCase } = await h.newCase(clerk, "seoul"));
    const m = await h.call(clerk, "POST", `/api/v1/cases/${caseId}/mandates`, {
      representativeId: lawyer.id,
      validFrom: "2026-11-01",
    });
    expect(m.statusCode, m.body).toBe(201);
    for (const e of [SUMMONS, interviewHeld(examiner.username)]) {
      const r = await h.event(examiner, caseId, e);
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  it("previews the drafted decision, then issues the served notice with its hash in the chain", async () => {
    const none = await h.call(examiner, "GET", `/api/v1/cases/${emptyCase}/notices/preview`);
    expect(none.statusCode).toBe(409);
    expect(none.json<{ detail: string }>().detail).toMatch(/no decision/);

    const drafted = await h.event(examiner, caseId, {
      type: "decision_issued",
      occurredOn: "2026-11-20",
      outcome: "not_recognized",
      reasons: REASONS,
    });
    expect(drafted.statusCode, drafted.body).toBe(202);

    const preview = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/notices/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.headers["content-type"]).toBe("application/pdf");
    const previewText = pdfText(preview.rawPayload);
    expect(previewText).toContain("미리보기");
    expect(previewText).toContain("신청인의 활동은 본국 정부의 주목을 받았다고 보기 어렵습니다.");
    expect(previewText).toContain('#panic() ] " 는 글자 그대로 남습니다.');

    h.clock.tick();
    await stepUp(h.app, h.ctx, supervisor);
    const approved = await h.call(
      supervisor,
      "POST",
      `/api/v1/approvals/${drafted.json<{ id: string }>().id}/approve`,
    );
    expect(approved.statusCode, approved.body).toBe(201);

    // Without a Korean font the notice cannot be typeset: nothing is recorded, and the clerk is told why.
    const before = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json<{ version: number }>();
    useNotices(h.ctx, { fonts: findFontDirs("/nonexistent-fonts") });
    const refused = await h.event(clerk, caseId, {
      type: "notice_served",
      occurredOn: "2026-11-23",
      method: "in_person",
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json<{ detail: string }>().detail).toMatch(/no Korean font .*fonts-noto-cjk/);
    const after = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json<{ version: number }>();
    expect(after.version).toBe(before.version);
    useNotices(h.ctx);

    const served = await h.event(clerk, caseId, {
      type: "notice_served",
      occurredOn: "2026-11-23",
      method: "in_person",
    });
    expect(served.statusCode, served.body).toBe(201);

    const list = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/notices`);
    expect(list.statusCode, list.body).toBe(200);
    const [notice, ...more] = list.json<{ items: Notice[] }>().items;
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ issuedOn: "2026-11-23", kind: "decision_notice" });

    const pdf = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/notices/${notice!.documentId}/pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(sha(pdf.rawPayload)).toBe(notice!.sha256);
    expect(pdf.rawPayload.length).toBe(notice!.size);

    // The chain holds the same hash, right after the service it was issued for.
    const events = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/events`)).json<{
      items: { sequence: number; type: string; payload?: Record<string, unknown> }[];
    }>().items;
    const issued = events.find((e) => e.type === "document_issued");
    const service = events.find((e) => e.type === "notice_served");
    expect(JSON.stringify(issued)).toContain(notice!.sha256);
    expect(issued?.sequence).toBe((service?.sequence ?? 0) + 1);
    expect(notice!.forSequence).toBe(service?.sequence);

    // The deadlines it states are the case view's: served 2026-11-23 (CA 157: counted from 11-24).
    // Objection, RA 21(1): 30 days → 2026-12-23 (Wednesday).
    // Suit, ALA 20(1): 90 days → 2027-02-21, a Sunday → CA 161: Monday 2027-02-22.
    const view = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}?asOf=2026-11-23`)).json<{
      deadlines: { kind: string; dueOn: string }[];
    }>();
    expect(view.deadlines.find((d) => d.kind === "objection_filing")?.dueOn).toBe("2026-12-23");
    expect(view.deadlines.find((d) => d.kind === "suit_filing")?.dueOn).toBe("2027-02-22");
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain("난민불인정 결정 통지서");
    expect(text).toContain("기한: 2026년 12월 23일까지");
    expect(text).toContain("기한: 2027년 2월 22일까지");
    expect(text).toContain("Deadline: 2026-12-23");
    expect(text).toContain("송달일 2026년 11월 23일");
    expect(text).not.toContain("미리보기");
    const caseNumber = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json<{
      caseNumber: string;
    }>().caseNumber;
    expect(text).toContain(`사건번호: ${caseNumber}`);

    // Each download is in the access record, with the document's id.
    const audited = await h.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'notice.download' AND case_id = $1`,
      [caseId],
    );
    expect(audited[0]?.n).toBe(1);
  });

  it("lets the mandated lawyer list and download the notice, and no one else", async () => {
    const list = await h.call(lawyer, "GET", `/api/v1/portal/cases/${caseId}/notices`);
    expect(list.statusCode, list.body).toBe(200);
    const [notice] = list.json<{ items: Notice[] }>().items;
    expect(notice).toBeDefined();
    const pdf = await h.call(
      lawyer,
      "GET",
      `/api/v1/portal/cases/${caseId}/notices/${notice!.documentId}/pdf`,
    );
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers["content-disposition"]).toMatch(/^attachment/);
    expect(sha(pdf.rawPayload)).toBe(notice!.sha256);

    const other = await h.call(otherLawyer, "GET", `/api/v1/portal/cases/${caseId}/notices`);
    expect(other.statusCode).toBe(404);
    const otherPdf = await h.call(
      otherLawyer,
      "GET",
      `/api/v1/portal/cases/${caseId}/notices/${notice!.documentId}/pdf`,
    );
    expect(otherPdf.statusCode).toBe(404);
    // The staff's routes stay closed to a lawyer.
    const staff = await h.call(lawyer, "GET", `/api/v1/cases/${caseId}/notices`);
    expect([403, 404]).toContain(staff.statusCode);
  });

  it("answers bad input with a problem, never a 500", async () => {
    const bad = await h.call(examiner, "GET", `/api/v1/cases/not-a-case/notices`);
    expect(bad.statusCode).toBe(422);
    const missing = await h.call(
      examiner,
      "GET",
      `/api/v1/cases/${caseId}/notices/01900000-0000-7000-8000-000000000000/pdf`,
    );
    expect(missing.statusCode).toBe(404);
    const unknownCase = await h.call(
      examiner,
      "GET",
      `/api/v1/cases/01900000-0000-7000-8000-000000000000/notices/preview`,
    );
    expect(unknownCase.statusCode).toBe(404);
    const badDoc = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/notices/x/pdf?download=2`);
    expect(badDoc.statusCode).toBe(422);
  });
});
