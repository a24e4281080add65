/**
 * The memory as a supervisor sees and moves it (docs/translation.md, "Memory"): how many units
 * each language pair holds, a pair exported as TMX 1.4b, and a TMX file imported into the office's
 * memory. Always the actor's own office; exports and imports are recorded in the access record.
 */
import { audit, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { LanguageTagSchema, type MemoryStats, type TmxImportResult } from "../../contracts/translations.ts";
import { readTmx, writeTmx, type TmxUnit } from "../formats/tmx.ts";
import { allUnits, unitCounts } from "./db.ts";
import { addToMemory, openSource, openTarget } from "./store.ts";
import { tidy } from "./text.ts";

/** The longest source or target text a unit may have (as a segment's target). */
export const MAX_UNIT_TEXT = 20_000;

/** The office whose memory the actor works with. */
export function officeOf(actor: Actor): string {
  const office = actor.principal.officeId;
  if (!office)
    throw new AppError(
      "forbidden",
      "a translation memory is an office's: your account works for no office, so it has none",
    );
  return office;
}

export async function memoryStats(ctx: AppContext, actor: Actor): Promise<MemoryStats> {
  return { pairs: await unitCounts(ctx.db, officeOf(actor)) };
}

/** The file name of a pair's export: `translation-memory-seoul-ko-km.tmx`. */
export const tmxFileName = (office: string, source: string, target: string) =>
  `translation-memory-${office}-${source}-${target}.tmx`;

/** The office's units for a language pair as a TMX document (recorded as an export). */
export async function exportTmx(
  ctx: AppContext,
  actor: Actor,
  source: string,
  target: string,
): Promise<{ fileName: string; xml: string; units: number }> {
  const office = officeOf(actor);
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const rows = await allUnits(tx, { officeId: office, sourceLang: source, targetLang: target });
    const units: TmxUnit[] = rows.map((r) => ({
      id: r.id,
      sourceLanguage: source,
      targetLanguage: target,
      source: openSource(ctx.keyring, r),
      target: openTarget(ctx.keyring, r),
      translatedBy: r.translated_by,
      reviewedBy: r.reviewed_by,
      approvedAt: r.approved_at,
      origin: r.origin,
    }));
    await audit(tx, actor, at, {
      action: "translation_memory.export",
      outcome: "ok",
      officeId: office,
      details: { source, target, units: units.length },
    });
    return {
      fileName: tmxFileName(office, source, target),
      xml: writeTmx({ sourceLanguage: source, units }, { createdAt: at.toISOString() }),
      units: units.length,
    };
  });
}

/**
 * A TMX file's language tag as the memory keys pairs: the language and its script, without a
 * region (`en-US` → `en`, `zh-Hant-TW` → `zh-Hant`), since jobs name languages, not countries.
 */
export function memoryLanguage(tag: string): string | null {
  const parts = tag.trim().split(/[-_]/);
  const language = parts[0]?.toLowerCase() ?? "";
  const script = parts.slice(1).find((p) => /^[A-Za-z]{4}$/.test(p));
  const out = script ? `${language}-${script[0]!.toUpperCase()}${script.slice(1).toLowerCase()}` : language;
  return LanguageTagSchema.safeParse(out).success ? out : null;
}

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function refusal(u: TmxUnit): string | null {
  const source = memoryLanguage(u.sourceLanguage);
  const target = memoryLanguage(u.targetLanguage);
  if (!source) return `the source language ${u.sourceLanguage} is not a known language`;
  if (!target) return `the target language ${u.targetLanguage} is not a known language`;
  if (source === target) return `the source and target are both ${source}`;
  for (const [what, text] of [
    ["source", u.source],
    ["target", u.target],
  ] as const) {
    if (tidy(text) === "") return `the ${what} is empty`;
    if (text.length > MAX_UNIT_TEXT) return `the ${what} is longer than ${MAX_UNIT_TEXT} characters`;
    if (UNSTORABLE.test(text)) return `the ${what} holds a NUL character or an unpaired surrogate`;
  }
  for (const who of [u.translatedBy, u.reviewedBy])
    if (who !== null && (who.length > 200 || UNSTORABLE.test(who)))
      return "a translator's or reviewer's name is too long or not storable";
  return null;
}

const where = (u: TmxUnit, i: number) => (u.id ? `tuid ${u.id}` : `unit ${i + 1}`);

/**
 * Import a TMX document into the actor's office's memory (origin `tmx`). Refused as a whole
 * (413, 422 with the schema's messages) unless it is valid TMX 1.4b of at most 10 MiB; then each
 * unit is added, skipped (the memory already holds the same source and target) or refused with
 * why (an unknown language, an empty or over-long text). One transaction, recorded.
 */
export async function importTmx(ctx: AppContext, actor: Actor, xml: string): Promise<TmxImportResult> {
  const office = officeOf(actor);
  const read = await readTmx(xml);
  const refused: TmxImportResult["refused"] = read.skipped.map((s) => ({
    unit: `line ${s.line}`,
    reason: s.reason,
  }));
  const byPair = new Map<string, { source: string; target: string; units: TmxUnit[] }>();
  read.units.forEach((u, i) => {
    const why = refusal(u);
    if (why) {
      refused.push({ unit: where(u, i), reason: why });
      return;
    }
    const source = memoryLanguage(u.sourceLanguage)!;
    const target = memoryLanguage(u.targetLanguage)!;
    const key = `${source}\u0000${target}`;
    let pair = byPair.get(key);
    if (!pair) byPair.set(key, (pair = { source, target, units: [] }));
    pair.units.push(u);
  });
  const at = ctx.clock();
  let added = 0;
  let skipped = 0;
  await ctx.db.transaction(async (tx) => {
    for (const pair of byPair.values()) {
      const r = await addToMemory(tx, ctx.keyring, {
        officeId: office,
        sourceLang: pair.source,
        targetLang: pair.target,
        units: pair.units.map((u) => ({
          source: u.source,
          target: u.target,
          translatedBy: u.translatedBy,
          reviewedBy: u.reviewedBy,
          at: u.approvedAt,
        })),
        at,
        origin: "tmx",
      });
      added += r.added;
      skipped += r.skipped;
    }
    await audit(tx, actor, at, {
      action: "translation_memory.import",
      outcome: "ok",
      officeId: office,
      details: { added, skipped, refused: refused.length },
    });
  });
  return { added, skipped, refused };
}
