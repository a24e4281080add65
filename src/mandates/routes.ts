/** Mandates: a representative (lawyer) acting for the applicant in a case (RA 12). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { grantMandate, listMandates, revokeMandate } from "./mandates.ts";
import {
  IdParams,
  MandateCaseMatchListSchema,
  MandateCaseSearchSchema,
  MandateInputSchema,
  MandateListSchema,
  MandateSchema,
  ProblemSchema,
} from "../contracts/api.ts";
import { findCasesForMandate } from "./find-case.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

export const mandateRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/cases/:id/mandates",
      {
        schema: {
          tags: ["mandates"],
          operationId: "grantMandate",
          description:
            "Needs the right mandate.manage. From validFrom (until validUntil or revocation) the representative sees the case in the portal.",
          summary: "Record a representative's mandate for a case",
          params: IdParams,
          body: MandateInputSchema,
          response: { 201: MandateSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "mandate.manage");
        const mandate = await grantMandate(deps.ctx, actorOf(req), { caseId: req.params.id, ...req.body });
        return reply.code(201).send(mandate);
      },
    );

    app.get(
      "/cases/:id/mandates",
      {
        schema: {
          tags: ["mandates"],
          operationId: "listMandates",
          description:
            "Needs the right mandate.manage. Current and past mandates on a case the principal reaches.",
          summary: "A case's mandates",
          params: IdParams,
          response: { 200: MandateListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "mandate.manage");
        return { items: await listMandates(deps.ctx, actorOf(req), req.params.id) };
      },
    );

    app.delete(
      "/mandates/:id",
      {
        schema: {
          tags: ["mandates"],
          operationId: "revokeMandate",
          description:
            "Needs the right mandate.manage. The representative loses the case at their next request.",
          summary: "Revoke a mandate (effective on the representative's next request)",
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "mandate.manage");
        await revokeMandate(deps.ctx, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/mandates/case-search",
      {
        schema: {
          tags: ["mandates"],
          operationId: "findCaseForMandate",
          description:
            "Needs the right mandate.manage. Cases the principal reaches whose applicant's names match every word of `name` (any script), or the case with `caseNumber`: each with only what confirming the match needs (names, nationality, case number, office, filing date), newest first, at most 20. A POST so that names never appear in a URL.",
          summary: "Find the case a mandate is for, by the applicant's name or the case number",
          body: MandateCaseSearchSchema,
          response: { 200: MandateCaseMatchListSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "mandate.manage");
        return reply.code(200).send({ items: await findCasesForMandate(deps.ctx, actorOf(req), req.body) });
      },
    );
  };
