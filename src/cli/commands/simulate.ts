/**
 * `openrsd simulate`: replay every re-application filed in a period under one or more policies
 * (docs/reapplication-simulation.md), through the running server or directly on the database.
 */
import type { Command } from "commander";
import type { SimulationRun } from "../../contracts/simulation.ts";
import { resolvePolicies } from "../../reapplications/simulation/policies.ts";
import type { BoundFigures, Proportion } from "../../reapplications/simulation/replay.ts";
import { runSimulation, type SimulationReport } from "../../reapplications/simulation/run.ts";
import { keysOption } from "../keys.ts";
import { dataOption } from "../options.ts";
import { LOCAL, operate } from "./data.ts";

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);
const interval = (p: Proportion) =>
  p.share === null ? "–" : `${pct(p.share)} (95 % CI ${pct(p.low)}–${pct(p.high)})`;

function bound(name: string, b: BoundFigures, screensOut: boolean): string {
  if (!screensOut)
    return `  ${name}: ${b.ineligible} found ineligible; nobody loses applicant status under this policy`;
  const fn = b.falseNegatives;
  return [
    `  ${name}: ${b.screenedOut} screened out, ${interval(b.screenedOutShare)} of re-applications`,
    `    of whom later recognized ${fn.recognized}, humanitarian stay ${fn.humanitarian}, refusal annulled by a court ${fn.annulled}:`,
    `    false negatives ${fn.total}, ${interval(b.falseNegativeShare)} of those screened out`,
  ].join("\n");
}

export function formatSimulation(r: SimulationReport): string {
  const out = [
    `Re-applications filed ${r.from}-${r.to}${r.office ? ` at ${r.office}` : ""}: ${r.reapplications} ` +
      `(outcomes as known on ${r.asOf})`,
    `what is new: ${r.classification.classified} fully classified, ${r.classification.unclassified} partly, ` +
      `${r.classification.withoutElements} with nothing recorded`,
  ];
  for (const p of r.policies) {
    const t = p.total;
    out.push(
      "",
      `${p.policyId} (${p.standing}): ${p.title.en}`,
      `  reviewed ${t.reviewed} of ${t.reapplications} (no earlier case ended: ${t.withoutPriorEnding})`,
      bound("strict (only what arose after the earlier decision counts)", t.strict, p.screensOut),
      bound("generous (anything not already considered counts)", t.generous, p.screensOut),
    );
    if (!p.screensOut) continue;
    for (const [name, rows] of [
      ["sur place", p.breakdowns.surPlace],
      ["representation", p.breakdowns.representation],
      ["nationality (largest 8)", p.breakdowns.nationality.slice(0, 8)],
    ] as const) {
      out.push(`  by ${name}:`);
      for (const row of rows) {
        const f = row.figures;
        out.push(
          `    ${row.category.padEnd(16)} ${String(f.reapplications).padStart(6)} re-applications; screened out ` +
            `${f.generous.screenedOut}–${f.strict.screenedOut}; false negatives ` +
            `${f.generous.falseNegatives.total}–${f.strict.falseNegatives.total}`,
        );
      }
    }
  }
  return out.join("\n");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function registerSimulateCommand(program: Command): void {
  program
    .command("simulate")
    .description(
      "replay every re-application of a period under re-application policies (false-negative bounds)",
    )
    .addOption(dataOption())
    .addOption(keysOption())
    .requiredOption("--policy <id...>", "policy ids, e.g. kr-2025-bill kr-2021-bill eu-2024-1348")
    .requiredOption("--from <YYYY>", "first year of filing")
    .requiredOption("--to <YYYY>", "last year of filing")
    .option("--office <office>", "one office's re-applications only")
    .option("--json", "print JSON")
    .action(
      async (opts: {
        data?: string;
        policy: string[];
        from: string;
        to: string;
        office?: string;
        json?: boolean;
      }) => {
        const from = Number(opts.from);
        const to = Number(opts.to);
        const body = { policies: opts.policy, from, to, office: opts.office ?? null };
        const report = await operate<SimulationReport>(
          opts,
          async (client) => {
            let run = (
              await client.request<SimulationRun>("POST", "/statistics/reapplication-simulations", body)
            ).body;
            while (run.status === "running") {
              await sleep(250);
              run = (
                await client.request<SimulationRun>("GET", `/statistics/reapplication-simulations/${run.id}`)
              ).body;
            }
            if (run.status === "failed" || !run.report) throw new Error(run.error ?? "the simulation failed");
            return run.report as SimulationReport;
          },
          (ctx) =>
            runSimulation(ctx, LOCAL, {
              policies: resolvePolicies(opts.policy),
              from,
              to,
              office: opts.office ?? null,
            }),
        );
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatSimulation(report));
      },
    );
}
