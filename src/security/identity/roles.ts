/**
 * The roles an account can hold (docs/security.md requirement 4). What each role may do is written down in
 * one place elsewhere (src/security/access/rights.ts); this file only names them.
 */
import { ROLES, type Role } from "../../contracts/security.ts";

export { ROLES, type Role };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
