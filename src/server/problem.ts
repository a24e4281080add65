/**
 * RFC 9457 problem details for every error, with a message a clerk can act on. Internal errors
 * are logged with the request id and answered without their message (it could carry data).
 * Every problem's `type` is a URI under https://openrsd.org/problems/ naming its kind (the list
 * is in docs/api.md); the framework's own refusals (a URL that cannot be decoded, a body too
 * large or not JSON, a method the path does not take) get one too, and their standard titles.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type ProblemKind } from "../app/errors.ts";

const TITLES: Record<ProblemKind, [number, string]> = {
  not_found: [404, "Not found"],
  invalid_input: [422, "The request is not valid"],
  procedure_refused: [409, "The procedure does not allow this"],
  version_mismatch: [412, "The case has changed"],
  precondition_required: [428, "If-Match required"],
  conflict: [409, "Conflict"],
  translation_not_final: [409, "The translation is not final"],
  idempotency_mismatch: [422, "Idempotency-Key reused with another request"],
  unauthenticated: [401, "Sign-in required"],
  forbidden: [403, "Not allowed"],
  cross_origin: [403, "Request from another origin"],
  step_up_required: [401, "Confirm your second factor"],
  too_many_requests: [429, "Too many requests"],
  bad_request: [400, "Bad request"],
  content_too_large: [413, "Content too large"],
  unsupported_media_type: [415, "Unsupported media type"],
  engine_failed: [502, "The translation engine failed"],
  engine_unavailable: [503, "The translation engine is unavailable"],
};

/** Where the problem types live: `${PROBLEM_TYPE_BASE}version-mismatch` and so on. */
export const PROBLEM_TYPE_BASE = "https://openrsd.org/problems/";

/** The largest request body the server reads (1 MiB); a larger one is refused with 413. */
export const BODY_LIMIT = 1024 * 1024;

/** `version_mismatch` → `https://openrsd.org/problems/version-mismatch`. */
export const problemType = (kind: string) => `${PROBLEM_TYPE_BASE}${kind.replaceAll("_", "-")}`;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  stage?: string;
  allowedEvents?: string[];
  issues?: { path: string; message: string }[];
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, problem: Omit<Problem, "instance">) {
  return reply
    .code(problem.status)
    .header("content-type", "application/problem+json; charset=utf-8")
    .send({ ...problem, instance: req.url.split("?")[0] });
}

export function problemFromAppError(e: AppError): Omit<Problem, "instance"> {
  const [defaultStatus, title] = TITLES[e.kind];
  return {
    type: problemType(e.kind),
    title,
    status: e.status ?? defaultStatus,
    detail: e.message,
    ...e.details,
  };
}

/** The problem for an error Fastify raised itself (parsing a body or a URL), by its status. */
export function frameworkProblem(err: FastifyError): Omit<Problem, "instance"> {
  const status = err.statusCode ?? 400;
  switch (status) {
    case 413:
      return {
        type: problemType("content_too_large"),
        title: "Content too large",
        status,
        detail: `the body is larger than ${BODY_LIMIT / (1024 * 1024)} MiB`,
      };
    case 414:
      return {
        type: problemType("uri_too_long"),
        title: "URI too long",
        status,
        detail: "a path segment is too long",
      };
    case 415:
      return {
        type: problemType("unsupported_media_type"),
        title: "Unsupported media type",
        status,
        detail: "send JSON (Content-Type: application/json)",
      };
    default:
      return {
        type: problemType("bad_request"),
        title: "Bad request",
        status,
        detail:
          err.code === "FST_ERR_BAD_URL"
            ? "the URL cannot be decoded"
            : err.code === "FST_ERR_MAX_PARAM_LENGTH"
              ? "a path segment is too long"
              : err.message,
      };
  }
}

/** `/api/v1/cases/:id` → a pattern matching its concrete paths. */
function pathPattern(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z_]\w*|\*)/)
    .map((part) =>
      part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${source}$`);
}

export function installProblemHandlers(app: FastifyInstance): void {
  // The routes by path, so that a method a known path does not take answers 405 with Allow.
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: pathPattern(route.url), methods: new Set(methods) });
  });
  const allowedMethods = (path: string): string[] => {
    const allowed = new Set<string>();
    for (const r of routes) if (r.pattern.test(path)) for (const m of r.methods) allowed.add(m);
    if (allowed.has("GET")) allowed.add("HEAD");
    return [...allowed].sort();
  };

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendProblem(reply, req, problemFromAppError(err));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [
          err.validationContext,
          ...String(v.instancePath ?? "")
            .split("/")
            .filter(Boolean),
        ].join("."),
        message: v.message ?? "invalid",
      }));
      return sendProblem(reply, req, {
        type: problemType("invalid_input"),
        title: "The request is not valid",
        status: 422,
        detail: issues.map((i) => `${i.path}: ${i.message}`).join("; "),
        issues,
      });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, req, frameworkProblem(err));
    }
    req.log.error({ err, reqId: req.id }, "request failed");
    return sendProblem(reply, req, {
      type: problemType("internal_error"),
      title: "Internal error",
      status: 500,
      detail: `Something went wrong on the server; nothing was changed. Quote request id ${req.id} to an administrator.`,
    });
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split("?")[0] ?? req.url;
    const allowed = allowedMethods(path);
    // A path that only looks like a route's (the router refused its parameter) is not found.
    if (allowed.length > 0 && !allowed.includes(req.method)) {
      reply.header("allow", allowed.join(", "));
      return sendProblem(reply, req, {
        type: problemType("method_not_allowed"),
        title: "Method not allowed",
        status: 405,
        detail: `${req.method} is not allowed on ${path}; allowed: ${allowed.join(", ")}`,
      });
    }
    return sendProblem(reply, req, {
      type: problemType("not_found"),
      title: "Not found",
      status: 404,
      detail: `no such resource: ${req.method} ${path}`,
    });
  });
}
