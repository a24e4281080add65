/** Disclosures of a case file outside the authority, and the alerts a refused one raises. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listOpenAlerts, requestDisclosure } from "./disclosures.ts";
import { IdSchema, ProblemSchema } from "../contracts/api.ts";
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

export const disclosureRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/cases/:id/disclosures",
      {
        schema: {
          tags: ["disclosures"],
          summary: "Request a disclosure of the case file to an outside recipient",
          description:
            "Refused (403) when the recipient's country is the applicant's nationality or a country they fear (RA 17(3)); an administrator is alerted. Otherwise it waits for a second person's approval.",
          params: z.object({ id: IdSchema }),
          body: z.strictObject({
            recipientKind: z.enum(["authority", "court", "unhcr", "other"]),
            recipientCountry: z.string().regex(/^[A-Z]{3}$/, "ISO 3166-1 alpha-3"),
            purpose: z.string().trim().min(1).max(500),
          }),
          response: {
            201: z.object({
              id: IdSchema,
              caseId: IdSchema,
              status: z.string(),
              recipientKind: z.string(),
              recipientCountry: z.string(),
              purpose: z.string(),
              refusalReason: z.string().nullable(),
            }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "disclosure.request");
        return reply.code(201).send(await requestDisclosure(deps.ctx, actorOf(req), req.params.id, req.body));
      },
    );

    app.get(
      "/alerts",
      {
        schema: {
          tags: ["alerts"],
          summary: "Open alerts for administrators",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: IdSchema,
                  at: z.string(),
                  kind: z.string(),
                  severity: z.string(),
                  details: z.record(z.string(), z.unknown()),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (req) => {
        requireRight(req, "alerts.read");
        return { items: await listOpenAlerts(deps.ctx) };
      },
    );
  };
