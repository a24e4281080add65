/**
 * The HTTP server: Fastify with zod schemas, from which the OpenAPI document is generated.
 * Routes are thin: parse, call one command or query, present.
 */
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppContext } from "../app/context.ts";
import { installProblemHandlers } from "./problem.ts";
import { caseRoutes } from "./routes/cases.ts";
import { personRoutes } from "./routes/persons.ts";
import { referenceRoutes } from "./routes/reference.ts";

export interface ServerDeps {
  ctx: AppContext;
  /** Actor for requests that do not name one (until sign-in arrives). */
  defaultActor: string;
}

export interface ServerOptions extends ServerDeps {
  /** pino options, or false for no request logging (tests, benchmarks). */
  logger?: boolean | object;
  version?: string;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);

  app.addHook("onSend", async (req, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    if (req.url.startsWith("/api/v1")) reply.header("cache-control", "no-store");
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "OpenRSD API",
        version: options.version ?? "0.1.0",
        description:
          "Refugee status determination under the Korean Refugee Act: persons, cases, the procedure's events, deadlines with their legal basis, and holidays. Errors are RFC 9457 problem+json.",
      },
      tags: [
        { name: "cases", description: "Cases and their events" },
        { name: "persons", description: "Applicants" },
        { name: "deadlines", description: "Worklist across cases" },
        { name: "holidays", description: "Public holidays for period counting (CA 161)" },
        { name: "reference", description: "Offices" },
        { name: "integrity", description: "Hash-chain verification" },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(personRoutes(options));
      await api.register(caseRoutes(options));
      await api.register(referenceRoutes(options));
      api.get("/health", { schema: { hide: true } }, async () => ({
        status: "ok",
        database: options.ctx.db.kind,
      }));
    },
    { prefix: "/api/v1" },
  );
  app.get("/", { schema: { hide: true } }, async (_req, reply) => reply.redirect("/api/docs"));
  await app.ready();
  return app;
}
