/**
 * Random but plausible paths of a case through the Korean procedure: port screening, examination
 * (summonses, interviews, missed interviews, extensions, withdrawal, termination), the first-instance
 * decision, objection, three court levels with service, appeals, waivers and remands, and a
 * redecision after a final annulment (the courts are in `litigation.ts`). Every path is written
 * forward in time and stops at the story's last day (see `Story`), so recent cases are left pending
 * at whatever stage they had reached.
 *
 * The small demo (`generate.ts`, odds in `odds.ts`) and the national one (`national/generate.ts`,
 * odds in `national/odds.ts`) share these paths; what differs between them is the case's `Odds`:
 * the grant odds of each decision, the shares of terminations and withdrawals, and the odds of an
 * annulment. The other shares are rough orders of magnitude from public statistics (docs/statistics.md):
 * about 80% of refused applicants object, a minority sue and most of them lose, and first-instance
 * decisions often come long after the six months of RA 18(4).
 */
import { addDays, daysBetween, type LegalDate } from "../kernel/calendar/dates.ts";
import type { EventInput } from "../profiles/kr-refugee-act/script.ts";
import type { CaseEnv, Chances, FilingShares, GrantStage } from "./case-env.ts";
import type { Rng } from "./random.ts";
import { litigate } from "./litigation.ts";

const share = (shares: FilingShares, subsequent: boolean, detained: boolean): number =>
  subsequent ? shares.subsequent : detained ? shares.detained : shares.other;

type Outcome = "recognized" | "not_recognized" | "excluded";

interface Issued {
  outcome: Outcome;
  humanitarian: boolean;
  servedOn: LegalDate;
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
  /** An objection's decision, by its outcome (drawn without the generator: the demo stays as it was). */
  objection: {
    recognized: "On the further evidence, a well-founded fear of persecution is established.",
    dismissed: "The objection raises nothing that changes the findings of the first-instance decision.",
    rejected_unlawful: "The objection was filed after the period of RA 21(1) had ended.",
  },
};

/** What every demo objection says, and who sits at its hearing (fictional: the roll's labels). */
const OBJECTION_GROUNDS =
  "The first-instance decision misjudged the credibility of the account and left evidence unexamined.";
const COMMITTEE_MEMBERS = ["위원장 A", "위원 B", "위원 C"];

const grant = (env: CaseEnv, stage: GrantStage, on: LegalDate, maker: string): Chances =>
  env.odds.grant(stage, env.nationality, on, maker);

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
  // The notice is handed over at the port, usually the same day (the periods run from it).
  const servedOn = addDays(decidedOn, rng.chance(0.8) ? 0 : rng.int(1, 3));
  if (!s.add("notice_served", servedOn, { method: "in_person" })) return;
  if (!rng.chance(0.2)) return;
  const suitOn = s.within(rng, addDays(servedOn, 5), s.due("suit_filing", servedOn));
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
  const issued = issue(env, "decision_issued", decisionOn, grant(env, stage, decisionOn, env.examinerId));
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
  const absconds = rng.chance(share(env.odds.absconds, subsequent, detained));
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

  if (rng.chance(share(env.odds.withdrawn, subsequent, detained))) {
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
  const cancelledOn = s.after(rng, servedOn, 400, 1500);
  if (
    !s.add("recognition_cancelled", cancelledOn, {
      ground: "RA 22(1): recognition obtained by false documents",
    })
  )
    return;
  s.add("notice_served", s.after(rng, cancelledOn, 2, 14), { method: serviceMethod(rng) });
}

function redecide(env: CaseEnv, finalOn: LegalDate, depth: number): void {
  const { rng, story: s } = env;
  const on = s.after(rng, finalOn, 45, 420);
  const issued = issue(env, "redecision_issued", on, grant(env, "redecision", on, env.examinerId));
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
  if (!filedOn || !s.add("objection_filed", filedOn, { filedBy: "applicant", grounds: OBJECTION_GROUNDS }))
    return;
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
    plan.push({
      type: "committee_hearing_held",
      occurredOn: addDays(filedOn, rng.int(30, delay - 7)),
      members: COMMITTEE_MEMBERS,
    });
  }
  if (!s.addAll(plan)) return null;

  // The panel is chosen before it decides when the odds depend on it (`Odds.makerMatters`).
  const drawPanel = () => `committee-panel-${rng.int(1, env.odds.committeePanels)}`;
  const panel = env.odds.makerMatters ? drawPanel() : null;
  const chances = grant(env, "AR", decidedOn, panel ?? "");
  const r = rng.next();
  const outcome = late ? "rejected_unlawful" : r < chances.refugee ? "recognized" : "dismissed";
  const grantStay = outcome === "dismissed" && !humanitarian && r < chances.refugee + chances.humanitarian;
  const data = {
    outcome,
    ...(grantStay ? { humanitarianStay: true } : {}),
    panel: panel ?? drawPanel(),
    reasons: REASONS.objection[outcome],
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
