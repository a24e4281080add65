/**
 * A unit's translation put back together from its final segments. Sentences are joined as the
 * source separated them: a line break where the source had one (a blank line stays a blank line),
 * otherwise one space, or nothing for a language written without spaces between sentences
 * (Chinese, Japanese). The separator belongs to the language the text is now in: a Khmer
 * translation of a Chinese source still puts a space after "។".
 *
 * Pure: no I/O, no clock.
 */
import { splitSentences } from "./segments.ts";

/** Languages whose sentences follow each other without a space. */
const NO_SPACE = new Set(["zh", "ja", "yue", "wuu", "lzh", "hak", "nan", "cmn"]);

/** The separator between two translated sentences, from the gap between their sources. */
export function separator(gap: string, targetLanguage: string): string {
  const breaks = (gap.match(/\r\n|\n|\r|\u2028|\u2029/g) ?? []).length;
  if (breaks >= 2) return "\n\n";
  if (breaks === 1) return "\n";
  const primary = targetLanguage.toLowerCase().split("-")[0] ?? "";
  return NO_SPACE.has(primary) ? "" : " ";
}

/** A unit's translation from its sentences' targets, each with the gap that followed its source. */
export function joinSentences(
  parts: readonly { target: string; gap: string }[],
  targetLanguage: string,
): string {
  return parts
    .map((p, i) => p.target.trim() + (i < parts.length - 1 ? separator(p.gap, targetLanguage) : ""))
    .join("");
}

/**
 * The translation of one unit from its segments' targets, one per sentence of the unit's source
 * in order. A count that does not match the source's sentences is a programming error.
 */
export function joinTargets(
  unitSource: string,
  sourceLanguage: string,
  targetLanguage: string,
  targets: readonly string[],
): string {
  const sentences = splitSentences(unitSource, sourceLanguage);
  if (sentences.length !== targets.length)
    throw new Error(`the unit has ${sentences.length} sentences and ${targets.length} translated segments`);
  return joinSentences(
    targets.map((target, i) => ({ target, gap: sentences[i]?.gap ?? "" })),
    targetLanguage,
  );
}
