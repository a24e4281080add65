import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createPerson } from "../../app/commands/create-person.ts";
import { notFound } from "../../app/errors.ts";
import { IdSchema, PersonInputSchema, PersonSchema, ProblemSchema } from "../../contracts/api.ts";
import { getPerson } from "../../store/persons.ts";
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
        const actor = actorOf(req, deps.defaultActor);
        return idempotent(deps.ctx.db, req, reply, actor, async () => {
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
      async (req) => {
        const person = await getPerson(deps.ctx.db, req.params.id);
        if (!person) throw notFound(`person ${req.params.id}`);
        return person;
      },
    );
  };
