/**
 * When the source of a translation changes (docs/translation.md, "Model"): which segments stay,
 * which are reset, which are added and which are removed. A segment is the same across changes
 * when its unit, the keyed digest of its normalized sentence and its occurrence index in the unit
 * are the same; it keeps its target and state. Within a unit, a sentence that no longer matches
 * is paired in order with a new one that matches nothing: that segment changed (reset to
 * `initial`, its old target kept as a proposal). What is left over is added or removed.
 *
 * Pure: the digest is computed by the caller (it is keyed, and the kernel holds no key).
 */
import { normalizeSentence, type UnitSentence } from "./segments.ts";

export interface CurrentSegment {
  id: string;
  unit: string;
  /** The digest of the segment's normalized source sentence. */
  digest: string;
  position: number;
  removed: boolean;
}

export interface NextSentence extends UnitSentence {
  digest: string;
}

export type SyncStep =
  | { kind: "keep"; id: string; position: number }
  | { kind: "reset"; id: string; position: number; sentence: NextSentence }
  | { kind: "add"; position: number; sentence: NextSentence }
  | { kind: "remove"; id: string };

export interface SyncPlan {
  steps: SyncStep[];
  /** Whether anything changes (a reset, an addition, a removal or a segment that moved). */
  changed: boolean;
}

/** The digest of each sentence, with its occurrence index (`digest` sees the normalized text). */
export function withDigests(
  sentences: readonly UnitSentence[],
  digest: (normalized: string) => string,
): NextSentence[] {
  return sentences.map((s) => ({ ...s, digest: digest(normalizeSentence(s.text)) }));
}

const identity = (unit: string, digest: string, occurrence: number) =>
  JSON.stringify([unit, digest, occurrence]);

/** Plan the change from the job's segments (in position order) to the source's sentences now. */
export function planSync(current: readonly CurrentSegment[], next: readonly NextSentence[]): SyncPlan {
  const live = [...current].filter((s) => !s.removed).sort((a, b) => a.position - b.position);
  const byIdentity = new Map<string, CurrentSegment>();
  const seen = new Map<string, number>();
  for (const s of live) {
    const key = JSON.stringify([s.unit, s.digest]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    byIdentity.set(identity(s.unit, s.digest, occurrence), s);
  }
  const matched = new Map<number, CurrentSegment>();
  const used = new Set<string>();
  next.forEach((n, i) => {
    const s = byIdentity.get(identity(n.unit, n.digest, n.occurrence));
    if (s) {
      matched.set(i, s);
      used.add(s.id);
    }
  });
  // The unmatched segments of each unit, in order, waiting to be paired with changed sentences.
  const leftover = new Map<string, CurrentSegment[]>();
  for (const s of live) {
    if (used.has(s.id)) continue;
    const list = leftover.get(s.unit) ?? [];
    list.push(s);
    leftover.set(s.unit, list);
  }
  const steps: SyncStep[] = [];
  let changed = false;
  next.forEach((n, i) => {
    const position = i + 1;
    const same = matched.get(i);
    if (same) {
      if (same.position !== position) changed = true;
      steps.push({ kind: "keep", id: same.id, position });
      return;
    }
    changed = true;
    const old = leftover.get(n.unit)?.shift();
    steps.push(
      old ? { kind: "reset", id: old.id, position, sentence: n } : { kind: "add", position, sentence: n },
    );
  });
  for (const list of leftover.values())
    for (const s of list) {
      changed = true;
      steps.push({ kind: "remove", id: s.id });
    }
  return { steps, changed };
}
