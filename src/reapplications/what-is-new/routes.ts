/** What is new in a subsequent application: the comparison with the earlier file, and its classification. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams, ProblemSchema } from "../../contracts/api.ts";
import { ClassificationRequestSchema, WhatIsNewSchema } from "../../contracts/what-is-new.ts";
import { actorOf } from "../../server/actor.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { classifyElements } from "./classify-elements.ts";
import { getWhatIsNew } from "./get-what-is-new.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

export const whatIsNewRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const ctx = deps.ctx;

    app.get(
      "/cases/:id/what-is-new",
      {
        schema: {
          tags: ["reapplications"],
          operationId: "getWhatIsNew",
          summary: "What a subsequent application brings compared with the earlier file",
          description:
            "Needs the right case.read. The earlier cases named at filing and how each had ended then; the claimed material facts (new, changed, already considered, with the earlier finding), evidence (identical by SHA-256 to an item before the earlier decision: already considered), audience observations, country information on the same country and profile, law and case law, and foreign-state actions dated after the earlier decision, each with a proposed tag and why, and the examiner's classification. Evidence titles only for a reader with evidence.read. The read is recorded on the case and on each earlier case. A case that is not a subsequent application: 409.",
          params: IdParams,
          response: { 200: WhatIsNewSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return getWhatIsNew(ctx, actorOf(req), req.params.id);
      },
    );

    app.put(
      "/cases/:id/what-is-new/elements",
      {
        schema: {
          tags: ["reapplications"],
          operationId: "classifyWhatIsNew",
          summary: "Classify elements of a subsequent application's comparison",
          description:
            "Needs the right event.examination. Each element named must be one the comparison shows now (else 422, and nothing changes); tag null clears a classification; withoutFault only with existed_not_relied_on. Keeps the case's sur-place flag (any claimed fact sur place). Answers the comparison as it now stands. Audited.",
          params: IdParams,
          body: ClassificationRequestSchema,
          response: { 200: WhatIsNewSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        return classifyElements(ctx, actorOf(req), req.params.id, req.body);
      },
    );
  };
