/**
 * The evidence feature's routes (docs/evidence.md): uploads of files to a case, the check of the
 * stored files, the case's items, court bundles.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ServerDeps } from "../server/deps.ts";
import { courtBundleRoutes } from "./bundles/routes.ts";
import { evidenceItemRoutes } from "./items/routes.ts";
import { verifyItemRoutes } from "./items/verify-routes.ts";
import { uploadRoutes } from "./uploads/routes.ts";
import { vaultRoutes } from "./vault/routes.ts";

export const evidenceRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    await app.register(uploadRoutes(deps));
    await app.register(vaultRoutes(deps));
    await app.register(evidenceItemRoutes(deps));
    await app.register(courtBundleRoutes(deps));
    await app.register(verifyItemRoutes(deps));
  };
