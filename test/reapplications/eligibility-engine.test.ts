/**
 * The eligibility review in the Korean profile's engine: what a review under each kind of policy
 * does to the case's stage, applicant status, bar on removal and deadlines, and which reviews the
 * engine refuses. Dates are counted by hand in the comments (CA 157: the first day is not counted;
 * CA 161: an end on a Saturday or holiday moves to the next working day).
 */
import { describe, expect, it } from "vitest";
import { takesProtection } from "../../src/kernel/procedure/protection.ts";
import {
  createKoreanCalendar,
  decide,
  derive,
  fold,
  krRefugeeAct,
  krStatistics,
  type CaseEvent,
  type KrCaseState,
} from "../../src/profiles/kr-refugee-act/index.ts";
import { deadline } from "../../src/profiles/kr-refugee-act/testing.ts";

const calendar = createKoreanCalendar([]);
const PRIOR = "0190f1a0-0000-7000-8000-000000000001";

const filed: CaseEvent = {
  type: "application_filed",
  occurredOn: "2026-01-05",
  channel: "in_country",
  office: "seoul",
  kind: "subsequent",
  priorCaseIds: [PRIOR],
};

function review(policy: string, outcome: "eligible" | "ineligible", extra: Record<string, unknown> = {}) {
  return {
    type: "eligibility_decided",
    occurredOn: "2026-01-12",
    policy,
    priorEnding: "refused_on_merits",
    outcome,
    elements: [
      {
        refKind: "evidence",
        refId: "ev-1",
        tag: "already_considered",
        material: false,
        reason: "The same screenshots were before the first examiner.",
      },
    ],
    reasons: "Nothing in the new application differs from what was decided.",
    ...extra,
  };
}

/** Decide `input` on `state` as of `today`; fails the test when the engine refuses it. */
function accept(
  state: KrCaseState,
  input: Record<string, unknown>,
  today = String(input.occurredOn),
): KrCaseState {
  const r = decide(state, input, { today, calendar });
  if (!r.ok) throw new Error(r.refusal.message);
  return krRefugeeAct.evolve(state, r.event) as KrCaseState;
}

function refusal(state: KrCaseState, input: Record<string, unknown>) {
  const r = decide(state, input, { today: String(input.occurredOn), calendar });
  expect(r.ok).toBe(false);
  return r.ok ? null : r.refusal;
}

const start = () => fold([filed]);

describe("the eligibility review of a re-application", () => {
  it("is offered on a subsequent application before its decision, never on a first one", () => {
    expect(derive(start(), "2026-01-06", calendar).allowedEvents).toContain("eligibility_decided");
    const first = fold([{ ...filed, kind: "first", priorCaseIds: [] } as CaseEvent]);
    expect(derive(first, "2026-01-06", calendar).allowedEvents).not.toContain("eligibility_decided");
    expect(refusal(first, review("kr-2025-bill", "ineligible"))?.code).toBe("not_allowed");
  });

  it("needs a second person: it is in the profile's approvals", () => {
    expect(krRefugeeAct.approvals.has("eligibility_decided")).toBe(true);
    expect(krRefugeeAct.foldVersion).toBeGreaterThanOrEqual(4);
  });

  it("under the 2025 bill: a served negative review ends applicant status and the bar on removal", () => {
    let s = accept(start(), review("kr-2025-bill", "ineligible"));
    // Decided but not served: a disposition takes effect on service; still an applicant.
    let v = derive(s, "2026-01-13", calendar);
    expect(v.stage).toBe("eligibility_notice");
    expect(v.applicantStatus).toBe("under_review");
    expect(v.removalBarred).toBe(true);
    expect(v.allowedEvents).toContain("eligibility_notice_served");
    expect(v.allowedEvents).not.toContain("decision_issued");

    // Serving it takes protection away (the bar lifts): the kernel asks for a second person.
    const serve = { type: "eligibility_notice_served", occurredOn: "2026-01-20", method: "in_person" };
    const served = decide(s, serve, { today: "2026-01-20", calendar });
    expect(served.ok).toBe(true);
    if (served.ok)
      expect(takesProtection(krRefugeeAct, s, served.event, "2026-01-20", calendar)).toMatch(
        /bar on removal/,
      );
    s = accept(s, serve);

    v = derive(s, "2026-01-21", calendar);
    expect(v.stage).toBe("eligibility_remedy");
    expect(v.applicantStatus).toBeNull();
    expect(v.removalBarred).toBe(false); // ALA 23(1): a suit does not suspend it
    // Served 2026-01-20 (Tue): 90 days from the next day end on 2026-04-20 (Mon).
    const d = deadline(v, "eligibility_remedy");
    expect(d.dueOn).toBe("2026-04-20");
    expect(d.basis).toContain("ALA 20(1)");
    expect(v.deadlines.find((x) => x.kind === "first_instance_decision")?.status).toBe("lapsed");

    // The period runs out unused: final from the next day.
    v = derive(s, "2026-04-21", calendar);
    expect(v.stage).toBe("ineligible");
    expect(v.final).toBe(true);
    expect(v.finalSince).toBe("2026-04-21");
    // In the statistics the case is closed without a decision on the merits.
    const acc = krStatistics.start(filed as never);
    expect(krStatistics.result(acc, v).final).toEqual({ outcome: "inadmissible", since: "2026-04-21" });
  });

  it("a remedy that annuls the negative review puts the case back into examination", () => {
    let s = accept(start(), review("kr-2025-bill", "ineligible"));
    s = accept(s, { type: "eligibility_notice_served", occurredOn: "2026-01-20", method: "post" });
    s = accept(s, {
      type: "eligibility_remedy_filed",
      occurredOn: "2026-02-02",
      court: "Seoul Administrative Court",
    });
    let v = derive(s, "2026-02-03", calendar);
    expect(v.stage).toBe("eligibility_remedy");
    expect(v.final).toBe(false);
    expect(v.removalBarred).toBe(false);
    expect(deadline(v, "eligibility_remedy").status).toBe("met");
    s = accept(s, { type: "eligibility_remedy_decided", occurredOn: "2026-06-10", outcome: "annulled" });
    v = derive(s, "2026-06-11", calendar);
    expect(v.stage).toBe("examination");
    expect(v.applicantStatus).toBe("under_review");
    expect(v.removalBarred).toBe(true);
    expect(v.allowedEvents).toContain("eligibility_decided");
  });

  it("under the law in force: the case goes on in the simplified procedure, the person an applicant", () => {
    const s = accept(start(), review("kr-current", "ineligible"));
    const v = derive(s, "2026-02-01", calendar);
    expect(v.stage).toBe("examination");
    expect(v.applicantStatus).toBe("under_review");
    expect(v.removalBarred).toBe(true);
    expect(v.allowedEvents).toContain("decision_issued");
    expect(v.allowedEvents).not.toContain("eligibility_decided"); // decided once
  });

  it("an eligible review changes nothing but the record", () => {
    const s = accept(
      start(),
      review("kr-2025-bill", "eligible", {
        elements: [
          {
            refKind: "foreign_state_action",
            refId: "fsa-1",
            tag: "arose_after",
            material: true,
            reason: "The home government asked for the applicant's return after the refusal.",
          },
        ],
        reasons: "A request to repatriate arose after the earlier decision.",
      }),
    );
    const v = derive(s, "2026-02-01", calendar);
    expect(v.stage).toBe("examination");
    expect(v.applicantStatus).toBe("under_review");
  });

  it("under the EU Regulation: the appeal runs 7 days from service (a named reading of Art. 67)", () => {
    let s = accept(start(), review("eu-2024-1348", "ineligible"));
    s = accept(s, { type: "eligibility_notice_served", occurredOn: "2026-01-20", method: "in_person" });
    // Served Tue 2026-01-20: 7 days end Tue 2026-01-27.
    expect(deadline(derive(s, "2026-01-21", calendar), "eligibility_remedy").dueOn).toBe("2026-01-27");
  });

  it("under a bar with no remedy (Australia s48A): final on service", () => {
    let s = accept(start(), review("au-s48a", "ineligible"));
    s = accept(s, { type: "eligibility_notice_served", occurredOn: "2026-01-20", method: "in_person" });
    const v = derive(s, "2026-01-20", calendar);
    expect(v.stage).toBe("ineligible");
    expect(v.finalSince).toBe("2026-01-20");
    expect(v.deadlines.some((d) => d.kind === "eligibility_remedy")).toBe(false);
    expect(v.allowedEvents).not.toContain("eligibility_remedy_filed");
  });

  it("refuses a review the policy does not allow, naming the rule", () => {
    const s = start();
    // The 2021 bill does not review after missed interviews; the 2025 bill does.
    expect(
      refusal(s, review("kr-2021-bill", "ineligible", { priorEnding: "terminated_no_show" }))?.rule?.key,
    ).toBe("eligibility_trigger_not_met");
    expect(() =>
      accept(s, review("kr-2025-bill", "ineligible", { priorEnding: "terminated_no_show" })),
    ).not.toThrow();
    // A bar cannot be found eligible by the examiner.
    expect(refusal(s, review("ca-irpa-101", "eligible"))?.rule?.key).toBe("eligibility_bar");
    // Eligible needs an element found material; a material element makes it eligible.
    expect(refusal(s, review("kr-2025-bill", "eligible"))?.rule?.key).toBe("eligibility_needs_material");
    const material = {
      refKind: "fact",
      refId: "f-2",
      tag: "arose_after",
      material: true,
      reason: "A new arrest warrant.",
    };
    expect(refusal(s, review("kr-2025-bill", "ineligible", { elements: [material] }))?.rule?.key).toBe(
      "eligibility_material_means_eligible",
    );
    expect(
      refusal(
        s,
        review("kr-2025-bill", "eligible", { elements: [{ ...material, tag: "already_considered" }] }),
      )?.rule?.key,
    ).toBe("eligibility_already_considered");
    expect(
      refusal(s, review("kr-2025-bill", "eligible", { elements: [material, material] }))?.rule?.key,
    ).toBe("eligibility_element_twice");
    // An unknown policy or a review without reasons is bad input.
    expect(refusal(s, review("xx-none", "ineligible"))?.code).toBe("invalid_event");
    expect(refusal(s, review("kr-2025-bill", "ineligible", { reasons: "" }))?.code).toBe("invalid_event");
  });
});

describe("the eligibility review's notice", () => {
  it("states the outcome, each element's finding and the policy's remedy with its derived deadline", async () => {
    const { NOTICES } = await import("../../src/profiles/kr-refugee-act/notices.ts");
    const decided = { ...review("kr-2025-bill", "ineligible") } as Record<string, unknown> & {
      type: string;
      occurredOn: string;
    };
    let s = accept(start(), decided);
    s = accept(s, { type: "eligibility_notice_served", occurredOn: "2026-01-20", method: "in_person" });
    const specs = derive(s, "2026-01-20", calendar).deadlineSpecs;
    expect(NOTICES.serves["eligibility_notice_served"]).toEqual(["eligibility_decided"]);
    const notice = NOTICES.content(decided, specs, "2026-01-20");
    expect(notice?.outcome.key).toBe("outcome.eligibility_ineligible");
    expect(notice?.reasons).toContain("The same screenshots were before the first examiner.");
    expect(notice?.remedies).toEqual([
      expect.objectContaining({ deadlineKind: "eligibility_remedy", dueOn: "2026-04-20" }),
    ]);
    expect(NOTICES.legal.texts[notice!.remedies[0]!.text.key]).toMatch(/행정소송법 제20조 제1항/);

    // Under the law in force: the simplified procedure, and no remedy of its own.
    const current = NOTICES.content(review("kr-current", "ineligible") as never, [], null);
    expect(current?.outcome.key).toBe("outcome.eligibility_simplified");
    expect(current?.remedies).toEqual([]);
  });
});
