/**
 * Calibration of the national demo dataset to public reference figures: how many applications to
 * file each year, and the yearly grant rates that make the recognitions and humanitarian stays
 * decided each year come out near the published counts. Pure: no clock, no database.
 *
 * The grant rates cannot be read off the figures directly: recognitions in a year mostly concern
 * applications filed in earlier years, after decisions that take a year or more, objections and
 * court rulings. So the generator runs twice with the same seed: the first pass records, for every
 * grant decision, its year and its relative propensity (nationality × decision-maker × stage, see
 * `odds.ts`); `calibrateRates` turns those into one rate per decision year; the second pass uses
 * them. Grants are rare, so the first pass's decisions are nearly the second's.
 */

/** Where a year's figures come from. */
export type FigureSource =
  | "docs/statistics.md"
  | "Ministry of Justice yearbook (not in docs/statistics.md)"
  | "assumed (interpolated)";

export interface YearFigures {
  year: number;
  applications: number;
  recognized: number;
  humanitarian: number;
  source: FigureSource;
  /** Share of re-applications among the year's applications. */
  subsequentShare: number;
}

const MOJ: FigureSource = "Ministry of Justice yearbook (not in docs/statistics.md)";

/**
 * Applications, recognitions and humanitarian stays by year. 2018 and 2022-2025 are the reference
 * table of docs/statistics.md (2023 without its humanitarian count, here interpolated); the other years
 * are the ministry's published yearly counts as commonly cited, used only to shape the demo data.
 */
export const REFERENCE_FIGURES: readonly YearFigures[] = [
  {
    year: 2015,
    applications: 5_711,
    recognized: 105,
    humanitarian: 194,
    source: MOJ,
    subsequentShare: 0.094,
  },
  { year: 2016, applications: 7_541, recognized: 98, humanitarian: 252, source: MOJ, subsequentShare: 0.094 },
  {
    year: 2017,
    applications: 9_942,
    recognized: 121,
    humanitarian: 318,
    source: MOJ,
    subsequentShare: 0.094,
  },
  {
    year: 2018,
    applications: 16_173,
    recognized: 144,
    humanitarian: 514,
    source: "docs/statistics.md",
    subsequentShare: 0.094,
  },
  {
    year: 2019,
    applications: 15_452,
    recognized: 79,
    humanitarian: 227,
    source: MOJ,
    subsequentShare: 0.094,
  },
  { year: 2020, applications: 6_684, recognized: 69, humanitarian: 151, source: MOJ, subsequentShare: 0.094 },
  { year: 2021, applications: 2_341, recognized: 72, humanitarian: 45, source: MOJ, subsequentShare: 0.094 },
  {
    year: 2022,
    applications: 11_539,
    recognized: 175,
    humanitarian: 67,
    source: "docs/statistics.md",
    subsequentShare: 0.094,
  },
  {
    year: 2023,
    applications: 18_837,
    recognized: 101,
    humanitarian: 82,
    source: "docs/statistics.md",
    subsequentShare: 0.094,
  },
  {
    year: 2024,
    applications: 18_336,
    recognized: 105,
    humanitarian: 97,
    source: "docs/statistics.md",
    subsequentShare: 0.094,
  },
  {
    year: 2025,
    applications: 14_626,
    recognized: 135,
    humanitarian: 41,
    source: "docs/statistics.md",
    subsequentShare: 0.11,
  },
];

export const FIRST_REFERENCE_YEAR = 2015;
export const LAST_REFERENCE_YEAR = 2025;

export function figuresFor(year: number): YearFigures {
  const found = REFERENCE_FIGURES.find((f) => f.year === year);
  if (!found) {
    throw new RangeError(
      `no reference figures for ${year}: the national demo covers ${FIRST_REFERENCE_YEAR}-${LAST_REFERENCE_YEAR}`,
    );
  }
  return found;
}

export interface YearPlan {
  year: number;
  /** Applications to file this year (first and subsequent). */
  applications: number;
  subsequent: number;
  /** Recognitions and humanitarian stays to aim at among this year's decisions (scaled). */
  recognized: number;
  humanitarian: number;
}

/**
 * Applications per year from `from` to `to`, scaled (1 = the national volume). Rounded to whole
 * cases; the re-applications' share is each year's.
 */
export function planYears(from: number, to: number, scale = 1): YearPlan[] {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to)
    throw new RangeError(`years must run forward, got ${from}-${to}`);
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  const plans: YearPlan[] = [];
  for (let year = from; year <= to; year++) {
    const f = figuresFor(year);
    const applications = Math.round(f.applications * scale);
    plans.push({
      year,
      applications,
      subsequent: Math.round(applications * f.subsequentShare),
      recognized: f.recognized * scale,
      humanitarian: f.humanitarian * scale,
    });
  }
  return plans;
}

/** What the first pass saw in one decision year: the summed propensities of its grant decisions. */
export interface YearOpportunities {
  /** Σ relative refugee propensity over the year's calibrated grant decisions. */
  refugee: number;
  humanitarian: number;
  /** Expected grants from decisions with fixed odds (redecisions after an annulment). */
  fixedRefugee: number;
  fixedHumanitarian: number;
}

export interface YearRates {
  /** Multiply a decision's relative propensity by this to get its probability. */
  refugee: number;
  humanitarian: number;
}

/** Neutral rates for the first pass (about what the calibration ends up with). */
export const FIRST_PASS_RATES: YearRates = { refugee: 0.004, humanitarian: 0.004 };

/**
 * A rate per decision year such that the expected grants (rate × summed propensity) equal the
 * year's target. A year without decisions keeps the first-pass rate; a year whose target would
 * need implausible odds (the first year of a dataset has no backlog to decide) is capped at
 * `maxRate`, and comes out below its target. Grants with fixed odds count toward the target first.
 */
export function calibrateRates(
  plans: readonly YearPlan[],
  opportunities: ReadonlyMap<number, YearOpportunities>,
  maxRate = 0.05,
): Map<number, YearRates> {
  const rates = new Map<number, YearRates>();
  for (const plan of plans) {
    const o = opportunities.get(plan.year);
    const rate = (target: number, fixed: number, weight: number, fallback: number) =>
      weight > 0 ? Math.min(maxRate, Math.max(0, target - fixed) / weight) : fallback;
    rates.set(plan.year, {
      refugee: rate(plan.recognized, o?.fixedRefugee ?? 0, o?.refugee ?? 0, FIRST_PASS_RATES.refugee),
      humanitarian: rate(
        plan.humanitarian,
        o?.fixedHumanitarian ?? 0,
        o?.humanitarian ?? 0,
        FIRST_PASS_RATES.humanitarian,
      ),
    });
  }
  return rates;
}
