/**
 * Every rate OpenRSD shows, with its name and definition (docs/statistics.md), computed from counts.
 * A rate whose denominator is zero is null ("not defined"), never 0.
 */
import type { Definition } from "./table.ts";

export const DEFINITIONS = {
  rrr_unhcr: {
    id: "rrr_unhcr",
    name: "Refugee recognition rate (UNHCR)",
    text: "Convention recognitions / (recognitions + humanitarian stays + rejections), substantive first-instance decisions of the year only; withdrawn, terminated and inadmissible cases are left out.",
  },
  tpr_unhcr: {
    id: "tpr_unhcr",
    name: "Total protection rate (UNHCR)",
    text: "(Convention recognitions + humanitarian stays) / (recognitions + humanitarian stays + rejections), substantive first-instance decisions of the year only.",
  },
  per_application: {
    id: "per_application",
    name: "Per-application rate (as in the press)",
    text: "Recognitions in the year at any level (first instance, objection, redecision after a court) / applications filed in the same year. It divides figures about different people: most recognitions of a year concern applications of earlier years, and pending, withdrawn and closed applications count against the applicants.",
  },
  final_recognition: {
    id: "final_recognition",
    name: "Final recognition rate",
    text: "Cases whose outcome became final in the year (after objection and courts, or when no remedy was used in time) and were recognized / those final outcomes that were substantive (recognized, humanitarian stay, rejected).",
  },
  objection_recognition: {
    id: "objection_recognition",
    name: "Recognition rate at objection",
    text: "Recognitions by objection (Ministry of Justice on the Refugee Committee's review) / substantive objection decisions of the year.",
  },
  court_annulment: {
    id: "court_annulment",
    name: "Annulment rate in court",
    text: "Judgments setting a refusal aside / substantive judgments (annulled + claim dismissed) of the year, all three levels.",
  },
  reversal_objection: {
    id: "reversal_objection",
    name: "Reversal rate by objection",
    text: "First-instance refusals decided in the year that were later overturned by objection (recognized) / all first-instance refusals (rejections and humanitarian stays) decided in the year, as of today.",
  },
  reversal_court: {
    id: "reversal_court",
    name: "Reversal rate by court",
    text: "First-instance refusals decided in the year whose refusal a court later annulled (at any level) / all first-instance refusals decided in the year, as of today.",
  },
  cohort_outcome: {
    id: "cohort_outcome",
    name: "Cohort outcome",
    text: "Of the applications filed in the year, the share whose latest decision on the date shown was a recognition, a humanitarian stay, a rejection, or a closure (withdrawn, terminated, inadmissible), and the share still pending (no decision yet, or a court ruling awaiting the next act). The only rate that follows the same people.",
  },
  pending: {
    id: "pending",
    name: "Pending cases",
    text: "Cases filed on or before the date with no final outcome on that date, by the level where they stand and by time since filing.",
  },
  applications: {
    id: "applications",
    name: "Applications",
    text: "Cases filed in the year (first and subsequent applications). Applicants are the distinct persons who filed them: persons and cases are counted apart and never added.",
  },
  decision_maker_grant: {
    id: "decision_maker_grant",
    name: "Decision-maker grant rate (internal)",
    text: "Grants / substantive decisions by one decision-maker in the period (first instance and objection: recognition; courts: annulment), with a 95 % Wilson interval, shown only from 30 substantive decisions, beside the rate expected from their own mix of nationalities (indirect standardization: the sum over nationalities of their decisions × everyone's grant rate for that nationality, divided by their decisions).",
  },
} as const satisfies Record<string, Definition>;

export type RateId = keyof typeof DEFINITIONS;

export interface Rate {
  id: RateId;
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when the denominator is 0. */
  value: number | null;
}

export function rate(id: RateId, numerator: number, denominator: number): Rate {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0)
    throw new RangeError("rates are made of non-negative whole counts");
  if (numerator > denominator)
    throw new RangeError(`${id}: numerator ${numerator} > denominator ${denominator}`);
  return { id, numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

export interface SubstantiveCounts {
  recognized: number;
  humanitarian: number;
  rejected: number;
}

export const recognitionRate = (c: SubstantiveCounts): Rate =>
  rate("rrr_unhcr", c.recognized, c.recognized + c.humanitarian + c.rejected);

export const totalProtectionRate = (c: SubstantiveCounts): Rate =>
  rate("tpr_unhcr", c.recognized + c.humanitarian, c.recognized + c.humanitarian + c.rejected);

/** Not a proportion of one population: may exceed 1 when recognitions outnumber new applications. */
export function perApplicationRate(recognitions: number, applications: number): Rate {
  return {
    id: "per_application",
    numerator: recognitions,
    denominator: applications,
    value: applications === 0 ? null : recognitions / applications,
  };
}

/** The 95 % Wilson score interval for k successes in n trials. */
export function wilsonInterval(
  k: number,
  n: number,
  z = 1.959963984540054,
): { low: number; high: number } | null {
  if (n === 0) return null;
  if (k < 0 || k > n) throw new RangeError("0 ≤ k ≤ n");
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export const MIN_DECISIONS_FOR_A_RATE = 30;

export interface DecisionMakerRate {
  decisionMaker: string;
  substantive: number;
  granted: number;
  rate: number;
  interval: { low: number; high: number };
  /** The grant rate expected from this decision-maker's own mix of nationalities. */
  expected: number;
}

/**
 * Each decision-maker's grant rate, interval and expected rate, from counts per decision-maker
 * and nationality. Decision-makers under `min` substantive decisions are left out (counted in
 * `belowThreshold`); the expected rates use everyone's decisions.
 */
export function decisionMakerRates(
  counts: readonly { decisionMaker: string; nationality: string; substantive: number; granted: number }[],
  min = MIN_DECISIONS_FOR_A_RATE,
): { rates: DecisionMakerRate[]; belowThreshold: number } {
  const byNationality = new Map<string, { n: number; k: number }>();
  const byMaker = new Map<string, { n: number; k: number; mix: Map<string, number> }>();
  for (const c of counts) {
    const nat = byNationality.get(c.nationality) ?? { n: 0, k: 0 };
    nat.n += c.substantive;
    nat.k += c.granted;
    byNationality.set(c.nationality, nat);
    const m = byMaker.get(c.decisionMaker) ?? { n: 0, k: 0, mix: new Map<string, number>() };
    m.n += c.substantive;
    m.k += c.granted;
    m.mix.set(c.nationality, (m.mix.get(c.nationality) ?? 0) + c.substantive);
    byMaker.set(c.decisionMaker, m);
  }
  const rates: DecisionMakerRate[] = [];
  let belowThreshold = 0;
  for (const [decisionMaker, m] of byMaker) {
    if (m.n < min) {
      belowThreshold += 1;
      continue;
    }
    let expectedGrants = 0;
    for (const [nationality, n] of m.mix) {
      const all = byNationality.get(nationality);
      if (all && all.n > 0) expectedGrants += (n * all.k) / all.n;
    }
    const interval = wilsonInterval(m.k, m.n);
    if (!interval) continue;
    rates.push({
      decisionMaker,
      substantive: m.n,
      granted: m.k,
      rate: m.k / m.n,
      interval,
      expected: expectedGrants / m.n,
    });
  }
  rates.sort((a, b) => b.rate - a.rate || a.decisionMaker.localeCompare(b.decisionMaker));
  return { rates, belowThreshold };
}
