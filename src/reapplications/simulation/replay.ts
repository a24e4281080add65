/**
 * Simulating a re-application policy on history (docs/reapplication-simulation.md): every
 * re-application filed in a period, replayed as of its filing under a policy, counted with what
 * happened to it in fact. Pure: no I/O, no clock; `load.ts` reads the history from the store.
 *
 * "Material" is a human judgement, so every figure comes as two bounds (`Bound` in
 * src/kernel/reapplication/policy.ts): `strict` counts only elements that arose after the earlier
 * decision (more people screened out), `generous` counts every element not already considered and
 * every element nobody classified (fewer screened out). The truth under a given examiner lies
 * between them, as far as the classification in the record goes.
 *
 * A person is "screened out" when the policy finds the re-application ineligible and the person
 * loses applicant status (`onIneligible.applicantStatus === "lost"`). Under a policy that keeps
 * them an applicant (Korea today: a simplified procedure), ineligible re-applications are counted
 * as such, but nobody is screened out. Of those screened out, the false negatives are those that
 * were in fact later recognized, given humanitarian stay, or had the refusal annulled by a court.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Channel } from "../../kernel/procedure/profile.ts";
import {
  screen,
  type Bound,
  type PriorEnding,
  type ReapplicationPolicy,
  type ScreenElement,
  recordedOrUnknown,
} from "../../kernel/reapplication/policy.ts";
import { wilsonInterval } from "../../kernel/statistics/rates.ts";

/** What happened to the re-application in fact, the best outcome first; null: none of these. */
export type FactualOutcome = "recognized" | "humanitarian" | "annulled";
export const FACTUAL_OUTCOMES: readonly FactualOutcome[] = ["recognized", "humanitarian", "annulled"];

/** One historical re-application, as the record shows it (no name, no text). */
export interface HistoricalReapplication {
  caseId: string;
  filedOn: LegalDate;
  /** ISO 3166 alpha-3, null when the record does not say */
  nationality: string | null;
  channel: Channel;
  /**
   * How the latest earlier case had ended on the filing date (`priorEnding`); null when no earlier
   * case had ended then without protection (the policy's trigger cannot apply).
   */
  priorEnding: PriorEnding | null;
  /** The classified what-is-new elements; an element nobody classified has tag null. */
  elements: readonly ScreenElement[];
  /** Whether a claimed fact arose sur place; null when nobody recorded it. */
  surPlace: boolean | null;
  /** Whether a representative's mandate on the case was valid on the filing date. */
  represented: boolean;
  outcome: FactualOutcome | null;
}

/** A proportion with its 95 % Wilson score interval (null when the denominator is 0). */
export interface Proportion {
  count: number;
  of: number;
  share: number | null;
  low: number | null;
  high: number | null;
}

export function proportion(count: number, of: number): Proportion {
  const w = wilsonInterval(count, of);
  return { count, of, share: of === 0 ? null : count / of, low: w?.low ?? null, high: w?.high ?? null };
}

export interface FalseNegatives {
  total: number;
  recognized: number;
  humanitarian: number;
  annulled: number;
}

/** The figures under one bound. */
export interface BoundFigures {
  /** the policy finds them ineligible */
  ineligible: number;
  /** ineligible and losing applicant status (0 under a policy that keeps it) */
  screenedOut: number;
  /** screened out, of all re-applications */
  screenedOutShare: Proportion;
  /** screened out, yet in fact later recognized, given humanitarian stay, or annulled by a court */
  falseNegatives: FalseNegatives;
  /** false negatives, of those screened out */
  falseNegativeShare: Proportion;
}

export interface SimulationCell {
  reapplications: number;
  /** no earlier case had ended on the filing date (or it ended with protection) */
  withoutPriorEnding: number;
  /** the policy's trigger applies (the earlier ending and the channel) */
  reviewed: number;
  /** re-applications with at least one element nobody classified, or none recorded at all */
  unclassified: number;
  /** in fact recognized, given humanitarian stay, or annulled, whatever the policy */
  laterProtectedOrAnnulled: number;
  strict: BoundFigures;
  generous: BoundFigures;
}

export const BREAKDOWNS = ["nationality", "surPlace", "representation"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface BreakdownRow {
  category: string;
  figures: SimulationCell;
}

export interface PolicySimulation {
  policyId: string;
  title: ReapplicationPolicy["title"];
  standing: ReapplicationPolicy["standing"];
  /** whether an ineligible re-applicant loses applicant status under this policy */
  screensOut: boolean;
  total: SimulationCell;
  breakdowns: Record<Breakdown, BreakdownRow[]>;
}

/** The elements `screen` sees: those recorded, or when none was recorded, every kind unknown. */
export function elementsOf(c: HistoricalReapplication): readonly ScreenElement[] {
  return recordedOrUnknown(c.elements);
}

export function isUnclassified(c: HistoricalReapplication): boolean {
  return c.elements.length === 0 || c.elements.some((e) => e.tag === null);
}

/** One re-application under one policy: reviewed, and ineligible under each bound. */
export interface CaseVerdict {
  reviewed: boolean;
  ineligible: Record<Bound, boolean>;
}

export function verdict(policy: ReapplicationPolicy, c: HistoricalReapplication): CaseVerdict {
  if (c.priorEnding === null) return { reviewed: false, ineligible: { strict: false, generous: false } };
  const candidate = { priorEnding: c.priorEnding, channel: c.channel, elements: elementsOf(c) };
  const strict = screen(policy, candidate, "strict");
  const generous = screen(policy, candidate, "generous");
  return {
    reviewed: strict !== "not_reviewed",
    ineligible: { strict: strict === "ineligible", generous: generous === "ineligible" },
  };
}

interface Tally {
  reapplications: number;
  withoutPriorEnding: number;
  reviewed: number;
  unclassified: number;
  laterProtectedOrAnnulled: number;
  ineligible: Record<Bound, number>;
  screenedOut: Record<Bound, number>;
  falseNegatives: Record<Bound, FalseNegatives>;
}

const noFalseNegatives = (): FalseNegatives => ({ total: 0, recognized: 0, humanitarian: 0, annulled: 0 });

function newTally(): Tally {
  return {
    reapplications: 0,
    withoutPriorEnding: 0,
    reviewed: 0,
    unclassified: 0,
    laterProtectedOrAnnulled: 0,
    ineligible: { strict: 0, generous: 0 },
    screenedOut: { strict: 0, generous: 0 },
    falseNegatives: { strict: noFalseNegatives(), generous: noFalseNegatives() },
  };
}

function add(t: Tally, c: HistoricalReapplication, v: CaseVerdict, screensOut: boolean): void {
  t.reapplications += 1;
  if (c.priorEnding === null) t.withoutPriorEnding += 1;
  if (v.reviewed) t.reviewed += 1;
  if (isUnclassified(c)) t.unclassified += 1;
  if (c.outcome) t.laterProtectedOrAnnulled += 1;
  for (const bound of ["strict", "generous"] as const) {
    if (!v.ineligible[bound]) continue;
    t.ineligible[bound] += 1;
    if (!screensOut) continue;
    t.screenedOut[bound] += 1;
    if (c.outcome) {
      t.falseNegatives[bound].total += 1;
      t.falseNegatives[bound][c.outcome] += 1;
    }
  }
}

function cellOf(t: Tally): SimulationCell {
  const bound = (b: Bound): BoundFigures => ({
    ineligible: t.ineligible[b],
    screenedOut: t.screenedOut[b],
    screenedOutShare: proportion(t.screenedOut[b], t.reapplications),
    falseNegatives: { ...t.falseNegatives[b] },
    falseNegativeShare: proportion(t.falseNegatives[b].total, t.screenedOut[b]),
  });
  return {
    reapplications: t.reapplications,
    withoutPriorEnding: t.withoutPriorEnding,
    reviewed: t.reviewed,
    unclassified: t.unclassified,
    laterProtectedOrAnnulled: t.laterProtectedOrAnnulled,
    strict: bound("strict"),
    generous: bound("generous"),
  };
}

/** The category a re-application falls in, for each breakdown. */
export function categoryOf(c: HistoricalReapplication, b: Breakdown): string {
  switch (b) {
    case "nationality":
      return c.nationality ?? "unknown";
    case "surPlace":
      return c.surPlace === null ? "unknown" : c.surPlace ? "sur_place" : "not_sur_place";
    case "representation":
      return c.represented ? "represented" : "not_represented";
  }
}

/** Whether an ineligible re-applicant loses applicant status under `policy`. */
export const screensOut = (policy: ReapplicationPolicy) => policy.onIneligible.applicantStatus === "lost";

/** Replay `history` under `policy`. Breakdown rows are ordered by size, largest first, then by name. */
export function simulatePolicy(
  policy: ReapplicationPolicy,
  history: readonly HistoricalReapplication[],
): PolicySimulation {
  const out = screensOut(policy);
  const total = newTally();
  const by = Object.fromEntries(BREAKDOWNS.map((b) => [b, new Map<string, Tally>()])) as Record<
    Breakdown,
    Map<string, Tally>
  >;
  for (const c of history) {
    const v = verdict(policy, c);
    add(total, c, v, out);
    for (const b of BREAKDOWNS) {
      const key = categoryOf(c, b);
      let t = by[b].get(key);
      if (!t) by[b].set(key, (t = newTally()));
      add(t, c, v, out);
    }
  }
  const rows = (m: Map<string, Tally>): BreakdownRow[] =>
    [...m.entries()]
      .sort(([a, x], [b, y]) => y.reapplications - x.reapplications || (a < b ? -1 : a > b ? 1 : 0))
      .map(([category, t]) => ({ category, figures: cellOf(t) }));
  return {
    policyId: policy.id,
    title: policy.title,
    standing: policy.standing,
    screensOut: out,
    total: cellOf(total),
    breakdowns: {
      nationality: rows(by.nationality),
      surPlace: rows(by.surPlace),
      representation: rows(by.representation),
    },
  };
}

export function simulate(
  policies: readonly ReapplicationPolicy[],
  history: readonly HistoricalReapplication[],
): PolicySimulation[] {
  return policies.map((p) => simulatePolicy(p, history));
}
