/**
 * Property-based tests of the procedure engine: random walks through the procedure, choosing at
 * each step among the events the engine says are allowed, with random dates and data.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek } from "../../kernel/calendar/dates.ts";
import { createKoreanCalendar } from "./calendar.ts";
import {
  decide,
  derive,
  EVENT_TYPES,
  evolve,
  initialState,
  type KrCaseState,
  type KrDerived,
} from "./index.ts";
import { LABELS } from "./labels.ts";
import { PERIODS } from "./rules.ts";
import { currentRound } from "./state.ts";

const calendar = createKoreanCalendar();
const TODAY = "2026-11-24";

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = ReturnType<typeof prng>;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** Plausible data for an event of `type` in this state (sometimes deliberately odd). */
function dataFor(
  type: string,
  state: KrCaseState,
  d: KrDerived,
  on: string,
  r: Rand,
): Record<string, unknown> {
  const party = pick(r, ["applicant", "authority"] as const);
  const round = currentRound(state);
  const lastJudgment = round?.instances
    .map((i) => i.judgment)
    .filter((j) => j !== null)
    .at(-1);
  switch (type) {
    case "referral_decided":
      return r() < 0.7 ? { referred: true } : { referred: false, nonReferralGround: 1 + Math.floor(r() * 7) };
    case "summons_served":
      return { interviewOn: addDays(on, Math.floor(r() * 20)), method: "post" };
    case "interview_held":
      return { examinerId: "e-1" };
    case "review_terminated":
      return { reason: "no_show" };
    case "decision_extended":
      return { newDueOn: addDays(d.originalDecisionDueOn, 1 + Math.floor(r() * 180)) };
    case "decision_issued":
    case "redecision_issued": {
      const outcome = pick(r, ["recognized", "not_recognized", "not_recognized", "excluded"] as const);
      return {
        outcome,
        humanitarianStay: outcome !== "recognized" && r() < 0.2,
        ...(outcome === "excluded" ? { exclusionGround: 1 + Math.floor(r() * 4) } : {}),
        ...(outcome === "recognized" ? {} : { reasons: "Reasons of a random refusal." }),
      };
    }
    case "notice_served":
    case "objection_notice_served":
      return { method: "in_person" };
    case "objection_extended":
      return { newDueOn: addDays(on, 150 + Math.floor(r() * 200)) };
    case "objection_decided": {
      const outcome = pick(r, ["recognized", "dismissed", "dismissed", "rejected_unlawful"] as const);
      return {
        outcome,
        humanitarianStay: outcome !== "recognized" && r() < 0.1,
        ...(outcome === "recognized" ? {} : { reasons: "Reasons of a random dismissal." }),
      };
    }
    case "suit_filed":
      return { court: "Seoul Administrative Court", level: 1, docketNo: "X-1" };
    case "judgment_issued": {
      const level = d.litigationLevel ?? 1;
      const outcomes = [
        "annulled",
        "claim_dismissed",
        "suit_rejected",
        ...(level > 1 ? ["remanded"] : []),
        ...(level === 3 ? ["summary_dismissal", "dismissed_no_grounds"] : []),
      ];
      return { court: "court", level, docketNo: "J-1", outcome: pick(r, outcomes) };
    }
    case "judgment_served": {
      const level = lastJudgment?.level ?? 1;
      const unserved = (["applicant", "authority"] as const).filter((p) => !lastJudgment?.servedOn[p]);
      return { party: unserved.length ? pick(r, unserved) : party, level };
    }
    case "appeal_filed":
    case "appeal_waived": {
      const below = round?.instances
        .map((i) => i.judgment)
        .filter((j) => j !== null && j.level < 3)
        .at(-1);
      const level = (below?.level ?? 1) + 1;
      return type === "appeal_filed"
        ? { by: party, level, court: "court", docketNo: "A-1" }
        : { by: party, level };
    }
    case "record_received":
      return { level: 3 };
    case "record_receipt_notified":
    case "appeal_grounds_filed": {
      const appellant = pick(r, round?.instances.at(-1)?.appellants ?? [party]);
      return type === "record_receipt_notified"
        ? { party: appellant, level: 3 }
        : { by: appellant, level: 3 };
    }
    case "appeal_withdrawn": {
      const last = round?.instances.at(-1);
      return { by: pick(r, last?.appellants ?? [party]), level: last?.level ?? 2 };
    }
    case "living_support_extended":
      return { untilOn: addDays(on, 200 + Math.floor(r() * 200)), ground: "unable_to_work" };
    case "recognition_cancelled":
    case "cessation_decided":
      return { ground: "RA 22" };
    case "removal_requested":
    case "extradition_requested":
      return { requestedBy: "authority" };
    default:
      return {};
  }
}

/** Mostly the procedure's own next steps; now and then a withdrawal or an enforcement contact. */
function chooseEvent(r: Rand, allowed: readonly string[]): string {
  const rare = ["withdrawn", "removal_requested", "extradition_requested"];
  const main = allowed.filter((e) => !rare.includes(e));
  return main.length > 0 && r() < 0.95 ? pick(r, main) : pick(r, allowed);
}

function checkInvariants(d: KrDerived, asOf: string): void {
  for (const dl of d.deadlineSpecs) {
    const rule = Object.values(PERIODS).find((p) => p.basis === dl.basis);
    // An extension's new due date is the one the notice gave, not a counted period.
    const extended =
      dl.basis === PERIODS.first_instance_extension.basis || dl.basis === PERIODS.objection_extension.basis;
    if (rule?.rollForward && !extended) {
      expect(dayOfWeek(dl.dueOn), `${dl.kind} due ${dl.dueOn}`).not.toBe(6);
      expect(calendar.isPublicHoliday(dl.dueOn), `${dl.kind} due ${dl.dueOn}`).toBe(false);
    }
    expect(dl.dueOn > dl.from, `${dl.kind} ends after it starts`).toBe(true);
  }
  if (d.final) expect(d.applicantStatus).toBeNull();
  if (d.final) expect(d.finalSince !== null && d.finalSince <= asOf).toBe(true);
  expect(d.removalBarred).toBe(d.removalBarBasis !== null);
  if (d.protection === "refugee" || d.applicantStatus !== null) expect(d.removalBarred).toBe(true);
  if (d.redecisionRequired) expect(d.final).toBe(false);
  expect(d.allowedEvents.every((e) => (EVENT_TYPES as string[]).includes(e))).toBe(true);
  expect(d.allowedEvents).toContain("removal_requested");
  expect(new Set(d.allowedEvents).size).toBe(d.allowedEvents.length);
  // Every stage and deadline kind the engine reaches has its words in both languages (labels.ts).
  for (const l of [LABELS.en, LABELS.ko]) {
    expect(l?.stages?.[d.stage], `stage ${d.stage}`).toBeTruthy();
    for (const dl of d.deadlineSpecs) expect(l?.deadlineKinds?.[dl.kind], `deadline ${dl.kind}`).toBeTruthy();
  }
  // ... and every legal basis it shows has its Korean text (bases.ts).
  for (const basis of [...d.deadlineSpecs.map((dl) => dl.basis), d.removalBarBasis ?? undefined])
    if (basis) expect(LABELS.ko?.bases?.[basis], `Korean basis for ${basis}`).toBeTruthy();
}

describe("random walks through the procedure", () => {
  it("never throws, keeps its invariants, and accepts or refuses with a reason", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const r = prng(seed);
        const filedOn = addDays("2019-01-01", Math.floor(r() * 2300));
        const channel = pick(r, ["in_country", "in_country", "port_of_entry", "detention_centre"] as const);
        let state = initialState({
          type: "application_filed",
          occurredOn: filedOn,
          channel,
          office: "seoul",
          kind: "first",
          priorCaseIds: [],
        });
        for (let step = 0; step < 30; step++) {
          const on = addDays(state.lastEventOn, Math.floor(r() * (r() < 0.2 ? 200 : 40)));
          if (on > TODAY) break;
          const d = derive(state, on, calendar);
          checkInvariants(d, on);
          const type = chooseEvent(r, d.allowedEvents);
          const input = { type, occurredOn: on, ...dataFor(type, state, d, on, r) };
          const result = decide(state, input, { today: TODAY, calendar });
          if (result.ok) {
            const next = evolve(state, result.event);
            expect(next.version).toBe(state.version + 1);
            state = next;
          } else {
            // A refusal always explains itself and names what is allowed.
            expect(result.refusal.message.length).toBeGreaterThan(10);
            expect(result.refusal.allowedEvents).toEqual(derive(state, on, calendar).allowedEvents);
          }
        }
        checkInvariants(derive(state, TODAY, calendar), TODAY);
      }),
      { numRuns: 300 },
    );
  });

  it("accepts every allowed event that carries valid data and a valid date, except where a rule names why", () => {
    // withdrawal, removal and extradition requests have no further conditions: always accepted when allowed.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom("withdrawn", "removal_requested"),
        (seed, type) => {
          const r = prng(seed);
          const filedOn = addDays("2019-01-01", Math.floor(r() * 2000));
          const state = initialState({
            type: "application_filed",
            occurredOn: filedOn,
            channel: "in_country",
            office: "seoul",
            kind: "first",
            priorCaseIds: [],
          });
          const on = addDays(filedOn, Math.floor(r() * 100));
          const result = decide(
            state,
            { type, occurredOn: on, ...(type === "removal_requested" ? { requestedBy: "x" } : {}) },
            { today: TODAY, calendar },
          );
          expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("never lets a refused event change the state", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const r = prng(seed);
        const state = initialState({
          type: "application_filed",
          occurredOn: "2022-05-10",
          channel: "in_country",
          office: "seoul",
          kind: "first",
          priorCaseIds: [],
        });
        const snapshot = structuredClone(state);
        const type = pick(r, EVENT_TYPES);
        decide(
          state,
          { type, occurredOn: addDays("2022-05-10", Math.floor(r() * 400)), bogus: true },
          { today: TODAY, calendar },
        );
        expect(state).toEqual(snapshot);
      }),
      { numRuns: 100 },
    );
  });
});
