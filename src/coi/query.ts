/**
 * The library's query language (docs/coi.md, "Search"), pure: words, "a phrase" in double quotes,
 * OR between alternatives, -word or -"a phrase" to exclude. An unclosed quote runs to the end;
 * nothing a user types is an error except a query that says nothing to find. And the highlights:
 * the ranges of a passage's text that matched, as fragments of text with a match flag.
 */
import type { CoiFragment } from "../contracts/coi.ts";

/** One thing to find: a word or a phrase. Korean ones (any Hangul syllable) match by substring. */
export interface Unit {
  text: string;
  hangul: boolean;
  phrase: boolean;
}

export interface ParsedQuery {
  /** Every group must match; a group matches when one of its units does. */
  groups: Unit[][];
  /** No unit here may match. */
  excluded: Unit[];
}

export const MAX_UNITS = 16;

const HANGUL = /[\uac00-\ud7a3]/;
/** Punctuation and symbols at a word's edges are not part of it ("activists," → activists). */
const EDGES = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

const unit = (raw: string, phrase: boolean): Unit | null => {
  const text = (phrase ? raw.replace(/\s+/g, " ").trim() : raw.replace(EDGES, "")).trim();
  if (!text) return null;
  return { text, hangul: HANGUL.test(text), phrase: phrase && /\s/.test(text) };
};

export class QueryTooComplex extends Error {}

export function parseQuery(q: string): ParsedQuery {
  const groups: Unit[][] = [];
  const excluded: Unit[] = [];
  let orNext = false;
  let i = 0;
  const s = q.normalize("NFC");
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let negate = false;
    if (c === "-" && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      negate = true;
      i++;
    }
    let found: Unit | null;
    let word = "";
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      const stop = end === -1 ? s.length : end;
      found = unit(s.slice(i + 1, stop), true);
      i = stop + 1;
    } else {
      let j = i;
      while (j < s.length && !/\s/.test(s[j]!) && s[j] !== '"') j++;
      word = s.slice(i, j);
      i = j;
      if (!negate && word === "OR") {
        orNext = groups.length > 0;
        continue;
      }
      found = unit(word, false);
    }
    if (!found) {
      orNext = false;
      continue;
    }
    if (negate) excluded.push(found);
    else if (orNext) groups[groups.length - 1]!.push(found);
    else groups.push([found]);
    orNext = false;
  }
  if (groups.flat().length + excluded.length > MAX_UNITS)
    throw new QueryTooComplex(`a query may hold at most ${MAX_UNITS} words and phrases`);
  return { groups, excluded };
}

// ------------------------------------------------------------------------------------------
// Highlights

export type Range = readonly [start: number, end: number];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every place `needle` occurs in `text`, case-insensitively; a phrase's spaces match any whitespace. */
export function occurrences(text: string, needle: string): Range[] {
  const pattern = needle.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
  if (!pattern) return [];
  const re = new RegExp(pattern, "giu");
  const out: Range[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

export const MARK_START = "\ue000";
export const MARK_END = "\ue001";

/**
 * The ranges PostgreSQL's ts_headline marked (with MARK_START/MARK_END), as ranges of `text`;
 * none if the marked text, markers removed, is not `text` exactly.
 */
export function markedRanges(text: string, marked: string): Range[] {
  const out: Range[] = [];
  let plain = "";
  let start = -1;
  for (const ch of marked) {
    if (ch === MARK_START) start = plain.length;
    else if (ch === MARK_END) {
      if (start >= 0 && plain.length > start) out.push([start, plain.length]);
      start = -1;
    } else plain += ch;
  }
  return plain === text ? out : [];
}

/** The text cut into fragments, those inside any range marked as a match. */
export function fragmentsOf(text: string, ranges: readonly Range[]): CoiFragment[] {
  const sorted = [...ranges].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const out: CoiFragment[] = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push({ text: text.slice(at, a), match: false });
    out.push({ text: text.slice(a, b), match: true });
    at = b;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), match: false });
  return out;
}
