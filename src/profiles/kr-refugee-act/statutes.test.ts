/**
 * The engine checked against the statutes (docs/procedure.md §4): each rule with a scenario whose
 * dates are counted by hand in the comments, and the weekday of each due date checked.
 * Weekdays: 0 Sunday … 6 Saturday. Holidays used: 2023-10-02 (temporary), 2023-10-03,
 * 2024-02-09 to 02-12 (Seollal and its substitute day), 2024-04-10 (election day).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek, type LegalDate } from "../../kernel/calendar/dates.ts";
import { createKoreanCalendar } from "./calendar.ts";
import { decide, derive, fold, view, type KrDerived } from "./index.ts";
import { play, type EventInput } from "./script.ts";
import { deadline } from "./testing.ts";

const calendar = createKoreanCalendar();
const ctx = { today: "2026-11-24", calendar };
const seoul = { office: "seoul", channel: "in_country" as const, kind: "first" as const };
const filed = { ...seoul, occurredOn: "2022-05-10" };

/** The day a deadline's period runs from (kept with the stored deadline, not shown in its evaluation). */
function fromOf(v: KrDerived, kind: string, party?: string): LegalDate | undefined {
  return v.deadlineSpecs.find((d) => d.kind === kind && (!party || d.party === party))?.from;
}

function refusedOn(history: EventInput[], input: EventInput): string {
  const { state } = play(filed, history, ctx);
  const r = decide(state, input, ctx);
  expect(r.ok, `${input.type} should be refused`).toBe(false);
  return r.ok ? "" : r.refusal.message;
}

/** Refused Tuesday 2023-02-07, served Friday 2023-02-10. */
const refusal: EventInput[] = [
  {
    type: "decision_issued",
    occurredOn: "2023-02-07",
    outcome: "not_recognized",
    reasons: "A fictional ground for the test.",
  },
  { type: "notice_served", occurredOn: "2023-02-10", method: "in_person" },
];
const suit = (occurredOn: LegalDate): EventInput => ({
  type: "suit_filed",
  occurredOn,
  court: "Seoul Administrative Court",
  level: 1,
  docketNo: "2023구단100",
});

describe("rule 2: a suit while a timely objection is pending (ALA 18(1))", () => {
  const pending: EventInput[] = [...refusal, { type: "objection_filed", occurredOn: "2023-02-20" }];

  it("accepts the suit, even 111 days after service, and shows both tracks", () => {
    // The objection (Monday 2023-02-20) is within 30 days of service: timely. The suit on Thursday
    // 2023-06-01 is 111 days after service, lawful because the 90 days run from the objection
    // decision's service (ALA 20(1) proviso), which has not happened.
    const { events } = play(filed, [...pending, suit("2023-06-01")], ctx);
    const v = view(events, "2023-06-02", calendar);
    expect(v.stage).toBe("objection_and_litigation");
    expect(v.applicantStatus).toBe("in_litigation");
    expect(v.removalBarred).toBe(true);
    expect(v.allowedEvents).toEqual(expect.arrayContaining(["objection_decided", "judgment_issued"]));
    expect(v.allowedEvents).not.toContain("suit_filed");
    // Six months from 2023-02-20 end Sunday 2023-08-20, so Monday 2023-08-21 (CA 160, 161).
    const objection = deadline(v, "objection_decision");
    expect(objection).toMatchObject({ dueOn: "2023-08-21", status: "open" });
    expect(dayOfWeek(objection.dueOn)).toBe(1);
    expect(v.deadlines.filter((d) => d.kind === "suit_filing")).toHaveLength(0);
  });

  it("counts the suit as timely once the objection is dismissed, and the litigation goes on", () => {
    // Dismissed Monday 2023-07-03, served Thursday 2023-07-06: 90 days end Wednesday 2023-10-04
    // (July 25 + August 31 + September 30 = 86, plus 4).
    const { events } = play(
      filed,
      [
        ...pending,
        suit("2023-06-01"),
        {
          type: "objection_decided",
          occurredOn: "2023-07-03",
          outcome: "dismissed",
          reasons: "A fictional ground for the test.",
        },
        { type: "objection_notice_served", occurredOn: "2023-07-06", method: "post" },
      ],
      ctx,
    );
    const v = view(events, "2023-07-07", calendar);
    expect(v.stage).toBe("litigation");
    const suitDeadline = deadline(v, "suit_filing");
    expect(suitDeadline).toMatchObject({ dueOn: "2023-10-04", status: "met" });
    expect(dayOfWeek(suitDeadline.dueOn)).toBe(3);
  });

  it("ends in recognition when the objection succeeds while the suit is pending", () => {
    const { events } = play(
      filed,
      [
        ...pending,
        suit("2023-06-01"),
        { type: "objection_decided", occurredOn: "2023-07-03", outcome: "recognized" },
        { type: "objection_notice_served", occurredOn: "2023-07-06", method: "post" },
      ],
      ctx,
    );
    const v = view(events, "2023-07-07", calendar);
    expect(v).toMatchObject({ stage: "recognized", final: true, finalSince: "2023-07-06" });
    expect(v.protection).toBe("refugee");
    // The suit's own end can still be recorded.
    expect(v.allowedEvents).toContain("suit_withdrawn");
  });

  it("holds for any timely objection and any suit date while it is pending (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 29 }),
        fc.integer({ min: 0, max: 170 }),
        (serviceOffset, objectionAfter, suitAfter) => {
          const served = addDays("2020-01-01", serviceOffset);
          const objectionOn = addDays(served, objectionAfter);
          const suitOn = addDays(objectionOn, suitAfter);
          const history: EventInput[] = [
            {
              type: "decision_issued",
              occurredOn: served,
              outcome: "not_recognized",
              reasons: "A fictional ground for the test.",
            },
            { type: "notice_served", occurredOn: served, method: "in_person" },
            { type: "objection_filed", occurredOn: objectionOn },
          ];
          const { state } = play({ ...seoul, occurredOn: "2019-06-03" }, history, ctx);
          expect(decide(state, suit(suitOn), ctx).ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("rule 4: a summary dismissal takes effect on service to the appellant (SCA 5(2))", () => {
  it("is final only once served on every appellant, on the later service", () => {
    const { events } = play(filed, [...toSupremeCourt, ...bothNotified, ...summary], ctx);
    // Issued Thursday 2024-05-02; served on the applicant Tuesday 05-07, the authority Thursday 05-09.
    expect(view(events, "2024-05-03", calendar)).toMatchObject({ stage: "litigation", final: false });
    expect(view(events, "2024-05-08", calendar)).toMatchObject({ stage: "litigation", final: false });
    const v = view(events, "2024-05-09", calendar);
    // The High Court's annulment stands: the office must decide again (ALA 30(2)).
    expect(v).toMatchObject({ stage: "redecision", redecisionRequired: true });
    expect(dayOfWeek("2024-05-09")).toBe(4);
  });
});

describe("rule 5: a withdrawn suit is deemed never filed (CPA 267)", () => {
  // Served Friday 2023-02-10: 90 days end Thursday 2023-05-11 (February 18 + March 31 + April 30
  // = 79, plus 11); May 5 is a holiday but not the last day.
  const withdrawn: EventInput[] = [
    ...refusal,
    suit("2023-03-02"),
    { type: "suit_withdrawn", occurredOn: "2023-04-05" },
  ];

  it("keeps the applicant awaiting challenge, protected and free to sue again until the period ends", () => {
    const { events } = play(filed, withdrawn, ctx);
    const v = view(events, "2023-04-06", calendar);
    expect(v).toMatchObject({
      stage: "challenge_period",
      final: false,
      applicantStatus: "awaiting_challenge",
    });
    expect(v.removalBarred).toBe(true);
    expect(v.allowedEvents).toContain("suit_filed");
    const suitDeadline = deadline(v, "suit_filing");
    expect(suitDeadline).toMatchObject({ dueOn: "2023-05-11", status: "open" });
    expect(dayOfWeek(suitDeadline.dueOn)).toBe(4);
    // Nothing filed again: final the day after, Friday 2023-05-12.
    expect(view(events, "2023-05-12", calendar)).toMatchObject({
      stage: "refused",
      final: true,
      finalSince: "2023-05-12",
    });
    expect(play(filed, [...withdrawn, suit("2023-05-08")], ctx).state.rounds[0]?.instances).toHaveLength(1);
  });

  it("bars the same suit after a judgment on the merits: final on the withdrawal", () => {
    const { events, state } = play(
      filed,
      [
        ...refusal,
        suit("2023-02-20"),
        {
          type: "judgment_issued",
          occurredOn: "2023-04-20",
          court: "Seoul Administrative Court",
          level: 1,
          docketNo: "2023구단100",
          outcome: "claim_dismissed",
        },
        { type: "judgment_served", occurredOn: "2023-04-24", party: "applicant", level: 1 },
        { type: "suit_withdrawn", occurredOn: "2023-04-27" },
      ],
      ctx,
    );
    expect(view(events, "2023-04-28", calendar)).toMatchObject({
      stage: "refused",
      final: true,
      finalSince: "2023-04-27",
    });
    expect(decide(state, suit("2023-05-02"), ctx).ok).toBe(false);
  });

  it("makes the refusal final no earlier than the withdrawal, for any dates (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 89 }), fc.integer({ min: 0, max: 400 }), (suitAfter, gap) => {
        const suitOn = addDays("2023-02-10", suitAfter);
        const withdrawnOn = addDays(suitOn, gap);
        const { events } = play(
          filed,
          [...refusal, suit(suitOn), { type: "suit_withdrawn", occurredOn: withdrawnOn }],
          ctx,
        );
        const later = view(events, "2026-01-01", calendar);
        const expected = withdrawnOn > "2023-05-11" ? withdrawnOn : "2023-05-12";
        expect(later.finalSince).toBe(expected);
        expect(view(events, addDays(expected, -1), calendar).removalBarred).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("rule 7: notices of non-referral, cancellation and cessation are served on their own date", () => {
  it("runs the 30-day objection to a cancellation from service (RA 21(1), 22(3))", () => {
    // Cancelled Thursday 2024-02-01, served Tuesday 2024-02-06: 30 days end Thursday 2024-03-07
    // (February 23 days in a leap year, plus 7). Counted from the decision it would be 2024-03-04.
    const history: EventInput[] = [
      { type: "decision_issued", occurredOn: "2022-09-01", outcome: "recognized" },
      { type: "notice_served", occurredOn: "2022-09-05", method: "in_person" },
      { type: "recognition_cancelled", occurredOn: "2024-02-01", ground: "RA 22(1)" },
    ];
    const before = view(play(filed, history, ctx).events, "2024-02-05", calendar);
    expect(before.stage).toBe("decision_notice");
    expect(before.allowedEvents).toContain("notice_served");
    expect(before.allowedEvents).not.toContain("objection_filed");
    expect(before.removalBarred).toBe(true);

    const served = [...history, { type: "notice_served", occurredOn: "2024-02-06", method: "post" }];
    const v = view(play(filed, served, ctx).events, "2024-02-07", calendar);
    const objection = deadline(v, "status_objection_filing");
    expect(objection).toMatchObject({ dueOn: "2024-03-07", status: "open" });
    expect(fromOf(v, "status_objection_filing")).toBe("2024-02-06");
    expect(dayOfWeek(objection.dueOn)).toBe(4);
  });

  it("runs the cessation's objection from service too", () => {
    const history: EventInput[] = [
      { type: "decision_issued", occurredOn: "2022-09-01", outcome: "recognized" },
      { type: "notice_served", occurredOn: "2022-09-05", method: "in_person" },
      { type: "cessation_decided", occurredOn: "2024-02-01", ground: "RA 22(2)" },
      { type: "notice_served", occurredOn: "2024-02-06", method: "post" },
    ];
    const v = view(play(filed, history, ctx).events, "2024-02-07", calendar);
    expect(deadline(v, "status_objection_filing")).toMatchObject({ dueOn: "2024-03-07" });
  });

  it("runs the suit against a non-referral from service", () => {
    // Not referred Monday 2024-04-08, served Friday 2024-04-12: 90 days end Thursday 2024-07-11
    // (April 18 + May 31 + June 30 = 79, plus 11). From the decision it would be 2024-07-08.
    const port = { office: "incheon-airport", channel: "port_of_entry" as const, kind: "first" as const };
    const { events } = play(
      { ...port, occurredOn: "2024-04-05" },
      [
        { type: "referral_decided", occurredOn: "2024-04-08", referred: false, nonReferralGround: 5 },
        { type: "notice_served", occurredOn: "2024-04-12", method: "in_person" },
      ],
      ctx,
    );
    const v = view(events, "2024-04-15", calendar);
    const suitDeadline = deadline(v, "suit_filing");
    expect(suitDeadline).toMatchObject({ dueOn: "2024-07-11" });
    expect(fromOf(v, "suit_filing")).toBe("2024-04-12");
    expect(dayOfWeek(suitDeadline.dueOn)).toBe(4);
  });
});

/** Refusal, suit, a first-instance dismissal, the applicant's appeal, an annulment, and both appeal. */
const toSupremeCourt: EventInput[] = [
  ...refusal,
  suit("2023-03-02"),
  {
    type: "judgment_issued",
    occurredOn: "2023-09-14",
    court: "Seoul Administrative Court",
    level: 1,
    docketNo: "2023구단100",
    outcome: "claim_dismissed",
  },
  { type: "judgment_served", occurredOn: "2023-09-18", party: "applicant", level: 1 },
  { type: "judgment_served", occurredOn: "2023-09-18", party: "authority", level: 1 },
  {
    type: "appeal_filed",
    occurredOn: "2023-09-25",
    by: "applicant",
    level: 2,
    court: "Seoul High Court",
    docketNo: "2023누200",
  },
  {
    type: "judgment_issued",
    occurredOn: "2024-01-25",
    court: "Seoul High Court",
    level: 2,
    docketNo: "2023누200",
    outcome: "annulled",
  },
  { type: "judgment_served", occurredOn: "2024-01-29", party: "applicant", level: 2 },
  { type: "judgment_served", occurredOn: "2024-01-29", party: "authority", level: 2 },
  {
    type: "appeal_filed",
    occurredOn: "2024-02-05",
    by: "authority",
    level: 3,
    court: "Supreme Court",
    docketNo: "2024두300",
  },
  {
    type: "appeal_filed",
    occurredOn: "2024-02-06",
    by: "applicant",
    level: 3,
    court: "Supreme Court",
    docketNo: "2024두300",
  },
  { type: "record_received", occurredOn: "2024-03-04", level: 3 },
];
const bothNotified: EventInput[] = [
  { type: "record_receipt_notified", occurredOn: "2024-03-05", party: "applicant", level: 3 },
  { type: "record_receipt_notified", occurredOn: "2024-03-06", party: "authority", level: 3 },
  { type: "appeal_grounds_filed", occurredOn: "2024-03-20", by: "applicant", level: 3 },
  { type: "appeal_grounds_filed", occurredOn: "2024-03-22", by: "authority", level: 3 },
];
const summary: EventInput[] = [
  {
    type: "judgment_issued",
    occurredOn: "2024-05-02",
    court: "Supreme Court",
    level: 3,
    docketNo: "2024두300",
    outcome: "summary_dismissal",
  },
  { type: "judgment_served", occurredOn: "2024-05-07", party: "applicant", level: 3 },
  { type: "judgment_served", occurredOn: "2024-05-09", party: "authority", level: 3 },
];

describe("rule 8: the Supreme Court grounds run from each appellant's notice (CPA 426, 427)", () => {
  it("gives each appellant its own due date", () => {
    // Record received Monday 2024-03-04. Notice to the applicant Tuesday 03-05: 20 days end Monday
    // 03-25; to the authority Wednesday 03-06: Tuesday 03-26. From receipt both would be 03-25.
    const { events } = play(filed, [...toSupremeCourt, ...bothNotified.slice(0, 2)], ctx);
    const v = view(events, "2024-03-07", calendar);
    const applicant = deadline(v, "supreme_court_grounds", { party: "applicant" });
    const authority = deadline(v, "supreme_court_grounds", { party: "authority" });
    expect(applicant).toMatchObject({ dueOn: "2024-03-25", status: "open" });
    expect(authority).toMatchObject({ dueOn: "2024-03-26", status: "open" });
    expect(fromOf(v, "supreme_court_grounds", "applicant")).toBe("2024-03-05");
    expect(fromOf(v, "supreme_court_grounds", "authority")).toBe("2024-03-06");
    expect([dayOfWeek(applicant.dueOn), dayOfWeek(authority.dueOn)]).toEqual([1, 2]);
  });

  it("shows no grounds deadline before the notice reaches the appellant", () => {
    const { events } = play(filed, toSupremeCourt, ctx);
    const v = view(events, "2024-03-05", calendar);
    expect(v.deadlines.filter((d) => d.kind === "supreme_court_grounds")).toHaveLength(0);
    expect(v.allowedEvents).toContain("record_receipt_notified");
  });
});

describe("steps that can now be recorded", () => {
  it("grounds filed meet the deadline, and a ruling on them is not shown as a lapse", () => {
    const { events } = play(filed, [...toSupremeCourt, ...bothNotified, ...summary], ctx);
    const v = view(events, "2024-06-01", calendar);
    expect(deadline(v, "supreme_court_grounds", { party: "applicant" }).status).toBe("met");
    expect(deadline(v, "supreme_court_grounds", { party: "authority" }).status).toBe("met");
  });

  it("dismisses an appeal for missing grounds only after every appellant's period ran out (CPA 429)", () => {
    const history = [...toSupremeCourt, ...bothNotified.slice(0, 3)];
    const noGrounds = (occurredOn: LegalDate): EventInput => ({
      type: "judgment_issued",
      occurredOn,
      court: "Supreme Court",
      level: 3,
      docketNo: "2024두300",
      outcome: "dismissed_no_grounds",
    });
    // The applicant filed grounds in time (2024-03-20): no dismissal for want of grounds.
    expect(refusedOn(history, noGrounds("2024-04-15"))).toMatch(/applicant filed its grounds in time/);
    // Only the authority appealed and filed nothing: dismissal possible after Tuesday 2024-03-26.
    const authorityOnly = toSupremeCourt.filter(
      (e) => !(e.type === "appeal_filed" && e.by === "applicant" && e.level === 3),
    );
    const notified = [...authorityOnly, bothNotified[1]!];
    expect(refusedOn(notified, noGrounds("2024-03-26"))).toMatch(/until 2024-03-26/);
    const { events } = play(filed, [...notified, noGrounds("2024-04-15")], ctx);
    const v = view(events, "2024-04-16", calendar);
    // The High Court's annulment stands, final on issue.
    expect(v).toMatchObject({ stage: "redecision", redecisionRequired: true });
    expect(deadline(v, "supreme_court_grounds", { party: "authority" }).status).toBe("lapsed");
  });

  it("withdraws an objection on its own: the suit period runs from the original service", () => {
    const history: EventInput[] = [
      ...refusal,
      { type: "objection_filed", occurredOn: "2023-02-20" },
      { type: "objection_withdrawn", occurredOn: "2023-03-06" },
    ];
    const { events } = play(filed, history, ctx);
    // Monday 2023-03-06 is within the objection period (to Monday 2023-03-13): it may be filed again.
    const v = view(events, "2023-03-07", calendar);
    expect(v.stage).toBe("challenge_period");
    expect(v.allowedEvents).toEqual(expect.arrayContaining(["objection_filed", "suit_filed"]));
    expect(deadline(v, "suit_filing")).toMatchObject({ dueOn: "2023-05-11", status: "open" });
    expect(deadline(v, "objection_decision").status).toBe("lapsed");
    expect(view(events, "2023-05-12", calendar)).toMatchObject({ final: true, finalSince: "2023-05-12" });

    // Withdrawn on Thursday 2023-06-01, after the 90 days from service had run: final that day.
    const late = play(
      filed,
      [...history.slice(0, 3), { type: "objection_withdrawn", occurredOn: "2023-06-01" }],
      ctx,
    );
    const after = view(late.events, "2023-06-02", calendar);
    expect(after).toMatchObject({ stage: "refused", final: true, finalSince: "2023-06-01" });
    expect(deadline(after, "suit_filing")).toMatchObject({ dueOn: "2023-05-11", status: "lapsed" });
  });

  it("withdraws an appeal at one level: the judgment below becomes final when its period ends", () => {
    const appealed: EventInput[] = toSupremeCourt.slice(0, 7);
    // Served Monday 2023-09-18: two weeks end Monday 2023-10-02, a temporary holiday, then 10-03
    // (National Foundation Day): Wednesday 2023-10-04 (CPA 396, CA 161).
    const early = play(
      filed,
      [...appealed, { type: "appeal_withdrawn", occurredOn: "2023-09-27", by: "applicant", level: 2 }],
      ctx,
    );
    const v = view(early.events, "2023-09-28", calendar);
    expect(v.stage).toBe("litigation");
    expect(v.allowedEvents).toContain("appeal_filed");
    const appeal = deadline(v, "appeal_filing", { party: "applicant", level: 2 });
    expect(appeal).toMatchObject({ dueOn: "2023-10-04", status: "open" });
    expect(dayOfWeek(appeal.dueOn)).toBe(3);
    expect(view(early.events, "2023-10-05", calendar)).toMatchObject({
      stage: "refused",
      final: true,
      finalSince: "2023-10-05",
    });

    const late = play(
      filed,
      [...appealed, { type: "appeal_withdrawn", occurredOn: "2023-11-02", by: "applicant", level: 2 }],
      ctx,
    );
    expect(view(late.events, "2023-11-03", calendar)).toMatchObject({
      final: true,
      finalSince: "2023-11-02",
    });
  });

  it("extends living-cost support (RD 17(1))", () => {
    // Filed 2022-05-10: support ends 2022-11-10 (six months, no roll-over: an end, not a duty).
    const { state } = play(filed, [], ctx);
    const extend = (occurredOn: LegalDate, untilOn: LegalDate): EventInput => ({
      type: "living_support_extended",
      occurredOn,
      untilOn,
      ground: "unable_to_work",
    });
    expect(decide(state, extend("2022-11-11", "2023-02-10"), ctx).ok).toBe(false);
    expect(decide(state, extend("2022-11-01", "2022-11-10"), ctx).ok).toBe(false);
    const { events } = play(filed, [extend("2022-11-01", "2023-02-10")], ctx);
    const end = deadline(view(events, "2022-11-15", calendar), "living_support_end");
    expect(end).toMatchObject({ dueOn: "2023-02-10", status: "open" });
    expect(end.basis).toMatch(/RD 17\(1\)/);
  });
});

describe("a reading the law leaves open: the 7-day port-of-entry limit", () => {
  const port = { office: "incheon-airport", channel: "port_of_entry" as const, kind: "first" as const };

  it("by default counts the day of application and does not move past a holiday (FAAA 6(2))", () => {
    // Applied Wednesday 2024-04-03: day 1 is 04-03, day 7 Tuesday 2024-04-09.
    const { events } = play({ ...port, occurredOn: "2024-04-03" }, [], ctx);
    const due = deadline(view(events, "2024-04-04", calendar), "referral_decision").dueOn;
    expect(due).toBe("2024-04-09");
    expect(dayOfWeek(due)).toBe(2);
  });

  it("under the Civil Act reading, runs 7 days from the next day and over the election day (CA 157, 161)", () => {
    // From 2024-04-04, 7 days end on election day Wednesday 2024-04-10: Thursday 2024-04-11.
    const { events } = play({ ...port, occurredOn: "2024-04-03" }, [], ctx);
    const v = derive(fold(events), "2024-04-04", calendar, { portReferralCounting: "civil_act" });
    const due = deadline(v, "referral_decision").dueOn;
    expect(due).toBe("2024-04-11");
    expect(dayOfWeek(due)).toBe(4);
  });
});
