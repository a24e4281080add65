/**
 * A second factor proven for one action (docs/security.md requirements 3 and 18). A step-up
 * (`POST /auth/step-up`) records a fresh proof in the session; the one action that needs it
 * consumes it, in the action's own transaction, so a second action needs a second proof. Signing
 * in never records one: the code typed at sign-in does not count for an action an hour later, nor
 * for two actions.
 *
 *   grantFreshFactor    after a TOTP code or passkey assertion was verified for this session
 *   consumeFreshFactor  inside the action's transaction: true once per grant, within the window
 *
 * If the action's transaction rolls back (a refused or failed action), the proof is back too, so
 * a typing mistake in a form does not cost the user another code.
 */
import type { Queryable } from "../../store/db.ts";

/** How long a proof waits for its action. */
export const FRESH_FACTOR_SECONDS = 120;

/** Record a fresh proof of the second factor in a live session (by its id, the token's hash). */
export async function grantFreshFactor(db: Queryable, sessionId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE sessions SET fresh_factor_at = $2
      WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND idle_expires_at > $2
      RETURNING 1`,
    [sessionId, now],
  );
  return rows.length > 0;
}

/**
 * Use the session's fresh proof, if it has one made within the window: true once, then false
 * until the next step-up. Of two concurrent actions, only one gets it.
 */
export async function consumeFreshFactor(
  db: Queryable,
  sessionId: string,
  now: Date,
  withinSeconds: number = FRESH_FACTOR_SECONDS,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE sessions SET fresh_factor_at = NULL
      WHERE id_hash = $1 AND revoked_at IS NULL
        AND fresh_factor_at <= $2
        AND fresh_factor_at > $2::timestamptz - $3 * interval '1 second'
      RETURNING 1`,
    [sessionId, now, withinSeconds],
  );
  return rows.length > 0;
}
