/**
 * What the translation memory compares (docs/translation.md, "Memory"): a source sentence
 * normalized (NFC, white space collapsed, case folded where the script has case), its words (for
 * finding candidates), and the similarity of two sentences as a CAT tool shows it, 0 to 100. Pure.
 */
import levenshtein from "talisman/metrics/levenshtein.js";

/** The lowest score of a fuzzy match the memory proposes. */
export const FUZZY_THRESHOLD = 70;

/** NFC with white space collapsed and trimmed: how a sentence is kept and shown. */
export function tidy(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/**
 * The form two sources are compared in: tidied and case folded. Scripts without case (Hangul,
 * Khmer, Han) are unchanged by folding; `toLowerCase` folds every script that has case without
 * a locale's special rules, so the same sentence folds alike in every language pair.
 */
export function normalizeSource(text: string): string {
  return tidy(text).toLowerCase();
}

const segmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    let locale = "und";
    try {
      locale = Intl.getCanonicalLocales(lang)[0] ?? "und";
    } catch {
      // An unknown tag: the root locale's rules still split words at spaces and punctuation.
    }
    s = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(lang, s);
  }
  return s;
}

/**
 * The distinct words of a normalized source, by the language's word boundaries (Unicode's, with
 * ICU's dictionaries for scripts written without spaces, such as Khmer and Thai). Numbers count
 * as words; punctuation and spaces do not.
 */
export function wordsOf(normalized: string, lang: string): string[] {
  const words = new Set<string>();
  for (const part of wordSegmenter(lang).segment(normalized)) {
    if (part.isWordLike) words.add(part.segment);
  }
  return [...words];
}

/**
 * How alike two normalized sources are, 0 to 100: one minus the character edit distance
 * (Levenshtein) over the longer one's length, rounded down, so that only the same text scores
 * 100. Characters rather than words, because Khmer, Thai or Chinese write no spaces between words.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 100;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 100;
  return Math.max(0, Math.floor(100 * (1 - levenshtein(a, b) / longer)));
}

/**
 * The most a pair of lengths can score: an edit distance is at least the difference of the
 * lengths. Lets the memory skip candidates that cannot reach the threshold without comparing them.
 */
export function bestPossible(lengthA: number, lengthB: number): number {
  const longer = Math.max(lengthA, lengthB);
  if (longer === 0) return 100;
  return Math.floor(100 * (1 - Math.abs(lengthA - lengthB) / longer));
}
