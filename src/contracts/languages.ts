/**
 * Languages an applicant speaks, as ISO 639 codes (the primary subtag of a BCP 47 tag). The list
 * offered at intake is the languages asylum seekers in Korea most often speak; their names, in
 * Korean or English, come from the platform's own Intl.DisplayNames (no catalogue of our own).
 * The server accepts any code the platform names, so a language missing from the list can still
 * be recorded through the API.
 */

/** The languages offered at intake, by ISO 639-1 code or, where there is none, ISO 639-3. */
// prettier-ignore
export const INTAKE_LANGUAGES = [
  "ach", "am", "ar", "bn", "ckb", "en", "fa", "ff", "fr", "ha", "hi", "id", "ig", "ja", "kk", "km",
  "ko", "ku", "ky", "lg", "ln", "lo", "mn", "ms", "my", "ne", "om", "pa", "prs", "ps", "pt", "rhg",
  "ru", "rw", "si", "so", "es", "sw", "ta", "tg", "th", "ti", "tl", "tr", "uk", "ur", "uz", "vi",
  "wo", "yo", "yue", "zh",
] as const;

const english = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** Whether a BCP 47 tag's language (its primary subtag) is an ISO 639 code the platform names. */
export function isKnownLanguage(tag: string): boolean {
  const primary = tag.split("-")[0] ?? "";
  try {
    return english.of(primary) !== undefined;
  } catch {
    return false;
  }
}
