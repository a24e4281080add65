/**
 * Mandates of representatives, the four-eyes approval queue, disclosures and administrators'
 * alerts.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { approveDraft, listPendingDrafts, returnDraft } from "../../app/commands/decision-drafts.ts";
import { listOpenAlerts, requestDisclosure } from "../../app/commands/disclosures.ts";
import { grantMandate, listMandates, revokeMandate } from "../../app/commands/mandates.ts";
import { assignInterpreter, myInterviews } from "../../app/commands/interviews.ts";
import {
  CaseViewSchema,
  DecisionDraftSchema,
  IdSchema,
  LegalDateSchema,
  ProblemSchema,
} from "../../contracts/api.ts";
import { actorOf } from "../actor.ts";
import { requireRight } from "../auth.ts";
import type { ServerDeps } from "../app.ts";

const MandateSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  representativeId: IdSchema,
  validFrom: LegalDateSchema,
  validUntil: LegalDateSchema.nullable(),
  revokedAt: z.string().nullable(),
});

const InterviewSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  office: z.string(),
  interviewOn: LegalDateSchema,
  language: z.string(),
});

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

export const oversightRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
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

    app.get(
      "/approvals",
      {
        schema: {
          tags: ["approvals"],
          summary: "Decisions waiting for a supervisor's approval",
          response: { 200: z.object({ items: z.array(DecisionDraftSchema) }), ...errors },
        },
      },
      async (req) => {
        requireRight(req, "decision.approve");
        return { items: await listPendingDrafts(deps.ctx, actorOf(req)) };
      },
    );
    app.post(
      "/approvals/:id/approve",
      {
        schema: {
          tags: ["approvals"],
          summary: "Approve a draft decision: it is recorded on the case (needs a fresh second factor)",
          params: z.object({ id: IdSchema }),
          response: { 201: CaseViewSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "decision.approve");
        const view = await approveDraft(deps.ctx, actorOf(req), req.params.id);
        return reply.code(201).header("etag", `"${view.version}"`).send(view);
      },
    );
    app.post(
      "/approvals/:id/return",
      {
        schema: {
          tags: ["approvals"],
          summary: "Return a draft decision to its examiner with a reason",
          params: z.object({ id: IdSchema }),
          body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
          response: { 200: DecisionDraftSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "decision.approve");
        return returnDraft(deps.ctx, actorOf(req), req.params.id, req.body.reason);
      },
    );

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

    app.post(
      "/cases/:id/interview-assignments",
      {
        schema: {
          tags: ["interviews"],
          summary: "Assign an interpreter to an interview of the case",
          params: z.object({ id: IdSchema }),
          body: z.strictObject({
            interpreterId: IdSchema,
            interviewOn: LegalDateSchema,
            language: z.string().min(2).max(35),
          }),
          response: { 201: InterviewSchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        return reply.code(201).send(await assignInterpreter(deps.ctx, actorOf(req), req.params.id, req.body));
      },
    );
    app.get(
      "/interviews",
      {
        schema: {
          tags: ["interviews"],
          summary: "An interpreter's assigned interviews (and nothing else)",
          response: { 200: z.object({ items: z.array(InterviewSchema) }), ...errors },
        },
      },
      async (req) => {
        requireRight(req, "interview.read_assigned");
        return { items: await myInterviews(deps.ctx, actorOf(req)) };
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
