/**
 * The OpenAPI 3.1 document, made from the routes' own zod schemas, and made to tell the truth
 * about what the server answers besides a route's success: the errors every route can give
 * (as `application/problem+json`), `If-Match` where it is required, `Idempotency-Key` where it is
 * accepted, and the headers (`ETag`, `Location`, `Idempotent-Replayed`) on the answers that carry
 * them. A route says what is its own (its schemas, its domain errors, `responseHeaders`); what the
 * server's plumbing adds to every route (authentication, body parsing, the text guard, the router)
 * is added here, in one place, from the same rules the plumbing follows.
 */
import type { FastifySchema } from "fastify";
import { jsonSchemaTransform, type jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemSchema } from "../contracts/api.ts";
import { isPublic } from "./auth.ts";
import { BODY_LIMIT, PROBLEM_TYPE_BASE } from "./problem.ts";

type JsonSchema = Record<string, unknown>;

/** The response headers a route declares for its success answers, by status. */
export type ResponseHeaderName = "etag" | "location" | "set-cookie" | "retry-after";

declare module "fastify" {
  interface FastifySchema {
    /** Headers the route always sends with a success answer, by status (documented in OpenAPI). */
    responseHeaders?: Partial<Record<number, readonly ResponseHeaderName[]>>;
  }
}

const HEADERS: Record<ResponseHeaderName | "idempotent-replayed", JsonSchema> = {
  etag: {
    type: "string",
    pattern: '^"\\d+"$',
    description: 'The case\'s version, e.g. "3": send it back as If-Match to record an event',
  },
  location: { type: "string", format: "uri-reference", description: "Where the new resource is" },
  "set-cookie": {
    type: "string",
    description: "The session cookie `__Host-openrsd_session` (Secure, HttpOnly, SameSite=Strict)",
  },
  "retry-after": {
    type: "string",
    pattern: "^\\d+$",
    description: "Seconds to wait before trying again (repeated failed sign-ins, too many requests)",
  },
  "idempotent-replayed": {
    type: "string",
    enum: ["true"],
    description:
      "Present only when the answer is the replay of an earlier request with the same Idempotency-Key",
  },
};
/** Headers a documented answer may lack (every other documented header is always sent). */
export const OPTIONAL_HEADERS = new Set(["idempotent-replayed", "retry-after"]);

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No content",
  304: "Not modified",
  400: "Bad request: the URL cannot be decoded, or the body is not well-formed JSON",
  401: "Sign-in required: no session or bearer token, or one that has expired or been revoked",
  403: "Not allowed: the principal's role lacks the right this needs",
  404: "Not found: no such resource, or one out of the principal's reach (answered alike)",
  409: "Conflict: the procedure does not allow this now, or the same Idempotency-Key is still in progress",
  412: "The case has changed since it was read: the If-Match ETag is stale",
  413: `The body is larger than ${BODY_LIMIT / (1024 * 1024)} MiB (an evidence file: larger than its type's limit)`,
  414: "A path segment is too long",
  415: "Unsupported media type: send the body as application/json (an evidence file: of a type that is not accepted)",
  422: "The request is not valid; `issues` names the fields (also free text holding a NUL or an unpaired surrogate)",
  428: "If-Match required: send the case's ETag",
  429: "Too many requests from this address: wait for Retry-After seconds",
  502: "A service the server relies on (a translation engine) answered with an error; nothing was changed",
  503: "A service the server needs is unavailable (a translation engine down or too slow, no Korean font); nothing was changed",
};

const problemJsonSchema = (() => {
  const { $schema: _drop, ...schema } = z.toJSONSchema(ProblemSchema, { io: "output" }) as JsonSchema;
  return schema;
})();

const problemResponse = (status: number, extra?: JsonSchema) => ({
  description: STATUS_TEXT[status] ?? "Error",
  ...extra,
  content: { "application/problem+json": { schema: problemJsonSchema } },
});

/** `GET /api/v1/public/statistics/tables/{id}.csv` → `getPublicStatisticsTablesCsv`. */
export function derivedOperationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, "")
    .replace(/\{[^}]*\}|:[A-Za-z]\w*/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join("");
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/**
 * The swagger transform: the zod schemas become JSON Schema (fastify-type-provider-zod), then
 * each operation gets its id, its security, its errors as problem+json and its headers.
 */
export function contractTransform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const { schema: transformed, url } = jsonSchemaTransform(input) as {
    schema: Record<string, unknown> | undefined;
    url: string;
  };
  const schema: Record<string, unknown> = { ...(transformed ?? {}) };
  delete schema.responseHeaders;
  if (schema.hide) return { schema, url } as ReturnType<typeof jsonSchemaTransform>;
  const route = (input as { route?: { method: string | string[]; schema?: FastifySchema } }).route;
  const method = (Array.isArray(route?.method) ? route.method[0] : route?.method) ?? "GET";

  // A route without its own id gets one made from its method and path: stable while the path is.
  schema.operationId ??= derivedOperationId(method, url);
  schema.description ??= schema.summary;
  // The public routes need no principal; every other takes the session cookie or a bearer token.
  schema.security = isPublic(url) ? [] : [{ session: [] }, { token: [] }];

  // Request headers: If-Match is required where it is declared (the server answers 428
  // without it, after validation, so the schema itself keeps it optional).
  const headers = schema.headers as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  const takesIfMatch = Boolean(headers?.properties?.["if-match"]);
  const takesIdempotencyKey = Boolean(headers?.properties?.["idempotency-key"]);
  if (headers && takesIfMatch) headers.required = [...new Set([...(headers.required ?? []), "if-match"])];

  const declared = (schema.response ?? {}) as Record<string, JsonSchema>;
  const responses: Record<string, unknown> = {};
  const statuses = new Set<number>();
  const hasBody = method !== "GET" && method !== "HEAD";
  const changes = hasBody && method !== "OPTIONS";
  const hasParams = /[:{]/.test(url);
  for (const [code, body] of Object.entries(declared)) {
    const status = Number(code);
    statuses.add(status);
    if (status >= 400) {
      const names = route?.schema?.responseHeaders?.[status] ?? [];
      responses[code] = problemResponse(
        status,
        names.length ? { headers: Object.fromEntries(names.map((h) => [h, HEADERS[h]])) } : undefined,
      );
      continue;
    }
    const names = [
      ...(route?.schema?.responseHeaders?.[status] ?? []),
      ...(takesIdempotencyKey && status < 300 ? ["idempotent-replayed"] : []),
    ] as (keyof typeof HEADERS)[];
    // A schema may carry its answer's headers itself, in its meta (`.meta({ headers })`).
    const { headers: own, ...content } = body as { headers?: Record<string, JsonSchema> } & JsonSchema;
    const documentedHeaders = { ...own, ...Object.fromEntries(names.map((h) => [h, HEADERS[h]])) };
    const produces = (schema.produces as string[] | undefined) ?? ["application/json"];
    responses[code] = {
      description:
        typeof content.description === "string" ? content.description : (STATUS_TEXT[status] ?? "OK"),
      ...(Object.keys(documentedHeaders).length ? { headers: documentedHeaders } : {}),
      ...(content.type === "null"
        ? { type: "null" }
        : { content: Object.fromEntries(produces.map((type) => [type, { schema: content }])) }),
    };
  }
  // What the plumbing answers on any route of this shape (src/server: problem.ts, auth.ts,
  // same-origin.ts, text-guard.ts, idempotency.ts, and the router's own refusals).
  const add = (status: number, when = true) => {
    if (when && !statuses.has(status)) {
      statuses.add(status);
      responses[String(status)] = problemResponse(status);
    }
  };
  add(400);
  add(401, !isPublic(url));
  add(403, changes);
  add(404, hasParams);
  add(409, takesIdempotencyKey);
  add(412, takesIfMatch);
  add(413, hasBody);
  add(414, hasParams);
  add(415, hasBody);
  add(422);
  add(428, takesIfMatch);
  schema.response = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  return { schema, url } as ReturnType<typeof jsonSchemaTransform>;
}

interface OpenApiObjectLike {
  paths?: Record<
    string,
    Record<string, { responses?: Record<string, { headers?: Record<string, JsonSchema> }> }>
  >;
}

/** Marks the headers a documented answer always carries as required. */
export function contractTransformObject(input: Parameters<typeof jsonSchemaTransformObject>[0]) {
  if (!("openapiObject" in input)) throw new Error("OpenAPI 2.0 is not supported");
  const { openapiObject } = input;
  const doc = openapiObject as OpenApiObjectLike;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const response of Object.values(op.responses ?? {})) {
        for (const [name, header] of Object.entries(response.headers ?? {})) {
          if (!OPTIONAL_HEADERS.has(name)) header.required = true;
        }
      }
    }
  }
  return openapiObject;
}

export { PROBLEM_TYPE_BASE };
