/**
 * A translatable text cut into segments (docs/translation.md, "Model"): each unit of a source is
 * split into sentences by the Unicode sentence rules of its language (`Intl.Segmenter`, UAX #29
 * with ICU's tailorings), each trimmed, empty ones dropped. What lies between two sentences is
 * kept as the gap, so that the final text can be put back together with the same breaks.
 *
 * Pure: no I/O, no clock.
 */

export interface Sentence {
  /** The sentence as written, trimmed. */
  text: string;
  /** The white space that separated it from the next sentence in the unit ("" for the last). */
  gap: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    try {
      s = new Intl.Segmenter(language, { granularity: "sentence" });
    } catch {
      // A tag the runtime does not know is cut by the root rules, which every language shares.
      s = new Intl.Segmenter("und", { granularity: "sentence" });
    }
    segmenters.set(language, s);
  }
  return s;
}

/** The sentences of one unit of text, in order, with the gaps between them. */
export function splitSentences(text: string, language: string): Sentence[] {
  const out: Sentence[] = [];
  let pendingGap = "";
  for (const { segment } of segmenter(language).segment(text)) {
    const trimmed = segment.trim();
    if (trimmed === "") {
      pendingGap += segment;
      continue;
    }
    const lead = segment.slice(0, segment.length - segment.trimStart().length);
    const trail = segment.slice(segment.trimEnd().length);
    const last = out[out.length - 1];
    if (last) last.gap = pendingGap + lead;
    out.push({ text: trimmed, gap: "" });
    pendingGap = trail;
  }
  return out;
}

/**
 * A sentence as compared across changes of its source: Unicode NFC, every run of white space one
 * space, trimmed. Two sentences that differ only in spacing are the same sentence.
 */
export function normalizeSentence(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

export interface UnitSentence {
  unit: string;
  text: string;
  /** Which occurrence of the same normalized sentence in the same unit this is (0 for the first). */
  occurrence: number;
  /** The white space that separated it from the next sentence of its unit ("" for the last). */
  gap: string;
}

/** Every unit's sentences, in the units' order, each with its occurrence index in its unit. */
export function segmentUnits(
  units: readonly { unit: string; text: string }[],
  language: string,
): UnitSentence[] {
  const out: UnitSentence[] = [];
  // Counted per unit name, should a source name one unit twice.
  const seen = new Map<string, number>();
  for (const u of units) {
    for (const s of splitSentences(u.text, language)) {
      const key = JSON.stringify([u.unit, normalizeSentence(s.text)]);
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      out.push({ unit: u.unit, text: s.text, occurrence, gap: s.gap });
    }
  }
  return out;
}
