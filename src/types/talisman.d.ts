/** The talisman metrics OpenRSD uses (the package ships no types). */
declare module "talisman/metrics/jaro-winkler.js" {
  /** Jaro-Winkler similarity of two strings, 0 (nothing alike) to 1 (equal). */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}

declare module "talisman/metrics/levenshtein.js" {
  /** Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
  const levenshtein: (a: string, b: string) => number;
  export default levenshtein;
}
