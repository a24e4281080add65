/**
 * The machine translation engines a deployment names (docs/translation.md, "Engines"): none by
 * default. Read from OPENRSD_TRANSLATION_ENGINES (a JSON array), or given at start-up or in a test
 * (`useTranslationEngines`); found by the feature through `enginesOf(ctx)`. Naming an engine sends
 * it nothing: an administrator must still enable it for a language pair.
 */
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { isExternalUrl } from "./place.ts";

export const ENGINE_KINDS = ["libretranslate", "openai-compatible"] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** The longest an engine may take to answer one request, by default (30 seconds). */
export const DEFAULT_TIMEOUT_MS = 30_000;

export const EngineConfigSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "lower-case letters, digits, '.', '_' and '-', at most 63"),
    kind: z.enum(ENGINE_KINDS),
    url: z
      .url({ protocol: /^https?$/, error: "an http or https URL" })
      .refine((u) => new URL(u).username === "" && new URL(u).password === "", "no credentials in the URL"),
    apiKey: z.string().min(1).optional(),
    model: z.string().min(1).max(200).optional(),
    version: z.string().min(1).max(200).optional(),
    /** Whether case text may be sent to the engine although it is outside the deployment. */
    allowExternal: z.boolean().optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
  })
  .refine((e) => e.kind !== "openai-compatible" || e.model !== undefined, {
    message: "an openai-compatible engine needs a model",
    path: ["model"],
  });
export type EngineConfig = z.infer<typeof EngineConfigSchema>;

/** A configured engine, with where it is. */
export interface ConfiguredEngine {
  id: string;
  kind: EngineKind;
  url: string;
  apiKey: string | null;
  model: string | null;
  version: string | null;
  /** Outside the deployment (docs/translation.md, "Engines"). */
  external: boolean;
  allowExternal: boolean;
  timeoutMs: number;
}

export interface TranslationEngineSettings {
  /** The engines (default: OPENRSD_TRANSLATION_ENGINES, or none). */
  engines?: readonly EngineConfig[];
}

export interface TranslationEngines {
  engines: readonly ConfiguredEngine[];
  byId(id: string): ConfiguredEngine | undefined;
}

export class EngineConfigError extends Error {
  override name = "EngineConfigError";
}

/** Check a list of engines; throws EngineConfigError naming what is wrong (never an API key). */
export function parseEngineConfigs(value: unknown, from = "the translation engines"): ConfiguredEngine[] {
  const parsed = z.array(EngineConfigSchema).safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(the list)"}: ${i.message}`);
    throw new EngineConfigError(`${from} are not valid: ${where.join("; ")}`);
  }
  const seen = new Set<string>();
  return parsed.data.map((e) => {
    if (seen.has(e.id)) throw new EngineConfigError(`${from} name the engine ${e.id} twice`);
    seen.add(e.id);
    return {
      id: e.id,
      kind: e.kind,
      url: e.url,
      apiKey: e.apiKey ?? null,
      model: e.model ?? null,
      version: e.version ?? null,
      external: isExternalUrl(e.url),
      allowExternal: e.allowExternal ?? false,
      timeoutMs: e.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
  });
}

/** The engines OPENRSD_TRANSLATION_ENGINES names (none when it is unset or empty). */
export function engineConfigsFromEnv(env: NodeJS.ProcessEnv = process.env): ConfiguredEngine[] {
  const text = env.OPENRSD_TRANSLATION_ENGINES?.trim();
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EngineConfigError("OPENRSD_TRANSLATION_ENGINES is not JSON (a JSON array of engines)");
  }
  return parseEngineConfigs(value, "OPENRSD_TRANSLATION_ENGINES");
}

const set = new WeakMap<AppContext, TranslationEngines>();

/**
 * Set up the engines (at start-up, or in a test). Throws EngineConfigError when the configuration
 * is not valid: a deployment whose engines are misnamed does not start.
 */
export function useTranslationEngines(
  ctx: AppContext,
  settings: TranslationEngineSettings = {},
): TranslationEngines {
  const engines = settings.engines ? parseEngineConfigs(settings.engines) : engineConfigsFromEnv();
  const byId = new Map(engines.map((e) => [e.id, e]));
  const value: TranslationEngines = { engines, byId: (id) => byId.get(id) };
  set.set(ctx, value);
  for (const e of engines)
    ctx.log?.info(
      { engine: e.id, kind: e.kind, external: e.external, allowExternal: e.allowExternal },
      "translation engine configured",
    );
  return value;
}

export function enginesOf(ctx: AppContext): TranslationEngines {
  return set.get(ctx) ?? useTranslationEngines(ctx);
}
