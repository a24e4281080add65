/**
 * The statistics as GROUP BYs over stat_cases and stat_decisions (see 0008_statistics.sql). Only
 * counts leave this file; rates and their definitions are made from them in
 * src/kernel/statistics/rates.ts. Dimensions and filters come from a fixed list, never from text.
 */
import type { Queryable } from "../../store/db.ts";

/** The dimensions a figure can be broken down or filtered by, and their columns. */
export const STAT_DIMENSIONS = {
  nationality: "nationality",
  sex: "sex",
  ageBand: "age_band",
  channel: "channel",
  office: "office_id",
  kind: "kind",
} as const;
export type StatDimension = keyof typeof STAT_DIMENSIONS;
export type StatFilters = Partial<Record<StatDimension, string>>;

export interface OutcomeCounts {
  recognized: number;
  humanitarian: number;
  rejected: number;
  /** Withdrawn, terminated, inadmissible (and, at court, remanded): otherwise closed. */
  closed: number;
}

export interface CourtCounts {
  /** The court set the refusal aside (the applicant won). */
  annulled: number;
  rejected: number;
  closed: number;
}

export interface YearlyRow {
  /** The category of the breakdown dimension ("total" without one). */
  category: string;
  /** Cases filed in the year (applications), and the distinct persons who filed them. */
  applications: number;
  applicants: number;
  subsequentApplications: number;
  /** First-instance decisions in the year (NA and RA, redecisions left out). */
  firstInstance: OutcomeCounts;
  /** Objection decisions (AR) in the year. */
  objection: OutcomeCounts;
  /** Court decisions in the year, all three levels. */
  courts: CourtCounts;
  /** Recognitions in the year at any level, redecisions included: the press's numerator. */
  recognitionsAllLevels: number;
  /** Cases whose outcome became final in the year, by that outcome. */
  final: OutcomeCounts;
}

/**
 * The filters as `AND column = $n …` (their values appended to `params`), to follow a WHERE;
 * `table` qualifies the columns ("c" for `stat_cases c`) where the query joins another table.
 */
function andFilters(filters: StatFilters, params: unknown[], table = ""): string {
  const prefix = table ? `${table}.` : "";
  const parts: string[] = [];
  for (const [dim, value] of Object.entries(filters) as [StatDimension, string | undefined][]) {
    if (value === undefined) continue;
    const column = STAT_DIMENSIONS[dim];
    if (!column) throw new Error(`unknown statistics dimension ${dim}`);
    params.push(value);
    parts.push(`${prefix}${column} = $${params.length}`);
  }
  return parts.length ? `AND ${parts.join(" AND ")}` : "";
}

function groupColumn(by: StatDimension | null, table = ""): string {
  if (by === null) return "'total'";
  const column = STAT_DIMENSIONS[by];
  if (!column) throw new Error(`unknown statistics dimension ${by}`);
  return `coalesce(${table ? `${table}.` : ""}${column}::text, 'unknown')`;
}

/** The latest decision of case `c` on or before the date in parameter `$n`, as a lateral join. */
const latestDecisionOn = (dateParam: string, alias: string) => `LEFT JOIN LATERAL (
         SELECT d.outcome, d.level FROM stat_decisions d
          WHERE d.office_id = c.office_id AND d.case_id = c.case_id AND d.decided_on <= ${dateParam}::date
          ORDER BY d.decided_on DESC, d.seq DESC LIMIT 1
       ) ${alias} ON true`;

const emptyOutcomes = (): OutcomeCounts => ({ recognized: 0, humanitarian: 0, rejected: 0, closed: 0 });

const CLOSED = `('withdrawn', 'terminated', 'inadmissible', 'remanded')`;

/** The earliest year of filing in the statistics, or null while there are no cases. */
export async function firstFiledYear(db: Queryable): Promise<number | null> {
  const [span] = await db.query<{ first: number | null }>(
    "SELECT min(filed_year)::int AS first FROM stat_cases",
  );
  return span?.first ?? null;
}

/** One year, broken down by one dimension (or not), under filters: the yearly table. */
export async function yearlyTable(
  db: Queryable,
  options: { year: number; by: StatDimension | null; filters?: StatFilters },
): Promise<YearlyRow[]> {
  const filters = options.filters ?? {};
  const g = groupColumn(options.by);
  const caseParams: unknown[] = [options.year];
  const caseSql = `SELECT ${g} AS category,
      count(*) FILTER (WHERE filed_year = $1)::int AS applications,
      count(DISTINCT person_id) FILTER (WHERE filed_year = $1)::int AS applicants,
      count(*) FILTER (WHERE filed_year = $1 AND kind = 'subsequent')::int AS subsequent,
      count(*) FILTER (WHERE extract(year FROM final_on) = $1 AND final_outcome = 'recognized')::int AS f_rec,
      count(*) FILTER (WHERE extract(year FROM final_on) = $1 AND final_outcome = 'humanitarian')::int AS f_hum,
      count(*) FILTER (WHERE extract(year FROM final_on) = $1 AND final_outcome = 'rejected')::int AS f_rej,
      count(*) FILTER (WHERE extract(year FROM final_on) = $1
                         AND final_outcome IN ('withdrawn', 'terminated', 'inadmissible'))::int AS f_closed
    FROM stat_cases
    WHERE (filed_year = $1 OR (final_on >= make_date($1, 1, 1) AND final_on < make_date($1 + 1, 1, 1)))
      ${andFilters(filters, caseParams)}
    GROUP BY 1`;
  const decisionParams: unknown[] = [options.year];
  const decisionSql = `SELECT ${g} AS category,
      count(*) FILTER (WHERE level IN ('NA', 'RA') AND NOT redecision AND outcome = 'recognized')::int AS fi_rec,
      count(*) FILTER (WHERE level IN ('NA', 'RA') AND NOT redecision AND outcome = 'humanitarian')::int AS fi_hum,
      count(*) FILTER (WHERE level IN ('NA', 'RA') AND NOT redecision AND outcome = 'rejected')::int AS fi_rej,
      count(*) FILTER (WHERE level IN ('NA', 'RA') AND NOT redecision AND outcome IN ${CLOSED})::int AS fi_closed,
      count(*) FILTER (WHERE level = 'AR' AND outcome = 'recognized')::int AS ar_rec,
      count(*) FILTER (WHERE level = 'AR' AND outcome = 'humanitarian')::int AS ar_hum,
      count(*) FILTER (WHERE level = 'AR' AND outcome = 'rejected')::int AS ar_rej,
      count(*) FILTER (WHERE level = 'AR' AND outcome IN ${CLOSED})::int AS ar_closed,
      count(*) FILTER (WHERE level LIKE 'C_' AND outcome = 'annulled')::int AS c_ann,
      count(*) FILTER (WHERE level LIKE 'C_' AND outcome = 'rejected')::int AS c_rej,
      count(*) FILTER (WHERE level LIKE 'C_' AND outcome IN ${CLOSED})::int AS c_closed,
      count(*) FILTER (WHERE outcome = 'recognized')::int AS rec_all
    FROM stat_decisions
    WHERE decided_year = $1 ${andFilters(filters, decisionParams)}
    GROUP BY 1`;
  const [caseRows, decisionRows] = [
    await db.query<Record<string, number> & { category: string }>(caseSql, caseParams),
    await db.query<Record<string, number> & { category: string }>(decisionSql, decisionParams),
  ];
  const rows = new Map<string, YearlyRow>();
  const row = (category: string): YearlyRow => {
    let r = rows.get(category);
    if (!r) {
      r = {
        category,
        applications: 0,
        applicants: 0,
        subsequentApplications: 0,
        firstInstance: emptyOutcomes(),
        objection: emptyOutcomes(),
        courts: { annulled: 0, rejected: 0, closed: 0 },
        recognitionsAllLevels: 0,
        final: emptyOutcomes(),
      };
      rows.set(category, r);
    }
    return r;
  };
  for (const c of caseRows) {
    const r = row(c.category);
    r.applications = c.applications ?? 0;
    r.applicants = c.applicants ?? 0;
    r.subsequentApplications = c.subsequent ?? 0;
    r.final = {
      recognized: c.f_rec ?? 0,
      humanitarian: c.f_hum ?? 0,
      rejected: c.f_rej ?? 0,
      closed: c.f_closed ?? 0,
    };
  }
  for (const d of decisionRows) {
    const r = row(d.category);
    r.firstInstance = {
      recognized: d.fi_rec ?? 0,
      humanitarian: d.fi_hum ?? 0,
      rejected: d.fi_rej ?? 0,
      closed: d.fi_closed ?? 0,
    };
    r.objection = {
      recognized: d.ar_rec ?? 0,
      humanitarian: d.ar_hum ?? 0,
      rejected: d.ar_rej ?? 0,
      closed: d.ar_closed ?? 0,
    };
    r.courts = { annulled: d.c_ann ?? 0, rejected: d.c_rej ?? 0, closed: d.c_closed ?? 0 };
    r.recognitionsAllLevels = d.rec_all ?? 0;
  }
  return [...rows.values()].sort(
    (a, b) => b.applications - a.applications || a.category.localeCompare(b.category),
  );
}

/** The full yearly table by nationality (the benchmark's figure). */
export function yearlyTableByNationality(db: Queryable, year: number): Promise<YearlyRow[]> {
  return yearlyTable(db, { year, by: "nationality" });
}

export interface CohortRow {
  category: string;
  filed: number;
  recognized: number;
  humanitarian: number;
  rejected: number;
  closed: number;
  pending: number;
}

/**
 * Of the applications filed in `filedYear`, where each stood on `asOf`: its latest decision on or
 * before that date, at any level; none, or a court's annulment or remand awaiting the next act,
 * is pending.
 */
export async function cohortOutcomes(
  db: Queryable,
  options: { filedYear: number; asOf: string; by: StatDimension | null; filters?: StatFilters },
): Promise<CohortRow[]> {
  const params: unknown[] = [options.filedYear, options.asOf];
  const g = groupColumn(options.by, "c");
  const filterSql = andFilters(options.filters ?? {}, params, "c");
  const rows = await db.query<CohortRow>(
    `SELECT ${g} AS category,
            count(*)::int AS filed,
            count(*) FILTER (WHERE l.outcome = 'recognized')::int AS recognized,
            count(*) FILTER (WHERE l.outcome = 'humanitarian')::int AS humanitarian,
            count(*) FILTER (WHERE l.outcome = 'rejected')::int AS rejected,
            count(*) FILTER (WHERE l.outcome IN ('withdrawn', 'terminated', 'inadmissible'))::int AS closed,
            count(*) FILTER (WHERE l.outcome IS NULL OR l.outcome IN ('annulled', 'remanded'))::int AS pending
       FROM stat_cases c
       ${latestDecisionOn("$2", "l")}
      WHERE c.filed_year = $1 AND c.filed_on <= $2::date ${filterSql}
      GROUP BY 1
      ORDER BY 2 DESC, 1`,
    params,
  );
  return rows;
}

export interface PendingRow {
  category: string;
  /** Not final on the date, by where the case is: first instance, objection, court. */
  total: number;
  firstInstance: number;
  objection: number;
  courts: number;
  /** By time since filing. */
  ages: {
    under6Months: number;
    months6to12: number;
    years1to2: number;
    years2to3: number;
    over3Years: number;
  };
}

/** Cases filed on or before `asOf` that had no final outcome on that date. */
export async function pendingCases(
  db: Queryable,
  options: { asOf: string; by: StatDimension | null; filters?: StatFilters },
): Promise<PendingRow[]> {
  const params: unknown[] = [options.asOf];
  const g = groupColumn(options.by, "c");
  const filterSql = andFilters(options.filters ?? {}, params, "c");
  const rows = await db.query<{
    category: string;
    total: number;
    fi: number;
    ar: number;
    ct: number;
    a1: number;
    a2: number;
    a3: number;
    a4: number;
    a5: number;
  }>(
    `SELECT ${g} AS category, count(*)::int AS total,
            count(*) FILTER (WHERE l.level IS NULL OR l.level IN ('NA', 'RA'))::int AS fi,
            count(*) FILTER (WHERE l.level = 'AR')::int AS ar,
            count(*) FILTER (WHERE l.level LIKE 'C_')::int AS ct,
            count(*) FILTER (WHERE c.filed_on > $1::date - interval '6 months')::int AS a1,
            count(*) FILTER (WHERE c.filed_on <= $1::date - interval '6 months'
                               AND c.filed_on > $1::date - interval '1 year')::int AS a2,
            count(*) FILTER (WHERE c.filed_on <= $1::date - interval '1 year'
                               AND c.filed_on > $1::date - interval '2 years')::int AS a3,
            count(*) FILTER (WHERE c.filed_on <= $1::date - interval '2 years'
                               AND c.filed_on > $1::date - interval '3 years')::int AS a4,
            count(*) FILTER (WHERE c.filed_on <= $1::date - interval '3 years')::int AS a5
       FROM stat_cases c
       ${latestDecisionOn("$1", "l")}
      WHERE c.filed_on <= $1::date AND (c.final_on IS NULL OR c.final_on > $1::date) ${filterSql}
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    params,
  );
  return rows.map((r) => ({
    category: r.category,
    total: r.total,
    firstInstance: r.fi,
    objection: r.ar,
    courts: r.ct,
    ages: { under6Months: r.a1, months6to12: r.a2, years1to2: r.a3, years2to3: r.a4, over3Years: r.a5 },
  }));
}

export interface ReversalRow {
  category: string;
  /** First-instance refusals (rejected, or humanitarian stay only) decided in the year. */
  refusals: number;
  /** Of those, later overturned: by objection, and by a court at each level. */
  byObjection: number;
  byCourt1: number;
  byCourt2: number;
  byCourt3: number;
}

/** Reversal of first-instance refusals decided in `year`, by the level that overturned them. */
export async function reversals(
  db: Queryable,
  options: { year: number; by: StatDimension | null; filters?: StatFilters },
): Promise<ReversalRow[]> {
  const params: unknown[] = [options.year];
  const g = groupColumn(options.by, "c");
  const filterSql = andFilters(options.filters ?? {}, params, "c");
  return db.query<ReversalRow>(
    `SELECT ${g} AS category, count(*)::int AS refusals,
            count(*) FILTER (WHERE r.levels @> ARRAY['AR'])::int AS "byObjection",
            count(*) FILTER (WHERE r.levels @> ARRAY['C1'])::int AS "byCourt1",
            count(*) FILTER (WHERE r.levels @> ARRAY['C2'])::int AS "byCourt2",
            count(*) FILTER (WHERE r.levels @> ARRAY['C3'])::int AS "byCourt3"
       FROM stat_cases c
       LEFT JOIN LATERAL (
         SELECT array_agg(d.level) AS levels FROM stat_decisions d
          WHERE d.office_id = c.office_id AND d.case_id = c.case_id AND d.reverses_refusal
       ) r ON true
      WHERE extract(year FROM c.first_decided_on) = $1 AND c.first_outcome IN ('rejected', 'humanitarian')
        ${filterSql}
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    params,
  );
}

export interface DecisionMakerCounts {
  decisionMaker: string;
  nationality: string;
  substantive: number;
  granted: number;
}

/**
 * Substantive decisions and grants per decision-maker and nationality, in [from, to), for one
 * group of levels: first instance (NA, RA; grant = recognized), objection (AR; grant =
 * recognized), courts (C1–C3; grant = annulled). Internal: never published.
 */
export async function decisionMakerCounts(
  db: Queryable,
  options: {
    from: string;
    to: string;
    levels: "first_instance" | "objection" | "courts";
    office?: string | null;
  },
): Promise<DecisionMakerCounts[]> {
  const levels =
    options.levels === "first_instance"
      ? ["NA", "RA"]
      : options.levels === "objection"
        ? ["AR"]
        : ["C1", "C2", "C3"];
  const grant = options.levels === "courts" ? "annulled" : "recognized";
  const params: unknown[] = [options.from, options.to, levels, grant];
  let office = "";
  if (options.office) {
    params.push(options.office);
    office = `AND office_id = $${params.length}`;
  }
  return db.query<DecisionMakerCounts>(
    `SELECT decision_maker AS "decisionMaker", coalesce(nationality::text, 'unknown') AS nationality,
            count(*)::int AS substantive, count(*) FILTER (WHERE outcome = $4)::int AS granted
       FROM stat_decisions
      WHERE decided_on >= $1::date AND decided_on < $2::date AND level = ANY($3::text[])
        AND substantive AND NOT redecision AND decision_maker IS NOT NULL ${office}
      GROUP BY 1, 2`,
    params,
  );
}

/** First-instance refusals by `examiner` later overturned, as feedback: case ids and how. */
export async function reversedCasesOf(
  db: Queryable,
  options: { examiner: string; from: string; to: string; office?: string | null },
): Promise<{ caseId: string; officeId: string; refusedOn: string; reversedOn: string; level: string }[]> {
  const params: unknown[] = [options.examiner, options.from, options.to];
  let office = "";
  if (options.office) {
    params.push(options.office);
    office = `AND f.office_id = $${params.length}`;
  }
  return db.query(
    `SELECT f.case_id AS "caseId", f.office_id AS "officeId", f.decided_on::text AS "refusedOn",
            r.decided_on::text AS "reversedOn", r.level
       FROM stat_decisions f
       JOIN stat_decisions r ON r.office_id = f.office_id AND r.case_id = f.case_id AND r.reverses_refusal
      WHERE f.decision_maker = $1 AND f.level IN ('NA', 'RA') AND NOT f.redecision
        AND f.outcome IN ('rejected', 'humanitarian')
        AND r.decided_on >= $2::date AND r.decided_on < $3::date ${office}
      ORDER BY r.decided_on DESC`,
    params,
  );
}
