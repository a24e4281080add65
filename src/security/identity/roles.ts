/**
 * The roles an account can hold (docs/security.md requirement 4). What each role may do is written down in
 * one place elsewhere (src/security/access/rights.ts); this file only names them.
 */
export const ROLES = [
  "intake_clerk",
  "examiner",
  "supervisor",
  "committee_secretary",
  "litigation_officer",
  "analyst",
  "administrator",
  "interpreter",
  "representative",
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
