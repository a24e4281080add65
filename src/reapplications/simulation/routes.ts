/**
 * Simulating a re-application policy on history, for analysts (docs/reapplication-simulation.md):
 * start a run, follow its progress, read its report. Aggregates only, scoped like every statistic.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../app/errors.ts";
import { ProblemSchema } from "../../contracts/api.ts";
import {
  PublishStatementSchema,
  SimulationIdParams,
  StatementSummarySchema,
  SimulationIndexSchema,
  SimulationRequestSchema,
  SimulationRunSchema,
} from "../../contracts/simulation.ts";
import { actorOf } from "../../server/actor.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { requireNationalScope } from "../../statistics/queries.ts";
import { publishStatement } from "./impact.ts";
import { policyCatalogue, resolvePolicies } from "./policies.ts";
import { screensOut } from "./replay.ts";
import { checkPeriod, officeInReach } from "./run.ts";
import { SimulationRuns } from "./runs.ts";

const errors = { 401: ProblemSchema, 403: ProblemSchema };

export const simulationRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const runs = new SimulationRuns(deps.ctx);
    const tags = ["statistics"];

    app.get(
      "/statistics/reapplication-simulations",
      {
        schema: {
          tags,
          operationId: "listReapplicationSimulations",
          summary: "The policies a simulation can replay, and this account's recent runs",
          description: "Needs the right statistics.read.",
          response: { 200: SimulationIndexSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        return {
          policies: policyCatalogue().map((p) => ({
            id: p.id,
            title: p.title,
            standing: p.standing,
            jurisdiction: p.jurisdiction,
            screensOut: screensOut(p),
          })),
          runs: runs.list(actorOf(req)),
        };
      },
    );

    app.post(
      "/statistics/reapplication-simulations",
      {
        schema: {
          tags,
          operationId: "startReapplicationSimulation",
          summary: "Replay every re-application filed in a period under one or more policies",
          description:
            "Needs the right statistics.read. Answers at once with the run (202); follow it with GET …/{id} until its status is done. Staff bound to one office simulate their own office's re-applications only; another office is refused (403).",
          body: SimulationRequestSchema,
          response: { 202: SimulationRunSchema, ...errors, 422: ProblemSchema },
        },
      },
      async (req, reply) => {
        requireRight(req, "statistics.read");
        const actor = actorOf(req);
        const body = req.body;
        checkPeriod(body.from, body.to);
        const policies = resolvePolicies(body.policies);
        const office = officeInReach(actor, body.office ?? null);
        return reply.code(202).send(runs.start(actor, { policies, from: body.from, to: body.to, office }));
      },
    );

    app.post(
      "/statistics/impact-statements",
      {
        schema: {
          tags,
          operationId: "publishImpactStatement",
          summary: "Publish a finished simulation run as an impact statement, under disclosure control",
          description:
            "Needs the right statistics.read and a role that spans offices (an impact statement covers every office). The run's tables are protected like the public statistics (rounded to 5, small counts suppressed) and published at /statistics/impact-statements/{id}, with CSV and JSON-stat under /api/v1/public/statistics/impact-statements.",
          body: PublishStatementSchema,
          response: {
            201: StatementSummarySchema,
            ...errors,
            404: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "statistics.read");
        const actor = actorOf(req);
        requireNationalScope(actor);
        const run = runs.get(actor, req.body.runId);
        if (!run)
          throw new AppError(
            "not_found",
            "no such simulation run of yours (runs are kept until the server restarts)",
          );
        if (run.status !== "done" || !run.report)
          throw new AppError(
            "conflict",
            "the simulation run has not finished: publish it once its status is done",
          );
        return reply.code(201).send(await publishStatement(deps.ctx, actor, run.report));
      },
    );

    app.get(
      "/statistics/reapplication-simulations/:id",
      {
        schema: {
          tags,
          operationId: "getReapplicationSimulation",
          summary: "A simulation run: its progress and, once done, its report",
          description: "Needs the right statistics.read. Only the account that started the run sees it.",
          params: SimulationIdParams,
          response: { 200: SimulationRunSchema, ...errors, 404: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "statistics.read");
        const run = runs.get(actorOf(req), req.params.id);
        if (!run)
          throw new AppError(
            "not_found",
            "no such simulation run of yours (runs are kept until the server restarts)",
          );
        return run;
      },
    );
  };
