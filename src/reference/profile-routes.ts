import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../app/errors.ts";
import { ProblemSchema, ProfileIdParams, ProfileListSchema, ProfileSchema } from "../contracts/api.ts";
import { requireRight } from "../server/auth.ts";
import { describeProfile } from "./profile-schemas.ts";
import type { ServerDeps } from "../server/deps.ts";

/** The procedure profiles this deployment runs, each with its events' JSON Schemas. */
export const profileRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const registry = deps.ctx.profiles;

    app.get(
      "/profiles",
      {
        schema: {
          tags: ["profiles"],
          operationId: "listProfiles",
          description:
            "Needs the right deadline.read. Each profile with its jurisdiction, the time zone of its 'today', and its deadline kinds.",
          summary: "The procedure profiles this deployment runs",
          response: { 200: ProfileListSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "deadline.read");
        return {
          items: registry.all().map((p) => {
            const { id, title, jurisdiction, timeZone } = p;
            const deadlineKinds = [...p.deadlineKinds];
            return {
              id,
              title,
              jurisdiction,
              timeZone,
              default: p === registry.defaultProfile,
              deadlineKinds,
            };
          }),
        };
      },
    );

    app.get(
      "/profiles/:id",
      {
        schema: {
          tags: ["profiles"],
          operationId: "getProfile",
          summary:
            "A procedure profile: its events, with their JSON Schemas, acts and approvals, and deadline kinds",
          description:
            "The web builds its event forms from these schemas; each is made from the zod schema the server validates with.",
          params: ProfileIdParams,
          response: { 200: ProfileSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        const profile = registry.get(req.params.id);
        if (!profile) throw new AppError("not_found", `procedure profile ${req.params.id} was not found`);
        return describeProfile(profile, profile === registry.defaultProfile);
      },
    );
  };
