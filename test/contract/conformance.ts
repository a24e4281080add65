/**
 * Does an answer conform to the OpenAPI document? Its status is one the document lists for the
 * operation, its content type one the document gives for that status, its body valid against the
 * documented schema (JSON Schema 2020-12, formats checked), and every header the document says
 * the answer carries is there.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { LightMyRequestResponse } from "fastify";
import { opName, type JsonSchema, type Operation } from "../support/openapi-fuzz.ts";

interface DocumentedResponse {
  content?: Record<string, { schema?: JsonSchema }>;
  headers?: Record<string, { required?: boolean; schema?: JsonSchema }>;
}

export class Nonconformance extends Error {}

export function conformanceChecker() {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const validator = (key: string, schema: JsonSchema) => {
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile(schema);
      compiled.set(key, v);
    }
    return v;
  };

  /** Throws a Nonconformance naming what differs from the document. */
  return function check(op: Operation, res: LightMyRequestResponse, request = ""): void {
    const fail = (what: string) => {
      throw new Nonconformance(
        `${opName(op)}: ${what}\n  request: ${request}\n  → ${res.statusCode} ${String(res.headers["content-type"] ?? "")} ${res.body.slice(0, 600)}`,
      );
    };
    const responses = (op.spec.responses ?? {}) as Record<string, DocumentedResponse>;
    const documented = responses[String(res.statusCode)];
    if (!documented)
      return fail(`status ${res.statusCode} is not documented (${Object.keys(responses).join(", ")})`);

    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && res.headers[name.toLowerCase()] === undefined) fail(`no ${name} header`);
    }

    const content = documented.content;
    if (!content) {
      if (res.body.length > 0) fail("a body where the document has none");
      return;
    }
    const type = String(res.headers["content-type"] ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase();
    const media = content[type ?? ""];
    if (!media) return fail(`content type ${type} is not documented (${Object.keys(content).join(", ")})`);
    if (!media.schema) return;
    let body: unknown = res.body;
    if (type?.endsWith("json")) {
      try {
        body = JSON.parse(res.body);
      } catch {
        return fail("the body is not JSON");
      }
    }
    const validate = validator(`${opName(op)} ${res.statusCode} ${type}`, media.schema);
    if (!validate(body)) fail(`the body does not match the schema: ${ajv.errorsText(validate.errors)}`);
  };
}
