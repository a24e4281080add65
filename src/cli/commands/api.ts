import { InvalidArgumentError, Option, type Command } from "commander";
import type { z } from "zod";
import type {
  CaseSummaryPageSchema,
  CaseView,
  HolidayAddedSchema,
  HolidayYearSchema,
} from "../../contracts/api.ts";
import { inProcessTarget, loadDemo } from "../../demo/load.ts";
import { createDemoAccounts } from "../../demo/accounts.ts";
import { parseYears, runNationalDemo } from "../../demo/national/run.ts";
import { today } from "../../app/context.ts";
import { runningServer } from "../operator.ts";
import { dataDirOf, databaseUrlOf, openApp } from "../runtime.ts";
import type { ApiClient } from "../client.ts";
import { apiClient, serverUrl } from "../client.ts";
import { keysOption } from "../keys.ts";
import { dataOption, legalDate, positiveInt, tokenOption, urlOption } from "../options.ts";

function fraction(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError("expected a fraction in (0, 1]");
  return n;
}

function table(rows: Record<string, unknown>[], columns: string[]): void {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(line(columns));
  for (const r of rows) console.log(line(columns.map((c) => String(r[c] ?? ""))));
}

export function printCase(v: CaseView): void {
  console.log(`case ${v.id}  (version ${v.version}, as of ${v.asOf})`);
  console.log(`  office ${v.office}, channel ${v.channel}, kind ${v.kind}, filed ${v.filedOn}`);
  console.log(
    `  stage ${v.stage}${v.litigationLevel ? ` (court level ${v.litigationLevel})` : ""}; applicant status ${v.applicantStatus ?? "-"}; protection ${v.protection ?? "-"}`,
  );
  console.log(
    `  final ${v.final ? `yes, since ${v.finalSince}` : "no"}${v.redecisionRequired ? "; REDECISION REQUIRED (ALA 30(2))" : ""}`,
  );
  console.log(`  removal ${v.removalBarred ? `BARRED: ${v.removalBarBasis}` : "not barred"}`);
  console.log("  deadlines:");
  for (const d of v.deadlines) {
    const who = [d.party, d.level ? `level ${d.level}` : null].filter(Boolean).join(", ");
    console.log(
      `    ${d.dueOn}  ${d.status.padEnd(6)}  ${d.kind}${who ? ` (${who})` : ""}\n                        ${d.basis}`,
    );
  }
  console.log(`  allowed next: ${v.allowedEvents.join(", ") || "none"}`);
}

/**
 * A client for a running server: its address from --url, OPENRSD_URL or the data directory's
 * server.json; its credential from --token or OPENRSD_TOKEN, else the local operator token.
 */
function clientFor(opts: { url?: string; token?: string; data?: string }): ApiClient {
  const local = runningServer(dataDirOf(opts));
  const token = opts.token ?? process.env.OPENRSD_TOKEN;
  if (opts.url || process.env.OPENRSD_URL || !local?.client) {
    return apiClient(serverUrl(opts.url), token ? { token } : {});
  }
  return token ? apiClient(local.client.base, { token }) : local.client;
}

export function registerApiCommands(program: Command): void {
  program
    .command("demo")
    .description(
      "load the fictional demo dataset and demo accounts (with no server running on the data directory)",
    )
    .addOption(dataOption())
    .addOption(keysOption())
    .option("--cases <n>", "number of cases (small scale)", positiveInt, 400)
    .option("--seed <n>", "random seed", positiveInt)
    .addOption(
      new Option(
        "--scale <scale>",
        "small: a few hundred cases through the commands; national: a country's volume, bulk-loaded",
      )
        .choices(["small", "national"])
        .default("small"),
    )
    .option(
      "--year <yyyy>",
      "national: the target year, the last year of filings (default 2024)",
      positiveInt,
    )
    .option(
      "--from <yyyy>",
      "national: the first year of filings (default five years before --year)",
      positiveInt,
    )
    .option("--years <from-to>", "national: both at once, e.g. 2019-2024")
    .option("--fraction <f>", "national: a fraction of the national volume, e.g. 0.1", fraction)
    .option("--force-append", "national: load even though the database already has cases")
    .action(
      async (opts: {
        data?: string;
        cases: number;
        seed?: number;
        scale: "small" | "national";
        year?: number;
        from?: number;
        years?: string;
        fraction?: number;
        forceAppend?: boolean;
      }) => {
        if (process.env.NODE_ENV === "production")
          throw new Error("demo data is refused when NODE_ENV=production");
        const national = opts.scale === "national";
        if (!national && (opts.year || opts.from || opts.years || opts.fraction || opts.forceAppend))
          throw new Error("--year, --from, --years, --fraction and --force-append go with --scale national");
        const years = national ? parseYears(opts) : null;
        const server = databaseUrlOf(opts) ? null : runningServer(dataDirOf(opts));
        if (server) {
          throw new Error(
            `the server (process ${server.pid}) holds the data directory: stop it and run this again, or start it with --demo`,
          );
        }
        const { ctx } = await openApp(opts);
        try {
          if (years) {
            await runNationalDemo(ctx, {
              ...years,
              ...(opts.fraction ? { fraction: opts.fraction } : {}),
              ...(opts.seed ? { seed: opts.seed } : {}),
              forceAppend: opts.forceAppend ?? false,
            });
            console.log(`${await createDemoAccounts(ctx)} demo accounts`);
            return;
          }
          const summary = await loadDemo(inProcessTarget(ctx, "demo-loader"), {
            cases: opts.cases,
            ...(opts.seed ? { seed: opts.seed } : {}),
            today: today(ctx),
            calendar: ctx.calendar(),
            onProgress: (done, total) => {
              if (done % 50 === 0 || done === total) console.log(`  ${done}/${total} cases`);
            },
          });
          const accounts = await createDemoAccounts(ctx);
          console.log(
            `loaded ${summary.persons} persons, ${summary.cases} cases, ${summary.events} events; ${accounts} demo accounts`,
          );
        } finally {
          await ctx.db.close();
        }
      },
    );

  const cases = program.command("cases").description("cases on a running server");
  cases
    .command("list")
    .description("list cases, newest first")
    .addOption(urlOption())
    .addOption(tokenOption())
    .addOption(dataOption())
    .option("--office <code>")
    .option("--stage <stage>")
    .option("--nationality <ISO3>")
    .option("--limit <n>", "how many", positiveInt, 20)
    .option("--cursor <cursor>", "continue from a previous page")
    .action(
      async (opts: {
        url?: string;
        office?: string;
        stage?: string;
        nationality?: string;
        limit: number;
        cursor?: string;
      }) => {
        const q = new URLSearchParams();
        for (const k of ["office", "stage", "nationality", "cursor"] as const) if (opts[k]) q.set(k, opts[k]);
        q.set("limit", String(opts.limit));
        const { body } = await clientFor(opts).request<z.infer<typeof CaseSummaryPageSchema>>(
          "GET",
          `/cases?${q}`,
        );
        table(body.items, [
          "id",
          "office",
          "nationality",
          "filedOn",
          "kind",
          "stage",
          "applicantStatus",
          "protection",
        ]);
        if (body.nextCursor) console.log(`more: --cursor ${body.nextCursor}`);
      },
    );
  cases
    .command("show <id>")
    .description("a case's stage, status, deadlines and allowed events")
    .addOption(urlOption())
    .addOption(tokenOption())
    .addOption(dataOption())
    .option("--as-of <date>", "evaluate on this date (YYYY-MM-DD)", legalDate)
    .option("--json", "print the JSON view")
    .action(async (id: string, opts: { url?: string; asOf?: string; json?: boolean }) => {
      const q = opts.asOf ? `?asOf=${opts.asOf}` : "";
      const { body } = await clientFor(opts).request<CaseView>("GET", `/cases/${encodeURIComponent(id)}${q}`);
      if (opts.json) console.log(JSON.stringify(body, null, 2));
      else printCase(body);
    });

  const holidays = program.command("holidays").description("public holidays used to count periods (CA 161)");
  holidays
    .command("list")
    .addOption(urlOption())
    .addOption(tokenOption())
    .addOption(dataOption())
    .option("--year <yyyy>", "year", positiveInt)
    .action(async (opts: { url?: string; year?: number }) => {
      const q = opts.year ? `?year=${opts.year}` : "";
      const { body } = await clientFor(opts).request<z.infer<typeof HolidayYearSchema>>(
        "GET",
        `/holidays${q}`,
      );
      console.log(
        `${body.year}: ${body.covered ? "official almanac data" : "NOT covered by official data: only Sundays and added days are known"}`,
      );
      table(
        body.items.map((h) => ({ ...h, names: h.names.join(" / ") })),
        ["date", "kind", "origin", "names"],
      );
    });
  holidays
    .command("add")
    .description("add a temporary holiday or election day; due dates on or after it are recomputed")
    .addOption(urlOption())
    .addOption(tokenOption())
    .addOption(dataOption())
    .requiredOption("--date <date>", "YYYY-MM-DD", legalDate)
    .requiredOption("--name <name>", 'e.g. "23rd National Assembly election"')
    .requiredOption("--kind <kind>", "temporary or election")
    .option("--source <source>", "where it was proclaimed (e.g. Official Gazette issue)")
    .action(
      async (opts: {
        url?: string;
        date: string;
        name: string;
        kind: string;
        source?: string;
        actor: string;
      }) => {
        const { body } = await clientFor(opts).request<z.infer<typeof HolidayAddedSchema>>(
          "POST",
          "/holidays",
          {
            date: opts.date,
            name: opts.name,
            kind: opts.kind,
            ...(opts.source ? { source: opts.source } : {}),
          },
        );
        console.log(
          `added ${opts.date} (${opts.kind}); ${body.casesUpdated} cases had their deadlines recomputed`,
        );
      },
    );
}
