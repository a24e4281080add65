/**
 * Errors that commands raise for the server to present as problem+json. Each carries a message a
 * clerk can act on; none carries personal data (names, identifiers, claim text).
 */
export type ProblemKind =
  | "not_found"
  | "invalid_input"
  | "procedure_refused"
  | "version_mismatch"
  | "precondition_required"
  | "conflict"
  | "translation_not_final"
  | "idempotency_mismatch"
  | "unauthenticated"
  | "forbidden"
  | "cross_origin"
  | "step_up_required"
  | "too_many_requests"
  | "bad_request"
  | "content_too_large"
  | "unsupported_media_type"
  | "engine_failed"
  | "engine_unavailable";

export class AppError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly details: {
      stage?: string;
      allowedEvents?: string[];
      issues?: { path: string; message: string }[];
      rule?: { key: string; params: Readonly<Record<string, string | number>> };
    } = {},
    readonly status?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
