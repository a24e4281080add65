/** Mandates: a representative (lawyer) acting for the applicant in a case (RA 12). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { grantMandate, listMandates, revokeMandate } from "./mandates.ts";
import { IdSchema, LegalDateSchema, ProblemSchema } from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

const MandateSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  representativeId: IdSchema,
  validFrom: LegalDateSchema,
  validUntil: LegalDateSchema.nullable(),
  revokedAt: z.string().nullable(),
});

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
          summary: "Record a representative's mandate for a case",
          params: z.object({ id: IdSchema }),
          body: z.strictObject({
            representativeId: IdSchema,
            validFrom: LegalDateSchema,
            validUntil: LegalDateSchema.optional(),
          }),
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
          summary: "A case's mandates",
          params: z.object({ id: IdSchema }),
          response: { 200: z.object({ items: z.array(MandateSchema) }), ...errors },
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
          summary: "Revoke a mandate (effective on the representative's next request)",
          params: z.object({ id: IdSchema }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "mandate.manage");
        await revokeMandate(deps.ctx, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
