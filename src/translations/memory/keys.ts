/**
 * The keys the memory stores beside its sealed texts (docs/security.md requirement 20): a keyed
 * digest of the normalized source, for exact matches, and keyed digests of its words truncated to
 * TOKEN_KEY_BITS bits, for fuzzy candidates. A truncated key is shared by several words, so the
 * numbers narrow a search to candidates without telling which words a sentence holds; the
 * candidates are decrypted and compared in the application.
 */
import type { Keyring } from "../../security/crypto/keyring.ts";
import { normalizeSource, wordsOf } from "./text.ts";

/**
 * Bits of a word's key. A language pair's memory holds tens of thousands of distinct words;
 * 2^14 numbers keep a few words behind each one, while a sentence's rarer words still bring back
 * few candidates (they are ranked by how many of the query's keys they share).
 */
export const TOKEN_KEY_BITS = 14;

/** The keyed digest of a source as the memory compares it (exact matches). */
export function sourceKey(keyring: Keyring, sourceLang: string, source: string): string {
  return keyring.keyedDigest("translation-memory/source", `${sourceLang}\u0000${normalizeSource(source)}`);
}

/** The keys of a source's words, distinct and sorted. */
export function tokenKeys(keyring: Keyring, sourceLang: string, source: string): number[] {
  const keys = new Set<number>();
  for (const w of wordsOf(normalizeSource(source), sourceLang))
    keys.add(keyring.blockingKey("translation-memory/word", `${sourceLang}:${w}`, TOKEN_KEY_BITS));
  return [...keys].sort((a, b) => a - b);
}
