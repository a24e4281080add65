/**
 * Run a simulation: read the history in reach of the analyst, replay it under each policy, and
 * leave one access record saying what was read (the period, the office, how many re-applications).
 */
import { audit, type Actor } from "../../app/actor.ts";
import { today, type AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { ReapplicationPolicy } from "../../kernel/reapplication/policy.ts";
import { statisticsScope } from "../../security/access/policy.ts";
import { loadHistory, type LoadProgress } from "./load.ts";
import { simulate, type PolicySimulation } from "./replay.ts";

export const FIRST_YEAR = 1994;
export const LAST_YEAR = 2100;

export interface SimulationRequest {
  policies: readonly ReapplicationPolicy[];
  /** re-applications filed from 1 January of `from` to 31 December of `to` */
  from: number;
  to: number;
  /** one office only (staff bound to an office get theirs whatever they ask) */
  office?: string | null;
}

export interface SimulationReport {
  from: number;
  to: number;
  /** the office simulated; null: every office */
  office: string | null;
  /** the day the outcomes in fact were read */
  asOf: LegalDate;
  reapplications: number;
  /** re-applications whose every element was classified, and those with some or none unclassified */
  classification: { classified: number; unclassified: number; withoutElements: number };
  policies: PolicySimulation[];
}

export type SimulationProgress = LoadProgress | { phase: "replay"; done: number; total: number };

/** The office whose re-applications the actor may simulate (null: every office), or a refusal. */
export function officeInReach(actor: Actor, asked: string | null): string | null {
  const scope = statisticsScope(actor.principal);
  if (scope.kind === "all") return asked;
  if (scope.kind === "none")
    throw new AppError("forbidden", "this account works for no office, so it sees no office's statistics");
  if (asked !== null && asked !== scope.officeId)
    throw new AppError(
      "forbidden",
      `your role sees the statistics of its own office (${scope.officeId}) only`,
    );
  return scope.officeId;
}

export function checkPeriod(from: number, to: number): void {
  for (const y of [from, to])
    if (!Number.isInteger(y) || y < FIRST_YEAR || y > LAST_YEAR)
      throw new AppError("invalid_input", `a year from ${FIRST_YEAR} to ${LAST_YEAR}, got ${y}`);
  if (from > to) throw new AppError("invalid_input", `the period must run forward: ${from} is after ${to}`);
}

export async function runSimulation(
  ctx: AppContext,
  actor: Actor,
  req: SimulationRequest,
  onProgress: (p: SimulationProgress) => void = () => {},
): Promise<SimulationReport> {
  checkPeriod(req.from, req.to);
  if (req.policies.length === 0) throw new AppError("invalid_input", "name at least one policy");
  const office = officeInReach(actor, req.office ?? null);
  const history = await loadHistory(
    ctx,
    { from: `${req.from}-01-01`, to: `${req.to}-12-31`, office },
    onProgress,
  );
  onProgress({ phase: "replay", done: 0, total: req.policies.length });
  const policies = simulate(req.policies, history);
  onProgress({ phase: "replay", done: req.policies.length, total: req.policies.length });
  const withoutElements = history.filter((c) => c.elements.length === 0).length;
  const unclassified = history.filter((c) => c.elements.some((e) => e.tag === null)).length;
  await ctx.db.transaction((tx) =>
    audit(tx, actor, ctx.clock(), {
      action: "reapplication.simulate",
      outcome: "ok",
      officeId: office,
      details: {
        from: req.from,
        to: req.to,
        policies: req.policies.map((p) => p.id).join(","),
        reapplications: history.length,
      },
    }),
  );
  return {
    from: req.from,
    to: req.to,
    office,
    asOf: today(ctx),
    reapplications: history.length,
    classification: {
      classified: history.length - withoutElements - unclassified,
      unclassified,
      withoutElements,
    },
    policies,
  };
}
