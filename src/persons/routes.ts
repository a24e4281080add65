import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createPerson } from "./create-person.ts";
import {
  IdentifierValueSchema,
  IdSchema,
  PersonInputSchema,
  PersonSchema,
  ProblemSchema,
} from "../contracts/api.ts";
import { getPerson } from "./get-person.ts";
import { findPersonsByIdentifier } from "./find-persons.ts";
import { requireRight } from "../server/auth.ts";
import { actorOf } from "../server/actor.ts";
import { idempotent } from "../server/idempotency.ts";
import type { ServerDeps } from "../server/deps.ts";

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
        return idempotent(deps.ctx, req, reply, actor.principal.accountId, async () => {
          const person = await createPerson(deps.ctx, actor, req.body);
          return { status: 201, body: person, headers: { location: `/api/v1/persons/${person.id}` } };
        });
      },
    );
    app.post(
      "/persons/search",
      {
        schema: {
          tags: ["persons"],
          summary: "Find persons by the exact value of an identifier (through a keyed blind index)",
          description:
            "A POST so that the document number travels in the body, never in a URL that proxies and logs keep.",
          body: z.object({
            identifierKind: z.enum([
              "passport",
              "alien_registration",
              "resident_registration",
              "national_id",
              "other",
            ]),
            identifier: IdentifierValueSchema,
          }),
          response: {
            200: z.object({ items: z.array(PersonSchema) }),
            401: ProblemSchema,
            403: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "person.read");
        const items = await findPersonsByIdentifier(
          deps.ctx,
          actorOf(req),
          req.body.identifierKind,
          req.body.identifier,
        );
        return reply.code(200).send({ items });
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
