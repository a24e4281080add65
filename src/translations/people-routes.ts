/** Whom a translation can be given to: the request form's translator and reviewer pickers. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AssignableListSchema, ProblemSchema } from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";
import { translationPeople } from "./people.ts";

export const translationPeopleRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/translation-people",
      {
        schema: {
          tags: ["translations"],
          operationId: "listTranslationPeople",
          summary: "Who may be asked to translate or review a case's text",
          description:
            "Needs the right translation.request. The active accounts whose role holds translation.work (translators, examiners, supervisors), of the principal's office or of none: their ids, names and roles only.",
          response: { 200: AssignableListSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "translation.request");
        return { items: await translationPeople(deps.ctx, actorOf(req)) };
      },
    );
  };
