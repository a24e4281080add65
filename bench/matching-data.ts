/**
 * A generated register with known duplicates, for measuring identity matching
 * (docs/identity-matching.md, "Measured"): FICTIONAL persons whose names are drawn as the demo
 * draws them (src/demo/names.ts: about 25 nationalities, native scripts, Latin forms, Korean
 * transcriptions, variant spellings), and for a share of them a later registration of the same
 * person as a re-applicant might be registered: under one name only, in another script (Hangul,
 * the native script — Khmer, Arabic, Cyrillic… —, or a Cyrillic transliteration of the Latin
 * form), another Latin spelling, the parts in another order, run together, with the date of birth
 * the same, its day and month swapped, only its year known (recorded as 1 January), a year
 * mistyped, or none, and now and then another nationality. (A wholly different date of birth is
 * left out: without an identifier in common, no blocking on the date finds it; see the doc.)
 *
 * Deterministic for a seed. Used by test/persons/matching-recall.test.ts (a few thousand persons)
 * and bench/matching.ts (100,000 on PostgreSQL).
 */
import { NATIONALITIES, type NationalityProfile } from "../src/demo/names.ts";
import { createRng, type Rng } from "../src/demo/random.ts";
import type { LegalDate } from "../src/kernel/calendar/dates.ts";

export interface GeneratedPerson {
  /** Index in the register. */
  index: number;
  names: { value: string; script?: string }[];
  birthDate?: LegalDate;
  nationality: string;
  sex: "female" | "male";
  /** For a later registration: the index of the earlier one (the same person). */
  duplicateOf?: number;
  /** How the later registration differs (for reports). */
  variant?: string;
  dateVariant?: string;
}

interface Token {
  latin: string;
  native?: string;
  hangul?: string;
  alt?: string;
  hangulOmit?: boolean;
}

const CYRILLIC: readonly [string, string][] = [
  ["shch", "щ"],
  ["sh", "ш"],
  ["ch", "ч"],
  ["zh", "ж"],
  ["kh", "х"],
  ["ts", "ц"],
  ["ya", "я"],
  ["yu", "ю"],
  ["yo", "ё"],
  ["a", "а"],
  ["b", "б"],
  ["v", "в"],
  ["g", "г"],
  ["d", "д"],
  ["e", "е"],
  ["z", "з"],
  ["i", "и"],
  ["y", "й"],
  ["k", "к"],
  ["l", "л"],
  ["m", "м"],
  ["n", "н"],
  ["o", "о"],
  ["p", "п"],
  ["r", "р"],
  ["s", "с"],
  ["t", "т"],
  ["u", "у"],
  ["f", "ф"],
  ["h", "х"],
  ["c", "к"],
  ["j", "дж"],
  ["w", "в"],
  ["x", "кс"],
  ["q", "к"],
];

/** A Latin name as a Russian-speaking clerk would write it in Cyrillic. */
export function toCyrillic(latin: string): string {
  return latin
    .split(" ")
    .map((word) => {
      let rest = word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
      let out = "";
      while (rest.length > 0) {
        const hit = CYRILLIC.find(([l]) => rest.startsWith(l));
        if (hit) {
          out += hit[1];
          rest = rest.slice(hit[0].length);
        } else {
          out += rest[0];
          rest = rest.slice(1);
        }
      }
      return out.charAt(0).toUpperCase() + out.slice(1);
    })
    .join(" ");
}

/** Spelling changes seen between documents of one person. */
const RESPELL: readonly [RegExp, string][] = [
  [/kh/, "k"],
  [/ou/, "u"],
  [/ph/, "f"],
  [/y/, "i"],
  [/ee/, "i"],
  [/([bcdfgklmnprst])\1/, "$1"],
  [/j/, "dj"],
  [/v/, "w"],
  [/a$/, "ah"],
  [/e/, "a"],
  [/oo/, "u"],
  [/i/, "y"],
  [/u/, "ou"],
  [/c/, "k"],
];

function respell(rng: Rng, word: string): string {
  const rules = rng.shuffle(RESPELL);
  let out = word;
  let changes = 0;
  for (const [pattern, replacement] of rules) {
    if (changes >= 2) break;
    const lower = out.toLowerCase();
    if (!pattern.test(lower)) continue;
    const next = lower.replace(pattern, replacement);
    out = next.charAt(0).toUpperCase() + next.slice(1);
    changes++;
  }
  if (changes === 0 && out.length > 4 && rng.chance(0.5)) {
    // A letter mistyped in the middle.
    const at = rng.int(2, out.length - 2);
    out = out.slice(0, at) + rng.pick([..."aeiounrst"]) + out.slice(at + 1);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, "0");

function redate(rng: Rng, date: LegalDate): { birthDate?: LegalDate; dateVariant: string } {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const kind = rng.weighted<string>([
    ["same", 80],
    ["day_month_swapped", 6],
    ["year_only", 6],
    ["year_mistyped", 3],
    ["missing", 5],
  ]);
  switch (kind) {
    case "day_month_swapped":
      return d <= 12 && d !== m
        ? { birthDate: `${y}-${pad(d)}-${pad(m)}`, dateVariant: kind }
        : { birthDate: date, dateVariant: "same" };
    case "year_only":
      return { birthDate: `${y}-01-01`, dateVariant: kind };
    case "year_mistyped":
      return { birthDate: `${y + rng.pick([-1, 1])}-${pad(m)}-${pad(d)}`, dateVariant: kind };
    case "missing":
      return { dateVariant: kind };
    default:
      return { birthDate: date, dateVariant: "same" };
  }
}

function forms(profile: NationalityProfile, tokens: readonly Token[]) {
  const latin = tokens.map((t) => t.latin).join(" ");
  const native =
    profile.script && tokens.every((t) => t.native)
      ? tokens.map((t) => t.native).join(profile.nativeJoiner)
      : null;
  const shown = tokens.filter((t) => !t.hangulOmit);
  const hangul = shown.every((t) => t.hangul) ? shown.map((t) => t.hangul).join(profile.hangulJoiner) : null;
  return { latin, native, hangul };
}

/** A later registration's name: one form the earlier registration does not hold. */
function variantName(
  rng: Rng,
  profile: NationalityProfile,
  tokens: readonly Token[],
  earlier: readonly string[],
): { names: GeneratedPerson["names"]; variant: string } {
  const f = forms(profile, tokens);
  const options: [string, string, number][] = [];
  if (f.hangul) options.push(["hangul", f.hangul, 3]);
  if (f.native) options.push(["native", f.native, 2]);
  options.push(["respelled", tokens.map((t) => t.alt ?? respell(rng, t.latin)).join(" "), 3]);
  options.push([
    "swapped",
    [...tokens]
      .reverse()
      .map((t) => t.latin)
      .join(" "),
    2,
  ]);
  options.push(["cyrillic", toCyrillic(f.latin), profile.script === "Cyrl" ? 0.5 : 1.5]);
  if (tokens.length >= 2) options.push(["run_together", tokens.map((t) => t.latin).join(""), 0.5]);
  if (f.native && f.hangul)
    options.push([
      "native_swapped",
      [...tokens]
        .reverse()
        .map((t) => t.native)
        .join(" "),
      1,
    ]);
  const fresh = options.filter(([, value]) => !earlier.includes(value));
  const [variant, value] = rng.weighted(
    (fresh.length ? fresh : options).map(([k, v, w]) => [[k, v], w] as const),
  );
  return { names: [{ value }], variant };
}

/**
 * `persons` registrations, of which about `duplicateShare` are later registrations of an
 * earlier one (they come after it in the list).
 */
export function generateRegister(
  persons: number,
  seed = 20_261_206,
  duplicateShare = 0.1,
): GeneratedPerson[] {
  const rng = createRng(seed);
  const out: GeneratedPerson[] = [];
  const kept: { tokens: Token[]; profile: NationalityProfile }[] = [];
  const byWeight = NATIONALITIES.map((n) => [n, n.weight] as const);
  while (out.length < persons) {
    const index = out.length;
    if (out.length > 20 && rng.chance(duplicateShare)) {
      const earlierIndex = rng.int(0, out.length - 1);
      const earlier = out[earlierIndex]!;
      if (earlier.duplicateOf !== undefined) continue;
      const { tokens, profile } = kept[earlierIndex]!;
      const { names, variant } = variantName(
        rng,
        profile,
        tokens,
        earlier.names.map((n) => n.value),
      );
      const date = earlier.birthDate ? redate(rng, earlier.birthDate) : { dateVariant: "missing" };
      out.push({
        index,
        names,
        ...(date.birthDate ? { birthDate: date.birthDate } : {}),
        nationality: rng.chance(0.97) ? earlier.nationality : rng.pick(NATIONALITIES).code,
        sex: earlier.sex,
        duplicateOf: earlierIndex,
        variant,
        dateVariant: date.dateVariant,
      });
      kept.push({ tokens, profile });
      continue;
    }
    const profile = rng.weighted(byWeight);
    const sex = rng.chance(0.5) ? "female" : "male";
    const tokens = profile.compose(rng, sex) as Token[];
    const f = forms(profile, tokens);
    const names: GeneratedPerson["names"] = [{ value: f.latin, script: "Latn" }];
    if (f.native && rng.chance(0.5))
      names.unshift({ value: f.native, ...(profile.script ? { script: profile.script } : {}) });
    if (f.hangul && rng.chance(0.2)) names.push({ value: f.hangul, script: "Hang" });
    const birthDate = rng.chance(0.95) ? rng.date("1960-01-01", "2007-12-31") : undefined;
    out.push({ index, names, ...(birthDate ? { birthDate } : {}), nationality: profile.code, sex });
    kept.push({ tokens, profile });
  }
  return out;
}
