/**
 * The national demo's odds (`../flows.ts`): grant odds from the calibration (`calibration.ts`) per
 * decision year, scaled by the nationality's propensity and by the decision-maker's own propensity
 * (examiners, committee panels, court panels), and withdrawals and terminations for missed
 * interviews that follow the cumulative shares of docs/statistics.md (of the closed cases, about 11%
 * withdrawn and 20% terminated).
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Chances, GrantStage, Odds } from "../case-env.ts";

/**
 * The odds of a grant, asked for at each decision: `weight` is the relative propensity of this
 * decision (nationality × decision-maker × stage), and the policy turns it into probabilities for
 * the decision's year; for a redecision it is the fixed probabilities themselves, which the policy
 * returns as they are. The calibration's first pass records the weights; the second uses the rates.
 */
export interface GrantPolicy {
  chances(stage: GrantStage, decidedOn: LegalDate, weight: Chances): Chances;
}

/** How much more (or less) often than average a nationality obtains refugee status or a humanitarian stay. */
export const PROTECTION_FACTORS: Record<string, Chances> = {
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
const STAGE_FACTOR: Record<GrantStage, Chances> = {
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

/** The national demo's odds, with grant rates from `policy`. */
export function nationalOdds(policy: GrantPolicy): Odds {
  return {
    grant(stage, nationality, on, maker) {
      const f = PROTECTION_FACTORS[nationality] ?? DEFAULT_FACTOR;
      const m = makerFactor(maker);
      const st = STAGE_FACTOR[stage];
      const c = policy.chances(
        stage,
        on,
        stage === "redecision"
          ? REDECISION_CHANCES
          : { refugee: f.refugee * m * st.refugee, humanitarian: f.humanitarian * m * st.humanitarian },
      );
      // Probabilities, whatever the policy asks: at most 95% in all.
      const refugee = Math.min(0.95, Math.max(0, c.refugee));
      return { refugee, humanitarian: Math.min(0.95 - refugee, Math.max(0, c.humanitarian)) };
    },
    // The bench decides: some administrative divisions annul far more often than others.
    annul: (p, court, bench) => Math.min(0.9, p * makerFactor(`${court} / ${bench}`)),
    // About 20% of closed cases end by termination after missed interviews (docs/statistics.md).
    absconds: { subsequent: 0.25, detained: 0.05, other: 0.24 },
    // About 11% of closed cases are withdrawn (docs/statistics.md), among those not terminated.
    withdrawn: { subsequent: 0.07, detained: 0.12, other: 0.085 },
    makerMatters: true,
    committeePanels: 6,
  };
}
