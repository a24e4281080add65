/**
 * Finding a person by name when names are stored only encrypted (docs/security.md requirement 20).
 *
 * Each name is cut into parts (words; for scripts written without spaces between family and given
 * name, Hangul, Han and kana, also every ending of a word, so that 민수 finds 김민수). Each part
 * gives coarse keys: its first two and three letters as written (folded: case, width and accents
 * taken away), the same of its romanization (any-ascii), the first syllable of a Hangul or Han
 * part, and its Double Metaphone codes. The database keeps only a keyed hash of each key,
 * truncated to NAME_BLOCK_BITS bits (`persons.name_blocks`), so that many names share each
 * stored number; a search asks for the persons holding one of each query word's keys, decrypts
 * their names in the application and keeps those that match.
 *
 * A query word matches a part when, from the first letter on,
 * - the part begins with the word as written (folded): "sok" finds Sokha, "속하" finds 찬 속하;
 * - the part's romanization begins with the word's: "wang" finds 王小明, "chan" finds 찬;
 * - or, between a Latin and another script, their Double Metaphone codes meet: "sokha" finds
 *   속하 (romanized "sogha"), and "속하" finds Sokha.
 * Each of these needs a key the part shares with the word, so every match is among the
 * candidates the blocking keys bring back. A word with no key at all (one Latin letter) does not
 * narrow the candidates, but must still match.
 */
import anyAscii from "any-ascii";
import { doubleMetaphone } from "double-metaphone";

/**
 * Bits of a stored blocking key: 4,096 values for the tens of thousands of keys that names give,
 * so that each stored number stands for many keys, and a block is still small enough to decrypt.
 */
export const NAME_BLOCK_BITS = 12;

// Scripts that write a family and a given name without a space: a part also stands for its endings.
const SYLLABIC = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN = /^[\p{Script=Latin}\p{N}]+$/u;
const SEPARATOR = /[^\p{L}\p{N}\p{M}]+/u;
const MAX_PART = 40;
const MAX_ENDINGS = 8;

/** Case, width and accents taken away; Hangul stays in syllables. */
function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
}

function romanize(folded: string): string {
  return anyAscii(folded)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function codesOf(roman: string): string[] {
  if (!/[a-z]/.test(roman) || roman.length < 2) return [];
  return [...new Set(doubleMetaphone(roman))].filter((code) => code !== "");
}

/** The words of a text, folded: split at anything that is not a letter, digit or mark. */
export function nameWords(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((w) => fold(w).replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((w) => w !== "")
    .map((w) => [...w].slice(0, MAX_PART).join(""));
}

/** A part of a stored name, its romanization and codes computed when first needed. */
class Part {
  #roman: string | undefined;
  #codes: string[] | undefined;
  readonly latin: boolean;
  constructor(readonly folded: string) {
    this.latin = LATIN.test(folded);
  }
  get roman(): string {
    return (this.#roman ??= romanize(this.folded));
  }
  get codes(): string[] {
    return (this.#codes ??= codesOf(this.roman));
  }
}

/** The parts of a person's names: each word, and each ending of a word written in syllables. */
function partsOf(names: readonly { value: string }[]): Part[] {
  const seen = new Set<string>();
  for (const name of names) {
    for (const word of nameWords(name.value)) {
      seen.add(word);
      const chars = [...word];
      if (!SYLLABIC.test(chars[0] ?? "")) continue;
      for (let i = 1; i < Math.min(chars.length, MAX_ENDINGS); i++) {
        if (SYLLABIC.test(chars[i] ?? "")) seen.add(chars.slice(i).join(""));
      }
    }
  }
  return [...seen].map((p) => new Part(p));
}

function prefix(text: string, length: number): string {
  return [...text].slice(0, length).join("");
}

/** The keys (before hashing) a part carries. */
function partKeys(part: Part): string[] {
  const keys = new Set<string>();
  const chars = [...part.folded];
  for (const n of [2, 3]) if (chars.length >= n) keys.add(`p:${prefix(part.folded, n)}`);
  if (SYLLABIC.test(chars[0] ?? "")) keys.add(`p:${chars[0]}`);
  for (const n of [2, 3]) if (part.roman.length >= n) keys.add(`p:${part.roman.slice(0, n)}`);
  // Apart by script: a phonetic match is sought only between Latin and another script.
  for (const code of part.codes) keys.add(`${part.latin ? "pl" : "pn"}:${code}`);
  return [...keys];
}

/** What a search needs of one query word. */
export interface QueryWord {
  folded: string;
  roman: string;
  latin: boolean;
  codes: string[];
  /** Its own prefix key as written, when it has one. */
  foldKey: string | null;
  /** Its romanization's prefix key, when that has two letters or more. */
  romanKey: string | null;
  /** Every key a matching part must share with it: none means it does not narrow the search. */
  keys: string[];
}

export function queryWord(folded: string): QueryWord {
  const chars = [...folded];
  const roman = romanize(folded);
  const latin = LATIN.test(folded);
  const codes = codesOf(roman);
  const foldKey =
    chars.length >= 2 ? `p:${prefix(folded, 3)}` : SYLLABIC.test(chars[0] ?? "") ? `p:${chars[0]}` : null;
  const romanKey = roman.length >= 2 ? `p:${roman.slice(0, 3)}` : null;
  // A Latin word looks for the codes of parts in other scripts, and the other way round.
  const phonetic = codes.map((code) => `${latin ? "pn" : "pl"}:${code}`);
  const keys = [...new Set([foldKey, romanKey, ...phonetic].filter((k): k is string => k !== null))];
  return { folded, roman, latin, codes, foldKey, romanKey, keys };
}

/** The words of a search, each with its keys (at most 10 words). */
export function queryWords(text: string): QueryWord[] {
  return nameWords(text).slice(0, 10).map(queryWord);
}

function matchesPart(word: QueryWord, part: Part): boolean {
  if (word.keys.length === 0) {
    return part.folded.startsWith(word.folded) || (word.roman !== "" && part.roman.startsWith(word.roman));
  }
  if (word.foldKey && part.folded.startsWith(word.folded)) return true;
  if (word.romanKey && part.roman.startsWith(word.roman)) return true;
  return word.latin !== part.latin && word.codes.some((code) => part.codes.includes(code));
}

/** Whether every word of the search matches some part of the person's names. */
export function namesMatch(words: readonly QueryWord[], names: readonly { value: string }[]): boolean {
  if (words.length === 0) return true;
  const parts = partsOf(names);
  return words.every((word) => parts.some((part) => matchesPart(word, part)));
}

/** The keys, before hashing, that a person's names carry (what `persons.name_blocks` stores, hashed). */
export function nameKeys(names: readonly { value: string }[]): string[] {
  return [...new Set(partsOf(names).flatMap(partKeys))];
}
