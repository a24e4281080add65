/**
 * The small demo's odds (`flows.ts`): rough orders of magnitude from public statistics
 * (docs/statistics.md): few recognitions, a few percent humanitarian stays, more for some nationalities.
 * They depend on neither the decision's year nor the decision-maker.
 */
import type { Chances, GrantStage, Odds } from "./case-env.ts";

/** How much more (or less) often than average a nationality obtains refugee status or a humanitarian stay. */
const PROTECTION_FACTORS: Record<string, Chances> = {
  MMR: { refugee: 3, humanitarian: 2 },
  AFG: { refugee: 4, humanitarian: 4 },
  ETH: { refugee: 4, humanitarian: 1 },
  EGY: { refugee: 2, humanitarian: 0.5 },
  YEM: { refugee: 1, humanitarian: 10 },
  SYR: { refugee: 1, humanitarian: 15 },
  IRN: { refugee: 3, humanitarian: 1 },
  CMR: { refugee: 2, humanitarian: 1 },
  UGA: { refugee: 2, humanitarian: 1 },
  LBR: { refugee: 1, humanitarian: 1 },
  PAK: { refugee: 1, humanitarian: 0.5 },
  BGD: { refugee: 0.8, humanitarian: 0.5 },
};
const DEFAULT_FACTOR = { refugee: 0.25, humanitarian: 0.25 };

/** Base odds per decision, before the nationality factor. */
const BASE_ODDS: Record<Exclude<GrantStage, "redecision">, Chances> = {
  NA: { refugee: 0.03, humanitarian: 0.04 },
  RA: { refugee: 0.005, humanitarian: 0.01 },
  AR: { refugee: 0.006, humanitarian: 0.01 },
};

/** After a final annulment the office must decide in line with the judgment (ALA 30(2)). */
const REDECISION_ODDS: Chances = { refugee: 0.45, humanitarian: 0.15 };

export const DEMO_ODDS: Odds = {
  grant(stage, nationality) {
    if (stage === "redecision") return REDECISION_ODDS;
    const base = BASE_ODDS[stage];
    const f = PROTECTION_FACTORS[nationality] ?? DEFAULT_FACTOR;
    return { refugee: base.refugee * f.refugee, humanitarian: base.humanitarian * f.humanitarian };
  },
  annul: (p) => p,
  absconds: { subsequent: 0.08, detained: 0.06, other: 0.06 },
  withdrawn: { subsequent: 0.05, detained: 0.12, other: 0.07 },
  makerMatters: false,
  committeePanels: 5,
};
