/**
 * The LibreTranslate adapter (https://libretranslate.com/docs, API `POST /translate`): `q` (here
 * an array of texts, answered by an array), `source`, `target`, `format: "text"` and `api_key`
 * when the server needs one. Its documented answers: 200 `{translatedText}`, 400 invalid request,
 * 403 banned (or a wrong key), 429 slow down, 500 translation error, each with `{error}`.
 */
import { z } from "zod";
import type { ConfiguredEngine } from "./config.ts";
import { endpoint, engineFailed, engineUnavailable, postJson } from "./http.ts";
import type { EngineTranslation } from "./types.ts";

/** Texts sent in one request (LibreTranslate's own batch limit is set by its operator). */
export const LIBRETRANSLATE_BATCH = 25;

const Answer = z.object({ translatedText: z.union([z.string(), z.array(z.string())]) });

/** A language tag as LibreTranslate names languages (`zh-Hans`, `pt-BR`, else the language). */
export function libreLanguage(tag: string): string {
  if (/^zh-(Hans|Hant)$/i.test(tag) || /^pt-BR$/i.test(tag)) return tag;
  return tag.split("-")[0]!.toLowerCase();
}

async function batch(
  engine: ConfiguredEngine,
  texts: readonly string[],
  source: string,
  target: string,
): Promise<string[]> {
  const res = await postJson(engine, endpoint(engine, "/translate"), {
    q: texts,
    source: libreLanguage(source),
    target: libreLanguage(target),
    format: "text",
    ...(engine.apiKey ? { api_key: engine.apiKey } : {}),
  });
  switch (res.status) {
    case 200:
      break;
    case 400:
      throw engineFailed(
        engine,
        `refused the request as invalid (HTTP 400: e.g. a language pair it does not have)`,
      );
    case 403:
      throw engineFailed(engine, "refused this server (HTTP 403: a wrong or missing API key, or banned)");
    case 429:
      throw engineUnavailable(engine, "asked to slow down (HTTP 429)");
    case 500:
      throw engineFailed(engine, "could not translate the text (HTTP 500)");
    default:
      if (res.status >= 500) throw engineUnavailable(engine, `answered HTTP ${res.status}`);
      throw engineFailed(engine, `answered HTTP ${res.status}`);
  }
  const parsed = Answer.safeParse(res.body);
  if (!parsed.success) throw engineFailed(engine, "answered without translatedText");
  const out =
    typeof parsed.data.translatedText === "string"
      ? [parsed.data.translatedText]
      : parsed.data.translatedText;
  if (out.length !== texts.length)
    throw engineFailed(engine, `answered ${out.length} translations for ${texts.length} texts`);
  return out;
}

export async function libreTranslate(
  engine: ConfiguredEngine,
  texts: readonly string[],
  source: string,
  target: string,
): Promise<EngineTranslation> {
  const out: string[] = [];
  for (let i = 0; i < texts.length; i += LIBRETRANSLATE_BATCH)
    out.push(...(await batch(engine, texts.slice(i, i + LIBRETRANSLATE_BATCH), source, target)));
  return { texts: out, model: engine.model ?? "libretranslate", version: engine.version };
}
