/**
 * Disabling an account ends everything it can sign in with at once (docs/security.md requirement 3): the
 * flag, its sessions and its API tokens change in one transaction. Reads check the flag too,
 * so even a session made in a race with the disable is refused.
 */
import type { Database } from "../../store/db.ts";
import { revokeAllApiTokens } from "./api-tokens.ts";
import { revokeAllSessions } from "./sessions.ts";

export interface DisableResult {
  /** False when there is no such account. */
  found: boolean;
  sessionsRevoked: number;
  apiTokensRevoked: number;
}

export async function disableAccount(db: Database, accountId: string, now: Date): Promise<DisableResult> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      "UPDATE accounts SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1 RETURNING id",
      [accountId, now],
    );
    if (rows.length === 0) return { found: false, sessionsRevoked: 0, apiTokensRevoked: 0 };
    return {
      found: true,
      sessionsRevoked: await revokeAllSessions(tx, accountId, now),
      apiTokensRevoked: await revokeAllApiTokens(tx, accountId, now),
    };
  });
}

/** Let the account sign in again; its old sessions and tokens stay revoked. */
export async function enableAccount(db: Database, accountId: string): Promise<boolean> {
  const rows = await db.query(
    "UPDATE accounts SET disabled_at = NULL, failed_logins = 0, last_failed_at = NULL, locked_until = NULL WHERE id = $1 RETURNING id",
    [accountId],
  );
  return rows.length > 0;
}
