/**
 * What is new in a subsequent application (docs/what-is-new.md), on the demo's returning activist.
 * Loaded in process with the showcase cases, her earlier case is refused and final, holds the facts
 * and findings, the captures and the cited report the decision rested on, and after finality the
 * grown audience, the new posts, the request to repatriate and a newer report on activists abroad.
 * A subsequent case opened through the API then shows every kind of element with its proposed tag;
 * the examiner classifies them; bad input is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchingCases } from "../../src/cases/search-cases.ts";
import { inProcessTarget, loadDemo } from "../../src/demo/load.ts";
import {
  EARLIER_POST_BYTES,
  RETURNING_ACTIVIST_DATES,
  RETURNING_ACTIVIST_FACTS,
} from "../../src/demo/returning-activist.ts";
import { queryWords } from "../../src/persons/name-keys.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { completeUpload, withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

describe.each(createTestDatabases())("the demo's returning activist on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  let examiner: TestUser;
  let clerk: TestUser;
  let caseId: string;
  let personId: string;
  let laterCase: string;
  const facts: Record<"same" | "changed" | "after" | "undated", string> = {
    same: "",
    changed: "",
    after: "",
    undated: "",
  };

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    examiner = await h.user("ra-examiner", "examiner", "seoul");
    clerk = await h.user("ra-clerk", "intake_clerk", "seoul");
    await loadDemo(inProcessTarget(h.ctx, "demo-loader"), {
      cases: 0,
      today: "2026-11-24",
      calendar: h.ctx.calendar(),
    });
    const found = await matchingCases(h.ctx.db, h.ctx.keyring, queryWords("Sok Chandara"), 5, {
      office: "seoul",
    });
    expect(found).toHaveLength(1);
    caseId = found[0]!.id;
    personId = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json<{ personId: string }>()
      .personId;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  it("was refused, the objection dismissed, and the refusal is final", async () => {
    const c = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json<{
      stage: string;
      final: boolean;
      kind: string;
    }>();
    expect(c).toMatchObject({ stage: "refused", final: true, kind: "first" });
  });

  it("holds the earlier facts with their findings and the cited report", async () => {
    const facts = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/facts`)).json<{
      items: { id: string; surPlace: boolean }[];
    }>().items;
    expect(facts).toHaveLength(2);
    const assessment = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/assessment`)).json<{
      content: { facts: { factId: string; finding: string }[] };
    }>();
    expect(assessment.content.facts.map((f) => f.finding)).toEqual(["accepted", "rejected"]);
    const citations = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/citations`)).json<{
      items: { title: string; publishedOn: string }[];
    }>().items;
    expect(citations.map((c) => c.title)).toEqual([
      "Cambodia: monitoring of government critics abroad (2021)",
    ]);
  });

  it("holds the posts, and after finality the grown audience, new posts and the request to repatriate", async () => {
    const items = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/evidence`)).json<{
      items: { id: string; kind: string; receivedOn: string; title: string }[];
    }>().items;
    expect(items.map((i) => [i.kind, i.receivedOn])).toEqual([
      ["social_media_capture", "2022-01-25"],
      ["social_media_capture", "2022-01-25"],
      ["social_media_capture", RETURNING_ACTIVIST_DATES.newPostsReceived],
      ["foreign_state_action", RETURNING_ACTIVIST_DATES.repatriationReceived],
    ]);
    const page = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/evidence/${items[0]!.id}`)).json<{
      observations: { observedOn: string; value: number }[];
    }>();
    expect(page.observations.map((o) => [o.observedOn, o.value])).toEqual([
      ["2021-09-06", 640],
      ["2022-01-25", 1150],
      [RETURNING_ACTIVIST_DATES.audienceGrown, 46_800],
    ]);
    const library = await h.ctx.db.query<{ title: string }>(
      `SELECT title FROM coi_documents WHERE country = 'KHM' AND published_on = $1`,
      [RETURNING_ACTIVIST_DATES.newerCoi],
    );
    expect(library.map((d) => d.title)).toContain(
      "Cambodia: treatment of online activists abroad and of returnees (2025)",
    );
  });

  const whatIsNew = async (id = laterCase) => {
    const res = await h.call(examiner, "GET", `/api/v1/cases/${id}/what-is-new`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<WhatIsNew>();
  };
  const of = (w: WhatIsNew, kind: string) => w.elements.filter((e) => e.refKind === kind);

  it("answers 409 for a first application: there is nothing to compare it with", async () => {
    const res = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/what-is-new`);
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("opens a subsequent application through the API and lists the earlier case and how it ended", async () => {
    const researcher = await h.user("ra-researcher", "coi_researcher", null);
    const doc = async (d: Record<string, unknown>) => {
      const res = await h.call(researcher, "POST", "/api/v1/coi/documents", {
        source: "Fictional Legal Monitor",
        country: "KHM",
        language: "en",
        passages: [{ text: "A fictional passage for the test.", locator: "p. 1" }],
        ...d,
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await doc({
      title: "Cambodia: amended law on incitement online (test)",
      publishedOn: "2026-03-02",
      topics: ["legislation"],
    });
    await doc({
      title: "Cambodia: labour migrants (test)",
      publishedOn: "2026-02-01",
      profiles: ["labour_migrants"],
    });
    // Intake registers her again under another spelling; the earlier person is proposed and confirmed.
    const again = await h.call(clerk, "POST", "/api/v1/persons", {
      names: [{ value: "Chandara Sokh", script: "Latn", kind: "primary" }],
      nationality: "KHM",
      birthDate: "1994-08-22",
      sex: "female",
    });
    expect(again.statusCode, again.body).toBe(201);
    const newPerson = again.json<{ id: string }>().id;
    const matches = await h.call(clerk, "GET", `/api/v1/persons/${newPerson}/matches`);
    expect(matches.statusCode, matches.body).toBe(200);
    expect(
      matches
        .json<{ items: { personId: string; proposed: boolean }[] }>()
        .items.find((m) => m.personId === personId)?.proposed,
    ).toBe(true);
    const link = await h.call(clerk, "POST", `/api/v1/persons/${newPerson}/links`, {
      otherPersonId: personId,
      decision: "confirmed",
      reason: "applicant_confirmed",
    });
    expect(link.statusCode, link.body).toBe(201);
    const opened = await h.call(clerk, "POST", "/api/v1/cases", {
      personId: newPerson,
      office: "seoul",
      channel: "in_country",
      kind: "subsequent",
      filedOn: "2026-11-20",
      priorCaseIds: [caseId],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    laterCase = opened.json<{ id: string }>().id;

    const add = async (f: Record<string, unknown>) => {
      const res = await h.call(examiner, "POST", `/api/v1/cases/${laterCase}/facts`, f);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    facts.same = await add(RETURNING_ACTIVIST_FACTS[0].fact);
    facts.changed = await add({
      statement:
        "In October 2021 the district police questioned the applicant's mother and father about the page, twice.",
      occurredOn: "2021-10-14",
      grounds: ["political_opinion"],
    });
    facts.after = await add({
      statement: "In December 2025 the home state asked Korea to return the applicant to stand trial.",
      occurredOn: "2025-12-08",
      grounds: ["political_opinion"],
      surPlace: true,
    });
    facts.undated = await add({ statement: "The applicant's brother lost his job because of the page." });
    // The applicant hands in again the capture of a post the earlier decision considered.
    const upload = await completeUpload(h.app, laterCase, examiner, "post-again.pdf", EARLIER_POST_BYTES);
    const item = await h.call(examiner, "POST", `/api/v1/cases/${laterCase}/evidence`, {
      kind: "document",
      title: "The 2021 post, handed in again",
      supplier: "applicant",
      receivedOn: "2026-11-20",
      channel: "in_person",
      uploadIds: [upload],
    });
    expect(item.statusCode, item.body).toBe(201);

    const w = await whatIsNew();
    expect(w.earlierCases).toEqual([
      expect.objectContaining({
        caseId,
        ending: "refused_on_merits",
        decidedOn: RETURNING_ACTIVIST_DATES.objectionDecided,
      }),
    ]);
    expect(w.earlierCases[0]!.finalOn! > RETURNING_ACTIVIST_DATES.objectionServed).toBe(true);
    expect(w.earlierDecisionOn).toBe(RETURNING_ACTIVIST_DATES.objectionDecided);
    expect(w.lastFinalOn).toBe(w.earlierCases[0]!.finalOn);
    expect(w.surPlace).toBe(true);
    expect(new Set(w.elements.map((e) => e.refKind))).toEqual(
      new Set(["fact", "evidence", "audience", "coi", "law", "foreign_state_action"]),
    );
    expect(w.elements.every((e) => e.tag === null)).toBe(true);

    // The read is recorded on the new case, and on the earlier case whose file it shows.
    const records = await h.test.db.query<{
      action: string;
      caseId: string;
      details: Record<string, unknown>;
    }>(
      `SELECT action, case_id AS "caseId", details FROM audit_log
        WHERE action LIKE 'reapplication.what_is_new.%' AND outcome = 'ok' ORDER BY seq DESC LIMIT 2`,
    );
    expect(records).toEqual([
      {
        action: "reapplication.what_is_new.read",
        caseId: laterCase,
        details: { elements: w.elements.length },
      },
      {
        action: "reapplication.what_is_new.earlier",
        caseId,
        details: { subsequentCaseId: laterCase },
      },
    ]);
  });

  it("compares the claimed facts with the earlier claim and its findings", async () => {
    const byId = new Map(of(await whatIsNew(), "fact").map((e) => [e.refId, e]));
    expect(byId.get(facts.same)).toMatchObject({
      comparison: "already_considered",
      proposedTag: "already_considered",
      earlier: { caseId, finding: "accepted" },
    });
    expect(byId.get(facts.changed)).toMatchObject({
      comparison: "changed",
      proposedTag: "existed_not_relied_on",
      reason: "changed_before",
      earlier: { caseId, finding: "rejected" },
    });
    expect(byId.get(facts.after)).toMatchObject({
      comparison: "new",
      proposedTag: "arose_after",
      aroseOn: "2025-12-08",
      earlier: null,
    });
    expect(byId.get(facts.undated)).toMatchObject({
      comparison: "new",
      proposedTag: null,
      reason: "undated",
    });
  });

  it("shows the new posts, the grown audience, the repatriation request and newer COI", async () => {
    const w = await whatIsNew();
    const evidence = of(w, "evidence");
    expect(evidence.map((e) => [e.summary, e.proposedTag])).toEqual([
      ["The 2021 post, handed in again", "already_considered"],
      ["Livestreams naming provincial officials, October 2025 (fictional)", "arose_after"],
    ]);
    expect(evidence[0]!.reason).toBe("identical_hash");
    expect(evidence[0]!.earlier).toMatchObject({
      caseId,
      summary: "Post calling for the release of detained opposition members (fictional)",
      item: { number: 2 },
    });
    expect(evidence[1]).toMatchObject({ caseId, aroseOn: "2025-10-12", item: { number: 3 } });

    const audience = of(w, "audience");
    const followers = audience.find((a) => a.observation?.metric === "followers");
    expect(followers).toMatchObject({
      aroseOn: RETURNING_ACTIVIST_DATES.audienceGrown,
      proposedTag: "arose_after",
      summary: "Chandara Speaks (fictional)",
      observation: { value: 46_800 },
      earlier: { observation: { value: 1150, observedOn: "2022-01-25" } },
    });
    expect(audience.find((a) => a.observation?.metric === "views")?.observation?.value).toBe(212_000);
    // Observations before the earlier decision are not new.
    expect(audience.every((a) => a.aroseOn! > RETURNING_ACTIVIST_DATES.objectionDecided)).toBe(true);

    expect(of(w, "foreign_state_action")).toEqual([
      expect.objectContaining({
        caseId,
        aroseOn: RETURNING_ACTIVIST_DATES.repatriationRequested,
        proposedTag: "arose_after",
      }),
    ]);
    expect(of(w, "foreign_state_action")[0]!.action).toEqual({
      action: "repatriation_request",
      state: "KHM",
    });

    const coi = of(w, "coi");
    expect(coi.map((c) => c.summary)).toContainEqual(
      expect.stringContaining("Cambodia: treatment of online activists abroad and of returnees (2025)"),
    );
    expect(coi.every((c) => c.aroseOn! > RETURNING_ACTIVIST_DATES.objectionDecided)).toBe(true);
    expect(coi.some((c) => c.summary.includes("monitoring of government critics abroad"))).toBe(false);
    expect(coi.some((c) => c.summary.includes("labour migrants"))).toBe(false);

    const law = of(w, "law");
    expect(law.find((l) => l.summary.includes("amended law on incitement"))).toMatchObject({
      proposedTag: "arose_after",
      aroseOn: "2026-03-02",
    });
    expect(law.find((l) => l.refId === "cjeu-c-216-22")).toMatchObject({
      proposedTag: null,
      reason: "other_jurisdiction",
    });
    expect(law.some((l) => l.refId === "cjeu-c-18-20")).toBe(false);
  });

  it("keeps the examiner's classification, without applicant text, and the sur-place flag", async () => {
    const w = await whatIsNew();
    const fsa = of(w, "foreign_state_action")[0]!;
    const res = await h.call(examiner, "PUT", `/api/v1/cases/${laterCase}/what-is-new/elements`, {
      elements: [
        { refKind: "fact", refId: facts.after, tag: "arose_after" },
        { refKind: "fact", refId: facts.changed, tag: "existed_not_relied_on", withoutFault: true },
        { refKind: "foreign_state_action", refId: fsa.refId, tag: "arose_after" },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = new Map(res.json<WhatIsNew>().elements.map((e) => [e.refId, e]));
    expect(after.get(facts.after)).toMatchObject({ tag: "arose_after", classifiedBy: examiner.username });
    expect(after.get(facts.changed)).toMatchObject({ tag: "existed_not_relied_on", withoutFault: true });
    expect(after.get(fsa.refId)?.tag).toBe("arose_after");
    expect(after.get(facts.same)?.tag).toBeNull();

    const rows = await h.test.db.query<Record<string, unknown>>(
      `SELECT * FROM reapplication_elements WHERE case_id = $1 ORDER BY ref_kind, ref_id`,
      [laterCase],
    );
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.ref_kind === "foreign_state_action")).toMatchObject({ tag: "arose_after" });
    expect(JSON.stringify(rows)).not.toMatch(/home state|Chandara|police/);
    const [claims] = await h.test.db.query<{ sur_place: boolean }>(
      `SELECT sur_place FROM reapplication_claims WHERE case_id = $1`,
      [laterCase],
    );
    expect(claims?.sur_place).toBe(true);

    // A null tag clears a classification.
    const cleared = await h.call(examiner, "PUT", `/api/v1/cases/${laterCase}/what-is-new/elements`, {
      elements: [{ refKind: "foreign_state_action", refId: fsa.refId, tag: null }],
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json<WhatIsNew>().elements.find((e) => e.refId === fsa.refId)?.tag).toBeNull();
  });

  it("refuses bad classifications with a problem and changes nothing", async () => {
    const url = `/api/v1/cases/${laterCase}/what-is-new/elements`;
    const before = await h.test.db.query(`SELECT * FROM reapplication_elements WHERE case_id = $1`, [
      laterCase,
    ]);
    for (const body of [
      {},
      { elements: [] },
      { elements: [{ refKind: "fact", refId: facts.same, tag: "maybe" }] },
      { elements: [{ refKind: "rumour", refId: facts.same, tag: "arose_after" }] },
      { elements: [{ refKind: "fact", refId: "not-an-element", tag: "arose_after" }] },
      { elements: [{ refKind: "evidence", refId: facts.same, tag: "arose_after" }] },
      { elements: [{ refKind: "fact", refId: facts.same, tag: "already_considered", withoutFault: true }] },
      {
        elements: [
          { refKind: "fact", refId: facts.same, tag: "already_considered" },
          { refKind: "fact", refId: facts.same, tag: "arose_after" },
        ],
      },
    ]) {
      const res = await h.call(examiner, "PUT", url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect(
      await h.test.db.query(`SELECT * FROM reapplication_elements WHERE case_id = $1`, [laterCase]),
    ).toEqual(before);
    const body = { elements: [{ refKind: "fact", refId: facts.same, tag: "already_considered" }] };
    const analyst = await h.user("ra-analyst", "analyst", null);
    expect((await h.call(analyst, "PUT", url, body)).statusCode).toBe(403);
    const busan = await h.user("ra-busan", "examiner", "busan");
    expect((await h.call(busan, "PUT", url, body)).statusCode).toBe(404);
    expect((await h.call(busan, "GET", `/api/v1/cases/${laterCase}/what-is-new`)).statusCode).toBe(404);
    expect(
      (await h.call(examiner, "PUT", `/api/v1/cases/${caseId}/what-is-new/elements`, body)).statusCode,
    ).toBe(409);
  });
});

interface Element {
  refKind: string;
  refId: string;
  caseId: string | null;
  summary: string;
  aroseOn: string | null;
  comparison: string | null;
  proposedTag: string | null;
  reason: string;
  why: string;
  tag: string | null;
  withoutFault: boolean | null;
  classifiedBy: string | null;
  item: { caseNumber: string | null; number: number } | null;
  observation: { metric: string; value: number; observedOn: string } | null;
  action: { action: string; state: string } | null;
  earlier: {
    caseId: string;
    summary: string;
    finding: string | null;
    item: { number: number } | null;
    observation: { value: number; observedOn: string } | null;
  } | null;
}
interface WhatIsNew {
  earlierCases: { caseId: string; ending: string | null; decidedOn: string | null; finalOn: string | null }[];
  earlierDecisionOn: string | null;
  lastFinalOn: string | null;
  surPlace: boolean;
  elements: Element[];
}
