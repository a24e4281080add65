/** Disclosures of a case file outside the authority, and the alerts a refused one raises. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listOpenAlerts, requestDisclosure } from "./disclosures.ts";
import {
  AlertListSchema,
  DisclosureRequestSchema,
  DisclosureSchema,
  IdParams,
  ProblemSchema,
} from "../contracts/api.ts";
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
          operationId: "requestDisclosure",
          summary: "Request a disclosure of the case file to an outside recipient",
          description:
            "Refused (403) when the recipient's country is the applicant's nationality or a country they fear (RA 17(3)); an administrator is alerted. Otherwise it waits for a second person's approval.",
          params: IdParams,
          body: DisclosureRequestSchema,
          response: { 201: DisclosureSchema, ...errors },
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
          operationId: "listAlerts",
          description:
            "Needs the right alerts.read. For example a refused disclosure to a country the applicant fears (RA 17(3)).",
          summary: "Open alerts for administrators",
          response: { 200: AlertListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "alerts.read");
        return { items: await listOpenAlerts(deps.ctx) };
      },
    );
  };
