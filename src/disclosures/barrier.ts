/**
 * The country-of-origin barrier (docs/security.md requirement 8, RA 17(3)), as a pure decision:
 * may a case file go to this recipient, given where the applicant comes from?
 *
 * - **Barred**: the recipient is in the applicant's country of nationality, a country they fear, or
 *   a country where they habitually lived before, whatever kind of recipient it is; or it is a
 *   state (anyone but UNHCR) whose action against the applicant is recorded as evidence of the
 *   case (a foreign-state action: an extradition request, a request to repatriate…). Refused
 *   outright.
 * - **Unconfirmed**: the applicant's countries of origin are not known well enough to check the
 *   recipient (stateless, a refugee's travel document, nationality unknown: the ICAO codes XXA,
 *   XXB, XXC, XXX; or no feared country recorded, or one recorded as XXX), or the recipient's own
 *   country is not known, and the recipient is a foreign state. Refused unless a second
 *   supervisor confirms the recipient with a reason.
 * - **Clear**: neither. The disclosure still waits for a second person's approval.
 *
 * A recipient is a **foreign state** unless it is UNHCR (an international organization, not a
 * state) or in the jurisdiction's own country (its courts and authorities): an authority, a court
 * or any other recipient abroad counts, because an office, an embassy or an intermediary in a
 * foreign country can hand a file to that state, and nothing here can tell which would not.
 */
export type RecipientKind = "authority" | "court" | "unhcr" | "other";

export interface Origins {
  /** ISO 3166-1 alpha-3, or an ICAO code for no country (XXA, XXB, XXC, XXX). */
  nationality: string;
  /** The countries the applicant fears; empty while not known. */
  feared: readonly string[];
  /** The countries where the applicant habitually lived before. */
  formerResidences: readonly string[];
  /**
   * The states whose action against the applicant (an extradition request, a request to
   * repatriate, a notice…) is recorded as evidence of the case: never recipients either.
   */
  actingStates?: readonly string[];
}

export interface Recipient {
  kind: RecipientKind;
  country: string;
}

export type Verdict =
  { kind: "barred"; reason: string } | { kind: "unconfirmed"; reason: string } | { kind: "clear" };

/** ICAO Doc 9303 codes that name no country: stateless, refugees, unspecified. */
const NO_COUNTRY = /^XX[A-Z]$/;
const isCountry = (code: string) => /^[A-Z]{3}$/.test(code) && !NO_COUNTRY.test(code);

export const BARRED_REASON =
  "RA 17(3): no information about an application may be given to the applicant's country of nationality, a country they fear or a country where they habitually lived";
export const ACTING_STATE_REASON =
  "RA 17(3): no information about an application may be given to a state whose action against the applicant is recorded as evidence of the case";
export const UNCONFIRMED_REASON =
  "RA 17(3): the applicant's countries of origin are not known well enough to check this recipient (stateless, nationality unknown, or no feared country recorded), so a disclosure to a foreign state needs a second supervisor to confirm the recipient with a reason";

/** The countries no disclosure may ever reach for this applicant. */
export function countriesOfOrigin(o: Origins): Set<string> {
  return new Set([o.nationality, ...o.feared, ...o.formerResidences].filter(isCountry));
}

/** Whether the applicant's countries of origin are too uncertain to check a recipient against. */
export function originUncertain(o: Origins): boolean {
  return !isCountry(o.nationality) || o.feared.length === 0 || o.feared.some((c) => !isCountry(c));
}

/** Whether the recipient is, or may hand the file to, a foreign state (`home`: alpha-3). */
export function foreignState(r: Recipient, home: string): boolean {
  return r.kind !== "unhcr" && r.country !== home;
}

/** The barrier's verdict on one recipient; `home` is the jurisdiction's own country (alpha-3). */
export function checkRecipient(o: Origins, r: Recipient, home: string): Verdict {
  if (countriesOfOrigin(o).has(r.country)) return { kind: "barred", reason: BARRED_REASON };
  if ((o.actingStates ?? []).includes(r.country) && r.kind !== "unhcr")
    return { kind: "barred", reason: ACTING_STATE_REASON };
  const uncertain = originUncertain(o) || !isCountry(r.country);
  if (uncertain && foreignState(r, home)) return { kind: "unconfirmed", reason: UNCONFIRMED_REASON };
  return { kind: "clear" };
}
