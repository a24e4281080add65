/**
 * Fictional demo applicants: names from `names.ts`, a plausible age and sex, the languages of
 * their nationality and fictional identity documents.
 */
import { addDays, dateParts, fromParts, type LegalDate } from "../kernel/calendar/dates.ts";
import type { Channel } from "../kernel/procedure/profile.ts";
import { composeNames, nationality, type DemoName, type NameSex } from "./names.ts";
import type { Rng } from "./random.ts";

export type IdentifierKind =
  "passport" | "alien_registration" | "resident_registration" | "national_id" | "other";

export interface DemoPerson {
  key: string;
  names: DemoName[];
  birthDate?: string;
  sex?: "female" | "male" | "other" | "unknown";
  /** ISO 3166-1 alpha-3. */
  nationality: string;
  identifiers?: { kind: IdentifierKind; value: string }[];
  languages?: string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * A foreigner registration number in the YYMMDD-NNNNNNN shape: the birth date, the sex digit for
 * foreigners (5/6 born in the 1900s, 7/8 from 2000), then "000" and a serial. Real numbers carry an
 * issuing-office code where these have "000", and their check digit never matches these serials.
 */
export function fictionalAlienRegistration(birthDate: LegalDate, female: boolean, serial: number): string {
  const { year, month, day } = dateParts(birthDate);
  const century2000 = year >= 2000;
  const sexDigit = century2000 ? (female ? 8 : 7) : female ? 6 : 5;
  return `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}-${sexDigit}000${pad(serial % 1000, 3)}`;
}

/** "P" and eight digits: the shape of many passport numbers, issued by no one. */
export function fictionalPassport(rng: Rng): string {
  return `P${pad(rng.int(0, 99_999_999), 8)}`;
}

function drawSex(rng: Rng): NonNullable<DemoPerson["sex"]> {
  return rng.weighted([
    ["male", 67],
    ["female", 32],
    ["unknown", 0.7],
    ["other", 0.3],
  ] as const);
}

function drawBirthDate(rng: Rng, filedOn: LegalDate): LegalDate {
  const [minAge, maxAge] = rng.weighted([
    [[19, 24], 15],
    [[25, 34], 40],
    [[35, 44], 28],
    [[45, 54], 12],
    [[55, 68], 5],
  ] as const);
  const age = rng.int(minAge, maxAge);
  const { year, month, day } = dateParts(filedOn);
  const birthday = fromParts(year - age, month, Math.min(day, 28));
  return addDays(birthday, -rng.int(1, 364));
}

export interface PersonDraft {
  /** Internal id, replaced by the dataset key once cases are sorted. */
  id: number;
  person: Omit<DemoPerson, "key">;
}

/** A new fictional applicant of `code` who files on `filedOn` through `channel`. */
export function makePerson(
  rng: Rng,
  id: number,
  code: string,
  filedOn: LegalDate,
  channel: Channel,
): PersonDraft {
  const profile = nationality(code);
  const sex = drawSex(rng);
  const nameSex: NameSex = sex === "male" || sex === "female" ? sex : rng.chance(0.5) ? "male" : "female";
  const names = composeNames(rng, profile, nameSex);
  const birthDate = drawBirthDate(rng, filedOn);
  const identifiers: { kind: IdentifierKind; value: string }[] = [];
  if (rng.chance(channel === "port_of_entry" ? 0.7 : 0.9)) {
    identifiers.push({ kind: "passport", value: fictionalPassport(rng) });
  }
  // Port-of-entry applicants have not been registered yet; most others have.
  if (channel !== "port_of_entry" && rng.chance(0.75)) {
    identifiers.push({
      kind: "alien_registration",
      value: fictionalAlienRegistration(birthDate, nameSex === "female", id),
    });
  }
  const languages = [...rng.weighted(profile.languages)];
  return {
    id,
    person: {
      names,
      birthDate,
      sex,
      nationality: code,
      ...(identifiers.length > 0 ? { identifiers } : {}),
      languages,
    },
  };
}
