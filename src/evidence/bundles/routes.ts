/** Court bundles: a case's chosen items as numbered exhibits in one ZIP archive. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  CourtBundleRequestSchema,
  CourtBundleResponse,
  IdParams,
  ProblemSchema,
} from "../../contracts/api.ts";
import { actorOf } from "../../server/actor.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { contentDisposition } from "../items/routes.ts";
import { courtBundle } from "./court-bundle.ts";

export const courtBundleRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/cases/:id/court-bundles",
      {
        schema: {
          tags: ["evidence"],
          operationId: "createCourtBundle",
          summary: "A court bundle: chosen items as numbered exhibits in one ZIP archive",
          description:
            "Needs the right evidence.export on the case. The exhibits are numbered in the order given: 갑 제1호증, 갑 제2호증… for the applicant's side, 을 제1호증… for the office's (an item of several files: 갑 제1호증의1, 의2…), each file named `<exhibit> - <title>.<ext>`. The archive also holds manifest.json (exhibit, item, file name, size, SHA-256, supplier, date of receipt) and SHA256SUMS, which `sha256sum -c SHA256SUMS` checks. An item that is not the case's, withdrawn or without a file answers 422; a quarantined file 409. Each item's export is recorded in its custody.",
          params: IdParams,
          body: CourtBundleRequestSchema,
          produces: ["application/zip"],
          response: {
            200: CourtBundleResponse,
            403: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "evidence.export");
        const bundle = await courtBundle(deps.ctx, actorOf(req), req.params.id, req.body.exhibits);
        return reply
          .header("content-type", "application/zip")
          .header("content-disposition", contentDisposition("attachment", bundle.fileName))
          .send(bundle.stream as unknown as string);
      },
    );
  };
