/**
 * Fuzzing an API from its own OpenAPI 3.1 document (docs/security.md requirement 17): the operations the
 * document lists, validators for its response schemas (ajv, JSON Schema 2020-12), and fast-check
 * arbitraries that turn each operation's parameters and body schema into random and hostile
 * requests — values that fit the schema, values that almost fit, and values that do not fit at all.
 */
import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";

export type JsonSchema = { [keyword: string]: unknown };

export interface OpenApiParameter {
  in: "path" | "query" | "header" | "cookie";
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface MediaTypes {
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: MediaTypes & { required?: boolean };
  responses?: Record<string, MediaTypes>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
  /** As the document writes it, with `{id}` placeholders. */
  path: string;
  spec: OpenApiOperation;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "options"]);

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, spec] of Object.entries(item)) {
      if (METHODS.has(method)) out.push({ method: method.toUpperCase() as Operation["method"], path, spec });
    }
  }
  return out;
}

export const opName = (op: Pick<Operation, "method" | "path">) => `${op.method} ${op.path}`;

function schemaOf(m: MediaTypes | undefined): JsonSchema | undefined {
  const content = m?.content;
  if (!content) return undefined;
  return content["application/json"]?.schema ?? Object.values(content)[0]?.schema;
}

export const bodySchemaOf = (op: Operation) => schemaOf(op.spec.requestBody);

/** RFC 9457 problem details, as every error of the API should be. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: "object",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string", minLength: 1 },
    title: { type: "string", minLength: 1 },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string" },
    instance: { type: "string" },
  },
};

export interface SchemaCheck {
  ok: boolean;
  errors: string;
}

/**
 * Validators for the document's response schemas. Format keywords other than those given here
 * are not checked (the document's own `pattern` keywords carry the real constraint).
 */
export function responseValidators(doc: OpenApiDocument) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, logger: false });
  ajv.addFormat(
    "uuid",
    /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000)$/i,
  );
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  const formats = new Set<string>();
  JSON.stringify(doc, (key, value: unknown) => {
    if (key === "format" && typeof value === "string") formats.add(value);
    return value;
  });
  for (const f of formats) if (!["uuid", "date", "date-time"].includes(f)) ajv.addFormat(f, true);

  const compiled = new Map<string, ReturnType<typeof ajv.compile> | null>();
  const problem = ajv.compile(PROBLEM_SCHEMA);
  const run = (validate: ReturnType<typeof ajv.compile>, body: unknown): SchemaCheck => {
    const ok = validate(body) === true;
    return { ok, errors: ok ? "" : ajv.errorsText(validate.errors, { separator: "; " }) };
  };
  return {
    /** The check of the document's schema for this operation and status, if it declares one. */
    forStatus(op: Operation, status: number): ((body: unknown) => SchemaCheck) | undefined {
      const key = `${opName(op)} ${status}`;
      if (!compiled.has(key)) {
        const schema = schemaOf(op.spec.responses?.[String(status)]);
        compiled.set(key, schema ? ajv.compile(schema) : null);
      }
      const validate = compiled.get(key);
      return validate ? (body) => run(validate, body) : undefined;
    },
    problem: (body: unknown) => run(problem, body),
  };
}

// ---------------------------------------------------------------------------------------------
// Hostile input

/** Strings that have broken servers before. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\n\r",
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  '" OR ""="',
  "1; SELECT pg_sleep(5)",
  "') UNION SELECT id, names FROM persons --",
  "$1",
  "E'\\\\x00'",
  '{"$ne": null}',
  '{"$gt": ""}',
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "%",
  "%zz",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "\ud83d\ude00",
  "\ufeff",
  "\u202eRLO",
  "\u200b\u200c\u200d",
  "a\u0301\u0301\u0301",
  "ﷺ",
  "𝕏𝕐ℤ",
  "👨‍👩‍👧‍👦",
  "가나다라",
  "សុខ ដារ៉ា",
  "مرحبا",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "%s%s%s%n",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "-0",
  "9".repeat(400),
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "*",
  'W/"1"',
  "\\",
  "\\u0000",
  "2026-02-30",
  "2027-02-29",
  "0000-00-00",
  "2026-13-01",
  "99999-01-01",
];

/** Dates no request may carry (docs/security.md requirement 16): outside 1900–2100, or not dates. */
export const HOSTILE_DATES: readonly string[] = [
  "0000-01-01",
  "0001-01-01",
  "1899-12-31",
  "2101-01-01",
  "9999-12-31",
  "9999-99-99",
  "0000-00-00",
  "+12345-01-01",
];

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** Cursors the server never issued: of the wrong shape, or with values no query can take. */
export const FORGED_CURSORS: readonly string[] = [
  b64(["not-a-uuid"]),
  b64([1e30]),
  b64(["x".repeat(300)]),
  b64([null]),
  b64(["2026-01-01", "not-a-uuid", 1]),
  b64(["0000-01-01", "0190a5e1-0000-7000-8000-000000000000", 1]),
  b64(["2026-01-01", "0190a5e1-0000-7000-8000-000000000000", 2 ** 31]),
  b64(["2026-01-01", "0190a5e1-0000-7000-8000-000000000000", 1.5]),
  b64({ id: "0190a5e1-0000-7000-8000-000000000000" }),
  Buffer.from("not json at all").toString("base64url"),
  "!!not-base64!!",
];

/** A cursor as a client might forge it: a known bad one, or any JSON, base64url-encoded. */
export function hostileCursor(vocab: Vocabulary): fc.Arbitrary<string> {
  const ids = vocab.ids.length > 0 ? fc.constantFrom(...vocab.ids) : fc.uuid();
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...FORGED_CURSORS) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map(b64) },
    { weight: 2, arbitrary: fc.tuple(ids).map(b64) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...vocab.dates, ...HOSTILE_DATES), ids, fc.oneof(fc.nat(), fc.double()))
        .map(b64),
    },
  );
}

export const HUGE_STRINGS: readonly string[] = [
  "A".repeat(70_000),
  "가".repeat(20_000),
  "\u0301".repeat(5000),
];

/** Known values to mix into generated strings, so that random input often reaches real code. */
export interface Vocabulary {
  /** UUIDs of objects in the database (whose, is the test's business). */
  ids: readonly string[];
  /** Words the API knows (office codes, event types, …). */
  words: readonly string[];
  /** Known values for particular query parameters, by name (e.g. identifiers to search for). */
  queryValues?: Readonly<Record<string, readonly string[]>>;
  /** Real calendar dates. */
  dates: readonly string[];
}

export function hostileString(vocab: Vocabulary): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
    // Not the ids: a free-text field echoing an id back would look like a leak of its object.
    { weight: 2, arbitrary: fc.constantFrom(...vocab.words, ...vocab.dates) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 3000 }) },
  );
}

/** Any JSON value, often a nasty one. */
export function hostileJson(vocab: Vocabulary): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileString(vocab) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        null,
        true,
        false,
        0,
        -1,
        1.5,
        Number.MAX_SAFE_INTEGER,
        -Number.MAX_SAFE_INTEGER,
        2 ** 53 + 1,
        1e308,
        [],
        {},
        [null],
        Array.from({ length: 2000 }, (_, i) => i),
        { "": "" },
      ),
    },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
  );
}

const regexCache = new Map<string, fc.Arbitrary<string> | null>();

function stringMatching(pattern: string): fc.Arbitrary<string> | null {
  if (!regexCache.has(pattern)) {
    let arb: fc.Arbitrary<string> | null = null;
    try {
      arb = fc.stringMatching(new RegExp(pattern));
    } catch {
      arb = null;
    }
    regexCache.set(pattern, arb);
  }
  return regexCache.get(pattern) ?? null;
}

const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);

/**
 * Values for a JSON Schema (the subset zod produces): mostly valid, with the vocabulary's ids,
 * words and dates mixed in so that generated requests name real objects; limits are kept small.
 */
export function fromSchema(
  schema: JsonSchema | undefined,
  vocab: Vocabulary,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileJson(vocab);
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return fc.constantFrom(...(schema.enum as unknown[]));
  if ("const" in schema) return fc.constant(schema.const);
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0)
      return fc.oneof(...(options as JsonSchema[]).map((s) => fromSchema(s, vocab, depth + 1)));
  }
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...(type as string[]).map((t) => fromSchema({ ...schema, type: t }, vocab, depth)));
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number": {
      const min = Math.max(num(schema.minimum, -1000), -1000);
      const max = Math.min(num(schema.maximum, 1000), 1000);
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: Math.min(min, max), max: Math.max(min, max) }) },
        { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 0, -1) },
        // Beyond what int4 and int8 columns hold.
        { weight: 1, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 63, 1e20, 0.5) },
      );
    }
    case "string": {
      if (schema.format === "uuid" && vocab.ids.length > 0) {
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...vocab.ids) },
          { weight: 1, arbitrary: fc.uuid() },
        );
      }
      if (schema.pattern === DATE_PATTERN) {
        const isoDay = fc
          .date({ min: new Date("2014-01-01"), max: new Date("2028-12-31"), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
        return fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...vocab.dates) },
          { weight: 2, arbitrary: isoDay },
          { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
        );
      }
      if (typeof schema.pattern === "string") {
        const matching = stringMatching(schema.pattern);
        if (matching)
          return fc.oneof({ weight: 4, arbitrary: matching }, { weight: 1, arbitrary: hostileString(vocab) });
      }
      const minLength = num(schema.minLength, 0);
      const maxLength = Math.max(minLength, Math.min(num(schema.maxLength, 40), 40));
      return fc.oneof(
        { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
        { weight: 3, arbitrary: fc.constantFrom(...vocab.words) },
        { weight: 1, arbitrary: hostileString(vocab) },
      );
    }
    case "array": {
      const items = fromSchema(schema.items as JsonSchema | undefined, vocab, depth + 1);
      const minLength = Math.min(num(schema.minItems, 0), 3);
      return fc.array(items, { minLength, maxLength: Math.max(minLength, 3) });
    }
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        const extra = schema.additionalProperties;
        const values =
          extra && typeof extra === "object"
            ? fromSchema(extra as JsonSchema, vocab, depth + 1)
            : hostileJson(vocab);
        return fc.dictionary(
          fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...vocab.words)),
          values,
          {
            maxKeys: 3,
          },
        );
      }
      const arbs: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of keys)
        arbs[k] =
          k === "cursor"
            ? fc.oneof(fromSchema(properties[k], vocab, depth + 1), hostileCursor(vocab))
            : fromSchema(properties[k], vocab, depth + 1);
      return fc.record(arbs, { requiredKeys: (schema.required ?? []) as string[] });
    }
    default:
      return hostileJson(vocab);
  }
}

/** Every (container, key) pair in a JSON tree, to pick one to break. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      slots(v, out);
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      slots(v, out);
    }
  }
  return out;
}

type Mutation = "drop" | "replace" | "extra" | "wrap" | "null" | "retype";

/** A valid value with one thing wrong: a field missing, of the wrong type, or one too many. */
/**
 * A value as text, whatever it is: a generated object may carry a `toString` or `valueOf` key that
 * is not a function (or no prototype), and then `String()` throws.
 */
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value) ?? "null";
  }
}

export function mutate(value: unknown, pick: number, replacement: unknown, how: Mutation): unknown {
  const copy = structuredClone(value) as unknown;
  if (how === "wrap") return [copy];
  if (how === "null") return null;
  const all = slots(copy);
  const slot = all[pick % Math.max(all.length, 1)];
  if (!slot)
    return how === "extra" && copy && typeof copy === "object"
      ? { ...copy, extra: replacement }
      : replacement;
  const [container, key] = slot;
  if (Array.isArray(container)) {
    if (how === "drop") container.splice(Number(key), 1);
    else if (how === "extra") container.push(replacement);
    else container[Number(key)] = how === "retype" ? [container[Number(key)]] : replacement;
  } else {
    if (how === "drop") delete container[key];
    else if (how === "extra") container[`${String(key)}_extra`] = replacement;
    else container[key] = how === "retype" ? asText(container[key]) : replacement;
  }
  return copy;
}

/** Bodies that are not JSON at all, or JSON that a parser should refuse or handle with care. */
export const RAW_BODIES: readonly string[] = [
  "{",
  '{"a":',
  "[",
  "nul",
  '"unterminated',
  "{'single': 'quotes'}",
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"isAdmin": true}}}',
  '{"a": 1, "a": 2}',
  '{"limit": 1e400}',
  "[".repeat(5000) + "]".repeat(5000),
  '{"names": [{"value": "\\u0000"}], "nationality": "KHM"}',
  '{"names": [{"value": "\\ud800"}], "nationality": "KHM"}',
  "\ufeff{}",
  "\u0000",
  "1e999999",
  "--",
  "",
];

/** A body bigger than the server's 1 MiB limit. */
export const OVERSIZED_BODY = JSON.stringify({ names: [{ value: "x".repeat(1_100_000) }] });

export type Payload = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "raw"; text: string };

/** A request body for an operation: fitting its schema, nearly fitting it, or garbage. */
export function payloadFor(schema: JsonSchema | undefined, vocab: Vocabulary): fc.Arbitrary<Payload> {
  const garbage = fc.oneof(
    { weight: 3, arbitrary: hostileJson(vocab).map((value): Payload => ({ kind: "json", value })) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES).map((text): Payload => ({ kind: "raw", text })) },
    { weight: 1, arbitrary: fc.constant<Payload>({ kind: "none" }) },
    { weight: 1, arbitrary: fc.constant<Payload>({ kind: "raw", text: OVERSIZED_BODY }) },
  );
  if (!schema)
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant<Payload>({ kind: "none" }) },
      { weight: 2, arbitrary: garbage },
    );
  const valid = fromSchema(schema, vocab);
  const nearly = fc
    .tuple(
      valid,
      fc.nat(),
      hostileJson(vocab),
      fc.constantFrom<Mutation>(
        "drop",
        "replace",
        "replace",
        "extra",
        "extra",
        "retype",
        "retype",
        "wrap",
        "null",
      ),
    )
    .map(([v, pick, replacement, how]): Payload => ({
      kind: "json",
      value: mutate(v, pick, replacement, how),
    }));
  return fc.oneof(
    { weight: 5, arbitrary: valid.map((value): Payload => ({ kind: "json", value })) },
    { weight: 3, arbitrary: nearly },
    { weight: 2, arbitrary: garbage },
  );
}

/** Header values a client can actually send (visible Latin-1 and tab). */
export const headerText = (maxLength = 60) =>
  fc.string({
    unit: fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.constant("\t") },
    ),
    maxLength,
  });

/** Percent-encode, or — for what cannot be encoded (a lone surrogate) — send malformed bytes. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

export const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

// ---------------------------------------------------------------------------------------------
// Whole requests

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as sent (already serialised), if any. */
  payload?: string;
}

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/problem+json",
  "application/json; charset=latin1",
  "application/json; charset=utf-8",
  "application/xml",
  "*/*",
];

const RAW_QUERIES = [
  "%zz",
  "a[b]=c",
  "__proto__[x]=1",
  "constructor[prototype][x]=1",
  "=",
  "&&&",
  ";",
  "%",
  "a=%E0%A4%A",
];

export interface RequestOptions {
  /** Ids to put in path parameters. */
  pathIds: readonly string[];
  /** The caller's own cookie (null: anonymous). */
  cookie: string | null;
  /** The session cookie's name, to forge and garble. */
  sessionCookie: string;
  /** The application's own origin, which a browser sends as `Origin` from the application's pages. */
  origin: string;
}

/** Origins and fetch metadata a browser sends from a page of another origin or site. */
export const FOREIGN_PROVENANCE: readonly Record<string, string>[] = [
  { origin: "https://evil.example" },
  { origin: "null" },
  { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
  { "sec-fetch-site": "same-site", origin: "https://other.rsd.example" },
  { "sec-fetch-site": "none" },
];

/** Whether a request's headers prove it comes from the application's own origin. */
export function provesOwnOrigin(headers: Record<string, string>, origin: string): boolean {
  const site = headers["sec-fetch-site"];
  return site !== undefined ? site === "same-origin" : headers.origin === origin;
}

function pathValue(vocab: Vocabulary, ids: readonly string[]): fc.Arbitrary<string> {
  const known = ids.length > 0 ? ids : vocab.ids;
  return fc
    .oneof(
      { weight: 8, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: fc.constantFrom(...known).map((s) => s.toUpperCase()) },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: hostileString(vocab) },
    )
    .filter(isNotDotSegment)
    .map(encode);
}

/**
 * `.` and `..` cannot be a path parameter's value: a client resolves them as dot segments
 * (RFC 3986 §5.2.4), and so does a URL parser for `%2E` (the WHATWG URL standard), so
 * `POST /cases/./uploads` is a request for `POST /cases/uploads`, another path altogether.
 */
const isNotDotSegment = (value: string) => !/^(\.|%2e){1,2}$/i.test(value);

/** `arb`, present in `percent` of requests (absent: undefined). */
const sometimes = <T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: percent, arbitrary: arb }, { weight: 100 - percent, arbitrary: fc.constant(undefined) });

function queryFor(op: Operation, vocab: Vocabulary): fc.Arbitrary<string> {
  const declared = (op.spec.parameters ?? []).filter((p) => p.in === "query");
  const pairs = declared.map((p) =>
    sometimes(
      fc.oneof(
        { weight: 6, arbitrary: fromSchema(p.schema, vocab) },
        ...(vocab.queryValues?.[p.name]?.length
          ? [{ weight: 6, arbitrary: fc.constantFrom(...(vocab.queryValues[p.name] ?? [])) }]
          : []),
        ...(p.name === "cursor" ? [{ weight: 6, arbitrary: hostileCursor(vocab) }] : []),
        { weight: 1, arbitrary: hostileString(vocab) },
        { weight: 1, arbitrary: fc.array(fromSchema(p.schema, vocab), { minLength: 2, maxLength: 3 }) },
      ),
      p.required ? 90 : 40,
    ),
  );
  const key = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS.filter(Boolean)),
    fc.string({ minLength: 1, maxLength: 12 }),
  );
  const extras = fc.array(fc.tuple(key, hostileString(vocab)), { maxLength: 2 });
  const raw = fc.option(fc.constantFrom(...RAW_QUERIES), { freq: 8 });
  return fc.tuple(fc.tuple(...pairs), extras, raw).map(([values, more, rawPart]) => {
    const parts: string[] = [];
    values.forEach((v, i) => {
      const name = declared[i]?.name ?? "";
      if (v === undefined) return;
      for (const one of Array.isArray(v) ? v : [v])
        parts.push(`${encode(name)}=${encode(typeof one === "string" ? one : JSON.stringify(one))}`);
    });
    for (const [k, v] of more) parts.push(`${encode(k)}=${encode(v)}`);
    if (rawPart) parts.push(rawPart);
    return parts.length > 0 ? `?${parts.join("&")}` : "";
  });
}

function cookieFor(options: RequestOptions): fc.Arbitrary<string | undefined> {
  const name = options.sessionCookie;
  const forged = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/).map((v) => `${name}=${v}`),
    headerText(80).map((v) => `${name}=${v}`),
    fc.constantFrom(
      `${name}=`,
      `${name}=%E0%A4%A`,
      `${name}=%`,
      "=;;=",
      "a=b; c",
      `${name.toLowerCase()}=abc`,
    ),
    headerText(80),
  );
  if (options.cookie === null) return fc.option(forged, { freq: 2, nil: undefined });
  const own = options.cookie;
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(own) },
    { weight: 2, arbitrary: headerText(40).map((v) => `${own}; other=${v.replaceAll(";", "")}`) },
    { weight: 1, arbitrary: forged.map((f) => `${f}; ${own}`) },
  );
}

function headersFor(op: Operation, options: RequestOptions): fc.Arbitrary<Record<string, string>> {
  const declared = new Set(
    (op.spec.parameters ?? []).filter((p) => p.in === "header").map((p) => p.name.toLowerCase()),
  );
  const ifMatch = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 8 }).map((n) => `"${n}"`) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 8 }).map((n) => `W/"${n}"`) },
    { weight: 1, arbitrary: fc.constantFrom("*", '"', '""', '"-1"', '"99999999999"', '"1", "2"', "1") },
    { weight: 1, arbitrary: headerText() },
  );
  const idempotencyKey = fc.oneof(
    { weight: 6, arbitrary: fc.stringMatching(/^[\x21-\x7e]{1,40}$/) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(" ", "a b", "x".repeat(201), "é", "'; DROP TABLE idempotency_keys; --"),
    },
    { weight: 1, arbitrary: headerText() },
  );
  const purpose = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("case review", "interview (2026/11)", "appeal: file check") },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(300), "<b>", "a\tb") },
    { weight: 1, arbitrary: headerText() },
  );
  const bearer = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._~+/=-]{16,80}$/).map((t) => `Bearer ${t}`),
    fc.constantFrom("Bearer ", "Basic YWRtaW46YWRtaW4=", `Bearer ${"a".repeat(600)}`, "Bearer null"),
    headerText(),
  );
  // Mostly what a browser sends from the application's own page; sometimes from elsewhere, or nothing.
  const provenance = fc.oneof(
    { weight: 16, arbitrary: fc.constant<Record<string, string>>({ origin: options.origin }) },
    { weight: 2, arbitrary: fc.constant<Record<string, string>>({ "sec-fetch-site": "same-origin" }) },
    { weight: 2, arbitrary: fc.constantFrom(...FOREIGN_PROVENANCE) },
    { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
  );
  return fc
    .record({
      provenance,
      "if-match": sometimes(ifMatch, declared.has("if-match") ? 85 : 10),
      "idempotency-key": sometimes(idempotencyKey, declared.has("idempotency-key") ? 40 : 10),
      "x-openrsd-purpose": sometimes(purpose, 15),
      accept: sometimes(
        fc.constantFrom("application/json", "text/html", "*/*", "application/problem+json", "image/png"),
        15,
      ),
      "x-forwarded-for": sometimes(fc.oneof(fc.ipV4(), fc.ipV6(), headerText()), 10),
      // A signed-in caller only rarely sends a bearer token too (it replaces the cookie: 401).
      authorization: sometimes(bearer, options.cookie === null ? 40 : 5),
    })
    .map(({ provenance: from, ...h }) => {
      const out: Record<string, string> = { ...from };
      for (const [k, v] of Object.entries(h)) if (typeof v === "string") out[k] = v;
      return out;
    });
}

/** A random, often hostile, request for one operation of the document. */
export function requestFor(
  op: Operation,
  vocab: Vocabulary,
  options: RequestOptions,
): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const path = fc.tuple(...names.map(() => pathValue(vocab, options.pathIds))).map((values) => {
    let i = 0;
    return op.path.replace(/\{\w+\}/g, () => values[i++] ?? "");
  });
  const bodySchema = bodySchemaOf(op);
  const payload =
    op.method === "GET" ? fc.constant<Payload>({ kind: "none" }) : payloadFor(bodySchema, vocab);
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc
    .tuple(path, queryFor(op, vocab), headersFor(op, options), cookieFor(options), payload, contentType)
    .map(([p, query, headers, cookie, body, type]) => {
      const h: Record<string, string> = { ...headers };
      if (cookie !== undefined) h.cookie = cookie;
      const req: FuzzRequest = { method: op.method, url: `${p}${query}`, headers: h };
      // Counterexamples are printed through this: long values shortened.
      Object.defineProperty(req, fc.toStringMethod, { value: () => describeRequest(req), enumerable: false });
      if (body.kind !== "none") {
        req.payload = body.kind === "json" ? (JSON.stringify(body.value) ?? "null") : body.text;
        if (type !== undefined) h["content-type"] = type;
      }
      return req;
    });
}

const short = (s: string, max = 200) => (s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s);

/** A request as a reader wants it in a failure message: long values shortened. */
export function describeRequest(req: FuzzRequest): string {
  const headers = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${JSON.stringify(short(v, 120))}`)
    .join(", ");
  const body = req.payload === undefined ? "" : ` body ${JSON.stringify(short(req.payload, 400))}`;
  return `${req.method} ${short(req.url, 300)} {${headers}}${body}`;
}
