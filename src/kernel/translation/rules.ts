/**
 * The rules of a translation's review (docs/translation.md, "States and review"), after XLIFF 2's
 * segment states:
 *
 * - `initial`: empty, or a proposal (the memory's, an engine's, an imported file's, or the target
 *   a segment had before its source changed) that no person has taken yet;
 * - `translated`: a person wrote, post-edited or accepted the target; they are its translator;
 * - `reviewed`: a second person, not the translator, checked it;
 * - `final`: the whole job was finalized, every live segment reviewed; a final job is read-only.
 *
 * A reviewer may return a segment with a reason: it goes back to `initial` keeping its target,
 * until the next save. Saving a reviewed segment's target again voids the review. A target must
 * keep every placeholder of its source.
 *
 * Pure: no I/O, no clock. A rule that refuses throws `TranslationRuleError`.
 */
import { missingPlaceholders } from "./placeholders.ts";

export const SEGMENT_STATES = ["initial", "translated", "reviewed", "final"] as const;
export type SegmentState = (typeof SEGMENT_STATES)[number];
export type JobState = "open" | "final" | "cancelled";
/** Where a target came from. */
export type OriginKind = "none" | "memory" | "engine" | "person" | "import";

/** What the rules need to know of a segment (ids of accounts, not names). */
export interface SegmentFacts {
  source: string;
  target: string | null;
  state: SegmentState;
  origin: OriginKind;
  translatedBy: string | null;
  reviewedBy: string | null;
  /** Whether a reviewer returned it (and no one saved it since). */
  returned: boolean;
  sourceChanged: boolean;
  /** No longer in the source: kept for the record, never part of the translation. */
  removed: boolean;
}

/**
 * A refusal of the rules: `conflict` (the moment or the person is wrong: 409) or `invalid` (the
 * input is wrong: 422), with the placeholders a target is missing when that is why.
 */
export class TranslationRuleError extends Error {
  constructor(
    readonly kind: "conflict" | "invalid",
    message: string,
    readonly missing: readonly string[] = [],
  ) {
    super(message);
    this.name = "TranslationRuleError";
  }
}

const conflict = (message: string) => new TranslationRuleError("conflict", message);

/** A job can be changed only while it is open: a final one is read-only, a cancelled one is over. */
export function assertOpen(job: { state: JobState }): void {
  if (job.state === "final")
    throw conflict("the translation is final and read-only; a change of its source reopens it");
  if (job.state === "cancelled") throw conflict("the translation was cancelled");
}

function assertLive(s: SegmentFacts): void {
  if (s.removed) throw conflict("this segment is no longer in the source");
}

/** Refuse a target that drops a placeholder of its source (422 naming the missing ones). */
export function assertPlaceholders(source: string, target: string): void {
  const missing = missingPlaceholders(source, target);
  if (missing.length > 0)
    throw new TranslationRuleError(
      "invalid",
      `the translation must keep the placeholder${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of the source`,
      missing,
    );
}

/**
 * A person saves a target: the segment becomes `translated` by them; a review it had is void, a
 * return is answered. A target equal to a proposal accepts it (its origin stays); a changed one
 * is the person's own (or the imported file's). Null when nothing would change: the same target,
 * already translated by the same person.
 */
export function saveTarget(
  job: { state: JobState },
  s: SegmentFacts,
  by: string,
  target: string,
  via: "person" | "import" = "person",
): SegmentFacts | null {
  assertOpen(job);
  assertLive(s);
  if (target.trim() === "") throw new TranslationRuleError("invalid", "the translation is empty");
  assertPlaceholders(s.source, target);
  if (s.state === "translated" && s.target === target && s.translatedBy === by) return null;
  return {
    ...s,
    target,
    state: "translated",
    origin: s.target === target && s.origin !== "none" ? s.origin : via,
    translatedBy: by,
    reviewedBy: null,
    returned: false,
    sourceChanged: false,
  };
}

/**
 * A reviewer's decision on a translated segment: `reviewed` by someone who is not its translator,
 * or `returned` with a reason (back to `initial`, keeping the target). A reviewed segment may be
 * returned too, until the job is finalized.
 */
export function reviewSegment(
  job: { state: JobState },
  s: SegmentFacts,
  by: string,
  decision: "reviewed" | "returned",
  reason?: string,
): SegmentFacts {
  assertOpen(job);
  assertLive(s);
  if (decision === "reviewed") {
    if (s.state === "reviewed") throw conflict("this segment is already reviewed");
    if (s.state !== "translated")
      throw conflict("only a translated segment can be reviewed: a person must translate it first");
    if (s.translatedBy === by) throw conflict("you translated this segment: a second person must review it");
    return { ...s, state: "reviewed", reviewedBy: by, returned: false };
  }
  if (!reason || reason.trim() === "")
    throw new TranslationRuleError("invalid", "say why the segment is returned");
  if (s.state !== "translated" && s.state !== "reviewed")
    throw conflict("only a translated or reviewed segment can be returned");
  if (s.translatedBy === by)
    throw conflict("you translated this segment: a second person must review or return it");
  return { ...s, state: "initial", reviewedBy: null, returned: true };
}

/**
 * A proposal (the memory's exact match, an engine's draft, an imported file's target) for an empty
 * `initial` segment: it fills the target, the state stays `initial` until a person takes it. Null
 * when the segment is not empty and initial (a person's work is never overwritten).
 */
export function propose(
  job: { state: JobState },
  s: SegmentFacts,
  target: string,
  origin: Exclude<OriginKind, "none" | "person">,
): SegmentFacts | null {
  assertOpen(job);
  if (s.removed || s.state !== "initial" || (s.target !== null && s.target !== "")) return null;
  return { ...s, target, origin };
}

export interface Counts {
  initial: number;
  translated: number;
  reviewed: number;
  final: number;
}

/** How many live segments are in each state. */
export function countStates(segments: readonly Pick<SegmentFacts, "state" | "removed">[]): Counts {
  const c: Counts = { initial: 0, translated: 0, reviewed: 0, final: 0 };
  for (const s of segments) if (!s.removed) c[s.state] += 1;
  return c;
}

/**
 * Finalize a job: refused unless every live segment is reviewed, and by a person who translated
 * none of them (a reviewer). Every live segment becomes `final`.
 */
export function finalizeSegments<S extends SegmentFacts>(
  job: { state: JobState },
  segments: readonly S[],
  by: string,
): S[] {
  assertOpen(job);
  const live = segments.filter((s) => !s.removed);
  if (live.length === 0) throw conflict("the source has no text to translate");
  const reviewed = live.filter((s) => s.state === "reviewed").length;
  if (reviewed < live.length)
    throw conflict(
      `every segment must be reviewed before the translation is final: ${reviewed} of ${live.length} reviewed`,
    );
  if (live.some((s) => s.translatedBy === by))
    throw conflict("you translated segments of this text: a reviewer who did not must finalize it");
  return segments.map((s) => (s.removed ? s : { ...s, state: "final" as const }));
}
