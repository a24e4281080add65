/**
 * Local HTTP servers that implement the published APIs of the machine translation engines
 * OpenRSD speaks to, for the adapters' tests (no engine is on the registries this project uses,
 * and a test never reaches the internet):
 *
 * - LibreTranslate (https://libretranslate.com/docs): `GET /languages` → `[{code, name,
 *   targets}]`; `POST /translate` (JSON or form) with `q` (a text or an array), `source`,
 *   `target`, `format`, `api_key` → `{translatedText}` (an array for an array); errors as its
 *   documentation lists them, each `{error}`: 400 invalid request (a missing parameter, a
 *   language it does not have), 403 banned or a wrong key, 429 slow down, 500 translation error.
 * - An OpenAI-compatible server (the Chat Completions API): `POST /v1/chat/completions` with
 *   `model` and `messages` → `{id, object: "chat.completion", created, model, system_fingerprint,
 *   choices: [{index, message: {role, content}, finish_reason}], usage}`; errors `{error:
 *   {message, type, param, code}}`: 400, 401 (the key), 404 (the model), 429, 500, 503.
 *
 * The "translation" is a marked copy (`[km] text`), so a test can tell what was sent where.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export interface EngineServer {
  url: string;
  received: Received[];
  /** Answer the next requests with this instead (until cleared with null). */
  fail(answer: { status: number; body?: unknown; delayMs?: number } | null): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function serve(
  handle: (req: IncomingMessage, body: unknown, res: ServerResponse) => void,
): Promise<EngineServer> {
  const received: Received[] = [];
  let failure: { status: number; body?: unknown; delayMs?: number } | null = null;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      let body: unknown = raw;
      if ((req.headers["content-type"] ?? "").includes("application/json")) {
        try {
          body = JSON.parse(raw);
        } catch {
          return send(res, 400, { error: "Invalid request: the body is not JSON" });
        }
      } else if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
        body = Object.fromEntries(new URLSearchParams(raw));
      }
      const path = (req.url ?? "/").split("?")[0]!;
      received.push({ method: req.method ?? "", path, headers: req.headers, body });
      const f = failure;
      if (f?.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
      if (res.destroyed) return;
      if (f && f.status !== 200) return send(res, f.status, f.body ?? {});
      handle(req, body, res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    fail(answer) {
      failure = answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const LANGUAGES = [
  { code: "en", name: "English", targets: ["en", "ko", "km"] },
  { code: "ko", name: "Korean", targets: ["en", "ko", "km"] },
  { code: "km", name: "Khmer", targets: ["en", "ko"] },
];

/** A LibreTranslate server; with `apiKey`, requests without it are refused (403). */
export function startLibreTranslate(options: { apiKey?: string } = {}): Promise<EngineServer> {
  return serve((req, body, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/languages") return send(res, 200, LANGUAGES);
    if (req.method !== "POST" || path !== "/translate") return send(res, 404, { error: "Not Found" });
    const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    if (options.apiKey && b.api_key !== options.apiKey)
      return send(res, 403, {
        error: "Invalid API key",
      });
    for (const p of ["q", "source", "target"])
      if (b[p] === undefined || b[p] === "")
        return send(res, 400, { error: `Invalid request: missing ${p} parameter` });
    const source = LANGUAGES.find((l) => l.code === b.source);
    if (!source && b.source !== "auto")
      return send(res, 400, { error: `${String(b.source)} is not supported` });
    if (source && !source.targets.includes(String(b.target)))
      return send(res, 400, { error: `${String(b.target)} is not supported` });
    if (b.format !== undefined && b.format !== "text" && b.format !== "html")
      return send(res, 400, { error: `${String(b.format)} format is not supported` });
    const mark = (t: unknown) => `[${String(b.target)}] ${String(t)}`;
    send(res, 200, { translatedText: Array.isArray(b.q) ? b.q.map(mark) : mark(b.q) });
  });
}

/** An OpenAI-compatible server that knows one model; with `apiKey`, a request without it is refused (401). */
export function startOpenAiCompatible(options: {
  model: string;
  apiKey?: string;
  fingerprint?: string | null;
}): Promise<EngineServer> {
  let n = 0;
  const error = (res: ServerResponse, status: number, message: string, type: string, code: string | null) =>
    send(res, status, { error: { message, type, param: null, code } });
  return serve((req, body, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "POST" || path !== "/v1/chat/completions")
      return error(res, 404, "Not found", "invalid_request_error", null);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`)
      return error(res, 401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key");
    const b = (typeof body === "object" && body !== null ? body : {}) as {
      model?: string;
      messages?: { role: string; content: string }[];
    };
    if (!Array.isArray(b.messages) || b.messages.length === 0)
      return error(res, 400, "'messages' is a required property", "invalid_request_error", null);
    if (b.model !== options.model)
      return error(
        res,
        404,
        `The model '${String(b.model)}' does not exist`,
        "invalid_request_error",
        "model_not_found",
      );
    const system = b.messages.find((m) => m.role === "system")?.content ?? "";
    const user = b.messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
    const target = /into [^(]*\(([^)]+)\)/.exec(system)?.[1] ?? "xx";
    n += 1;
    send(res, 200, {
      id: `chatcmpl-${n}`,
      object: "chat.completion",
      created: 1_764_000_000 + n,
      model: `${options.model}-2026-01`,
      system_fingerprint: options.fingerprint === undefined ? "fp_local_1" : options.fingerprint,
      choices: [
        { index: 0, message: { role: "assistant", content: `[${target}] ${user}` }, finish_reason: "stop" },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    });
  });
}
