/**
 * Disabling an account ends everything it can sign in with at once (docs/security.md requirement 3): the
 * flag, its sessions and its API tokens change in one transaction. Reads check the flag too,
 * so even a session made in a race with the disable is refused.
 *
 * The last administrator who can sign in is never disabled or given another role: nobody could
 * then manage accounts, and fixing it would take the database itself.
 */
import type { Database, Queryable } from "../../store/db.ts";
import { revokeAllApiTokens } from "./api-tokens.ts";
import { revokeAllSessions } from "./sessions.ts";

export interface DisableResult {
  /** False when there is no such account. */
  found: boolean;
  /** True (and nothing changed) when it is the last active administrator. */
  lastAdministrator: boolean;
  sessionsRevoked: number;
  apiTokensRevoked: number;
}

/**
 * The administrators who can act: a person's account, not disabled, with a password and a second
 * factor of its own. Their rows stay locked until the transaction ends, so that two
 * administrators disabling each other at once cannot both succeed: the second one waits, then
 * counts again.
 */
export async function lockActiveAdministrators(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT a.id FROM accounts a
      WHERE a.role = 'administrator' AND a.disabled_at IS NULL AND NOT a.service
        AND a.password_hash IS NOT NULL
        AND (a.totp_secret IS NOT NULL OR EXISTS (SELECT 1 FROM webauthn_credentials w WHERE w.account_id = a.id))
      ORDER BY a.id
      FOR UPDATE OF a`,
  );
  return rows.map((r) => r.id);
}

/** Whether taking `accountId` out of the administrators would leave none who can act. */
export async function isLastActiveAdministrator(tx: Queryable, accountId: string): Promise<boolean> {
  const active = await lockActiveAdministrators(tx);
  return active.includes(accountId) && active.length === 1;
}

export async function disableAccount(db: Database, accountId: string, now: Date): Promise<DisableResult> {
  return db.transaction(async (tx) => {
    const none = { sessionsRevoked: 0, apiTokensRevoked: 0 };
    if (await isLastActiveAdministrator(tx, accountId))
      return { found: true, lastAdministrator: true, ...none };
    const rows = await tx.query(
      "UPDATE accounts SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1 RETURNING id",
      [accountId, now],
    );
    if (rows.length === 0) return { found: false, lastAdministrator: false, ...none };
    return {
      found: true,
      lastAdministrator: false,
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
