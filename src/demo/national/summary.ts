/**
 * What the loaded national demo data says, computed from the stored statistics rows (never from
 * the calibration targets), to compare with the reference figures after a load.
 */
import type { Queryable } from "../../store/db.ts";
import { figuresFor } from "./calibration.ts";

export interface YearSummary {
  year: number;
  applications: number;
  subsequent: number;
  /** Recognitions decided in the year, at any level (first instance, objection, redecision). */
  recognized: number;
  humanitarian: number;
  /** Substantive administrative decisions in the year (first instance and objection). */
  rejected: number;
  /** recognized / applications filed the same year, as the press computes it. */
  perApplicationRate: number;
  /** UNHCR refugee recognition rate over the year's substantive administrative decisions. */
  recognitionRate: number;
  /** UNHCR total protection rate, same denominator. */
  protectionRate: number;
  /** Reference figures for the year. */
  reference: { applications: number; recognized: number; humanitarian: number };
}

export interface NationalSummary {
  years: YearSummary[];
  /** Cases without a first-instance decision or closure at the end of the data. */
  pendingFirstInstance: number;
  /** Of first-instance refusals (rejected), the share that objected. */
  objectionShare: number;
  /** Of cases closed at first instance: decided, withdrawn, terminated (missed interviews). */
  closedShares: { decided: number; withdrawn: number; terminated: number };
  /** Examiners with at least 30 substantive decisions in the last year, and their grant rates' range. */
  examiners: { count: number; minRate: number; maxRate: number };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

export async function summarizeNational(db: Queryable, from: number, to: number): Promise<NationalSummary> {
  const apps = await db.query<{ year: number; n: number; sub: number }>(
    `SELECT filed_year AS year, count(*)::int AS n, count(*) FILTER (WHERE kind = 'subsequent')::int AS sub
       FROM stat_cases WHERE filed_year BETWEEN $1 AND $2 GROUP BY 1`,
    [from, to],
  );
  const decided = await db.query<{ year: number; outcome: string; n: number }>(
    `SELECT decided_year AS year, outcome, count(*)::int AS n FROM stat_decisions
      WHERE decided_year BETWEEN $1 AND $2 AND level IN ('NA', 'RA', 'AR')
        AND outcome IN ('recognized', 'humanitarian', 'rejected')
      GROUP BY 1, 2`,
    [from, to],
  );
  const years: YearSummary[] = [];
  for (let year = from; year <= to; year++) {
    const a = apps.find((r) => r.year === year);
    const count = (o: string) => decided.find((r) => r.year === year && r.outcome === o)?.n ?? 0;
    const [recognized, humanitarian, rejected] = [
      count("recognized"),
      count("humanitarian"),
      count("rejected"),
    ];
    const substantive = recognized + humanitarian + rejected;
    const ref = figuresFor(year);
    years.push({
      year,
      applications: a?.n ?? 0,
      subsequent: a?.sub ?? 0,
      recognized,
      humanitarian,
      rejected,
      perApplicationRate: ratio(recognized, a?.n ?? 0),
      recognitionRate: ratio(recognized, substantive),
      protectionRate: ratio(recognized + humanitarian, substantive),
      reference: {
        applications: ref.applications,
        recognized: ref.recognized,
        humanitarian: ref.humanitarian,
      },
    });
  }
  const [pending] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM stat_cases WHERE first_outcome IS NULL",
  );
  const [objections] = await db.query<{ refused: number; objected: number }>(
    `SELECT count(*)::int AS refused,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_events e WHERE e.office_id = s.office_id
                                             AND e.case_id = s.case_id AND e.type = 'objection_filed'))::int AS objected
       FROM stat_cases s WHERE first_outcome = 'rejected'`,
  );
  const closed = await db.query<{ outcome: string; n: number }>(
    `SELECT first_outcome AS outcome, count(*)::int AS n FROM stat_cases
      WHERE first_outcome IS NOT NULL GROUP BY 1`,
  );
  const closedN = (o: string[]) => closed.filter((r) => o.includes(r.outcome)).reduce((s, r) => s + r.n, 0);
  const closedAll = closedN(["recognized", "humanitarian", "rejected", "withdrawn", "terminated"]);
  const examiners = await db.query<{ rate: number }>(
    `SELECT avg((outcome IN ('recognized', 'humanitarian'))::int)::float8 AS rate FROM stat_decisions
      WHERE decided_year = $1 AND level IN ('NA', 'RA') AND NOT redecision AND substantive
        AND decision_maker LIKE 'examiner-%'
      GROUP BY decision_maker HAVING count(*) >= 30`,
    [to],
  );
  const rates = examiners.map((e) => e.rate);
  return {
    years,
    pendingFirstInstance: pending?.n ?? 0,
    objectionShare: ratio(objections?.objected ?? 0, objections?.refused ?? 0),
    closedShares: {
      decided: ratio(closedN(["recognized", "humanitarian", "rejected"]), closedAll),
      withdrawn: ratio(closedN(["withdrawn"]), closedAll),
      terminated: ratio(closedN(["terminated"]), closedAll),
    },
    examiners: {
      count: rates.length,
      minRate: rates.length ? Math.min(...rates) : 0,
      maxRate: rates.length ? Math.max(...rates) : 0,
    },
  };
}

const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)} %`;

export function formatSummary(s: NationalSummary): string {
  const lines = [
    "year  applications (ref)   recognized (ref)  humanitarian (ref)  per-application  UNHCR recognition  UNHCR protection",
  ];
  for (const y of s.years) {
    lines.push(
      [
        String(y.year).padEnd(6),
        `${y.applications} (${y.reference.applications})`.padEnd(21),
        `${y.recognized} (${y.reference.recognized})`.padEnd(18),
        `${y.humanitarian} (${y.reference.humanitarian})`.padEnd(20),
        pct(y.perApplicationRate).padEnd(17),
        pct(y.recognitionRate).padEnd(19),
        pct(y.protectionRate),
      ].join(""),
    );
  }
  lines.push(
    `pending at first instance at the end of the data: ${s.pendingFirstInstance}`,
    `refused at first instance who objected: ${pct(s.objectionShare, 1)}`,
    `closed at first instance: ${pct(s.closedShares.decided, 1)} decided, ${pct(s.closedShares.withdrawn, 1)} withdrawn, ${pct(s.closedShares.terminated, 1)} terminated for missed interviews`,
    `examiners with 30+ substantive decisions in ${s.years.at(-1)?.year}: ${s.examiners.count}, grant rates ${pct(s.examiners.minRate, 1)} to ${pct(s.examiners.maxRate, 1)}`,
    "UNHCR rates: over substantive first-instance and objection decisions of the year.",
  );
  return lines.join("\n");
}
