/**
 * How likely two person records are one person: a Fellegi-Sunter score (docs/identity-matching.md,
 * "The score"). Each field is compared and falls into one agreement level; each level has m, the
 * probability of that level when the two records are the same person, and u, its probability when
 * they are two different persons. The level adds log2(m / u) to the score: a same date of birth
 * (rare among strangers, usual for the same person) adds much, a different one takes much away, a
 * missing one nothing. A pair is proposed from PROPOSAL_THRESHOLD on. Nothing is ever linked by
 * the score: a person confirms or rejects each proposal.
 *
 * m was estimated on the generated register with known duplicates (bench/matching-data.ts: the
 * share of true pairs at each level), u on random pairs of it (the population). They are a
 * documented starting point (docs/identity-matching.md lists them with their weights), to be
 * estimated again (e.g. by EM) on an office's own confirmed and rejected links.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { ALIKE, compareNames, matchName, type MatchName, type NameComparison } from "./names.ts";

export const NAME_LEVELS = ["exact", "alike", "similar", "part_alike", "different"] as const;
export const BIRTH_LEVELS = [
  "exact",
  "day_month_swapped",
  "same_year",
  "same_day_month",
  "missing",
  "different",
] as const;
export const NATIONALITY_LEVELS = ["same", "different"] as const;
export const SEX_LEVELS = ["same", "different", "missing"] as const;
export const IDENTIFIER_LEVELS = ["same", "not_compared"] as const;

export type NameLevel = (typeof NAME_LEVELS)[number];
export type BirthLevel = (typeof BIRTH_LEVELS)[number];
export type NationalityLevel = (typeof NATIONALITY_LEVELS)[number];
export type SexLevel = (typeof SEX_LEVELS)[number];
export type IdentifierLevel = (typeof IDENTIFIER_LEVELS)[number];

interface Mu {
  m: number;
  u: number;
}

/** m and u per field and level (see the module's comment; docs/identity-matching.md lists them). */
export const M_U = {
  name: {
    exact: { m: 0.23, u: 0.00014 },
    alike: { m: 0.645, u: 0.0005 },
    similar: { m: 0.094, u: 0.0053 },
    part_alike: { m: 0.015, u: 0.0475 },
    different: { m: 0.016, u: 0.9465 },
  },
  birthDate: {
    exact: { m: 0.795, u: 0.0000525 },
    day_month_swapped: { m: 0.023, u: 0.000015 },
    same_year: { m: 0.062, u: 0.0188 },
    same_day_month: { m: 0.028, u: 0.0023 },
    missing: { m: 0.085, u: 0.104 },
    different: { m: 0.007, u: 0.875 },
  },
  nationality: {
    same: { m: 0.979, u: 0.0835 },
    different: { m: 0.021, u: 0.9165 },
  },
  sex: {
    same: { m: 0.995, u: 0.5 },
    different: { m: 0.005, u: 0.5 },
    missing: { m: 0.02, u: 0.02 },
  },
  identifier: {
    same: { m: 0.3, u: 1e-7 },
    not_compared: { m: 1, u: 1 },
  },
} as const satisfies {
  name: Record<NameLevel, Mu>;
  birthDate: Record<BirthLevel, Mu>;
  nationality: Record<NationalityLevel, Mu>;
  sex: Record<SexLevel, Mu>;
  identifier: Record<IdentifierLevel, Mu>;
};

/** The score from which a pair is proposed (a likelihood ratio of 2^8 = 256 to 1, before priors). */
export const PROPOSAL_THRESHOLD = 8;

export const weightOf = ({ m, u }: Mu) => Math.round(Math.log2(m / u) * 100) / 100;

/** What the matcher compares of a person: never more than intake records. */
export interface MatchRecord {
  names: readonly { value: string }[];
  birthDate?: LegalDate | undefined;
  nationality: string;
  sex?: string | undefined;
}

export interface Comparison {
  name: NameLevel;
  birthDate: BirthLevel;
  nationality: NationalityLevel;
  sex: SexLevel;
  identifier: IdentifierLevel;
  /** The best pair of names, as compared. */
  names: NameComparison;
}

export interface Score {
  /** The sum of the fields' weights (log2 of the likelihood ratio). */
  total: number;
  weights: Record<keyof typeof M_U, number>;
  comparison: Comparison;
  proposed: boolean;
}

/** The names of a record, parsed once (a candidate list compares one record with many). */
export interface PreparedRecord extends MatchRecord {
  parsed: MatchName[];
}

export function prepare(r: MatchRecord): PreparedRecord {
  return { ...r, parsed: r.names.map((n) => matchName(n.value)).filter((n) => n.parts.length > 0) };
}

function nameLevel(c: NameComparison): NameLevel {
  if (c.exact) return "exact";
  const coverAll = c.unpaired === 0 || c.alike >= 2;
  if (c.alike === c.paired && c.paired > 0 && coverAll) return "alike";
  if (c.similarity >= 0.85 && 2 * c.alike >= c.paired) return "similar";
  if (c.alike >= 1 || c.similarity >= ALIKE) return "part_alike";
  return "different";
}

const NAME_RANK: Record<NameLevel, number> = { exact: 4, alike: 3, similar: 2, part_alike: 1, different: 0 };

/** The best-agreeing pair of names of the two records. */
function bestNames(a: PreparedRecord, b: PreparedRecord): { level: NameLevel; names: NameComparison } {
  let best: { level: NameLevel; names: NameComparison } | null = null;
  for (const na of a.parsed)
    for (const nb of b.parsed) {
      const names = compareNames(na, nb);
      const level = nameLevel(names);
      if (
        !best ||
        NAME_RANK[level] > NAME_RANK[best.level] ||
        (NAME_RANK[level] === NAME_RANK[best.level] && names.similarity > best.names.similarity)
      )
        best = { level, names };
    }
  return (
    best ?? {
      level: "different",
      names: {
        similarity: 0,
        paired: 0,
        alike: 0,
        unpaired: 0,
        exact: false,
        reordered: false,
        crossScript: false,
      },
    }
  );
}

export function birthLevel(a: LegalDate | undefined, b: LegalDate | undefined): BirthLevel {
  if (!a || !b) return "missing";
  if (a === b) return "exact";
  const [ya, ma, da] = a.split("-");
  const [yb, mb, db] = b.split("-");
  if (ya === yb && ma === db && da === mb) return "day_month_swapped";
  if (ya === yb) return "same_year";
  if (ma === mb && da === db) return "same_day_month";
  return "different";
}

function sexLevel(a: string | undefined, b: string | undefined): SexLevel {
  if (!a || !b || a === "unknown" || b === "unknown") return "missing";
  return a === b ? "same" : "different";
}

/** Compare two records; `sameIdentifier` when the blind index found one identifier on both. */
export function score(a: PreparedRecord, b: PreparedRecord, sameIdentifier = false): Score {
  const names = bestNames(a, b);
  const comparison: Comparison = {
    name: names.level,
    birthDate: birthLevel(a.birthDate, b.birthDate),
    nationality: a.nationality === b.nationality ? "same" : "different",
    sex: sexLevel(a.sex, b.sex),
    identifier: sameIdentifier ? "same" : "not_compared",
    names: names.names,
  };
  const weights = {
    name: weightOf(M_U.name[comparison.name]),
    birthDate: weightOf(M_U.birthDate[comparison.birthDate]),
    nationality: weightOf(M_U.nationality[comparison.nationality]),
    sex: weightOf(M_U.sex[comparison.sex]),
    identifier: weightOf(M_U.identifier[comparison.identifier]),
  };
  const total = Math.round(Object.values(weights).reduce((s, w) => s + w, 0) * 100) / 100;
  return { total, weights, comparison, proposed: total >= PROPOSAL_THRESHOLD };
}
