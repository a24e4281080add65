/**
 * Simulation runs in progress and done, kept in the server's memory for the account that started
 * them: a run over several years takes seconds, so the answer to starting one is the run, and the
 * analyst's screen follows its progress. Nothing is stored: a restart forgets the runs (a
 * published impact statement is stored, `impact.ts`).
 */
import { v7 as uuidv7 } from "uuid";
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import type { SimulationRun } from "../../contracts/simulation.ts";
import type { ReapplicationPolicy } from "../../kernel/reapplication/policy.ts";
import { runSimulation, type SimulationProgress } from "./run.ts";

/** Runs kept per server; the oldest finished ones are forgotten first. */
const KEEP = 50;

interface Held {
  owner: string;
  run: SimulationRun;
  done: Promise<void>;
}

export class SimulationRuns {
  private readonly held = new Map<string, Held>();

  constructor(private readonly ctx: AppContext) {}

  /** Start a run for `actor`; it goes on after the answer. Bad input is refused before it starts. */
  start(
    actor: Actor,
    req: { policies: readonly ReapplicationPolicy[]; from: number; to: number; office: string | null },
  ): SimulationRun {
    const run: SimulationRun = {
      id: uuidv7(),
      status: "running",
      startedAt: this.ctx.clock().toISOString(),
      request: { policies: req.policies.map((p) => p.id), from: req.from, to: req.to, office: req.office },
      progress: { phase: "queued", done: 0, total: 0 },
      report: null,
      error: null,
    };
    const onProgress = (p: SimulationProgress) => {
      run.progress = { ...p };
    };
    const done = runSimulation(this.ctx, actor, req, onProgress).then(
      (report) => {
        run.report = report;
        run.request.office = report.office;
        run.status = "done";
        run.progress = { phase: "done", done: report.reapplications, total: report.reapplications };
      },
      (err: unknown) => {
        run.status = "failed";
        run.error =
          err instanceof AppError ? err.message : "the simulation failed; the server log has the cause";
        if (!(err instanceof AppError)) console.error("simulation run failed", run.id, err);
      },
    );
    this.held.set(run.id, { owner: actor.principal.username, run, done });
    this.forgetOld();
    return { ...run };
  }

  /** The run, if `actor` started it (another's answers as if it did not exist). */
  get(actor: Actor, id: string): SimulationRun | null {
    const h = this.held.get(id);
    return h && h.owner === actor.principal.username ? { ...h.run } : null;
  }

  /** Wait for a run to finish (tests, the CLI in process). */
  async settle(id: string): Promise<void> {
    await this.held.get(id)?.done;
  }

  list(actor: Actor): SimulationRun[] {
    return [...this.held.values()]
      .filter((h) => h.owner === actor.principal.username)
      .map((h) => ({ ...h.run }))
      .reverse();
  }

  private forgetOld(): void {
    if (this.held.size <= KEEP) return;
    for (const [id, h] of this.held) {
      if (this.held.size <= KEEP) break;
      if (h.run.status !== "running") this.held.delete(id);
    }
  }
}
