import { describe, expect, it } from "vitest";
import { createKoreanCalendar } from "./calendar.ts";
import { decide, fold, view } from "./index.ts";
import { play, type EventInput } from "./script.ts";
import { deadline } from "./testing.ts";

const calendar = createKoreanCalendar();
const ctx = { today: "2026-11-24", calendar };
const seoul = { office: "seoul", channel: "in_country" as const, kind: "first" as const };

describe("the worked example of docs/procedure.md §7", () => {
  const filed = { ...seoul, occurredOn: "2022-05-10" };
  const refusal: EventInput[] = [
    {
      type: "decision_issued",
      occurredOn: "2023-02-07",
      outcome: "not_recognized",
      reasons: "no well-founded fear",
    },
    { type: "notice_served", occurredOn: "2023-02-10", method: "in_person" },
  ];

  it("gives the first-instance decision due date of six months (CA 160)", () => {
    const { events } = play(filed, [], ctx);
    const v = view(events, "2022-06-01", calendar);
    expect(v.stage).toBe("examination");
    expect(v.applicantStatus).toBe("under_review");
    expect(deadline(v, "first_instance_decision")).toMatchObject({ dueOn: "2022-11-10", status: "open" });
    expect(deadline(v, "work_permission")).toMatchObject({ dueOn: "2022-11-10", status: "open" });
    expect(
      view(events, "2022-11-11", calendar).deadlines.find((d) => d.kind === "first_instance_decision")
        ?.status,
    ).toBe("missed");
  });

  it("moves the objection period's end from Sunday 2023-03-12 to Monday 2023-03-13 (CA 161)", () => {
    const { events } = play(filed, refusal, ctx);
    const v = view(events, "2023-03-01", calendar);
    expect(v.stage).toBe("challenge_period");
    expect(v.applicantStatus).toBe("awaiting_challenge");
    expect(deadline(v, "objection_filing")).toMatchObject({
      dueOn: "2023-03-13",
      status: "open",
      party: "applicant",
    });
    // 90 days from service on 2023-02-10 runs 2023-02-11 to 2023-05-11 (a Thursday).
    expect(deadline(v, "suit_filing")).toMatchObject({ dueOn: "2023-05-11", status: "open" });
    // One year from the day the refusal took effect, its service on Friday 2023-02-10 (ALA 20(2)):
    // the year begins 2023-02-11 and ends the day before the corresponding day, Saturday
    // 2024-02-10 (CA 160); Sunday the 11th and Monday the 12th (the substitute Seollal holiday)
    // follow, so it ends on Tuesday 2024-02-13 (CA 161). Counted from the decision of 2023-02-07,
    // as before, a suit filed on 2024-02-08 would have been shown as out of time.
    expect(deadline(v, "suit_filing_outer")).toMatchObject({ dueOn: "2024-02-13" });
    // The decision itself came after the six months: the office missed its deadline.
    expect(deadline(v, "first_instance_decision")).toMatchObject({ status: "missed" });
    // … and says when: decided on 2023-02-07, 89 days after 2022-11-10 (so no "days overdue" forever).
    expect(deadline(v, "first_instance_decision").settledOn).toBe("2023-02-07");
    // Work permission is a date from which something holds, not a task.
    expect(deadline(v, "work_permission")).toMatchObject({ obligation: "info" });
    expect(deadline(v, "objection_filing")).toMatchObject({ obligation: "right" });
    expect(deadline(v, "objection_filing").settledOn).toBeUndefined();
    expect(v.allowedEvents).toEqual(expect.arrayContaining(["objection_filed", "suit_filed", "withdrawn"]));
    expect(v.removalBarred).toBe(true);
    expect(v.removalBarBasis).toMatch(/RA 5\(6\)/);
  });

  it("becomes final the day after the suit period ends when nothing is filed", () => {
    const { events } = play(filed, refusal, ctx);
    const during = view(events, "2023-05-11", calendar);
    expect(during.final).toBe(false);
    expect(deadline(during, "objection_filing").status).toBe("lapsed");
    const after = view(events, "2023-05-12", calendar);
    expect(after).toMatchObject({
      stage: "refused",
      final: true,
      finalSince: "2023-05-12",
      applicantStatus: null,
      removalBarred: false,
      removalBarBasis: null,
    });
    expect(deadline(after, "suit_filing").status).toBe("lapsed");
    expect(after.allowedEvents).toEqual(["removal_requested", "extradition_requested"]);
  });

  it("refuses an objection once the decision is final, naming the stage and what is allowed", () => {
    const { state } = play(filed, refusal, ctx);
    const result = decide(state, { type: "objection_filed", occurredOn: "2023-06-01" }, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe("not_allowed");
    expect(result.refusal.stage).toBe("refused");
    expect(result.refusal.message).toContain("final since 2023-05-12");
    expect(result.refusal.allowedEvents).toEqual(["removal_requested", "extradition_requested"]);
  });
});

describe("from filing to a final ruling and a redecision", () => {
  const steps: EventInput[] = [
    { type: "summons_served", occurredOn: "2019-04-01", interviewOn: "2019-04-15", method: "post" },
    {
      type: "interview_held",
      occurredOn: "2019-04-15",
      examinerId: "examiner-7",
      interpreter: { language: "km", sex: "female", relay: false },
      recorded: true,
      readBack: true,
    },
    {
      type: "decision_issued",
      occurredOn: "2019-08-20",
      outcome: "not_recognized",
      reasons: "A fictional ground for the test.",
    },
    { type: "notice_served", occurredOn: "2019-08-26", method: "in_person" },
    { type: "objection_filed", occurredOn: "2019-09-10" },
    { type: "committee_hearing_held", occurredOn: "2020-01-15" },
    {
      type: "objection_decided",
      occurredOn: "2020-02-20",
      outcome: "dismissed",
      panel: "committee-2",
      reasons: "A fictional ground for the test.",
    },
    { type: "objection_notice_served", occurredOn: "2020-02-27", method: "post" },
    {
      type: "suit_filed",
      occurredOn: "2020-05-20",
      court: "Seoul Administrative Court",
      level: 1,
      docketNo: "2020구단1234",
    },
    { type: "removal_requested", occurredOn: "2020-06-01", requestedBy: "immigration enforcement" },
    {
      type: "judgment_issued",
      occurredOn: "2021-01-15",
      court: "Seoul Administrative Court",
      level: 1,
      docketNo: "2020구단1234",
      outcome: "claim_dismissed",
    },
    { type: "judgment_served", occurredOn: "2021-01-19", party: "authority", level: 1 },
    { type: "judgment_served", occurredOn: "2021-01-20", party: "applicant", level: 1 },
    {
      type: "appeal_filed",
      occurredOn: "2021-02-02",
      by: "applicant",
      level: 2,
      court: "Seoul High Court",
      docketNo: "2021누5678",
    },
    {
      type: "judgment_issued",
      occurredOn: "2021-09-10",
      court: "Seoul High Court",
      level: 2,
      docketNo: "2021누5678",
      outcome: "annulled",
    },
    { type: "judgment_served", occurredOn: "2021-09-14", party: "applicant", level: 2 },
    { type: "judgment_served", occurredOn: "2021-09-15", party: "authority", level: 2 },
    { type: "appeal_waived", occurredOn: "2021-09-16", by: "applicant", level: 3 },
    {
      type: "appeal_filed",
      occurredOn: "2021-09-29",
      by: "authority",
      level: 3,
      court: "Supreme Court",
      docketNo: "2021두9999",
    },
    { type: "record_received", occurredOn: "2021-10-20", level: 3 },
    { type: "record_receipt_notified", occurredOn: "2021-10-20", party: "authority", level: 3 },
    { type: "appeal_grounds_filed", occurredOn: "2021-11-08", by: "authority", level: 3 },
    {
      type: "judgment_issued",
      occurredOn: "2022-01-27",
      court: "Supreme Court",
      level: 3,
      docketNo: "2021두9999",
      outcome: "summary_dismissal",
    },
    // SCA 5(2): the summary dismissal takes effect when served on the appellant.
    { type: "judgment_served", occurredOn: "2022-02-03", party: "authority", level: 3 },
  ];
  const filed = { ...seoul, occurredOn: "2019-03-04" };

  it("runs the objection decision and the suit period from the objection's notice", () => {
    const { events } = play(filed, steps.slice(0, 8), ctx);
    const pending = view(events, "2019-12-01", calendar);
    expect(pending.stage).toBe("objection");
    expect(pending.applicantStatus).toBe("under_review");
    // 30 days from 2019-08-26 ends on Wednesday 2019-09-25; filed on 2019-09-10.
    expect(deadline(pending, "objection_filing")).toMatchObject({ dueOn: "2019-09-25", status: "met" });
    expect(deadline(pending, "objection_decision")).toMatchObject({ dueOn: "2020-03-10", status: "open" });
    expect(pending.deadlines.some((d) => d.kind === "suit_filing")).toBe(false);

    const v = view(events, "2020-03-01", calendar);
    expect(v.stage).toBe("challenge_period");
    expect(deadline(v, "objection_decision").status).toBe("met");
    // 90 days from 2020-02-27 (a leap year) ends on 2020-05-27.
    expect(deadline(v, "suit_filing")).toMatchObject({ dueOn: "2020-05-27", status: "open" });
    // The outer year runs from the objection decision's taking effect, its service on 2020-02-27
    // (ALA 20(2)): it begins 2020-02-28 and ends the day before the corresponding day, Saturday
    // 2021-02-27; Sunday the 28th and Monday 1 March (Independence Movement Day) follow, so it ends
    // on Tuesday 2021-03-02 (CA 161). From the decision of 2020-02-20 it would have been 2021-02-22.
    expect(deadline(v, "suit_filing_outer")).toMatchObject({ dueOn: "2021-03-02" });
  });

  it("tracks appeal periods per party and level", () => {
    const { events } = play(filed, steps.slice(0, 13), ctx);
    const v = view(events, "2021-01-25", calendar);
    expect(v.stage).toBe("litigation");
    expect(v.applicantStatus).toBe("in_litigation");
    expect(v.litigationLevel).toBe(1);
    expect(deadline(v, "appeal_filing", { party: "applicant" })).toMatchObject({
      dueOn: "2021-02-03",
      level: 2,
    });
    expect(deadline(v, "appeal_filing", { party: "authority" })).toMatchObject({
      dueOn: "2021-02-02",
      level: 2,
    });
    expect(v.removalBarred).toBe(true);
  });

  it("says when an appeal right was settled: used on the day of the appeal, waived on the day of the waiver", () => {
    const { events } = play(filed, steps, ctx);
    const v = view(events, "2022-03-01", calendar);
    expect(deadline(v, "appeal_filing", { party: "applicant", level: 3 })).toMatchObject({
      status: "lapsed",
      settledOn: "2021-09-16",
    });
    expect(deadline(v, "appeal_filing", { party: "authority", level: 3 })).toMatchObject({
      status: "met",
      settledOn: "2021-09-29",
    });
  });

  it("counts the Supreme Court's grounds from the notice to the appellant and summary dismissal from receipt", () => {
    const { events } = play(filed, steps.slice(0, 21), ctx);
    const v = view(events, "2021-11-01", calendar);
    expect(v.litigationLevel).toBe(3);
    expect(deadline(v, "appeal_filing", { party: "authority", level: 3 })).toMatchObject({
      dueOn: "2021-09-29",
      status: "met",
    });
    expect(deadline(v, "appeal_filing", { party: "applicant", level: 3 })).toMatchObject({
      status: "lapsed",
    });
    // Notice served Wednesday 2021-10-20; 20 days end Tuesday 2021-11-09 (CPA 427).
    expect(deadline(v, "supreme_court_grounds", { party: "authority" })).toMatchObject({
      dueOn: "2021-11-09",
      status: "open",
    });
    // Four months from 2021-10-20 end on Sunday 2022-02-20, so Monday 2022-02-21.
    expect(deadline(v, "summary_dismissal")).toMatchObject({ dueOn: "2022-02-21", status: "open" });
  });

  it("makes the High Court's annulment final when the Supreme Court dismisses summarily, and requires a redecision", () => {
    const { events, state } = play(filed, steps, ctx);
    // Issued Thursday 2022-01-27 but served on the appellant only on Thursday 2022-02-03.
    expect(view(events, "2022-02-02", calendar)).toMatchObject({ stage: "litigation", final: false });
    const v = view(events, "2022-02-04", calendar);
    expect(v).toMatchObject({
      stage: "redecision",
      final: false,
      redecisionRequired: true,
      applicantStatus: "under_review",
      protection: null,
      removalBarred: true,
    });
    expect(deadline(v, "summary_dismissal").status).toBe("met");
    expect(deadline(v, "supreme_court_grounds", { party: "authority" }).status).toBe("met");
    expect(v.allowedEvents).toContain("redecision_issued");
    expect(v.allowedEvents).not.toContain("judgment_issued");
    expect(state.removalRequests).toHaveLength(1);

    const done = play(
      filed,
      [
        ...steps,
        {
          type: "redecision_issued",
          occurredOn: "2022-06-10",
          outcome: "recognized",
          examinerId: "examiner-7",
        },
        { type: "notice_served", occurredOn: "2022-06-15", method: "in_person" },
      ],
      ctx,
    );
    const finalView = view(done.events, "2022-07-01", calendar);
    expect(finalView).toMatchObject({
      stage: "recognized",
      final: true,
      finalSince: "2022-06-15",
      protection: "refugee",
      applicantStatus: null,
      redecisionRequired: false,
      removalBarred: true,
    });
    expect(finalView.removalBarBasis).toMatch(/RA 3/);
    expect(finalView.allowedEvents).toEqual(
      expect.arrayContaining(["recognition_cancelled", "cessation_decided", "removal_requested"]),
    );
  });

  it("evaluates the same history on any earlier date", () => {
    const { events } = play(filed, steps, ctx);
    expect(view(events, "2019-05-01", calendar).stage).toBe("examination");
    expect(view(events, "2019-08-21", calendar).stage).toBe("decision_notice");
    expect(view(events, "2020-06-01", calendar).stage).toBe("litigation");
  });
});

describe("a judgment that nobody appeals", () => {
  it("becomes final the day after the last party's appeal period ends (CPA 498)", () => {
    const { events } = play(
      { ...seoul, occurredOn: "2023-01-05" },
      [
        {
          type: "decision_issued",
          occurredOn: "2023-06-01",
          outcome: "not_recognized",
          humanitarianStay: true,
          reasons: "A fictional ground for the test.",
        },
        { type: "notice_served", occurredOn: "2023-06-05", method: "post" },
        {
          type: "suit_filed",
          occurredOn: "2023-07-03",
          court: "Seoul Administrative Court",
          level: 1,
          docketNo: "2023구단77",
        },
        {
          type: "judgment_issued",
          occurredOn: "2024-03-08",
          court: "Seoul Administrative Court",
          level: 1,
          docketNo: "2023구단77",
          outcome: "annulled",
        },
        { type: "judgment_served", occurredOn: "2024-03-12", party: "applicant", level: 1 },
        { type: "judgment_served", occurredOn: "2024-03-13", party: "authority", level: 1 },
      ],
      ctx,
    );
    const during = view(events, "2024-03-27", calendar);
    expect(during.final).toBe(false);
    expect(during.protection).toBe("humanitarian");
    expect(during.removalBarBasis).toMatch(/humanitarian/);
    // Authority served 2024-03-13: two weeks end on Wednesday 2024-03-27.
    expect(deadline(during, "appeal_filing", { party: "authority" }).dueOn).toBe("2024-03-27");
    const after = view(events, "2024-03-28", calendar);
    expect(after).toMatchObject({
      stage: "redecision",
      redecisionRequired: true,
      applicantStatus: "under_review",
    });
    expect(deadline(after, "appeal_filing", { party: "authority" }).status).toBe("lapsed");
  });
});

describe("late objection (ALA 20(1))", () => {
  it("does not restart the suit period, and the suit may still be filed while it runs", () => {
    const { events, state } = play(
      { ...seoul, occurredOn: "2022-05-10" },
      [
        {
          type: "decision_issued",
          occurredOn: "2023-02-07",
          outcome: "not_recognized",
          reasons: "A fictional ground for the test.",
        },
        { type: "notice_served", occurredOn: "2023-02-10", method: "in_person" },
        { type: "objection_filed", occurredOn: "2023-03-20" },
      ],
      ctx,
    );
    const v = view(events, "2023-03-21", calendar);
    expect(v.stage).toBe("objection");
    expect(deadline(v, "objection_filing").status).toBe("missed");
    expect(deadline(v, "suit_filing")).toMatchObject({ dueOn: "2023-05-11", status: "open" });
    expect(v.allowedEvents).toContain("suit_filed");

    const decided = play(
      { ...seoul, occurredOn: "2022-05-10" },
      [
        {
          type: "decision_issued",
          occurredOn: "2023-02-07",
          outcome: "not_recognized",
          reasons: "A fictional ground for the test.",
        },
        { type: "notice_served", occurredOn: "2023-02-10", method: "in_person" },
        { type: "objection_filed", occurredOn: "2023-03-20" },
        {
          type: "objection_decided",
          occurredOn: "2023-04-10",
          outcome: "rejected_unlawful",
          reasons: "A fictional ground for the test.",
        },
        { type: "objection_notice_served", occurredOn: "2023-04-12", method: "post" },
      ],
      ctx,
    );
    expect(deadline(view(decided.events, "2023-04-20", calendar), "suit_filing").dueOn).toBe("2023-05-11");
    expect(view(decided.events, "2023-05-12", calendar)).toMatchObject({
      stage: "refused",
      final: true,
      finalSince: "2023-05-12",
    });
    expect(state.rounds).toHaveLength(1);
  });
});

describe("a late objection still pending when the suit period ends", () => {
  it("keeps the applicant under review until it is settled, and finality never goes back in time", () => {
    const { events } = play(
      { ...seoul, occurredOn: "2022-05-10" },
      [
        {
          type: "decision_issued",
          occurredOn: "2023-02-07",
          outcome: "not_recognized",
          reasons: "A fictional ground for the test.",
        },
        { type: "notice_served", occurredOn: "2023-02-10", method: "in_person" },
        { type: "objection_filed", occurredOn: "2023-04-20" },
        {
          type: "objection_decided",
          occurredOn: "2023-06-01",
          outcome: "rejected_unlawful",
          reasons: "A fictional ground for the test.",
        },
        { type: "objection_notice_served", occurredOn: "2023-06-05", method: "post" },
      ],
      ctx,
    );
    const pending = view(events, "2023-05-20", calendar);
    expect(pending).toMatchObject({ stage: "objection", final: false, applicantStatus: "under_review" });
    const settled = view(events, "2023-06-10", calendar);
    expect(settled).toMatchObject({ stage: "refused", final: true, finalSince: "2023-06-05" });
  });
});

describe("port of entry (RA 6)", () => {
  const port = { office: "incheon-airport", channel: "port_of_entry" as const, kind: "first" as const };

  it("counts the decision period and the RA 40 dates from the referral (RD 5(6))", () => {
    // Applied at the port on Thursday 2024-04-04, referred on Monday 2024-04-08: the application
    // counts as made on 2024-04-08. Six months: the period begins 2024-04-09 (CA 157) and ends the
    // day before the corresponding day, 2024-10-09 less one: Tuesday 2024-10-08, no holiday (CA
    // 160). Work permission and living-cost support count six months from the same day.
    const { events } = play(
      { ...port, occurredOn: "2024-04-04" },
      [{ type: "referral_decided", occurredOn: "2024-04-08", referred: true }],
      ctx,
    );
    const v = view(events, "2024-05-01", calendar);
    expect(v.stage).toBe("examination");
    expect(deadline(v, "first_instance_decision")).toMatchObject({ dueOn: "2024-10-08", status: "open" });
    expect(deadline(v, "work_permission")).toMatchObject({ dueOn: "2024-10-08" });
    expect(deadline(v, "living_support_end")).toMatchObject({ dueOn: "2024-10-08" });
  });

  it("deems the applicant admitted when no referral decision is recorded within 7 days", () => {
    // Applied Friday 2024-04-05: counting that day as the first (FAAA 6(2)), the seventh is
    // Thursday 2024-04-11.
    const { state, events } = play({ ...port, occurredOn: "2024-04-05" }, [], ctx);
    expect(view(events, "2024-04-11", calendar).stage).toBe("port_screening");
    const after = view(events, "2024-04-12", calendar);
    expect(after.stage).toBe("examination");
    expect(after.deemedAdmitted).toBe(true);
    expect(deadline(after, "referral_decision")).toMatchObject({ dueOn: "2024-04-11", status: "missed" });
    expect(deadline(after, "referral_decision").basis).toMatch(/FAAA 6\(2\)/);
    const late = decide(state, { type: "referral_decided", occurredOn: "2024-04-12", referred: true }, ctx);
    expect(late.ok).toBe(false);
  });

  it("lets a non-referral be challenged in court but not by objection", () => {
    const { events } = play(
      { ...port, occurredOn: "2024-04-05" },
      [
        { type: "referral_decided", occurredOn: "2024-04-08", referred: false, nonReferralGround: 5 },
        { type: "notice_served", occurredOn: "2024-04-08", method: "in_person" },
      ],
      ctx,
    );
    const v = view(events, "2024-04-09", calendar);
    expect(v.stage).toBe("challenge_period");
    expect(v.allowedEvents).toContain("suit_filed");
    expect(v.allowedEvents).not.toContain("objection_filed");
    // 90 days from 2024-04-08 end on Sunday 2024-07-07: Monday 2024-07-08.
    expect(deadline(v, "suit_filing").dueOn).toBe("2024-07-08");
    expect(deadline(v, "referral_decision").status).toBe("met");
    expect(view(events, "2024-07-09", calendar)).toMatchObject({ stage: "not_referred", final: true });
  });

  it("requires the ground of a non-referral", () => {
    const { state } = play({ ...port, occurredOn: "2024-04-05" }, [], ctx);
    const r = decide(state, { type: "referral_decided", occurredOn: "2024-04-08", referred: false }, ctx);
    expect(r.ok ? null : r.refusal.message).toMatch(/RD 5\(1\)/);
  });
});

describe("interviews (RA 8(6))", () => {
  const summonsAndMiss = (on: string, interviewOn: string): EventInput[] => [
    { type: "summons_served", occurredOn: on, interviewOn, method: "post" },
    { type: "interview_missed", occurredOn: interviewOn },
  ];

  it("allows termination only after three consecutive missed interviews", () => {
    const two = play(
      { ...seoul, occurredOn: "2024-01-10" },
      [...summonsAndMiss("2024-02-01", "2024-02-15"), ...summonsAndMiss("2024-03-01", "2024-03-15")],
      ctx,
    );
    expect(view(two.events, "2024-03-16", calendar).allowedEvents).not.toContain("review_terminated");
    const three = play(
      { ...seoul, occurredOn: "2024-01-10" },
      [
        ...summonsAndMiss("2024-02-01", "2024-02-15"),
        ...summonsAndMiss("2024-03-01", "2024-03-15"),
        ...summonsAndMiss("2024-04-01", "2024-04-15"),
        { type: "review_terminated", occurredOn: "2024-04-20", reason: "no_show" },
      ],
      ctx,
    );
    const v = view(three.events, "2024-05-01", calendar);
    expect(v).toMatchObject({ stage: "terminated", final: true, applicantStatus: null });
    expect(deadline(v, "first_instance_decision").status).toBe("lapsed");
  });

  it("resets the count when an interview is held", () => {
    const { state } = play(
      { ...seoul, occurredOn: "2024-01-10" },
      [
        ...summonsAndMiss("2024-02-01", "2024-02-15"),
        ...summonsAndMiss("2024-03-01", "2024-03-15"),
        { type: "interview_held", occurredOn: "2024-03-20", examinerId: "e1" },
        ...summonsAndMiss("2024-04-01", "2024-04-15"),
      ],
      ctx,
    );
    expect(state.examination.consecutiveMissed).toBe(1);
  });

  it("cannot miss an interview that was never summoned", () => {
    const { state } = play({ ...seoul, occurredOn: "2024-01-10" }, [], ctx);
    const r = decide(state, { type: "interview_missed", occurredOn: "2024-02-01" }, ctx);
    expect(r.ok).toBe(false);
  });
});

describe("extension of the decision period (RA 18(5))", () => {
  const filed = { ...seoul, occurredOn: "2022-05-10" };

  it("needs notice at least 7 days before the original due date", () => {
    const { state } = play(filed, [], ctx);
    const late = decide(
      state,
      { type: "decision_extended", occurredOn: "2022-11-04", newDueOn: "2023-05-10" },
      ctx,
    );
    expect(late.ok).toBe(false);
    const ok = decide(
      state,
      { type: "decision_extended", occurredOn: "2022-11-03", newDueOn: "2023-05-10" },
      ctx,
    );
    expect(ok.ok).toBe(true);
  });

  it("allows at most six more months, once", () => {
    const { state } = play(filed, [], ctx);
    const tooLong = decide(
      state,
      { type: "decision_extended", occurredOn: "2022-10-01", newDueOn: "2023-05-11" },
      ctx,
    );
    expect(tooLong.ok ? null : tooLong.refusal.message).toMatch(/2023-05-10/);
    const extended = play(
      filed,
      [{ type: "decision_extended", occurredOn: "2022-10-01", newDueOn: "2023-05-10" }],
      ctx,
    );
    const v = view(extended.events, "2022-12-01", calendar);
    expect(deadline(v, "first_instance_decision")).toMatchObject({ dueOn: "2023-05-10", status: "open" });
    expect(deadline(v, "first_instance_decision").basis).toMatch(/RA 18\(5\)/);
    expect(v.allowedEvents).not.toContain("decision_extended");
  });
});

describe("cancellation of recognition (RA 22)", () => {
  const recognized: EventInput[] = [
    { type: "decision_issued", occurredOn: "2020-06-01", outcome: "recognized" },
    { type: "notice_served", occurredOn: "2020-06-03", method: "in_person" },
    {
      type: "recognition_cancelled",
      occurredOn: "2024-02-01",
      ground: "RA 22(1): recognition obtained by false documents",
    },
    { type: "notice_served", occurredOn: "2024-02-01", method: "in_person" },
  ];

  it("suspends protection, opens the 30-day objection and bars removal until the cancellation is final", () => {
    const { events } = play({ ...seoul, occurredOn: "2020-01-02" }, recognized, ctx);
    const v = view(events, "2024-02-05", calendar);
    expect(v.protection).toBeNull();
    expect(v.stage).toBe("challenge_period");
    expect(deadline(v, "status_objection_filing")).toMatchObject({ dueOn: "2024-03-04", status: "open" });
    expect(v.removalBarred).toBe(true);
    const fin = view(events, "2024-06-01", calendar);
    expect(fin).toMatchObject({ stage: "cancelled", final: true, protection: null, removalBarred: false });
  });

  it("restores refugee status when the objection succeeds", () => {
    const { events } = play(
      { ...seoul, occurredOn: "2020-01-02" },
      [
        ...recognized,
        { type: "objection_filed", occurredOn: "2024-02-20" },
        { type: "objection_decided", occurredOn: "2024-05-02", outcome: "recognized" },
        { type: "objection_notice_served", occurredOn: "2024-05-07", method: "post" },
      ],
      ctx,
    );
    expect(view(events, "2024-05-08", calendar)).toMatchObject({
      stage: "recognized",
      protection: "refugee",
      final: true,
    });
  });
});

describe("withdrawal", () => {
  it("closes the case and lapses every running period", () => {
    const { events, state } = play(
      { ...seoul, occurredOn: "2024-01-10" },
      [{ type: "withdrawn", occurredOn: "2024-03-01" }],
      ctx,
    );
    const v = view(events, "2024-03-02", calendar);
    expect(v).toMatchObject({
      stage: "withdrawn",
      final: true,
      finalSince: "2024-03-01",
      applicantStatus: null,
    });
    expect(v.deadlines.every((d) => d.status === "lapsed")).toBe(true);
    // Each says since when: the day of the withdrawal.
    expect(v.deadlines.map((d) => d.settledOn)).toEqual(v.deadlines.map(() => "2024-03-01"));
    const r = decide(state, { type: "interview_held", occurredOn: "2024-03-05", examinerId: "e1" }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.message).toMatch(/stage "withdrawn"/);
  });
});

describe("bad input", () => {
  const { state } = play({ ...seoul, occurredOn: "2024-01-10" }, [], ctx);

  it("records an objection's filer and grounds, and refuses a hearing where the examiner of the decision sits (RA 26)", () => {
    const { state: objected } = play(
      { ...seoul, occurredOn: "2024-01-10" },
      [
        {
          type: "decision_issued",
          occurredOn: "2024-06-03",
          outcome: "not_recognized",
          reasons: "Not credible.",
          examinerId: "examiner-7",
        },
        { type: "notice_served", occurredOn: "2024-06-05", method: "post" },
        {
          type: "objection_filed",
          occurredOn: "2024-06-20",
          filedBy: "representative",
          representative: "A fictional attorney",
          grounds: "The evidence was not examined.",
        },
      ],
      ctx,
    );
    const unnamed = decide(
      objected,
      { type: "objection_filed", occurredOn: "2024-06-21", filedBy: "representative" },
      ctx,
    );
    expect(unnamed.ok ? null : unnamed.refusal.issues?.map((i) => i.path)).toEqual(["representative"]);
    const conflicted = decide(
      objected,
      { type: "committee_hearing_held", occurredOn: "2024-08-01", members: ["member-1", "examiner-7"] },
      ctx,
    );
    expect(conflicted.ok ? null : conflicted.refusal).toMatchObject({
      code: "rule",
      message: expect.stringMatching(/^RA 26: examiner-7/),
    });
    const twice = decide(
      objected,
      { type: "committee_hearing_held", occurredOn: "2024-08-01", members: ["member-1", "member-1"] },
      ctx,
    );
    expect(twice.ok).toBe(false);
    const heard = decide(
      objected,
      {
        type: "committee_hearing_held",
        occurredOn: "2024-08-01",
        members: ["member-1", "member-2"],
        minutes: "Heard.",
      },
      ctx,
    );
    expect(heard.ok).toBe(true);
  });

  it("refuses a refusal without reasons (RA 18(2)-(3)), naming the field; a recognition needs none", () => {
    for (const outcome of ["not_recognized", "excluded"] as const) {
      const r = decide(
        state,
        { type: "decision_issued", occurredOn: "2024-06-03", outcome, exclusionGround: 1 },
        ctx,
      );
      expect(r.ok ? null : r.refusal.issues).toEqual([
        { path: "reasons", message: "required for a refusal (RA 18(2)-(3))" },
      ]);
    }
    const recognised = decide(
      state,
      { type: "decision_issued", occurredOn: "2024-06-03", outcome: "recognized" },
      ctx,
    );
    expect(recognised.ok).toBe(true);
    const { state: objected } = play(
      { ...seoul, occurredOn: "2024-01-10" },
      [
        {
          type: "decision_issued",
          occurredOn: "2024-06-03",
          outcome: "not_recognized",
          reasons: "Not credible.",
        },
        { type: "notice_served", occurredOn: "2024-06-05", method: "post" },
        { type: "objection_filed", occurredOn: "2024-06-20" },
      ],
      ctx,
    );
    const dismissed = decide(
      objected,
      { type: "objection_decided", occurredOn: "2024-09-02", outcome: "dismissed" },
      ctx,
    );
    expect(dismissed.ok ? null : dismissed.refusal.issues).toEqual([
      { path: "reasons", message: "required for a refusal (APA 23(1))" },
    ]);
  });

  it("refuses unknown fields, unknown types, future and out-of-order dates, and names what is allowed", () => {
    const unknownField = decide(state, { type: "withdrawn", occurredOn: "2024-02-01", note: "x" }, ctx);
    expect(unknownField.ok ? null : unknownField.refusal.code).toBe("invalid_event");
    const unknownType = decide(state, { type: "appeal_lodged", occurredOn: "2024-02-01" }, ctx);
    expect(unknownType.ok ? null : unknownType.refusal.message).toMatch(/allowed now: .*decision_issued/);
    const future = decide(state, { type: "withdrawn", occurredOn: "2026-11-25" }, ctx);
    expect(future.ok ? null : future.refusal.code).toBe("future_date");
    const before = decide(state, { type: "withdrawn", occurredOn: "2024-01-09" }, ctx);
    expect(before.ok ? null : before.refusal.code).toBe("out_of_order");
    const badDate = decide(state, { type: "withdrawn", occurredOn: "2024-02-30" }, ctx);
    expect(badDate.ok ? null : badDate.refusal.issues?.[0]?.path).toBe("occurredOn");
    const badGround = decide(
      state,
      {
        type: "decision_issued",
        occurredOn: "2024-02-01",
        outcome: "excluded",
        reasons: "A fictional ground for the test.",
      },
      ctx,
    );
    expect(badGround.ok ? null : badGround.refusal.message).toMatch(/RA 19/);
  });

  it("folds the same history to the same state", () => {
    const { events } = play(
      { ...seoul, occurredOn: "2024-01-10" },
      [{ type: "withdrawn", occurredOn: "2024-03-01" }],
      ctx,
    );
    expect(fold(events)).toEqual(fold(structuredClone(events)));
  });
});

describe("the objection decision period and its extension (RA 21(7), 21(8))", () => {
  const filed = { ...seoul, occurredOn: "2022-05-10" };
  // Refused 2023-02-07, served 2023-02-10 (a Friday); objection filed 2023-03-13 (a Monday), in time.
  const objected: EventInput[] = [
    {
      type: "decision_issued",
      occurredOn: "2023-02-07",
      outcome: "not_recognized",
      reasons: "A fictional ground for the test.",
    },
    { type: "notice_served", occurredOn: "2023-02-10", method: "in_person" },
    { type: "objection_filed", occurredOn: "2023-03-13" },
  ];
  // Six months from filing on 2023-03-13: the first day is not counted (CA 157), so the period
  // begins on 2023-03-14 and ends on the day before the corresponding day six months on (CA 160):
  // 2023-09-14 less one, 2023-09-13, a Wednesday, no holiday. The extension must be notified at
  // least 7 days before that date (RA 21(8)): by 2023-09-06, also a Wednesday.

  it("shows the objection decision due with its article", () => {
    const { events } = play(filed, objected, ctx);
    const v = view(events, "2023-04-01", calendar);
    expect(deadline(v, "objection_decision")).toMatchObject({ dueOn: "2023-09-13", status: "open" });
    expect(deadline(v, "objection_decision").basis).toMatch(/^RA 21\(7\)/);
    expect(v.allowedEvents).toContain("objection_extended");
  });

  it("accepts an extension notified on the last day of notice, 2023-09-06", () => {
    const { events } = play(filed, objected, ctx);
    const result = decide(
      fold(events.filter((e) => e.occurredOn <= "2023-09-06")),
      { type: "objection_extended", occurredOn: "2023-09-06", newDueOn: "2024-03-13" },
      ctx,
    );
    expect(result.ok).toBe(true);
  });

  it("refuses an extension notified 6 days before the due date, or after it expired", () => {
    const { events } = play(filed, objected, ctx);
    const state = fold(events);
    for (const on of ["2023-09-07", "2023-09-20"]) {
      const result = decide(
        state,
        { type: "objection_extended", occurredOn: on, newDueOn: "2024-03-13" },
        ctx,
      );
      expect(result.ok, on).toBe(false);
      if (!result.ok) expect(result.refusal.message).toMatch(/RA 21\(8\)|not allowed/);
    }
    // Nor is it offered any more once the last day of notice has passed.
    expect(view(events, "2023-09-07", calendar).allowedEvents).not.toContain("objection_extended");
  });
});
