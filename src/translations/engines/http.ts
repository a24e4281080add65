/**
 * One request to an engine, and what its failures become: a problem the person who asked for a
 * draft can act on (502 the engine failed, 503 it cannot be reached, is busy or too slow), never a
 * 500. Problems name the engine and the status, never the text sent or what the engine said about
 * it (an engine's error message may quote the text).
 */
import { AppError } from "../../app/errors.ts";
import type { ConfiguredEngine } from "./config.ts";

export const engineFailed = (engine: ConfiguredEngine, why: string) =>
  new AppError("engine_failed", `the translation engine ${engine.id} ${why}; nothing was changed`);

export const engineUnavailable = (engine: ConfiguredEngine, why: string) =>
  new AppError(
    "engine_unavailable",
    `the translation engine ${engine.id} ${why}; nothing was changed, try again later`,
  );

/** The engine's URL with `path` added to its own path. */
export function endpoint(engine: ConfiguredEngine, path: string): string {
  const u = new URL(engine.url);
  u.pathname = `${u.pathname.replace(/\/+$/, "")}${path}`;
  u.search = "";
  u.hash = "";
  return u.toString();
}

export interface EngineAnswer {
  status: number;
  body: unknown;
}

/**
 * POST `body` as JSON and read the JSON answer, within the engine's time limit (the whole
 * exchange, body included). A refused connection, a timeout or an answer that is not JSON throws
 * the engine's problem; an HTTP error status is returned for the adapter to read.
 */
export async function postJson(
  engine: ConfiguredEngine,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<EngineAnswer> {
  const signal = AbortSignal.timeout(engine.timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal,
      redirect: "error",
    });
    text = await res.text();
  } catch (err) {
    if (signal.aborted) throw engineUnavailable(engine, `did not answer within ${engine.timeoutMs / 1000} s`);
    const code = (err as { cause?: { code?: string } }).cause?.code;
    throw engineUnavailable(engine, `cannot be reached${code ? ` (${code})` : ""}`);
  }
  let parsed: unknown = null;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (res.ok) throw engineFailed(engine, `answered with something other than JSON (HTTP ${res.status})`);
    }
  }
  return { status: res.status, body: parsed };
}
