/** Interpreters assigned to interviews, and an interpreter's own assignments. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { assignInterpreter, myInterviews } from "./interviews.ts";
import { IdSchema, LegalDateSchema, ProblemSchema } from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";

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

export const interviewRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
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
  };
