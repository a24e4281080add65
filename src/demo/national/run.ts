/**
 * `openrsd demo --scale national`: generate the national dataset, bulk-load it, print what the
 * loaded records say next to the reference figures.
 */
import type { AppContext } from "../../app/context.ts";
import { today } from "../../app/context.ts";
import { FIRST_REFERENCE_YEAR, LAST_REFERENCE_YEAR } from "./calibration.ts";
import { generateNationalDataset } from "./generate.ts";
import { bulkLoadNational, countCases, DatabaseNotEmptyError } from "./load.ts";
import { formatSummary, summarizeNational } from "./summary.ts";

export interface NationalRunOptions {
  from: number;
  year: number;
  /** Fraction of the national volume (default 1). */
  fraction?: number;
  seed?: number;
  forceAppend?: boolean;
  batchSize?: number;
  log?: (line: string) => void;
}

/** "2019-2024" → [2019, 2024]; a single year → [year - 5, year]. */
export function parseYears(spec: { years?: string; from?: number; year?: number }): {
  from: number;
  year: number;
} {
  let from = spec.from;
  let year = spec.year;
  if (spec.years) {
    const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(spec.years.trim());
    if (!m) throw new Error(`--years must look like 2019-2024, got ${spec.years}`);
    from = Number(m[1]);
    year = Number(m[2]);
  }
  year ??= 2024;
  from ??= Math.max(FIRST_REFERENCE_YEAR, year - 5);
  if (from > year) throw new Error(`the first year (${from}) is after the target year (${year})`);
  if (from < FIRST_REFERENCE_YEAR || year > LAST_REFERENCE_YEAR) {
    throw new Error(
      `the national demo has reference figures for ${FIRST_REFERENCE_YEAR}-${LAST_REFERENCE_YEAR}, not ${from}-${year}`,
    );
  }
  return { from, year };
}

export async function runNationalDemo(ctx: AppContext, opts: NationalRunOptions): Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (process.env.NODE_ENV === "production") throw new Error("demo data is refused when NODE_ENV=production");
  const existing = await countCases(ctx.db);
  if (existing > 0 && !opts.forceAppend) throw new DatabaseNotEmptyError(existing);
  if (existing > 0) log(`the database has ${existing} cases already; appending (--force-append)`);

  const asOf = today(ctx);
  log(`generating the national demo dataset: filings ${opts.from}-${opts.year}, scale ${opts.fraction ?? 1}`);
  let t = performance.now();
  const dataset = generateNationalDataset({
    from: opts.from,
    year: opts.year,
    scale: opts.fraction ?? 1,
    ...(opts.seed ? { seed: opts.seed } : {}),
    today: asOf,
    calendar: ctx.calendar(),
  });
  log(
    `  ${dataset.cases.length} cases of ${dataset.persons.length} persons, events to ${dataset.end} ` +
      `(${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  t = performance.now();
  let lastLog = 0;
  const result = await bulkLoadNational(ctx, dataset, {
    asOf,
    forceAppend: opts.forceAppend ?? false,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    onProgress: ({ done, total, elapsedMs }) => {
      if (done < total && elapsedMs - lastLog < 5_000) return;
      lastLog = elapsedMs;
      const rate = Math.round(done / (elapsedMs / 1000));
      log(`  ${done.toLocaleString("en")}/${total.toLocaleString("en")} cases (${rate} cases/s)`);
    },
  });
  log(
    `loaded ${result.persons} persons, ${result.cases} cases, ${result.events} events in ` +
      `${(result.elapsedMs / 1000).toFixed(1)} s (${result.batches} transactions, one audit entry each)`,
  );
  log(formatSummary(await summarizeNational(ctx.db, opts.from, opts.year)));
}
