import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../app/errors.ts";
import { ProblemSchema, ProfileIdParams, ProfileListSchema, ProfileSchema } from "../contracts/api.ts";
import { may } from "../security/access/policy.ts";
import { principalOf, requireRight } from "../server/auth.ts";
import { describeProfile } from "./profile-schemas.ts";
import type { ServerDeps } from "../server/deps.ts";

/** The procedure profiles this deployment runs, each with its events' JSON Schemas and its labels. */
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
            "A procedure profile: its events, with their JSON Schemas, acts and approvals, deadline kinds and labels",
          description:
            "Needs the right case.read or portal.read (a lawyer's portal names its clients' stages and notices with the labels). " +
            "The web builds its event forms from these schemas, each made from the zod schema the server validates with, " +
            "and names the profile's events, stages, deadline kinds, fields and values with its labels in the reader's language.",
          params: ProfileIdParams,
          response: { 200: ProfileSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        if (!may(principal, "case.read") && !may(principal, "portal.read"))
          throw new AppError("forbidden", `your role (${principal.role}) may not do this (case.read)`);
        const profile = registry.get(req.params.id);
        if (!profile) throw new AppError("not_found", `procedure profile ${req.params.id} was not found`);
        return describeProfile(profile, profile === registry.defaultProfile);
      },
    );
  };
