/** Disclosures of a case file outside the authority, and the alerts a refused one raises. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { confirmRecipient, decideDisclosure, listDisclosures, requestDisclosure } from "./disclosures.ts";
import { acknowledgeAlert, listOpenAlerts } from "./alerts.ts";
import {
  AlertAcknowledgementSchema,
  AlertListSchema,
  DisclosureListSchema,
  DisclosureParams,
  DisclosureRequestSchema,
  DisclosureReturnSchema,
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

    app.post(
      "/cases/:id/disclosures/:disclosureId/approve",
      {
        schema: {
          tags: ["disclosures"],
          operationId: "approveDisclosure",
          summary: "Approve a disclosure that waits for a second person's approval",
          description:
            "Needs the right disclosure.confirm (supervisors), a supervisor other than the one who requested it, and a second factor proven for this approval alone (POST /auth/step-up just before). The disclosure must be pending_approval (409 otherwise). The barrier is checked again: a recipient now in a country of origin is refused (403) and alerts; one that now needs its recipient confirmed is held as awaiting_confirmation (403) and alerts.",
          params: DisclosureParams,
          response: { 200: DisclosureSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "disclosure.confirm");
        return decideDisclosure(deps.ctx, actorOf(req), req.params.id, req.params.disclosureId, {
          outcome: "approved",
        });
      },
    );

    app.post(
      "/cases/:id/disclosures/:disclosureId/return",
      {
        schema: {
          tags: ["disclosures"],
          operationId: "returnDisclosure",
          summary: "Return a disclosure that waits for approval, with a reason",
          description:
            "Needs the right disclosure.confirm (supervisors), a supervisor other than the one who requested it, and a second factor proven in the last 5 minutes. The disclosure must be pending_approval (409 otherwise). The reason is stored sealed.",
          params: DisclosureParams,
          body: DisclosureReturnSchema,
          response: { 200: DisclosureSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "disclosure.confirm");
        return decideDisclosure(deps.ctx, actorOf(req), req.params.id, req.params.disclosureId, {
          outcome: "returned",
          reason: req.body.reason,
        });
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

    app.post(
      "/alerts/:id/acknowledge",
      {
        schema: {
          tags: ["alerts"],
          operationId: "acknowledgeAlert",
          summary: "Acknowledge an open alert, with a note of what was done",
          description:
            "Needs the right alerts.read, on an alert the actor sees (404 otherwise). Not by the person who set it off (403), not twice (409), and not a break-glass alert, which is acknowledged by reviewing that approval (409). The note is stored sealed; the acknowledgement is on the access record.",
          params: IdParams,
          body: AlertAcknowledgementSchema,
          response: { 204: z.null().describe("Acknowledged"), ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "alerts.read");
        await acknowledgeAlert(deps.ctx, actorOf(req), req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
  };
