/**
 * RFC 9457 problem details for every error, with a message a clerk can act on. Internal errors
 * are logged with the request id and answered without their message (it could carry data).
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
  idempotency_mismatch: [422, "Idempotency-Key reused with another request"],
  unauthenticated: [401, "Sign-in required"],
  forbidden: [403, "Not allowed"],
  step_up_required: [401, "Confirm your second factor"],
};

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
    type: `https://openrsd.org/problems/${e.kind.replaceAll("_", "-")}`,
    title,
    status: e.status ?? defaultStatus,
    detail: e.message,
    ...e.details,
  };
}

export function installProblemHandlers(app: FastifyInstance): void {
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
        type: "https://openrsd.org/problems/invalid-input",
        title: "The request is not valid",
        status: 422,
        detail: issues.map((i) => `${i.path}: ${i.message}`).join("; "),
        issues,
      });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, req, {
        type: "about:blank",
        title: "Bad request",
        status: err.statusCode,
        detail:
          err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
            ? "send JSON (Content-Type: application/json)"
            : err.message,
      });
    }
    req.log.error({ err, reqId: req.id }, "request failed");
    return sendProblem(reply, req, {
      type: "about:blank",
      title: "Internal error",
      status: 500,
      detail: `Something went wrong on the server; nothing was changed. Quote request id ${req.id} to an administrator.`,
    });
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, req, {
      type: "about:blank",
      title: "Not found",
      status: 404,
      detail: `no such resource: ${req.method} ${req.url.split("?")[0]}`,
    }),
  );
}
