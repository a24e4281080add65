/**
 * Where translations meet the office's translation memory and the machine engines
 * (src/translations/memory/, src/translations/engines/; docs/translation.md, "Memory" and
 * "Engines"). The jobs call them only through these three functions.
 */
import type { AppContext } from "../app/context.ts";
import type { EngineRef, MemoryMatch } from "../contracts/translations.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import { machineDraft } from "./engines/index.ts";
import { addToMemory, memoryMatches } from "./memory/index.ts";

/** The memory's best matches for each source text (same order), at most `limit` each. */
export function memoryMatchesOf(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  sourceLang: string,
  targetLang: string,
  sources: readonly string[],
  limit: number,
  timeZone: string,
): Promise<MemoryMatch[][]> {
  return memoryMatches(tx, keyring, officeId, sourceLang, targetLang, sources, limit, timeZone);
}

export interface MemoryEntry {
  source: string;
  target: string;
  segmentId: string;
  translatedBy: string | null;
  reviewedBy: string | null;
}

/** Add a finalized job's segments to the office's memory for the language pair. */
export async function addFinalToMemory(
  tx: Queryable,
  keyring: Keyring,
  input: {
    officeId: string;
    sourceLang: string;
    targetLang: string;
    jobId: string;
    at: string;
    units: readonly MemoryEntry[];
  },
): Promise<void> {
  const units = input.units.filter((u) => u.source.trim() !== "" && u.target.trim() !== "");
  if (units.length === 0) return;
  await addToMemory(tx, keyring, {
    officeId: input.officeId,
    sourceLang: input.sourceLang,
    targetLang: input.targetLang,
    units: units.map((u) => ({
      source: u.source,
      target: u.target,
      translatedBy: u.translatedBy,
      reviewedBy: u.reviewedBy,
    })),
    jobId: input.jobId,
    segmentIds: units.map((u) => u.segmentId),
    at: input.at,
    origin: "office",
  });
}

/** Drafts of `texts` by a configured engine, named on each segment they fill. */
export function draftByEngine(
  ctx: AppContext,
  engineId: string,
  sourceLang: string,
  targetLang: string,
  texts: readonly string[],
): Promise<{ texts: string[]; engine: EngineRef }> {
  return machineDraft(ctx, engineId, sourceLang, targetLang, texts);
}
