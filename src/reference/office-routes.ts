/** The offices that receive refugee applications. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { OfficeListSchema } from "../contracts/api.ts";
import { OFFICES } from "../kernel/offices.ts";
import type { ServerDeps } from "../server/deps.ts";

export const officeRoutes = (_deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/offices",
      {
        schema: {
          tags: ["reference"],
          operationId: "listOffices",
          description: "Any signed-in principal. The codes are what POST /cases takes as `office`.",
          summary: "Offices that receive refugee applications",
          response: { 200: OfficeListSchema },
        },
      },
      async () => ({ items: [...OFFICES] }),
    );
  };
