/** Interpreters assigned to interviews, and an interpreter's own assignments. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { assignInterpreter, myInterviews } from "./interviews.ts";
import {
  IdParams,
  InterviewAssignmentSchema,
  InterviewListSchema,
  InterviewSchema,
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

export const interviewRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/cases/:id/interview-assignments",
      {
        schema: {
          tags: ["interviews"],
          operationId: "assignInterpreter",
          description:
            "Needs the right event.examination. The interpreter then sees this interview, and nothing else of the case, in GET /interviews.",
          summary: "Assign an interpreter to an interview of the case",
          params: IdParams,
          body: InterviewAssignmentSchema,
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
          operationId: "listMyInterviews",
          description:
            "Needs the right interview.read_assigned: an interpreter's own assignments, without the case file.",
          summary: "An interpreter's assigned interviews (and nothing else)",
          response: { 200: InterviewListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "interview.read_assigned");
        return { items: await myInterviews(deps.ctx, actorOf(req)) };
      },
    );
  };
