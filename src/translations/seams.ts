/**
 * Where translations meet the office's translation memory and the machine engines
 * (src/translations/memory/, src/translations/engines/; docs/translation.md, "Memory" and
 * "Engines"). The jobs call them only through these three functions.
 *
 * SEAM: until the memory and the engines are wired here, the memory proposes nothing and keeps
 * nothing, and no engine drafts anything (a machine draft is refused as "no engine configured").
 * That is exactly a deployment with an empty memory and no engine: nothing is faked.
 */
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import type { EngineRef, MemoryMatch } from "../contracts/translations.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";

/** The memory's best matches for each source text (same order), at most `limit` each. */
export async function memoryMatchesOf(
  _tx: Queryable,
  _keyring: Keyring,
  _officeId: string,
  _sourceLang: string,
  _targetLang: string,
  sources: readonly string[],
  _limit: number,
  _timeZone: string,
): Promise<MemoryMatch[][]> {
  return sources.map(() => []);
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
  _tx: Queryable,
  _keyring: Keyring,
  _input: {
    officeId: string;
    sourceLang: string;
    targetLang: string;
    jobId: string;
    at: string;
    units: readonly MemoryEntry[];
  },
): Promise<void> {}

/** Drafts of `texts` by a configured engine, named on each segment they fill. */
export async function draftByEngine(
  _ctx: AppContext,
  engineId: string,
  _sourceLang: string,
  _targetLang: string,
  _texts: readonly string[],
): Promise<{ texts: string[]; engine: EngineRef }> {
  throw new AppError("conflict", `no machine translation engine "${engineId}" is configured`, {}, 409);
}
