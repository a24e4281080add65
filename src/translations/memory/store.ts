/**
 * The office's translation memory (docs/translation.md, "Memory"): its own approved translations
 * and the units it imported, per language pair, sealed. `memoryMatches` proposes, for each source
 * sentence, the units with the same source (score 100) and then those alike (score ≥ 70, fuzzy),
 * best first; `addToMemory` keeps new ones. Needs no engine and sends nothing anywhere.
 */
import { v7 as uuidv7 } from "uuid";
import type { MemoryMatch } from "../../contracts/translations.ts";
import { todayIn } from "../../kernel/calendar/dates.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Queryable } from "../../store/db.ts";
import {
  candidatesByWords,
  commonWordKeys,
  insertUnits,
  unitsByKey,
  type MemoryRow,
  type NewMemoryRow,
  type Pair,
} from "./db.ts";
import { sourceKey, tokenKeys } from "./keys.ts";
import { bestPossible, FUZZY_THRESHOLD, normalizeSource, similarity, tidy } from "./text.ts";

/** How many units sharing words with a source are decrypted and compared, at most. */
export const CANDIDATES_PER_SOURCE = 40;

/**
 * A word key held by more than this share of the memory's units is a common word: a query leaves
 * it out (keeping at least its KEEP_RAREST rarest keys), since it would bring back most of the
 * memory as candidates and tells none of them apart. Only in a memory of COMMON_WORDS_FROM units
 * or more.
 */
export const COMMON_WORD_SHARE = 0.02;
export const COMMON_WORDS_FROM = 1000;
const KEEP_RAREST = 2;

/** The keys of a query worth asking: its common words left out, unless too few would be left. */
export function askedKeys(keys: readonly number[], common: ReadonlyMap<number, number>): number[] {
  if (common.size === 0) return [...keys];
  const rare = keys.filter((k) => (common.get(k) ?? 0) <= COMMON_WORD_SHARE);
  if (rare.length >= KEEP_RAREST) return rare;
  return [...keys].sort((a, b) => (common.get(a) ?? 0) - (common.get(b) ?? 0)).slice(0, KEEP_RAREST);
}

/** The score of a unit whose source differs from the sentence only in letter case. */
export const CASE_ONLY_SCORE = 99;

const field = (id: string, name: "source" | "target") => ({
  table: "translation_memory",
  row: id,
  field: name,
});

export function openSource(keyring: Keyring, row: Pick<MemoryRow, "id" | "source_enc">): string {
  return keyring.decrypt(row.source_enc, field(row.id, "source"));
}

export function openTarget(keyring: Keyring, row: Pick<MemoryRow, "id" | "target_enc">): string {
  return keyring.decrypt(row.target_enc, field(row.id, "target"));
}

/**
 * The memory's best matches for each of `sources` (same order), at most `limit` each: units with
 * the same normalized source first (score 100, or 99 when only letter case differs), then fuzzy
 * ones scoring at least 70, highest first, newest first among equals. Only the office's own
 * memory for this language pair is searched. `timeZone` dates each match's approval.
 */
export async function memoryMatches(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  sourceLang: string,
  targetLang: string,
  sources: readonly string[],
  limit = 3,
  timeZone = "UTC",
): Promise<MemoryMatch[][]> {
  const out: MemoryMatch[][] = sources.map(() => []);
  if (sources.length === 0 || limit < 1) return out;
  const pair: Pair = { officeId, sourceLang, targetLang };
  const queries = sources.map((s) => ({
    tidy: tidy(s),
    normalized: normalizeSource(s),
    key: sourceKey(keyring, sourceLang, s),
    words: tokenKeys(keyring, sourceLang, s),
  }));

  const [exact, common] = await Promise.all([
    unitsByKey(tx, pair, [...new Set(queries.map((q) => q.key))]),
    commonWordKeys(tx, COMMON_WORDS_FROM),
  ]);
  const candidates = await candidatesByWords(
    tx,
    pair,
    queries.map((q) => askedKeys(q.words, common)),
    CANDIDATES_PER_SOURCE,
  );

  // Each unit's source is decrypted once, however many sentences it is a candidate for.
  const sourcesOf = new Map<string, { tidy: string; normalized: string }>();
  const opened = (row: MemoryRow) => {
    let s = sourcesOf.get(row.id);
    if (!s) {
      const text = openSource(keyring, row);
      s = { tidy: tidy(text), normalized: normalizeSource(text) };
      sourcesOf.set(row.id, s);
    }
    return s;
  };
  const scored: { row: MemoryRow; score: number }[][] = sources.map(() => []);
  queries.forEach((q, i) => {
    const list = scored[i]!;
    for (const row of exact) {
      if (row.source_key !== q.key) continue;
      const s = opened(row);
      // The digest is of the normalized text; a collision, however unlikely, is not a match.
      if (s.normalized !== q.normalized) continue;
      list.push({ row, score: s.tidy === q.tidy ? 100 : CASE_ONLY_SCORE });
    }
  });
  for (const row of candidates) {
    const i = row.query;
    const q = queries[i];
    const list = scored[i];
    if (!q || !list || row.source_key === q.key) continue;
    const s = opened(row);
    if (bestPossible(s.normalized.length, q.normalized.length) < FUZZY_THRESHOLD) continue;
    const score = Math.min(similarity(s.normalized, q.normalized), CASE_ONLY_SCORE - 1);
    if (score >= FUZZY_THRESHOLD) list.push({ row, score });
  }

  const dates = new Map<string, string>();
  const approvedOn = (at: string) => {
    let d = dates.get(at);
    if (!d) {
      d = todayIn(timeZone, new Date(at));
      dates.set(at, d);
    }
    return d;
  };
  scored.forEach((list, i) => {
    list.sort(
      (a, b) =>
        b.score - a.score ||
        b.row.approved_at.localeCompare(a.row.approved_at) ||
        a.row.id.localeCompare(b.row.id),
    );
    const seen = new Set<string>();
    for (const { row, score } of list) {
      if (out[i]!.length >= limit) break;
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      out[i]!.push({
        unitId: row.id,
        score,
        source: sourcesOf.get(row.id)?.tidy ?? openSource(keyring, row),
        target: openTarget(keyring, row),
        translatedBy: row.translated_by,
        reviewedBy: row.reviewed_by,
        approvedOn: approvedOn(row.approved_at),
      });
    }
  });
  return out;
}

export interface MemoryUnitInput {
  source: string;
  target: string;
  /** Who translated and reviewed this unit, when not the batch's `translatedBy` / `reviewedBy`. */
  translatedBy?: string | null;
  reviewedBy?: string | null;
  /** When this unit was approved, when not the batch's `at` (an imported unit keeps its date). */
  at?: Date | string | null;
}

export interface AddToMemory {
  officeId: string;
  sourceLang: string;
  targetLang: string;
  units: readonly MemoryUnitInput[];
  /** The finalized job the units come from (null for an import). */
  jobId?: string | null;
  /** Each unit's segment, in the same order as `units` (absent for an import). */
  segmentIds?: readonly (string | null)[] | null;
  translatedBy?: string | null;
  reviewedBy?: string | null;
  /** When the units were approved (the job's finalization, or the import). */
  at: Date | string;
  /** `office`: the office's own final translations; `tmx`: imported. */
  origin: "office" | "tmx";
}

export interface AddedToMemory {
  added: number;
  /** Units whose source and target the memory already held (or an earlier unit of the batch). */
  skipped: number;
  /** Each unit's id in the memory, new or already there, in the order of `units`. */
  unitIds: string[];
}

/**
 * Add units to the office's memory for a language pair, sealed. A unit whose source (as the memory
 * compares it) and target (white space tidied) the memory already holds is not added twice; an
 * empty source or target is refused with a TypeError (the callers check their input first).
 */
export async function addToMemory(
  tx: Queryable,
  keyring: Keyring,
  input: AddToMemory,
): Promise<AddedToMemory> {
  const pair: Pair = { officeId: input.officeId, sourceLang: input.sourceLang, targetLang: input.targetLang };
  const iso = (at: Date | string) => (typeof at === "string" ? new Date(at) : at).toISOString();
  const approvedAt = iso(input.at);
  const units = input.units.map((u) => {
    const source = tidy(u.source);
    const target = tidy(u.target);
    if (source === "" || target === "") throw new TypeError("a memory unit needs a source and a target");
    return { ...u, source, target, key: sourceKey(keyring, input.sourceLang, source) };
  });

  // What the memory holds for these sources: target (tidied) → unit id, per source key.
  const held = new Map<string, Map<string, string>>();
  for (const row of await unitsByKey(tx, pair, [...new Set(units.map((u) => u.key))])) {
    let targets = held.get(row.source_key);
    if (!targets) held.set(row.source_key, (targets = new Map()));
    const target = tidy(openTarget(keyring, row));
    if (!targets.has(target)) targets.set(target, row.id);
  }

  const rows: NewMemoryRow[] = [];
  const unitIds: string[] = [];
  units.forEach((u, i) => {
    let targets = held.get(u.key);
    if (!targets) held.set(u.key, (targets = new Map()));
    const existing = targets.get(u.target);
    if (existing) {
      unitIds.push(existing);
      return;
    }
    const id = uuidv7();
    targets.set(u.target, id);
    unitIds.push(id);
    rows.push({
      id,
      sourceKey: u.key,
      tokenKeys: tokenKeys(keyring, input.sourceLang, u.source),
      sourceEnc: keyring.encrypt(u.source, field(id, "source")),
      targetEnc: keyring.encrypt(u.target, field(id, "target")),
      origin: input.origin,
      jobId: input.jobId ?? null,
      segmentId: input.segmentIds?.[i] ?? null,
      translatedBy: u.translatedBy !== undefined ? u.translatedBy : (input.translatedBy ?? null),
      reviewedBy: u.reviewedBy !== undefined ? u.reviewedBy : (input.reviewedBy ?? null),
      approvedAt: u.at ? iso(u.at) : approvedAt,
    });
  });
  await insertUnits(tx, pair, rows);
  return { added: rows.length, skipped: units.length - rows.length, unitIds };
}
