/**
 * The machine translation engines' routes (docs/translation.md, "Engines"): the engines the
 * deployment names, and an administrator enabling one for a language pair.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../app/errors.ts";
import { ProblemSchema } from "../../contracts/api.ts";
import { EngineParams, EngineSchema, SetEnginePairSchema } from "../../contracts/translations.ts";
import { may } from "../../security/access/policy.ts";
import { actorOf } from "../../server/actor.ts";
import { principalOf, requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { listEngines, setEnginePair } from "./engines.ts";

const tags = ["translations"];
const errors = { 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema };

export const translationEngineRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const ctx = deps.ctx;

    app.get(
      "/translation-engines",
      {
        schema: {
          tags,
          operationId: "listTranslationEngines",
          summary: "The machine translation engines the deployment names, with their language pairs",
          description:
            "Needs translation.engines (administrators) or translation.request (so a request can offer the engines enabled for its pair). None unless the deployment's configuration names engines (OPENRSD_TRANSLATION_ENGINES); each says whether it is outside the deployment and whether its configuration allows sending case text there. API keys are never shown.",
          response: { 200: z.array(EngineSchema), ...errors },
        },
      },
      async (req) => {
        const p = principalOf(req);
        if (!may(p, "translation.engines") && !may(p, "translation.request"))
          throw new AppError(
            "forbidden",
            `your role (${p.role}) may not do this (translation.engines or translation.request)`,
          );
        return listEngines(ctx);
      },
    );

    app.put(
      "/translation-engines/:id/pairs",
      {
        schema: {
          tags,
          operationId: "setTranslationEnginePair",
          summary: "Enable or disable an engine for a language pair",
          description:
            "Needs translation.engines. Until an administrator enables an engine for a pair, no text of that pair is ever sent to it. An engine outside the deployment cannot be enabled unless its configuration allows it (409). Recorded in the access record; 404 for an engine the configuration does not name.",
          params: EngineParams,
          body: SetEnginePairSchema,
          response: { 200: EngineSchema, 404: ProblemSchema, 409: ProblemSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "translation.engines");
        return setEnginePair(ctx, actorOf(req), req.params.id, req.body);
      },
    );
  };
