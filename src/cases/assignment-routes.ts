/** Who works a case: a supervisor assigns it to an examiner of its office. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { assignCase, listAssignable } from "./assign-case.ts";
import {
  AssignableListSchema,
  AssigneeSchema,
  CaseAssignmentSchema,
  IdParams,
  ProblemSchema,
} from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";
import { z } from "zod";

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

export const assignmentRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.put(
      "/cases/:id/assignee",
      {
        schema: {
          tags: ["cases"],
          operationId: "assignCase",
          description:
            "Needs the right case.assign (a supervisor, for a case of their office). The examiner's worklist then lists the case's deadlines under assignee=me. Not an event of the procedure: the case's version does not change.",
          summary: "Assign the case to an examiner of its office (or to nobody)",
          params: IdParams,
          body: CaseAssignmentSchema,
          response: { 200: z.object({ assignee: AssigneeSchema }), ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.assign");
        const { assignee } = await assignCase(deps.ctx, actorOf(req), req.params.id, req.body.accountId);
        return { assignee: assignee ? { id: assignee.id, displayName: assignee.displayName } : null };
      },
    );

    app.get(
      "/assignees",
      {
        schema: {
          tags: ["cases"],
          operationId: "listAssignees",
          description:
            "Needs the right case.assign. The active examiners and supervisors of the principal's office.",
          summary: "Whom the principal may assign their office's cases to",
          response: { 200: AssignableListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.assign");
        return { items: await listAssignable(deps.ctx, actorOf(req)) };
      },
    );
  };
