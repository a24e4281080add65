/**
 * The normal form of a document number, for exact-match search (the blind index) and for telling
 * whether a value can be searched at all. Pure, with no Node import, so that the API's schemas
 * (shared with the web app) can use it.
 */

// Spaces and hyphens of every script (including the full-width and Unicode dashes that NFKC
// leaves alone): "M 1234-5678", "m12345678" and "M１２３４５６７８" are the same document.
const SEPARATORS = /[\s\-\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/gu;

export function normalizeForBlindIndex(value: string): string {
  return value.normalize("NFKC").toUpperCase().replace(SEPARATORS, "");
}

/** A value with something left to search on once spaces and dashes are gone. */
export function isIndexableIdentifier(value: string): boolean {
  return normalizeForBlindIndex(value) !== "";
}
