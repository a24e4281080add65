/** The one talisman metric OpenRSD uses (the package ships no types). */
declare module "talisman/metrics/jaro-winkler.js" {
  /** Jaro-Winkler similarity of two strings, 0 (nothing alike) to 1 (equal). */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
