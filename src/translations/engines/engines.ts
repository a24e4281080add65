/**
 * The engines as the API shows them, an administrator enabling one for a language pair, and the
 * one way case text reaches an engine: `machineDraft`, which refuses unless the pair is enabled
 * and the engine is inside the deployment (or its configuration allows otherwise).
 */
import { actorName, audit, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import type { Engine, EngineRef } from "../../contracts/translations.ts";
import { enginesOf, type ConfiguredEngine } from "./config.ts";
import { isPairEnabled, pairsOf, setPair, type PairRow } from "./db.ts";
import { libreTranslate } from "./libretranslate.ts";
import { openAiTranslate } from "./openai.ts";
import type { EngineTranslation } from "./types.ts";

/** Where the engine is, as shown: its origin and path, never a query string (it may hold a key). */
function shownUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname === "/" ? "" : u.pathname}`;
}

function present(e: ConfiguredEngine, pairs: readonly PairRow[]): Engine {
  return {
    id: e.id,
    kind: e.kind,
    url: shownUrl(e.url),
    model: e.model,
    external: e.external,
    allowExternal: e.allowExternal,
    pairs: pairs
      .filter((p) => p.engine_id === e.id)
      .map((p) => ({
        source: p.source_lang,
        target: p.target_lang,
        enabled: p.enabled,
        enabledBy: p.enabled ? p.changed_by : null,
        enabledAt: p.enabled ? p.changed_at : null,
      })),
  };
}

/** The configured engines with their language pairs (none by default). */
export async function listEngines(ctx: AppContext): Promise<Engine[]> {
  const { engines } = enginesOf(ctx);
  const pairs = await pairsOf(
    ctx.db,
    engines.map((e) => e.id),
  );
  return engines.map((e) => present(e, pairs));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The account that changed a pair; in-process work (the demo's loading) has none: the nil UUID. */
const accountIdOf = (actor: Actor) =>
  UUID.test(actor.principal.accountId) ? actor.principal.accountId : "00000000-0000-0000-0000-000000000000";

/** Whether an engine may be sent case text at all: inside, or explicitly allowed outside. */
export function maySend(e: ConfiguredEngine): boolean {
  return !e.external || e.allowExternal;
}

const outside = (e: ConfiguredEngine) =>
  new AppError(
    "conflict",
    `the translation engine ${e.id} is outside the deployment (${new URL(e.url).host}) and its configuration does not allow sending case text to it (allowExternal)`,
    {},
    409,
  );

/**
 * Enable or disable an engine for a language pair (an administrator; recorded in the access
 * record). An engine outside the deployment that its configuration does not allow cannot be
 * enabled.
 */
export async function setEnginePair(
  ctx: AppContext,
  actor: Actor,
  engineId: string,
  input: { source: string; target: string; enabled: boolean },
): Promise<Engine> {
  const engine = enginesOf(ctx).byId(engineId);
  if (!engine) throw notFound(`translation engine ${engineId}`);
  if (input.source === input.target)
    throw new AppError("invalid_input", "the source and target languages must differ", {
      issues: [{ path: "target", message: "the same as the source" }],
    });
  if (input.enabled && !maySend(engine)) throw outside(engine);
  const at = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const changed = await setPair(tx, {
      engineId,
      sourceLang: input.source,
      targetLang: input.target,
      enabled: input.enabled,
      by: accountIdOf(actor),
      at,
    });
    if (changed)
      await audit(tx, actor, at, {
        action: "translation_engine.pair",
        outcome: "ok",
        details: { engine: engineId, source: input.source, target: input.target, enabled: input.enabled },
      });
  });
  ctx.log?.info(
    {
      engine: engineId,
      source: input.source,
      target: input.target,
      enabled: input.enabled,
      by: actorName(actor),
    },
    "translation engine pair set",
  );
  const pairs = await pairsOf(ctx.db, [engineId]);
  return present(engine, pairs);
}

/** Why a draft cannot be asked of an engine for a pair, or null when it can. */
export async function refusalOf(
  ctx: AppContext,
  engineId: string,
  sourceLang: string,
  targetLang: string,
): Promise<AppError | null> {
  const engine = enginesOf(ctx).byId(engineId);
  if (!engine)
    return new AppError(
      "conflict",
      `no translation engine ${engineId} is configured in this deployment`,
      {},
      409,
    );
  if (!maySend(engine)) return outside(engine);
  if (!(await isPairEnabled(ctx.db, engineId, sourceLang, targetLang)))
    return new AppError(
      "conflict",
      `the translation engine ${engineId} is not enabled for ${sourceLang} → ${targetLang}; an administrator enables it for the pair`,
      {},
      409,
    );
  return null;
}

function translate(e: ConfiguredEngine, texts: readonly string[], source: string, target: string) {
  switch (e.kind) {
    case "libretranslate":
      return libreTranslate(e, texts, source, target);
    case "openai-compatible":
      return openAiTranslate(e, texts, source, target);
  }
}

/**
 * Machine drafts of `texts` (one per text, same order) from a configured engine. Refused (409)
 * when the engine is not configured, not enabled for the pair, or outside the deployment without
 * its configuration's leave; an engine that fails, is too slow or cannot be reached is a 502 or
 * 503 problem. Writes nothing: the caller records the drafts (and that they were asked for).
 * Interview records are never sent: the caller refuses them first (their source is not
 * `machineAllowed`).
 */
export async function machineDraft(
  ctx: AppContext,
  engineId: string,
  sourceLang: string,
  targetLang: string,
  texts: readonly string[],
): Promise<{ texts: string[]; engine: EngineRef }> {
  const refusal = await refusalOf(ctx, engineId, sourceLang, targetLang);
  if (refusal) throw refusal;
  const engine = enginesOf(ctx).byId(engineId)!;
  const started = Date.now();
  let answer: EngineTranslation;
  try {
    answer =
      texts.length === 0
        ? { texts: [], model: engine.model ?? engine.kind, version: engine.version }
        : await translate(engine, texts, sourceLang, targetLang);
  } catch (err) {
    ctx.log?.warn(
      { engine: engineId, texts: texts.length, ms: Date.now() - started, problem: (err as Error).message },
      "translation engine failed",
    );
    throw err;
  }
  ctx.log?.info({ engine: engineId, texts: texts.length, ms: Date.now() - started }, "machine draft");
  return {
    texts: answer.texts,
    engine: { engine: engine.id, name: engine.kind, model: answer.model, version: answer.version },
  };
}
