import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createPerson } from "../../app/commands/create-person.ts";
import { IdSchema, PersonInputSchema, PersonSchema, ProblemSchema } from "../../contracts/api.ts";
import { getPerson } from "../../app/queries/get-person.ts";
import { requireRight } from "../auth.ts";
import { actorOf } from "../actor.ts";
import { idempotent } from "../idempotency.ts";
import type { ServerDeps } from "../app.ts";

export const personRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/persons",
      {
        schema: {
          tags: ["persons"],
          summary: "Register a person (names in any script)",
          body: PersonInputSchema,
          headers: z.object({ "idempotency-key": z.string().optional() }),
          response: { 201: PersonSchema, 409: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req, reply) => {
        requireRight(req, "person.create");
        const actor = actorOf(req);
        return idempotent(deps.ctx.db, req, reply, actor.principal.accountId, async () => {
          const person = await createPerson(deps.ctx, actor, req.body);
          return { status: 201, body: person, headers: { location: `/api/v1/persons/${person.id}` } };
        });
      },
    );
    app.get(
      "/persons/:id",
      {
        schema: {
          tags: ["persons"],
          summary: "A person",
          params: z.object({ id: IdSchema }),
          response: { 200: PersonSchema, 404: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => getPerson(deps.ctx, actorOf(req), req.params.id),
    );
  };
