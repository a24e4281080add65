/**
 * The case read without authentication, authorization and the audit write: a second HTTP server,
 * only in the benchmark's process, set up as `buildServer` sets up the real one (Fastify with the
 * same options and URL normalization, zod validation and serialization, problem handlers, security
 * headers, the text guard) but without what signing in and the access record add
 * (`installAuthentication`, the origin check for sessions, the client address kept for the access
 * record), and with one route: `GET /api/v1/cases/{id}`, with the real route's schema, answering
 * through the same read as the real one minus the access check and the access record. That is
 * `getCase` as it was before sign-in existed: `loadCase` in one statement (the case read's
 * statement without its reach condition and access record, kept prepared like it; no
 * transaction: with no audit entry to commit alongside, there is nothing to make atomic), then
 * `presentCase` (with the payloads decrypted, as the real read does). The real server's time over
 * this one's is what authentication, authorization and the audit write cost on a case read
 * (issue #3).
 */
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { presentCase, toCaseEvents } from "../src/cases/view.ts";
import { today, type AppContext } from "../src/app/context.ts";
import { AppError, notFound } from "../src/app/errors.ts";
import { CaseViewSchema, IdSchema, LegalDateSchema, ProblemSchema } from "../src/contracts/api.ts";
import { installProblemHandlers } from "../src/server/problem.ts";
import { installSecurityHeaders } from "../src/server/security-headers.ts";
import { normalizeUrl } from "../src/server/normalize-url.ts";
import { installTextGuard } from "../src/server/text-guard.ts";
import { loadCase } from "../src/cases/db/cases.ts";
import { openEvents } from "../src/cases/db/event-store.ts";

export async function buildBareReadServer(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    rewriteUrl: (req) => normalizeUrl(req.url ?? "/"),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  installSecurityHeaders(app);
  installTextGuard(app);
  app.get(
    "/api/v1/cases/:id",
    {
      schema: {
        params: z.object({ id: IdSchema }),
        querystring: z.object({ asOf: LegalDateSchema.optional() }),
        response: { 200: CaseViewSchema, 404: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (req, reply) => {
      const caseId = req.params.id;
      const loaded = await loadCase(ctx.db, caseId);
      if (!loaded) throw notFound(`case ${caseId}`);
      const date = req.query.asOf ?? today(ctx);
      const filedOn = loaded.events[0]?.occurredOn;
      if (filedOn && date < filedOn) {
        throw new AppError("invalid_input", `asOf ${date} is before the case was filed (${filedOn})`, {
          issues: [{ path: "asOf", message: "before filing" }],
        });
      }
      const profile = ctx.profiles.require(loaded.header.profile);
      const view = presentCase(
        profile,
        loaded.header,
        toCaseEvents(openEvents(ctx.keyring, loaded.events)),
        date,
        ctx.calendar(),
      ).view;
      return reply.header("etag", `"${view.version}"`).send(view);
    },
  );
  await app.ready();
  return app;
}
