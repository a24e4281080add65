/**
 * The HTTP server: Fastify with zod schemas, from which the OpenAPI document is generated.
 * Routes are thin: authenticate, parse, call one command or query, present.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { today, type AppContext } from "../app/context.ts";
import type { ServerDeps } from "./deps.ts";
import { passkeyChallengeKey, type RelyingParty } from "../security/identity/passkeys.ts";
import { installAuthentication } from "./auth.ts";
import { installClientAddress } from "./client-address.ts";
import { installActorSealing } from "./actor.ts";
import { BODY_LIMIT, frameworkProblem, installProblemHandlers, sendProblem } from "./problem.ts";
import { contractTransform, contractTransformObject } from "./openapi.ts";
import { HealthSchema } from "../contracts/api.ts";
import { applySecurityHeaders, installSecurityHeaders } from "./security-headers.ts";
import { installTextGuard } from "./text-guard.ts";
import { normalizeUrl } from "./normalize-url.ts";
import { installOriginCheck } from "./same-origin.ts";
import { accessRoutes } from "../security/http/access-routes.ts";
import { accountRoutes } from "../security/http/account-routes.ts";
import { authRoutes } from "../security/http/auth-routes.ts";
import { credentialRoutes } from "../security/http/credential-routes.ts";
import { caseRoutes } from "../cases/routes.ts";
import { profileRoutes } from "../reference/profile-routes.ts";
import { approvalRoutes } from "../approvals/routes.ts";
import { disclosureRoutes } from "../disclosures/routes.ts";
import { interviewRoutes } from "../interviews/routes.ts";
import { committeeRoutes } from "../committee/routes.ts";
import { notificationRoutes } from "../notifications/routes.ts";
import { startSender, type MailSettings } from "../notifications/sender.ts";
import { mandateRoutes } from "../mandates/routes.ts";
import { personRoutes } from "../persons/routes.ts";
import { portalRoutes } from "../portal/routes.ts";
import { deadlineRoutes } from "../cases/deadline-routes.ts";
import { assignmentRoutes } from "../cases/assignment-routes.ts";
import { inboxRoutes } from "../inbox/routes.ts";
import { holidayRoutes } from "../holidays/routes.ts";
import { officeRoutes } from "../reference/office-routes.ts";
import { integrityRoutes } from "../security/http/integrity-routes.ts";
import { statisticsRoutes } from "../statistics/routes.ts";
import { simulationRoutes } from "../reapplications/simulation/routes.ts";
import { impactStatementPage, impactStatementRoutes } from "../reapplications/simulation/impact-routes.ts";
import {
  publicStatisticsPage,
  publicStatisticsRoutes,
  type PublicStatisticsOptions,
} from "../statistics/public-routes.ts";
import { publicFigures } from "../statistics/queries.ts";
import { demoRoutes } from "../demo/routes.ts";
import { evidenceRoutes } from "../evidence/routes.ts";
import { coiRoutes } from "../coi/routes.ts";
import { noticeRoutes } from "../notices/routes.ts";
import { examinationRoutes } from "../examination/routes.ts";
import { translationRoutes } from "../translations/routes.ts";
import { xliffRoutes } from "../translations/formats/routes.ts";
import { whatIsNewRoutes } from "../reapplications/what-is-new/routes.ts";
import { eligibilityRoutes } from "../reapplications/review/routes.ts";
import { translationMemoryRoutes } from "../translations/memory/routes.ts";
import { translationEngineRoutes } from "../translations/engines/routes.ts";
import { translationPeopleRoutes } from "../translations/people-routes.ts";
import { startAuditSealer } from "../security/audit/seal.ts";

export type { ServerDeps } from "./deps.ts";

export interface ServerOptions {
  ctx: AppContext;
  /**
   * The origin users reach the server at, e.g. https://rsd.example.go.kr (default
   * `DEFAULT_ORIGIN`). Passkeys are bound to it, and a change made with a session cookie must come
   * from it (src/server/same-origin.ts).
   */
  origin?: string;
  /** pino options, or false for no request logging (tests, benchmarks). */
  logger?: boolean | object;
  version?: string;
  /**
   * Demo mode (`openrsd serve --demo` only): adds GET /api/v1/public/demo-accounts, which lists the
   * fictional demo accounts with their current codes for the sign-in page. Refused in production.
   */
  demo?: boolean;
  /**
   * The built web workspace (`npm run build:web` writes web/dist): served at `/`, with every other
   * non-API path answered by its index.html (the app's router takes it from there). Default: web/dist
   * beside the sources, if it has been built; false: no web workspace.
   */
  webRoot?: string | false;
  /**
   * The mail server for e-mail notifications (`mailSettingsFromEnv`): the server then delivers the
   * notification outbox while it runs. None: the deployment sends no e-mail.
   */
  mail?: MailSettings | null;
}

/** The origin of a server started without one: the embedded setup on this machine. */
export const DEFAULT_ORIGIN = "http://localhost:8080";

/**
 * The web workspace's pages (the routes of web/src/App.tsx; test/web-routes.test.ts keeps the two
 * equal): each answers with the app's index.html, so that a page can be reloaded or linked to.
 */
export const WEB_ROUTES = [
  "/",
  "/sign-in",
  "/enrol",
  "/worklist",
  "/cases",
  "/cases/*",
  "/approvals",
  "/inbox",
  "/alerts",
  "/interviews",
  "/translations",
  "/translations/*",
  "/committee",
  "/coi",
  "/coi/*",
  "/translation-memory",
  "/portal",
  "/portal/*",
  "/admin",
  "/admin/*",
  "/stats",
  "/stats/*",
  "/account",
];

/** Where `vite build` puts the web workspace. */
export const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

export function relyingParty(origin: string, masterKey?: Buffer): RelyingParty {
  return {
    id: new URL(origin).hostname,
    name: "OpenRSD",
    origin,
    ...(masterKey ? { challengeKey: passkeyChallengeKey(masterKey) } : {}),
  };
}

/**
 * The request log shows the path and never the query string: a query may hold a name or a
 * document number, and logs are kept, copied and read more widely than the database.
 */
export function logPath(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : `${url.slice(0, q)}?[query withheld]`;
}

function withSafeSerializers(logger: boolean | object): boolean | object {
  if (logger === false) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: logPath(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  if (options.demo && process.env.NODE_ENV === "production")
    throw new Error("demo mode is refused when NODE_ENV=production");
  const origin = options.origin ?? DEFAULT_ORIGIN;
  const deps: ServerDeps = {
    ctx: options.ctx,
    rp: relyingParty(origin, options.ctx.masterKey),
    mail: options.mail ?? null,
  };
  const app = Fastify({
    logger: withSafeSerializers(options.logger ?? false),
    bodyLimit: BODY_LIMIT,
    genReqId: () => crypto.randomUUID(),
    // One spelling per path before routing, the sign-in gate and the headers (normalize-url.ts).
    rewriteUrl: (req) => normalizeUrl(req.url ?? "/"),
    // A URL the router cannot decode (400) or with an over-long parameter (414) is refused before
    // any route runs; it still gets problem details and the security headers.
    frameworkErrors: (err, req, reply) => {
      applySecurityHeaders(reply);
      void sendProblem(reply, req, frameworkProblem(err));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Every body the API takes is JSON: plain text is an unsupported media type (415), not a
  // string that then fails validation.
  app.removeContentTypeParser("text/plain");
  installClientAddress(app);
  installProblemHandlers(app);
  installSecurityHeaders(app);
  installAuthentication(app, options.ctx);
  installActorSealing(app, options.ctx.keyring);
  installOriginCheck(app, origin);
  if (options.mail) {
    const mail = options.mail;
    const sender = startSender(options.ctx.db, mail, options.ctx.clock, options.ctx.log);
    app.addHook("onClose", () => sender.stop());
  }
  installTextGuard(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "OpenRSD API",
        version: options.version ?? "0.1.0",
        description:
          "Refugee status determination under the Korean Refugee Act: persons, cases, the procedure's events, deadlines with their legal basis, and holidays. Sign in with POST /api/v1/auth/login (password and second factor; a session cookie), or send an API token as `Authorization: Bearer`. Errors are RFC 9457 problem+json, each with a `type` URI under https://openrsd.org/problems/ (docs/api.md).",
        license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
        contact: { name: "OpenRSD", url: "https://openrsd.org" },
      },
      // Relative: the server that serves this document (paths carry the /api/v1 prefix).
      servers: [{ url: "/", description: "The server that serves this document" }],
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: "__Host-openrsd_session",
            description: "The session cookie POST /api/v1/auth/login sets",
          },
          token: {
            type: "http",
            scheme: "bearer",
            description: "An API token of a service account (openrsd tokens create)",
          },
        },
      },
      security: [{ session: [] }, { token: [] }],
      tags: [
        { name: "auth", description: "Signing in, second factor, passkeys" },
        { name: "cases", description: "Cases and their events" },
        { name: "persons", description: "Applicants" },
        { name: "deadlines", description: "Worklist across cases" },
        { name: "approvals", description: "Four eyes on first-instance decisions" },
        { name: "mandates", description: "Representatives' mandates" },
        { name: "portal", description: "Representatives' view of their clients' cases" },
        { name: "disclosures", description: "Disclosures outside the authority" },
        { name: "interviews", description: "Interpreters' assigned interviews" },
        { name: "committee", description: "The Refugee Committee: its agenda and its members' votes" },
        {
          name: "inbox",
          description: "What needs the signed-in person: returned drafts, approvals, deadlines",
        },
        {
          name: "evidence",
          description:
            "Evidence: uploads (tus 1.0 and single requests), items, their files and custody, court bundles",
        },
        { name: "coi", description: "Country-of-origin information: the library, its search, citations" },
        { name: "notices", description: "Decision notices as PDF, issued on service" },
        {
          name: "translations",
          description:
            "Translations of a case's texts, segment by segment, reviewed by a second person before they are final; the office's memory, machine engines, XLIFF and TMX",
        },
        {
          name: "examination",
          description:
            "Claims as material facts, the structured assessment, its check and the reasoned draft",
        },
        {
          name: "reapplications",
          description: "Subsequent applications: what is new compared with the earlier file",
        },
        { name: "accounts", description: "Accounts and API tokens (administrators)" },
        { name: "holidays", description: "Public holidays for period counting (CA 161)" },
        { name: "eligibility", description: "Re-application policies and the eligibility review" },
        { name: "reference", description: "Offices" },
        { name: "profiles", description: "Procedure profiles: their events and JSON Schemas" },
        { name: "statistics", description: "Statistics for staff, each figure with its definition" },
        {
          name: "public statistics",
          description: "Published statistics under disclosure control; no sign-in",
        },
        { name: "health", description: "Whether the server and its database answer" },
        { name: "integrity", description: "Hash-chain verification and audit" },
        { name: "alerts", description: "Alerts for administrators" },
        { name: "demo", description: "Demo mode only: the fictional demo accounts" },
      ],
    },
    transform: contractTransform,
    transformObject: contractTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // The public statistics: fixed tables, protected once a day, the same for the page and the API.
  const getFigures = () => publicFigures(options.ctx);
  const day = () => today(options.ctx);
  const published: PublicStatisticsOptions = {
    timeZone: options.ctx.profiles.defaultProfile.timeZone,
    now: () => options.ctx.clock().getTime(),
    ...(options.origin ? { origin: options.origin } : {}),
  };
  await app.register(
    async (api) => {
      await api.register(publicStatisticsRoutes(getFigures, day, published));
      await api.register(authRoutes(deps));
      await api.register(credentialRoutes(deps));
      await api.register(personRoutes(deps));
      await api.register(caseRoutes(deps));
      await api.register(profileRoutes(deps));
      await api.register(mandateRoutes(deps));
      await api.register(approvalRoutes(deps));
      await api.register(disclosureRoutes(deps));
      await api.register(interviewRoutes(deps));
      await api.register(committeeRoutes(deps));
      await api.register(notificationRoutes(deps));
      await api.register(portalRoutes(deps));
      await api.register(accountRoutes(deps));
      await api.register(accessRoutes(deps));
      await api.register(officeRoutes(deps));
      await api.register(deadlineRoutes(deps));
      await api.register(assignmentRoutes(deps));
      await api.register(inboxRoutes(deps));
      await api.register(holidayRoutes(deps));
      await api.register(integrityRoutes(deps));
      await api.register(statisticsRoutes(deps));
      await api.register(simulationRoutes(deps));
      await api.register(impactStatementRoutes(deps));
      await api.register(evidenceRoutes(deps));
      await api.register(coiRoutes(deps));
      await api.register(noticeRoutes(deps));
      await api.register(examinationRoutes(deps));
      await api.register(translationRoutes(deps));
      await api.register(xliffRoutes(deps));
      await api.register(whatIsNewRoutes(deps));
      await api.register(eligibilityRoutes(deps));
      await api.register(translationMemoryRoutes(deps));
      await api.register(translationEngineRoutes(deps));
      await api.register(translationPeopleRoutes(deps));
      if (options.demo) await api.register(demoRoutes(deps));
      api.get(
        "/health",
        {
          schema: {
            tags: ["health"],
            operationId: "getHealth",
            summary: "Whether the server and its database answer",
            description: "No sign-in. For load balancers and monitoring; it reveals nothing else.",
            security: [],
            response: { 200: HealthSchema },
          },
        },
        async () => ({ status: "ok" as const, database: options.ctx.db.kind }),
      );
    },
    { prefix: "/api/v1" },
  );
  await app.register(publicStatisticsPage(getFigures, day, published));
  await app.register(impactStatementPage(deps));
  const webRoot = options.webRoot === undefined ? WEB_DIST : options.webRoot;
  if (webRoot && existsSync(`${webRoot}/index.html`)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: "/",
      wildcard: false,
      index: false,
      // The build writes each script, style sheet and page also as .br and .gz (web/vite.config.ts):
      // the one the browser accepts is sent, and those copies are not routes of their own.
      preCompressed: true,
      globIgnore: ["**/*.br", "**/*.gz"],
      // Cache-Control is ours (below): the default `max-age=0` would be sent over it.
      cacheControl: false,
      setHeaders(res, filePath) {
        // Vite names its assets by their content: they never change under the same name.
        res.setHeader(
          "cache-control",
          filePath.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
        res.setHeader("vary", "accept-encoding");
      },
    });
    // The web app's own routes answer with its page; its router takes it from there. They are
    // listed rather than caught by a wildcard, so that an unknown path (and all of /api) keeps
    // its problem+json 404.
    const page = async (_req: unknown, reply: FastifyReply) =>
      reply.header("cache-control", "no-cache").sendFile("index.html");
    for (const route of WEB_ROUTES) app.get(route, { schema: { hide: true } }, page);
  } else {
    app.get("/", { schema: { hide: true } }, async (_req, reply) => reply.redirect("/api/docs"));
  }
  // Links committed access records into the audit hash chain (src/security/audit/seal.ts).
  const sealer = startAuditSealer(options.ctx.db, {
    onError: (err) => options.ctx.log?.warn({ err }, "sealing the audit chain failed; retrying"),
  });
  app.addHook("onClose", () => sealer.stop());
  await app.ready();
  return app;
}
