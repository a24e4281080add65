/** Disclosures of a case file outside the authority, and the alerts a refused one raises. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { confirmRecipient, listDisclosures, listOpenAlerts, requestDisclosure } from "./disclosures.ts";
import {
  AlertListSchema,
  DisclosureListSchema,
  DisclosureParams,
  DisclosureRequestSchema,
  DisclosureSchema,
  IdParams,
  ProblemSchema,
  RecipientConfirmationSchema,
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
            "Needs the right disclosure.request and a second factor proven in the last 5 minutes. Refused (403) when the recipient's country is the applicant's nationality, a country they fear or a country where they habitually lived (RA 17(3)): a critical alert. Also refused (403), and kept as awaiting_confirmation with a warning alert, when those countries are not known well enough (stateless or unknown nationality, no feared country recorded) and the recipient is a foreign state (anyone but UNHCR outside the jurisdiction's own country), until another supervisor confirms the recipient (POST .../confirm-recipient). Otherwise it waits for a second person's approval.",
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
      "/cases/:id/disclosures",
      {
        schema: {
          tags: ["disclosures"],
          operationId: "listDisclosures",
          summary: "A case's disclosures and what became of them",
          description:
            "Needs the right disclosure.request on the case (404 for a case out of reach). The read is recorded.",
          params: IdParams,
          response: { 200: DisclosureListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "disclosure.request");
        return { items: await listDisclosures(deps.ctx, actorOf(req), req.params.id) };
      },
    );

    app.post(
      "/cases/:id/disclosures/:disclosureId/confirm-recipient",
      {
        schema: {
          tags: ["disclosures"],
          operationId: "confirmDisclosureRecipient",
          summary: "Confirm the recipient of a disclosure held by the country-of-origin barrier",
          description:
            "Needs the right disclosure.confirm (supervisors), a supervisor other than the one who requested it, and a second factor proven for this confirmation alone (POST /auth/step-up just before). The disclosure must be awaiting_confirmation (409 otherwise); it then waits for approval. The barrier is checked again: a recipient now in a country of origin is refused (403) and alerts.",
          params: DisclosureParams,
          body: RecipientConfirmationSchema,
          response: { 200: DisclosureSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "disclosure.confirm");
        return confirmRecipient(deps.ctx, actorOf(req), req.params.id, req.params.disclosureId, req.body);
      },
    );

    app.get(
      "/alerts",
      {
        schema: {
          tags: ["alerts"],
          operationId: "listAlerts",
          description:
            "Needs the right alerts.read: administrators see every alert, supervisors those about their office's cases. For example a refused disclosure to a country the applicant fears (RA 17(3)), or one held until a supervisor confirms its recipient.",
          summary: "Open alerts for administrators and supervisors",
          response: { 200: AlertListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "alerts.read");
        return { items: await listOpenAlerts(deps.ctx, actorOf(req)) };
      },
    );
  };
