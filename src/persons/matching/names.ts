/**
 * Names compared across scripts and spellings (docs/identity-matching.md, "Names").
 *
 * Each word of a name (a "part") is folded (case, width and accents taken away), romanized
 * (any-ascii: Hangul, Khmer, Arabic, Cyrillic, Han… all become Latin letters) and reduced to a
 * consonant skeleton: the sounds that survive a name's journey through another script. Arabic
 * writes few vowels, Hangul adds vowels a consonant cluster needs (Sreymom → 스레이몸 →
 * "seuleimom"), Korean has no f, v or z and one letter for r and l, and Latin spellings hesitate
 * between kh and k, ph and p, ch and j. So the skeleton keeps consonants only, in classes: k g q c
 * → K; t d → T; p b f v → P; j z ch → J; s sh x → S; l r → L; m → M; n ng → N; and drops
 * h, w, y and the vowels; a letter repeated counts once, and a final s, j or ch counts as t (Korean
 * says every final ㄷ ㅅ ㅈ ㅊ ㅌ as [t]: Piseth → 피셋).
 *
 * Two parts are alike by the better of the Jaro-Winkler similarity of their romanizations and (a
 * little below it) of their skeletons. Two names are compared part by part in any order (the best
 * pairing), and also as wholes (their parts run together, in either order), for scripts that write
 * a name without spaces (김민수 against Kim Min Su).
 */
import anyAscii from "any-ascii";
import jaroWinkler from "talisman/metrics/jaro-winkler.js";
import { nameWords } from "../name-keys.ts";

// Scripts that write a family and a given name without a space: a word also stands for its endings.
const SYLLABIC = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN = /^[\p{Script=Latin}\p{N}]+$/u;
/**
 * Skeletons: the same skeleton makes two parts alike (0.95); different ones count for less than
 * spellings do (0.9 × their similarity, never alike on its own), as many names share a skeleton's
 * letters.
 */
const SAME_SKELETON = 0.95;
const SKELETON_DISCOUNT = 0.9;
const MAX_PARTS = 8;
/** One consonant in common (Ali and علي, "ly"; but also Lee and Ola) is weak evidence: not alike alone. */
const SINGLE_CONSONANT = 0.85;
/** Names run together are alike as wholes only from here: long strings with a shared start score high. */
const WHOLE_ALIKE = 0.95;

export interface MatchPart {
  /** The word as written, folded. */
  folded: string;
  /** Its romanization: lower-case a-z and digits only. */
  roman: string;
  /** Its consonant skeleton (see above); the romanization's letters when it has no consonant. */
  skeleton: string;
  /**
   * Its skeleton read with kh as a mere h, when it has a kh: Cyrillic х, Arabic خ and Hangul ㅎ
   * stand for a Latin h as often as for a kh (Хоссаин is Hossain).
   */
  softSkeleton: string | null;
  latin: boolean;
}

export interface MatchName {
  parts: MatchPart[];
  /** Whether the name was written in Latin letters. */
  latin: boolean;
  /** The parts run together, in order and reversed (computed when first needed). */
  wholes(): [MatchPart, MatchPart];
}

export function romanize(text: string): string {
  return anyAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const DIGRAPHS: readonly (readonly [RegExp, string])[] = [
  [/tsch|tch/g, "J"],
  [/sch|sh/g, "S"],
  [/dzh|dz|dj|zh|ch|jj/g, "J"],
  [/ss|ts|tz|x/g, "S"],
  [/ng(?![aeiouy])/g, "N"],
  [/ck|kh|gh|kk|qu/g, "K"],
  [/ph|pp|bh/g, "P"],
  [/th|dh|tt/g, "T"],
];

const CLASSES: Record<string, string> = {
  k: "K",
  g: "K",
  q: "K",
  c: "K",
  t: "T",
  d: "T",
  p: "P",
  b: "P",
  f: "P",
  v: "P",
  j: "J",
  z: "J",
  s: "S",
  l: "L",
  r: "L",
  m: "M",
  n: "N",
};

/** The consonant skeleton of a romanization (see the module's comment). */
export function skeleton(roman: string): string {
  let s = roman;
  for (const [pattern, replacement] of DIGRAPHS) s = s.replace(pattern, replacement);
  let out = "";
  for (const ch of s) {
    const c = ch >= "A" && ch <= "Z" ? ch : (CLASSES[ch] ?? "");
    if (c !== "" && !out.endsWith(c)) out += c;
  }
  if (out === "") return roman;
  // A final t, s, ch or j sound is one in Korean (받침 ㄷ ㅅ ㅈ ㅊ ㅌ are all said [t]).
  return out.length > 1 ? out.replace(/[SJ]$/, "T") : out;
}

/**
 * Parts already computed, by the folded word: a candidate list compares hundreds of names made of
 * far fewer distinct words. Words only, never whose they are; emptied when it grows too large.
 */
const PARTS = new Map<string, MatchPart>();
const PARTS_KEPT = 20_000;

function part(folded: string): MatchPart {
  const known = PARTS.get(folded);
  if (known) return known;
  if (PARTS.size >= PARTS_KEPT) PARTS.clear();
  const made = makePart(folded);
  PARTS.set(folded, made);
  return made;
}

function makePart(folded: string): MatchPart {
  const roman = romanize(folded);
  const soft = roman.includes("kh") ? skeleton(roman.replaceAll("kh", "h")) : null;
  return { folded, roman, skeleton: skeleton(roman), softSkeleton: soft, latin: LATIN.test(folded) };
}

/** The skeletons of a part: its own, and the one with kh read as h. */
export function skeletonsOf(p: MatchPart): string[] {
  return p.softSkeleton && p.softSkeleton !== p.skeleton ? [p.skeleton, p.softSkeleton] : [p.skeleton];
}

/** A name's parts: its words, folded, each romanized and reduced to its skeleton. */
export function matchName(value: string): MatchName {
  const words = nameWords(value).slice(0, MAX_PARTS);
  const parts = words.map(part).filter((p) => p.roman !== "");
  let wholes: [MatchPart, MatchPart] | undefined;
  return {
    parts,
    latin: parts.every((p) => p.latin),
    wholes: () => (wholes ??= [joined(parts), joined([...parts].reverse())]),
  };
}

/**
 * The parts a name gives for blocking: its words, and for a word written in syllables (Hangul,
 * Han, kana) also its endings, so that 김민수 meets "Minsu".
 */
export function blockingParts(value: string): MatchPart[] {
  const out = new Map<string, MatchPart>();
  for (const word of nameWords(value).slice(0, MAX_PARTS)) {
    out.set(word, part(word));
    const chars = [...word];
    if (!SYLLABIC.test(chars[0] ?? "")) continue;
    for (let i = 1; i < Math.min(chars.length, 6); i++) {
      const ending = chars.slice(i).join("");
      if (SYLLABIC.test(chars[i] ?? "")) out.set(ending, part(ending));
    }
  }
  return [...out.values()].filter((p) => p.roman !== "");
}

/** Similarities already computed, by pair of parts (parts are shared: see PARTS). */
const SIMILARITIES = new WeakMap<MatchPart, Map<MatchPart, number>>();

/** How alike two parts sound, 0 to 1. */
export function partSimilarity(a: MatchPart, b: MatchPart): number {
  let row = SIMILARITIES.get(a);
  if (!row) SIMILARITIES.set(a, (row = new Map()));
  let s = row.get(b);
  if (s === undefined) row.set(b, (s = similarity(a, b)));
  return s;
}

function similarity(a: MatchPart, b: MatchPart): number {
  if (a.folded === b.folded) return 1;
  if (a.roman === b.roman) return 1;
  const spelled = jaroWinkler(a.roman, b.roman);
  let sounded = 0;
  for (const x of skeletonsOf(a))
    for (const y of skeletonsOf(b)) {
      const s =
        x.length >= 2 && y.length >= 2
          ? x === y
            ? SAME_SKELETON
            : SKELETON_DISCOUNT * jaroWinkler(x, y)
          : x === y && /^[A-Z]$/.test(x)
            ? SINGLE_CONSONANT
            : 0;
      if (s > sounded) sounded = s;
    }
  return Math.max(spelled, sounded);
}

export interface NameComparison {
  /** The mean similarity of the paired parts (or of the whole names, when that is better). */
  similarity: number;
  /** Parts paired, and how many of them are alike (≥ 0.9). */
  paired: number;
  alike: number;
  /** Parts left without a partner (a middle name, a patronymic that one writing left out). */
  unpaired: number;
  /** The same words, in any order. */
  exact: boolean;
  /** The best pairing puts the parts in another order. */
  reordered: boolean;
  /** The two names are written in different scripts. */
  crossScript: boolean;
}

/** Two parts are "alike" from this similarity on. */
export const ALIKE = 0.9;

export const joined = (parts: readonly MatchPart[]) => part(parts.map((p) => p.folded).join(""));

/** Compare two names, part by part in any order, and as wholes. */
export function compareNames(a: MatchName, b: MatchName): NameComparison {
  const crossScript = a.latin !== b.latin;
  const wordsA = a.parts.map((p) => p.folded).sort();
  const wordsB = b.parts.map((p) => p.folded).sort();
  const exact = wordsA.length > 0 && wordsA.join(" ") === wordsB.join(" ");
  // Every pair's similarity, then the best pairing, greedily (names have few parts).
  const pairs: { i: number; j: number; s: number }[] = [];
  a.parts.forEach((pa, i) => b.parts.forEach((pb, j) => pairs.push({ i, j, s: partSimilarity(pa, pb) })));
  pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const chosen: typeof pairs = [];
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    chosen.push(p);
  }
  const paired = chosen.length;
  let similarity = paired === 0 ? 0 : chosen.reduce((sum, p) => sum + p.s, 0) / paired;
  let alike = chosen.filter((p) => p.s >= ALIKE).length;
  const unpaired = a.parts.length + b.parts.length - 2 * paired;
  const order = [...chosen].sort((x, y) => x.i - y.i).map((p) => p.j);
  const reordered = order.some((j, k) => k > 0 && j < order[k - 1]!);
  // As wholes: a name written without spaces against the same name with them.
  if (a.parts.length !== b.parts.length && a.parts.length > 0 && b.parts.length > 0) {
    const whole = Math.max(
      partSimilarity(a.wholes()[0], b.wholes()[0]),
      partSimilarity(a.wholes()[0], b.wholes()[1]),
    );
    if (whole >= WHOLE_ALIKE && whole > similarity) {
      similarity = whole;
      alike = Math.min(a.parts.length, b.parts.length);
      return { similarity, paired, alike, unpaired: 0, exact, reordered, crossScript };
    }
  }
  return { similarity, paired, alike, unpaired, exact, reordered, crossScript };
}
