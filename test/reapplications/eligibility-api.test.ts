/**
 * The eligibility review through HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: the
 * policies as values; the office's policy in force by date (set by an administrator, never back in
 * time, a bill with a warning); a re-application's review proposed by an examiner with reasons per
 * element, refused when it breaks the policy's rules, approved by a supervisor, served as a notice
 * (a second person again, with a second factor, because serving it lifts the bar on removal),
 * after which the case has no applicant and no bar, with the remedy's deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordInProcess } from "../../src/cases/record-event.ts";
import { currentTotpCode } from "../../src/security/commands/accounts.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { REVIEWER, SYSTEM, type TestUser } from "../support/auth.ts";
import { withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

interface Review {
  policy: { id: string };
  policyWarning: string | null;
  priorEnding: string | null;
  triggerApplies: boolean;
  earlierCases: { caseId: string; ending: string | null }[];
  elements: {
    refKind: string;
    refId: string;
    tag: string | null;
    counts: { strict: boolean; generous: boolean };
  }[];
  reading: { strict: string; generous: string };
  proposal: { draftId: string; status: string } | null;
  review: { outcome: string; servedOn: string | null; elements: { reason: string }[] } | null;
  status: {
    stage: string;
    applicantStatus: string | null;
    removalBarred: boolean;
    remedyDueOn: string | null;
  };
  version: number;
}

describe.each(createTestDatabases())("eligibility review on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  const u = {} as Record<"clerk" | "examiner" | "supervisor" | "second" | "admin" | "busan", TestUser>;
  let earlier: string;
  let reapp: string;
  let personId: string;

  const call = (who: TestUser, method: "GET" | "POST" | "PUT", url: string, body?: unknown, headers = {}) =>
    h.call(who, method, url, body, headers);
  const review = async (who = u.examiner) => {
    const r = await call(who, "GET", `/api/v1/cases/${reapp}/eligibility-review`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Review>();
  };
  const freshCode = (who: TestUser) => {
    h.clock.tick();
    return currentTotpCode(who.secret, h.ctx.clock());
  };
  const propose = async (body: unknown, who = u.examiner) =>
    call(who, "POST", `/api/v1/cases/${reapp}/eligibility-review`, body, {
      "if-match": `"${(await review(u.examiner)).version}"`,
    });
  const system = async (caseId: string, e: Record<string, unknown>) => {
    const v = (await call(u.clerk, "GET", `/api/v1/cases/${caseId}`)).json<{ version: number }>().version;
    await recordInProcess(h.ctx, { author: SYSTEM, approver: REVIEWER }, caseId, v, e);
  };

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    u.clerk = await h.user("el-clerk", "intake_clerk", "seoul");
    u.examiner = await h.user("el-examiner", "examiner", "seoul");
    u.supervisor = await h.user("el-supervisor", "supervisor", "seoul");
    u.second = await h.user("el-second", "supervisor", "seoul");
    u.admin = await h.user("el-admin", "administrator", null);
    u.busan = await h.user("el-busan", "examiner", "busan");
    const p = await call(u.clerk, "POST", "/api/v1/persons", {
      names: [{ value: "Sok Dara (fictional)", script: "Latn", kind: "primary" }],
      nationality: "KHM",
    });
    personId = p.json<{ id: string }>().id;
    // The earlier case: filed 2025, refused, served; final once the suit period ran out (2025-12-02).
    const c = await call(u.clerk, "POST", "/api/v1/cases", {
      personId,
      office: "seoul",
      channel: "in_country",
      kind: "first",
      filedOn: "2025-06-02",
    });
    expect(c.statusCode, c.body).toBe(201);
    earlier = c.json<{ id: string }>().id;
    await system(earlier, {
      type: "decision_issued",
      occurredOn: "2025-09-01",
      outcome: "not_recognized",
      reasons: "The claimed profile was not found to attract the authorities' attention (fictional).",
    });
    await system(earlier, { type: "notice_served", occurredOn: "2025-09-03", method: "in_person" });
  });

  afterAll(async () => {
    await storage?.dispose();
    await h?.close();
  });

  it("lists the policies as values, the law in force as default", async () => {
    const r = await call(u.examiner, "GET", "/api/v1/reapplication-policies");
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ defaultPolicy: string; items: { id: string; sources: unknown[] }[] }>();
    expect(body.defaultPolicy).toBe("kr-current");
    expect(body.items.map((p) => p.id)).toEqual([
      "kr-current",
      "kr-2021-bill",
      "kr-2025-bill",
      "eu-apd-2013",
      "eu-2024-1348",
      "uk-para-353",
      "ca-irpa-101",
      "au-s48a",
    ]);
  });

  it("an administrator sets the office's policy from today on, never back in time; a bill warns", async () => {
    const before = await call(u.examiner, "GET", "/api/v1/offices/seoul/reapplication-policy");
    expect(before.json()).toMatchObject({ policy: "kr-current", isDefault: true, warning: null });
    const body = {
      policy: "kr-2025-bill",
      from: "2026-11-24",
      reason: "Training office: trying the 2025 bill",
    };
    expect(
      (await call(u.examiner, "PUT", "/api/v1/offices/seoul/reapplication-policy", body)).statusCode,
    ).toBe(403);
    const back = await call(u.admin, "PUT", "/api/v1/offices/seoul/reapplication-policy", {
      ...body,
      from: "2026-11-23",
    });
    expect(back.statusCode, back.body).toBe(422);
    const unknown = await call(u.admin, "PUT", "/api/v1/offices/seoul/reapplication-policy", {
      ...body,
      policy: "xx",
    });
    expect(unknown.statusCode, unknown.body).toBe(422);
    expect(
      (await call(u.admin, "PUT", "/api/v1/offices/nowhere/reapplication-policy", body)).statusCode,
    ).toBe(404);
    const set = await call(u.admin, "PUT", "/api/v1/offices/seoul/reapplication-policy", body);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ policy: "kr-2025-bill", from: "2026-11-24", isDefault: false });
    expect(set.json<{ warning: string }>().warning).toMatch(/bill, not law/);
    expect((await call(u.admin, "PUT", "/api/v1/offices/seoul/reapplication-policy", body)).statusCode).toBe(
      409,
    );
    // Before the change the office ran the law in force.
    const then = await call(u.examiner, "GET", "/api/v1/offices/seoul/reapplication-policy?on=2026-11-23");
    expect(then.json()).toMatchObject({ policy: "kr-current" });
    // Everyone may know which policy runs; who set it is for those who manage it.
    expect(then.json<{ history: { setBy: string | null }[] }>().history).toEqual([
      expect.objectContaining({ policy: "kr-2025-bill", setBy: null }),
    ]);
    const asAdmin = await call(u.admin, "GET", "/api/v1/offices/seoul/reapplication-policy");
    expect(asAdmin.json<{ history: { setBy: string | null }[] }>().history[0]?.setBy).toMatch(/el-admin/);
    expect((await call(u.busan, "GET", "/api/v1/offices/busan/reapplication-policy")).json()).toMatchObject({
      policy: "kr-current",
    });
  });

  it("shows a re-application's policy, earlier ending and classified elements, never deciding", async () => {
    const c = await call(u.clerk, "POST", "/api/v1/cases", {
      personId,
      office: "seoul",
      channel: "in_country",
      kind: "subsequent",
      priorCaseIds: [earlier],
      filedOn: "2026-11-24",
    });
    expect(c.statusCode, c.body).toBe(201);
    reapp = c.json<{ id: string }>().id;
    // The examiner's classification in "what is new" (0042).
    for (const [kind, id, tag] of [
      ["evidence", "ev-1", "already_considered"],
      ["coi", "coi-1", "existed_not_relied_on"],
    ])
      await h.ctx.db.query(
        `INSERT INTO reapplication_elements (office_id, case_id, ref_kind, ref_id, tag, classified_by, classified_at)
         VALUES ('seoul', $1, $2, $3, $4, 'el-examiner', now())`,
        [reapp, kind, id, tag],
      );
    const r = await review();
    expect(r.policy.id).toBe("kr-2025-bill");
    expect(r.policyWarning).toMatch(/bill/);
    expect(r.earlierCases).toEqual([
      expect.objectContaining({ caseId: earlier, ending: "refused_on_merits" }),
    ]);
    expect(r.priorEnding).toBe("refused_on_merits");
    expect(r.triggerApplies).toBe(true);
    expect(r.reading).toEqual({ strict: "ineligible", generous: "eligible" });
    expect(r.elements.find((e) => e.refId === "coi-1")?.counts).toEqual({ strict: false, generous: true });
    expect(r.status).toMatchObject({
      stage: "examination",
      applicantStatus: "under_review",
      removalBarred: true,
    });
    expect((await call(u.busan, "GET", `/api/v1/cases/${reapp}/eligibility-review`)).statusCode).toBe(404);
  });

  it("refuses a proposal that breaks the policy's rules, and changes nothing", async () => {
    const eligibleBare = await propose({ outcome: "eligible", reasons: "New facts." });
    expect(eligibleBare.statusCode, eligibleBare.body).toBe(422);
    expect(eligibleBare.json<{ rule?: { key: string } }>().rule?.key).toBe("eligibility_needs_material");
    const considered = await propose({
      outcome: "eligible",
      reasons: "The screenshots.",
      elements: [{ refKind: "evidence", refId: "ev-1", material: true, reason: "Seen before." }],
    });
    expect(considered.statusCode, considered.body).toBe(422);
    const noMatch = await call(u.examiner, "POST", `/api/v1/cases/${reapp}/eligibility-review`, {
      outcome: "ineligible",
      reasons: "x",
    });
    expect(noMatch.statusCode).toBe(428);
    // Not as a bare event, which could name another policy than the office's.
    const bare = await h.event(u.examiner, reapp, {
      type: "eligibility_decided",
      occurredOn: "2026-11-24",
      policy: "kr-current",
      priorEnding: "refused_on_merits",
      outcome: "ineligible",
      reasons: "x",
    });
    expect(bare.statusCode, bare.body).toBe(422);
    expect((await review()).proposal).toBeNull();
  });

  it("an examiner proposes, a supervisor approves, the notice is served: status and bar follow the policy", async () => {
    const proposed = await propose({
      outcome: "ineligible",
      reasons:
        "Nothing new arose after the earlier decision; the report existed and was not raised (fictional).",
      elements: [
        {
          refKind: "evidence",
          refId: "ev-1",
          material: false,
          reason: "The same screenshots were considered.",
        },
        { refKind: "coi", refId: "coi-1", material: false, reason: "Published before the earlier decision." },
      ],
    });
    expect(proposed.statusCode, proposed.body).toBe(202);
    const draftId = proposed.json<{ id: string }>().id;
    let r = await review();
    expect(r.proposal).toMatchObject({ draftId, status: "pending" });
    expect(r.review).toBeNull(); // nothing changes before a second person approves

    // The examiner cannot approve; the supervisor does.
    expect((await call(u.examiner, "POST", `/api/v1/approvals/${draftId}/approve`)).statusCode).toBe(403);
    const ok = await call(u.supervisor, "POST", `/api/v1/approvals/${draftId}/approve`, {
      secondFactor: { totp: freshCode(u.supervisor) },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    r = await review();
    expect(r.review).toMatchObject({ outcome: "ineligible", servedOn: null });
    expect(r.review?.elements.map((e) => e.reason)).toContain("Published before the earlier decision.");
    expect(r.status).toMatchObject({
      stage: "eligibility_notice",
      applicantStatus: "under_review",
      removalBarred: true,
    });

    // Serving it lifts the bar: it waits for a second person with a second factor.
    const serve = await h.event(u.clerk, reapp, {
      type: "eligibility_notice_served",
      occurredOn: "2026-11-24",
      method: "in_person",
    });
    expect(serve.statusCode, serve.body).toBe(202);
    const serveDraft = serve.json<{ id: string; takesProtection: string | null }>();
    expect(serveDraft.takesProtection).toMatch(/bar on removal/);
    const served = await call(u.second, "POST", `/api/v1/approvals/${serveDraft.id}/approve`, {
      secondFactor: { totp: freshCode(u.second) },
    });
    expect(served.statusCode, served.body).toBe(201);
    r = await review();
    // Served Tue 2026-11-24: the suit's 90 days (ALA 20(1)) end Mon 2027-02-22.
    expect(r.status).toMatchObject({
      stage: "eligibility_remedy",
      applicantStatus: null,
      removalBarred: false,
      remedyDueOn: "2027-02-22",
    });
    expect(r.review?.servedOn).toBe("2026-11-24");
  });
});
