/**
 * The pure part of the what-is-new comparison (docs/what-is-new.md): how a claimed fact compares
 * with the earlier claim, and which tag OpenRSD proposes for each element from its dates and
 * hashes. A proposal is never a classification: the examiner classifies (PUT …/elements).
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { ElementTag } from "../../kernel/reapplication/policy.ts";
import type { ReasonCode } from "../../contracts/what-is-new.ts";

export interface Proposal {
  tag: ElementTag | null;
  code: ReasonCode;
  why: string;
}

/** Lower case, letters and digits only, single spaces. */
export function normalizeStatement(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function words(s: string): Set<string> {
  return new Set(
    normalizeStatement(s)
      .split(" ")
      .filter((w) => w.length > 0),
  );
}

/** Dice coefficient of the two statements' word sets (1: the same words). */
export function statementSimilarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 1;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

/** At or above this, a statement is a changed account of an earlier one rather than a new fact. */
export const CHANGED_THRESHOLD = 0.5;

export interface EarlierFact<T> {
  statement: string;
  ref: T;
}

/** The earlier fact a statement matches, and how: the same statement, a changed account, or none. */
export function matchFact<T>(
  statement: string,
  earlier: readonly EarlierFact<T>[],
): { comparison: "new" | "changed" | "already_considered"; match: EarlierFact<T> | null } {
  const norm = normalizeStatement(statement);
  const same = earlier.find((e) => normalizeStatement(e.statement) === norm);
  if (same) return { comparison: "already_considered", match: same };
  let best: EarlierFact<T> | null = null;
  let score = 0;
  for (const e of earlier) {
    const s = statementSimilarity(statement, e.statement);
    if (s > score) {
      score = s;
      best = e;
    }
  }
  if (best && score >= CHANGED_THRESHOLD) return { comparison: "changed", match: best };
  return { comparison: "new", match: null };
}

/** The tag a claimed fact is proposed, from how it compares and its date. */
export function proposeFact(
  comparison: "new" | "changed" | "already_considered",
  occurredOn: LegalDate | null,
  cut: LegalDate | null,
): Proposal {
  if (comparison === "already_considered")
    return {
      tag: "already_considered",
      code: "same_statement",
      why: "the same statement was examined in the earlier case",
    };
  if (cut && occurredOn && occurredOn > cut)
    return {
      tag: "arose_after",
      code: "occurred_after",
      why: `it occurred on ${occurredOn}, after the earlier decision of ${cut}`,
    };
  if (cut && occurredOn)
    return {
      tag: "existed_not_relied_on",
      code: comparison === "changed" ? "changed_before" : "occurred_before",
      why:
        comparison === "changed"
          ? `a changed account of a fact claimed earlier; it occurred on ${occurredOn}, before the earlier decision`
          : `it occurred on ${occurredOn}, before the earlier decision, and was not claimed then`,
    };
  if (comparison === "changed")
    return {
      tag: "existed_not_relied_on",
      code: "changed_undated",
      why: "a changed account of a fact claimed earlier, without a date: what it adds may have existed before",
    };
  return {
    tag: null,
    code: "undated",
    why: "no date: the examiner decides whether it arose after the earlier decision",
  };
}

/** The tag an evidence item is proposed: identical by hash, or by the date of what it shows. */
export function proposeEvidence(
  identicalTo: string | null,
  originOn: LegalDate | null,
  cut: LegalDate | null,
): Proposal {
  if (identicalTo)
    return {
      tag: "already_considered",
      code: "identical_hash",
      why: `identical by SHA-256 to ${identicalTo}, which was before the earlier decision`,
    };
  if (cut && originOn && originOn > cut)
    return {
      tag: "arose_after",
      code: "dated_after",
      why: `it dates from ${originOn}, after the earlier decision of ${cut}`,
    };
  if (cut && originOn)
    return {
      tag: "existed_not_relied_on",
      code: "dated_before",
      why: `it dates from ${originOn}, before the earlier decision, and was not before the decision-maker`,
    };
  return {
    tag: null,
    code: "undated",
    why: "when it came into being is not recorded: the examiner decides whether it arose after the earlier decision",
  };
}

/** A dated element of the world (an observation, a report, a judgment, a state's action). */
export function proposeDated(on: LegalDate, cut: LegalDate | null, what: string): Proposal {
  if (!cut)
    return { tag: null, code: "no_decision", why: "the earlier case has no decision to compare with" };
  if (on > cut)
    return {
      tag: "arose_after",
      code: "dated_after",
      why: `${what} on ${on}, after the earlier decision of ${cut}`,
    };
  return {
    tag: "existed_not_relied_on",
    code: "dated_before",
    why: `${what} on ${on}, before the earlier decision, and not before the decision-maker`,
  };
}
