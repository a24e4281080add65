/**
 * Blocking keys for finding earlier persons (docs/identity-matching.md, "Candidates"). Names and
 * dates of birth are stored only encrypted, so the candidates for a comparison come from keyed,
 * truncated hashes of coarse keys (`person_match_blocks`), each shared by several persons; the
 * candidates' names are decrypted and scored in the application.
 *
 * A key joins the first consonant classes of a name part's skeleton (names.ts: the same for Chan,
 * 찬, ចាន់ and Чан) with what narrows it:
 *
 * - `y`: the nationality and the birth year (a day and month swapped or mistyped keep the year);
 * - `d`: the nationality and the day and month, in either order (the year mistyped);
 * - `f`: the whole date of birth, day and month in either order (another nationality recorded);
 * - `x`: the nationality, for a person registered without a date of birth (any query meets them);
 * - `n`: the nationality, for everyone (what a query without a date of birth asks).
 *
 * y, d and f take the first two consonant classes; x and n, narrowed by less, the first three.
 * And one key without a name part: `b`, the nationality and the date of birth (day and month in
 * either order), for names that romanize badly (Burmese, Gurmukhi) or were written anew.
 *
 * A person stores b, f, y, d and n keys (x instead of b, f, y and d without a date of birth); a
 * query with a date of birth asks its b, f, y, d and x keys, one without asks its n keys. Every
 * part of every name gives keys, and a word written in syllables also its endings (names.ts
 * `blockingParts`), so a name met in another script, another order or without spaces still shares
 * a key. When the keys change, MATCH_KEYS_VERSION changes, and every person's keys are made again.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { blockingParts, joined, matchName, skeletonsOf, type MatchPart } from "./names.ts";
import type { MatchRecord } from "./score.ts";

/**
 * Bits of a stored key. The keys join a name part with a year or a date, so there are hundreds of
 * thousands of them in a register of 100,000 persons: 2^18 values keep several keys behind each
 * stored number, while a query's keys still bring back only a few hundred candidates.
 */
export const MATCH_BLOCK_BITS = 18;

/** The version of the keys, stored (negated: no hash is negative) with every person's. */
export const MATCH_KEYS_VERSION = 2;

function keysOfPart(p: MatchPart, length: number, keys: Set<string>): void {
  for (const sk of skeletonsOf(p))
    keys.add(/^[A-Z]+$/.test(sk) ? sk.slice(0, length) : `v${p.roman.slice(0, length + 1)}`);
}

function partKeys(names: readonly { value: string }[], length: number): string[] {
  const keys = new Set<string>();
  for (const n of names) {
    for (const p of blockingParts(n.value)) keysOfPart(p, length, keys);
    // The whole name run together, for a name written without spaces against the same with them.
    const parts = matchName(n.value).parts;
    if (parts.length > 1) keysOfPart(joined(parts), length, keys);
  }
  return [...keys];
}

function dayMonth(date: LegalDate): string {
  const [, m, d] = date.split("-");
  return [m, d].sort().join("");
}

/** The keys of a date of birth: b (no name part), and f, y and d with each name part. */
function datedKeys(r: MatchRecord, date: LegalDate): string[] {
  const year = date.slice(0, 4);
  const md = dayMonth(date);
  const out = [`b:${r.nationality}:${year}:${md}`];
  for (const k of partKeys(r.names, 2))
    out.push(`f:${year}:${md}:${k}`, `y:${r.nationality}:${year}:${k}`, `d:${r.nationality}:${md}:${k}`);
  return out;
}

const nationalKeys = (r: MatchRecord, kind: "n" | "x") =>
  partKeys(r.names, 3).map((k) => `${kind}:${r.nationality}:${k}`);

/** The keys (before hashing) a stored person carries. */
export function storedMatchKeys(r: MatchRecord): string[] {
  return r.birthDate
    ? [...datedKeys(r, r.birthDate), ...nationalKeys(r, "n")]
    : [...nationalKeys(r, "x"), ...nationalKeys(r, "n")];
}

/** The keys (before hashing) a query for a person's earlier records asks. */
export function queryMatchKeys(r: MatchRecord): string[] {
  return r.birthDate ? [...datedKeys(r, r.birthDate), ...nationalKeys(r, "x")] : nationalKeys(r, "n");
}
