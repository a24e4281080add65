/**
 * `openrsd stats`: the statistics in the terminal, each rate with its definition, through the
 * running server or directly on the database.
 */
import type { Command } from "commander";
import {
  cohortStatistics,
  publicFigures,
  yearlyStatistics,
  type YearlyFigures,
} from "../../statistics/queries.ts";
import type { PublicFigures } from "../../kernel/statistics/table.ts";
import { exportPublicFiles } from "../../statistics/publish/export.ts";
import { DEFINITIONS, type Rate } from "../../kernel/statistics/rates.ts";
import { STAT_DIMENSIONS, type StatDimension } from "../../statistics/db/queries.ts";
import { keysOption } from "../keys.ts";
import { dataOption } from "../options.ts";
import { LOCAL, operate } from "./data.ts";

type Yearly = { year: number; by: string | null; rows: YearlyFigures[]; total: YearlyFigures };
type Cohort = Awaited<ReturnType<typeof cohortStatistics>>;

const percent = (r: Rate | undefined) =>
  r?.value === null || r === undefined ? "–" : `${(r.value * 100).toFixed(2)} %`;

function dimensionOf(by: string | undefined): StatDimension | null {
  if (by === undefined) return null;
  if (!(by in STAT_DIMENSIONS))
    throw new Error(`--by must be one of ${Object.keys(STAT_DIMENSIONS).join(", ")}; got ${by}`);
  return by as StatDimension;
}

function yearOf(text: string | undefined, fallback: number): number {
  const year = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(year) || year < 1994 || year > 2100)
    throw new Error(`a year from 1994 to 2100, got ${text}`);
  return year;
}

export function formatYearly(t: Yearly): string {
  const rows = t.by ? [...t.rows, t.total] : [t.total];
  const header = [
    t.by ?? "",
    "applications",
    "applicants",
    "1st recog.",
    "1st hum.",
    "1st rej.",
    "1st closed",
    "obj. recog.",
    "court annul.",
    "recog. (all)",
    "RRR",
    "TPR",
    "per appl.",
    "final RR",
  ];
  const line = (r: YearlyFigures, label: string) => {
    const rate = (id: string) => percent(r.rates.find((x) => x.id === id));
    return [
      label,
      r.applications,
      r.applicants,
      r.firstInstance.recognized,
      r.firstInstance.humanitarian,
      r.firstInstance.rejected,
      r.firstInstance.closed,
      r.objection.recognized,
      r.courts.annulled,
      r.recognitionsAllLevels,
      rate("rrr_unhcr"),
      rate("tpr_unhcr"),
      rate("per_application"),
      rate("final_recognition"),
    ].map(String);
  };
  const body = rows.map((r, i) => line(r, t.by && i < rows.length - 1 ? r.category : "total"));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  const out = [`Statistics for ${t.year}${t.by ? ` by ${t.by}` : ""}`, "", fmt(header), ...body.map(fmt), ""];
  for (const id of ["rrr_unhcr", "tpr_unhcr", "per_application", "final_recognition"] as const) {
    const d = DEFINITIONS[id];
    out.push(`${d.name}: ${d.text}`);
  }
  return out.join("\n");
}

export function formatCohort(c: Cohort): string {
  const out = [`Applications filed in ${c.filedYear}, where they stood on ${c.asOf}`, ""];
  for (const r of c.rows) {
    const share = (n: number) => (r.filed ? `${n} (${((n / r.filed) * 100).toFixed(1)} %)` : String(n));
    out.push(
      `${r.category}: filed ${r.filed}; recognized ${share(r.recognized)}, humanitarian ${share(r.humanitarian)}, ` +
        `rejected ${share(r.rejected)}, closed ${share(r.closed)}, pending ${share(r.pending)}`,
    );
  }
  out.push("", `${DEFINITIONS.cohort_outcome.name}: ${DEFINITIONS.cohort_outcome.text}`);
  return out.join("\n");
}

export function registerStatsCommands(program: Command): void {
  const stats = program
    .command("stats")
    .description("the statistics, each rate with its definition (docs/statistics.md)");
  stats
    .command("year", { isDefault: true })
    .description("the yearly table (the default: `openrsd stats --year 2024 --by nationality`)")
    .addOption(dataOption())
    .addOption(keysOption())
    .option("--year <YYYY>", "the year (default: this year)")
    .option("--by <dimension>", `break down by ${Object.keys(STAT_DIMENSIONS).join(", ")}`)
    .option("--json", "print JSON")
    .action(async (opts: { data?: string; year?: string; by?: string; json?: boolean }) => {
      const year = yearOf(opts.year, new Date().getUTCFullYear());
      const by = dimensionOf(opts.by);
      const table = await operate<Yearly>(
        opts,
        async (client) =>
          (await client.request<Yearly>("GET", `/statistics/yearly?year=${year}${by ? `&by=${by}` : ""}`))
            .body,
        (ctx) => yearlyStatistics(ctx, LOCAL, { year, by }),
      );
      console.log(opts.json ? JSON.stringify(table, null, 2) : formatYearly(table));
    });

  stats
    .command("cohort")
    .description("of the applications filed in a year, where each stood on a date")
    .addOption(dataOption())
    .addOption(keysOption())
    .requiredOption("--filed-year <YYYY>", "the year of filing")
    .option("--as-of <YYYY-MM-DD>", "the date (default: today)")
    .option("--by <dimension>", `break down by ${Object.keys(STAT_DIMENSIONS).join(", ")}`)
    .option("--json", "print JSON")
    .action(
      async (opts: { data?: string; filedYear: string; asOf?: string; by?: string; json?: boolean }) => {
        const filedYear = yearOf(opts.filedYear, 0);
        const by = dimensionOf(opts.by);
        if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf))
          throw new Error("--as-of must be YYYY-MM-DD");
        const query = new URLSearchParams({ filedYear: String(filedYear) });
        if (opts.asOf) query.set("asOf", opts.asOf);
        if (by) query.set("by", by);
        const cohort = await operate<Cohort>(
          opts,
          async (client) =>
            (await client.request<Cohort>("GET", `/statistics/cohort?${query.toString()}`)).body,
          (ctx) => cohortStatistics(ctx, LOCAL, { filedYear, by, ...(opts.asOf ? { asOf: opts.asOf } : {}) }),
        );
        console.log(opts.json ? JSON.stringify(cohort, null, 2) : formatCohort(cohort));
      },
    );

  stats
    .command("export")
    .description("write the public statistics (HTML page, CSV, JSON, JSON-stat), with disclosure control")
    .addOption(dataOption())
    .addOption(keysOption())
    .requiredOption("--out <dir>", "the directory to write to (created if missing)")
    .action(async (opts: { data?: string; out: string }) => {
      const figures = await operate<PublicFigures>(
        opts,
        async (client) => (await client.request<PublicFigures>("GET", "/statistics/public-figures")).body,
        (ctx) => publicFigures(ctx),
      );
      const written = await exportPublicFiles(figures, opts.out);
      console.log(`public statistics as of ${figures.asOf} written to ${opts.out}:`);
      for (const f of written) console.log(`  ${f}`);
    });
}
