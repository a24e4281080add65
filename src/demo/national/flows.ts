/**
 * Paths of a case through the Korean procedure for the national demo dataset: a parameterized copy
 * of `../flows.ts` (port screening, examination, decision, objection, three court levels, redecision)
 * whose grant odds come from the calibration (`calibration.ts`) per decision year, scaled by the
 * nationality's propensity and by the decision-maker's own propensity (examiners, committee panels,
 * court panels), and whose withdrawals and terminations for missed interviews follow the cumulative
 * shares of STATISTICS.md (of the closed cases, about 11% withdrawn and 20% terminated).
 * Every path is written forward in time and stops at the end of the dataset (see `Story`).
 */
import { addDays, daysBetween, type LegalDate } from "../../domain/calendar/dates.ts";
import type { EventInput } from "../../domain/procedure/kr-refugee-act/script.ts";
import type { Level } from "../../domain/procedure/kr-refugee-act/state.ts";
import type { Party } from "../../domain/procedure/types.ts";
import { courtsFor, type Dockets } from "../courts.ts";
import type { Rng } from "../random.ts";
import type { Story } from "../story.ts";

export interface CaseEnv {
  rng: Rng;
  story: Story;
  dockets: Dockets;
  nationality: string;
  sex: "female" | "male" | "other" | "unknown" | undefined;
  languages: readonly string[];
  /** The examiner who handles the case. */
  examinerId: string;
  policy: GrantPolicy;
}

type JudgmentOutcome = "annulled" | "claim_dismissed" | "suit_rejected" | "remanded" | "summary_dismissal";
type Outcome = "recognized" | "not_recognized" | "excluded";

interface Issued {
  outcome: Outcome;
  humanitarian: boolean;
  servedOn: LegalDate;
}

interface CourtResult {
  effect: "annulled" | "upheld";
  /** The day the last judgment became final (CPA 498). */
  finalOn: LegalDate;
}

// ---------------------------------------------------------------- odds

/** Where a grant decision is taken: first instance (new or repeat application), objection, redecision. */
export type GrantStage = "NA" | "RA" | "AR" | "redecision";

/**
 * The odds of a grant, asked for at each decision: `weight` is the relative propensity of this
 * decision (nationality × decision-maker × stage), and the policy turns it into probabilities for
 * the decision's year; for a redecision it is the fixed probabilities themselves, which the policy
 * returns as they are. The calibration's first pass records the weights; the second uses the rates.
 */
export interface GrantPolicy {
  chances(
    stage: GrantStage,
    decidedOn: LegalDate,
    weight: { refugee: number; humanitarian: number },
  ): { refugee: number; humanitarian: number };
}

/** How much more (or less) often than average a nationality obtains refugee status or a humanitarian stay. */
export const PROTECTION_FACTORS: Record<string, { refugee: number; humanitarian: number }> = {
  AFG: { refugee: 14, humanitarian: 6 },
  MMR: { refugee: 10, humanitarian: 4 },
  ETH: { refugee: 10, humanitarian: 1 },
  IRN: { refugee: 8, humanitarian: 1 },
  EGY: { refugee: 5, humanitarian: 0.5 },
  CMR: { refugee: 4, humanitarian: 1 },
  UGA: { refugee: 4, humanitarian: 1 },
  TUR: { refugee: 3, humanitarian: 0.5 },
  LBR: { refugee: 2, humanitarian: 1 },
  PAK: { refugee: 1.5, humanitarian: 0.5 },
  YEM: { refugee: 1.5, humanitarian: 25 },
  SYR: { refugee: 2, humanitarian: 30 },
  BGD: { refugee: 1, humanitarian: 0.5 },
  NGA: { refugee: 1, humanitarian: 0.5 },
  LKA: { refugee: 0.8, humanitarian: 0.5 },
  RUS: { refugee: 0.8, humanitarian: 0.8 },
  IND: { refugee: 0.5, humanitarian: 0.3 },
};
const DEFAULT_FACTOR = { refugee: 0.15, humanitarian: 0.3 };

/** Relative propensity by stage: repeat applications and objections rarely succeed. */
const STAGE_FACTOR: Record<GrantStage, { refugee: number; humanitarian: number }> = {
  NA: { refugee: 1, humanitarian: 1 },
  RA: { refugee: 0.15, humanitarian: 0.3 },
  AR: { refugee: 0.25, humanitarian: 0.3 },
  /** Not relative: see REDECISION_CHANCES. */
  redecision: { refugee: 1, humanitarian: 1 },
};

/**
 * After a final annulment the office must decide again in line with the judgment (ALA 30(2)):
 * fixed odds, not calibrated (the policy is told them, so that they count toward the year).
 */
export const REDECISION_CHANCES = { refugee: 0.45, humanitarian: 0.15 };

/**
 * A decision-maker's own propensity, fixed by its name (so the same examiner is strict or lenient
 * in every case): a factor between about 0.3 and 3, log-uniform, from a hash of the name.
 */
export function makerFactor(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  const u = (h % 10_000) / 10_000;
  return Math.exp(Math.log(0.3) + u * (Math.log(3) - Math.log(0.3)));
}

function odds(env: CaseEnv, stage: GrantStage, on: LegalDate, maker: string) {
  const f = PROTECTION_FACTORS[env.nationality] ?? DEFAULT_FACTOR;
  const m = makerFactor(maker);
  const st = STAGE_FACTOR[stage];
  const c = env.policy.chances(
    stage,
    on,
    stage === "redecision"
      ? REDECISION_CHANCES
      : { refugee: f.refugee * m * st.refugee, humanitarian: f.humanitarian * m * st.humanitarian },
  );
  // Probabilities, whatever the policy asks: at most 95% in all.
  const refugee = Math.min(0.95, Math.max(0, c.refugee));
  return { refugee, humanitarian: Math.min(0.95 - refugee, Math.max(0, c.humanitarian)) };
}

/** A number of days drawn from bands [min, max, weight]. */
function span(rng: Rng, bands: readonly (readonly [number, number, number])[]): number {
  const [min, max] = rng.weighted(bands.map((b) => [[b[0], b[1]] as const, b[2]] as const));
  return rng.int(min, max);
}

function serviceMethod(rng: Rng): string {
  return rng.weighted([
    ["in_person", 50],
    ["post", 35],
    ["electronic", 6],
    ["representative", 7],
    ["public_notice", 2],
  ] as const);
}

const latest = (dates: readonly LegalDate[]): LegalDate => dates.reduce((a, b) => (a > b ? a : b));
const other = (party: Party): Party => (party === "applicant" ? "authority" : "applicant");

const REASONS = {
  refused: [
    "No well-founded fear of persecution established on the facts found.",
    "The feared harm comes from private actors and state protection is available.",
    "The reasons given are economic; no Convention ground.",
    "Material inconsistencies between the interviews; the account is not found credible.",
    "An internal relocation alternative is available.",
  ],
  humanitarian: [
    "Not a refugee, but there are substantial grounds to believe that removal would expose the applicant to serious harm (armed conflict).",
  ],
  recognized: [
    "Well-founded fear of persecution for political opinion.",
    "Well-founded fear of persecution for religion.",
    "Well-founded fear of persecution as a member of a particular social group.",
  ],
  excluded: ["Serious reasons for considering that an exclusion ground of RA 19 applies."],
};

// ---------------------------------------------------------------- entry point

/** Write a random history for the case in `env.story`, from its filing up to today at most. */
export function runCase(env: CaseEnv): void {
  if (env.story.filing.channel === "port_of_entry") portOfEntry(env);
  else firstInstance(env, env.story.filedOn);
}

// ---------------------------------------------------------------- port screening (RA 6, RD 5)

function portOfEntry(env: CaseEnv): void {
  const { rng, story: s } = env;
  const subsequent = s.filing.kind === "subsequent";
  const r = rng.next();
  // No referral decision within 7 days: the applicant is deemed admitted (RA 6(3)).
  if (r < 0.08) return firstInstance(env, s.filedOn);
  const decidedOn = addDays(s.filedOn, rng.int(1, 6));
  if (r >= (subsequent ? 0.75 : 0.4)) {
    if (s.add("referral_decided", decidedOn, { referred: true })) firstInstance(env, s.filedOn);
    return;
  }
  const ground = subsequent
    ? 5
    : rng.weighted([
        [7, 5],
        [4, 2],
        [6, 2],
        [3, 1],
      ] as const);
  if (!s.add("referral_decided", decidedOn, { referred: false, nonReferralGround: ground })) return;
  if (!rng.chance(0.2)) return;
  const suitOn = s.within(rng, addDays(decidedOn, 5), s.due("suit_filing", decidedOn));
  if (!suitOn) return;
  const result = litigate(env, suitOn, 0.15);
  if (result?.effect !== "annulled") return;
  // The non-referral was annulled: the office refers the applicant, and the examination starts then.
  const referredOn = s.after(rng, result.finalOn, 10, 90);
  if (s.add("referral_decided", referredOn, { referred: true })) firstInstance(env, referredOn);
}

// ---------------------------------------------------------------- examination (RA 8-18)

function firstInstance(env: CaseEnv, startedOn: LegalDate): void {
  const decisionOn = examine(env, startedOn);
  if (!decisionOn) return;
  const stage = env.story.filing.kind === "subsequent" ? "RA" : "NA";
  const issued = issue(env, "decision_issued", decisionOn, odds(env, stage, decisionOn, env.examinerId));
  if (!issued) return;
  if (issued.outcome === "recognized") return maybeCancel(env, issued.servedOn);
  challenge(env, issued.servedOn, { humanitarian: issued.humanitarian, depth: 0 });
}

function decisionDelay(env: CaseEnv): number {
  const { rng, story: s } = env;
  if (s.filing.kind === "subsequent") {
    return span(rng, [
      [25, 90, 6],
      [90, 240, 3],
      [240, 600, 1],
    ]);
  }
  if (s.filing.channel === "detention_centre") {
    return span(rng, [
      [40, 120, 6],
      [120, 300, 4],
    ]);
  }
  return span(rng, [
    [70, 180, 15],
    [180, 365, 35],
    [365, 730, 35],
    [730, 1200, 15],
  ]);
}

const RELAY_LANGUAGES = new Set(["lg", "ach", "om", "ti", "ha", "ps", "ky"]);

function interview(env: CaseEnv): Record<string, unknown> {
  const { rng } = env;
  const language = env.languages[0] ?? "en";
  const sameSex = env.sex === "female" && rng.chance(0.6) ? { sex: "female" } : {};
  const interpreter = rng.chance(0.03)
    ? null
    : { language, ...sameSex, relay: RELAY_LANGUAGES.has(language) && rng.chance(0.4) };
  return {
    examinerId: env.examinerId,
    interpreter,
    recorded: rng.chance(0.85),
    video: rng.chance(0.15),
    readBack: rng.chance(0.95),
    ...(rng.chance(0.08) ? { corrections: "Dates of the arrest corrected at read-back." } : {}),
  };
}

/**
 * Summonses, interviews (some missed), perhaps an extension, perhaps a withdrawal or a termination
 * after three missed interviews. Returns the day the decision is due to be issued, or null when
 * the case closed without one.
 */
function examine(env: CaseEnv, startedOn: LegalDate): LegalDate | null {
  const { rng, story: s } = env;
  const delay = decisionDelay(env);
  let decisionOn = addDays(startedOn, delay);
  const subsequent = s.filing.kind === "subsequent";
  const detained = s.filing.channel === "detention_centre";
  // About 20% of closed cases end by termination after missed interviews (STATISTICS.md).
  const absconds = rng.chance(subsequent ? 0.25 : detained ? 0.05 : 0.24);
  const wanted = rng.weighted([
    [1, 60],
    [2, 32],
    [3, 8],
  ] as const);

  const plan: EventInput[] = [];
  let t = addDays(
    startedOn,
    detained ? rng.int(5, 30) : rng.int(20, Math.max(21, Math.min(420, delay - 40))),
  );
  let held = 0;
  let missed = 0;
  let terminatedOn: LegalDate | null = null;
  for (let i = 0; i < 8; i++) {
    const interviewOn = addDays(t, rng.int(7, 24));
    if (!absconds && held > 0 && interviewOn >= addDays(decisionOn, -10)) break;
    plan.push({ type: "summons_served", occurredOn: t, interviewOn, method: serviceMethod(rng) });
    if (absconds || rng.chance(0.07)) {
      plan.push({ type: "interview_missed", occurredOn: interviewOn });
      missed += 1;
      if (absconds && missed >= 3) {
        terminatedOn = addDays(interviewOn, rng.int(5, 60));
        plan.push({ type: "review_terminated", occurredOn: terminatedOn, reason: "no_show" });
        break;
      }
    } else {
      plan.push({ type: "interview_held", occurredOn: interviewOn, ...interview(env) });
      held += 1;
      missed = 0;
      if (held >= wanted) break;
    }
    t = addDays(interviewOn, rng.int(20, 150));
  }
  const lastPlanned = plan[plan.length - 1]?.occurredOn ?? startedOn;
  if (!terminatedOn && decisionOn < addDays(lastPlanned, 14))
    decisionOn = addDays(lastPlanned, rng.int(14, 90));

  // RA 18(5): an extension notified at least 7 days before the original due date.
  const originalDue = s.due("first_instance_decision", startedOn);
  if (!terminatedOn && decisionOn > originalDue && rng.chance(0.35)) {
    const noticeOn = addDays(originalDue, -7 - rng.int(0, 45));
    if (noticeOn > s.last) {
      plan.push({
        type: "decision_extended",
        occurredOn: noticeOn,
        newDueOn: s.due("first_instance_extension", originalDue),
      });
    }
  }

  // About 11% of closed cases are withdrawn (STATISTICS.md), among those not terminated.
  const withdrawP = subsequent ? 0.07 : detained ? 0.12 : 0.085;
  if (rng.chance(withdrawP)) {
    const end = terminatedOn ?? decisionOn;
    const withdrawnOn = addDays(startedOn, rng.int(20, Math.max(21, daysBetween(startedOn, end) - 5)));
    const kept = plan.filter((e) => e.occurredOn <= withdrawnOn);
    s.addAll([...kept, { type: "withdrawn", occurredOn: withdrawnOn }]);
    return null;
  }
  if (!s.addAll(plan) || terminatedOn) return null;
  return decisionOn;
}

// ---------------------------------------------------------------- decisions (RA 18-19, ALA 30(2))

function issue(
  env: CaseEnv,
  type: "decision_issued" | "redecision_issued",
  on: LegalDate,
  chances: { refugee: number; humanitarian: number },
): Issued | null {
  const { rng, story: s } = env;
  const r = rng.next();
  let outcome: Outcome = "not_recognized";
  let humanitarian = false;
  let reasons = rng.pick(REASONS.refused);
  const extra: Record<string, unknown> = {};
  if (r < chances.refugee) {
    outcome = "recognized";
    reasons = rng.pick(REASONS.recognized);
  } else if (r < chances.refugee + chances.humanitarian) {
    humanitarian = true;
    reasons = rng.pick(REASONS.humanitarian);
  } else if (r < chances.refugee + chances.humanitarian + 0.004) {
    outcome = "excluded";
    extra["exclusionGround"] = rng.int(1, 4);
    reasons = rng.pick(REASONS.excluded);
  }
  const data = {
    outcome,
    ...(humanitarian ? { humanitarianStay: true } : {}),
    ...extra,
    reasons,
    examinerId: env.examinerId,
  };
  if (!s.add(type, on, data)) return null;
  const servedOn = s.after(rng, on, 2, 21);
  if (!s.add("notice_served", servedOn, { method: serviceMethod(rng) })) return null;
  return { outcome, humanitarian, servedOn };
}

/** Rarely, recognition is cancelled years later (RA 22), e.g. for false documents. */
function maybeCancel(env: CaseEnv, servedOn: LegalDate): void {
  const { rng, story: s } = env;
  if (!rng.chance(0.06)) return;
  s.add("recognition_cancelled", s.after(rng, servedOn, 400, 1500), {
    ground: "RA 22(1): recognition obtained by false documents",
  });
}

function redecide(env: CaseEnv, finalOn: LegalDate, depth: number): void {
  const { rng, story: s } = env;
  const on = s.after(rng, finalOn, 45, 420);
  const issued = issue(env, "redecision_issued", on, odds(env, "redecision", on, env.examinerId));
  if (!issued || issued.outcome === "recognized") return;
  challenge(env, issued.servedOn, { humanitarian: issued.humanitarian, depth });
}

// ---------------------------------------------------------------- objection (RA 21) and suit (ALA 20)

function challenge(env: CaseEnv, servedOn: LegalDate, opts: { humanitarian: boolean; depth: number }): void {
  const { rng, story: s } = env;
  const subsequent = s.filing.kind === "subsequent";
  const objects = rng.chance(opts.humanitarian ? 0.35 : subsequent ? 0.7 : 0.8);
  if (!objects) {
    if (opts.depth > 0 || !rng.chance(0.12)) return;
    const suitOn = s.within(rng, addDays(servedOn, 10), s.due("suit_filing", servedOn));
    if (suitOn) sue(env, suitOn, opts.depth);
    return;
  }
  const objectionDue = s.due("objection_filing", servedOn);
  // A few objections come late; the committee rejects them as unlawful.
  const late = rng.chance(0.015);
  const filedOn = late
    ? s.after(rng, objectionDue, 1, 40)
    : s.within(rng, addDays(servedOn, 2), objectionDue);
  if (!filedOn || !s.add("objection_filed", filedOn)) return;
  const decided = objection(env, filedOn, late, opts.humanitarian);
  if (!decided || decided.outcome !== "dismissed" || opts.depth > 0) return;
  if (!rng.chance(subsequent ? 0.08 : 0.2)) return;
  const suitOn = s.within(rng, addDays(decided.noticeOn, 7), s.due("suit_filing", decided.noticeOn));
  if (suitOn) sue(env, suitOn, opts.depth);
}

function objection(
  env: CaseEnv,
  filedOn: LegalDate,
  late: boolean,
  humanitarian: boolean,
): { outcome: "recognized" | "dismissed" | "rejected_unlawful"; noticeOn: LegalDate } | null {
  const { rng, story: s } = env;
  const decisionDue = s.due("objection_decision", filedOn);
  const delay = late
    ? rng.int(30, 120)
    : span(rng, [
        [60, 180, 35],
        [180, 365, 45],
        [365, 600, 20],
      ]);
  const decidedOn = addDays(filedOn, delay);
  const plan: EventInput[] = [];
  if (decidedOn > decisionDue && rng.chance(0.4)) {
    plan.push({
      type: "objection_extended",
      occurredOn: addDays(filedOn, rng.int(30, Math.min(170, delay - 5))),
      newDueOn: s.due("objection_extension", decisionDue),
    });
  }
  if (!late && rng.chance(0.2)) {
    plan.push({ type: "committee_hearing_held", occurredOn: addDays(filedOn, rng.int(30, delay - 7)) });
  }
  if (!s.addAll(plan)) return null;

  const panel = `committee-panel-${rng.int(1, 6)}`;
  const chances = odds(env, "AR", decidedOn, panel);
  const r = rng.next();
  const outcome = late ? "rejected_unlawful" : r < chances.refugee ? "recognized" : "dismissed";
  const grantStay = outcome === "dismissed" && !humanitarian && r < chances.refugee + chances.humanitarian;
  const data = {
    outcome,
    ...(grantStay ? { humanitarianStay: true } : {}),
    panel,
  };
  if (!s.add("objection_decided", decidedOn, data)) return null;
  const noticeOn = s.after(rng, decidedOn, 3, 25);
  if (!s.add("objection_notice_served", noticeOn, { method: serviceMethod(rng) })) return null;
  return { outcome, noticeOn };
}

function sue(env: CaseEnv, suitOn: LegalDate, depth: number): void {
  const result = litigate(env, suitOn, 0.08);
  if (result?.effect === "annulled") redecide(env, result.finalOn, depth + 1);
}

// ---------------------------------------------------------------- litigation (ALA, CPA, SCA)

/**
 * A suit and whatever follows: judgments served on both parties, appeals by the losing party
 * (waivers by the other), the Supreme Court's receipt of the record, summary dismissal or a
 * judgment, and a remand to the High Court. Returns how the litigation ended and when the last
 * judgment became final, or null while it is pending (or when the suit was withdrawn).
 */
function litigate(env: CaseEnv, suitOn: LegalDate, annulFirst: number): CourtResult | null {
  const { rng, story: s, dockets } = env;
  const courts = courtsFor(s.filing.office);
  let docketNo = dockets.next(1, suitOn);
  if (!s.add("suit_filed", suitOn, { court: courts.first, level: 1, docketNo })) return null;
  if (rng.chance(0.05)) {
    s.add("suit_withdrawn", s.after(rng, suitOn, 30, 240));
    return null;
  }

  let level: Level = 1;
  let court = courts.first;
  let on = s.after(rng, suitOn, 150, 420);
  // The bench decides: some administrative divisions annul far more often than others.
  let bench = `Administrative Division ${rng.int(1, 8)}`;
  let outcome: JudgmentOutcome = rng.chance(Math.min(0.9, annulFirst * makerFactor(`${court} / ${bench}`)))
    ? "annulled"
    : rng.chance(0.05)
      ? "suit_rejected"
      : "claim_dismissed";
  /** Outcome of the judgment below, which a summary dismissal leaves standing. */
  let below: JudgmentOutcome = outcome;
  let appellant: Party = "applicant";

  for (let step = 0; step < 8; step++) {
    const panel = level === 3 ? {} : { panel: bench };
    if (!s.add("judgment_issued", on, { court, level, docketNo, outcome, ...panel })) return null;

    if (level === 3) {
      const services: EventInput[] = (["applicant", "authority"] as const).map((party) => ({
        type: "judgment_served",
        occurredOn: addDays(on, rng.int(3, 14)),
        party,
        level: 3,
      }));
      if (!s.addAll(services)) return null;
      if (outcome !== "remanded") {
        const standing = outcome === "summary_dismissal" ? below : outcome;
        return { effect: standing === "annulled" ? "annulled" : "upheld", finalOn: on };
      }
      // Remanded: the High Court hears the case again and rules at level 2.
      const forApplicant: boolean = appellant === "applicant";
      level = 2;
      court = courts.high;
      docketNo = dockets.next(2, on);
      const likely: JudgmentOutcome = forApplicant ? "annulled" : "claim_dismissed";
      const unlikely: JudgmentOutcome = forApplicant ? "claim_dismissed" : "annulled";
      outcome = rng.chance(0.75) ? likely : unlikely;
      on = s.after(rng, on, 120, 330);
      continue;
    }

    // Levels 1 and 2: service on both parties, then an appeal or finality.
    const served: Record<Party, LegalDate> = {
      applicant: s.after(rng, on, 2, 10),
      authority: s.after(rng, on, 2, 10),
    };
    const services: EventInput[] = (["applicant", "authority"] as const).map((party) => ({
      type: "judgment_served",
      occurredOn: served[party],
      party,
      level,
    }));
    if (!s.addAll(services)) return null;
    const lastService = latest([served.applicant, served.authority]);
    const dueFor = (party: Party) => s.due("appeal_filing", served[party]);
    const loser: Party = outcome === "annulled" ? "authority" : "applicant";
    const next = (level + 1) as 2 | 3;
    const acts: EventInput[] = [];
    const waived: Partial<Record<Party, LegalDate>> = {};
    const waive = (party: Party) => {
      const d = s.within(rng, lastService, dueFor(party));
      if (!d) return;
      waived[party] = d;
      acts.push({ type: "appeal_waived", occurredOn: d, by: party, level: next });
    };

    if (rng.chance(0.2)) waive(other(loser));
    const pAppeal = loser === "applicant" ? (level === 1 ? 0.45 : 0.35) : level === 1 ? 0.7 : 0.55;
    let appealOn: LegalDate | null = null;
    if (rng.chance(pAppeal)) {
      const earliest = latest([lastService, addDays(served[loser], 3)]);
      appealOn = s.within(rng, earliest, dueFor(loser));
    } else if (rng.chance(0.25)) {
      waive(loser);
    }
    const nextCourt = next === 2 ? courts.high : courts.supreme;
    const nextDocket = appealOn ? dockets.next(next, appealOn) : "";
    if (appealOn) {
      acts.push({
        type: "appeal_filed",
        occurredOn: appealOn,
        by: loser,
        level: next,
        court: nextCourt,
        docketNo: nextDocket,
      });
    }
    if (!s.addAll(acts)) return null;
    if (!appealOn) {
      // Final when every party has waived or let its two weeks pass (CPA 498).
      const parties: Party[] = ["applicant", "authority"];
      const finalOn = latest(parties.map((party) => waived[party] ?? addDays(dueFor(party), 1)));
      return { effect: outcome === "annulled" ? "annulled" : "upheld", finalOn };
    }

    appellant = loser;
    below = outcome;
    level = next;
    court = nextCourt;
    docketNo = nextDocket;
    if (level === 2) {
      on = s.after(rng, appealOn, 150, 360);
      bench = `Administrative Division ${rng.int(1, 8)}`;
      outcome =
        appellant === "applicant"
          ? rng.chance(Math.min(0.9, 0.1 * makerFactor(`${court} / ${bench}`)))
            ? "annulled"
            : "claim_dismissed"
          : rng.chance(0.65)
            ? "annulled"
            : "claim_dismissed";
      continue;
    }

    const recordOn = s.after(rng, appealOn, 10, 35);
    if (!s.add("record_received", recordOn, { level: 3 })) return null;
    const summaryUntil = s.due("summary_dismissal", recordOn);
    const r = rng.next();
    const summary = appellant === "applicant" ? r < 0.85 : r < 0.5;
    const summaryOn = summary ? s.within(rng, addDays(recordOn, 25), summaryUntil) : null;
    if (summaryOn) {
      outcome = "summary_dismissal";
      on = summaryOn;
    } else {
      on = s.after(rng, recordOn, 130, 330);
      outcome =
        appellant === "applicant"
          ? r < 0.95
            ? "claim_dismissed"
            : "remanded"
          : r < 0.65
            ? "annulled"
            : r < 0.9
              ? "remanded"
              : "claim_dismissed";
    }
  }
  return null;
}
