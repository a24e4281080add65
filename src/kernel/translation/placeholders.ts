/**
 * Placeholders (`{date}`, `{caseNumber}`): names a document fills in later. A translation must
 * keep every placeholder of its source, or the filled-in document would lose a date or a number
 * without anyone noticing.
 *
 * Pure: no I/O, no clock.
 */

const PLACEHOLDER = /\{[A-Za-z_][A-Za-z0-9_.-]{0,63}\}/g;

/** The distinct placeholders of a text, in the order they first appear. */
export function placeholdersOf(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])];
}

/** The placeholders of `source` that `target` does not contain (none: the target keeps them all). */
export function missingPlaceholders(source: string, target: string): string[] {
  const kept = new Set(placeholdersOf(target));
  return placeholdersOf(source).filter((p) => !kept.has(p));
}
