/**
 * Slow-down and lock-out after failed sign-in attempts (docs/security.md requirement 2). One counter per
 * account covers wrong passwords and wrong second factors, so knowing the password does not buy
 * unlimited TOTP guesses. Names without an account get the same counter in `login_throttle`:
 * otherwise "locked" after ten tries would tell an attacker which names exist.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "../../store/db.ts";

export interface ThrottlePolicy {
  /** Failures answered without delay (typos). */
  freeFailures: number;
  /** From this many failures on, each failure locks for `lockMinutes`. */
  maxFailures: number;
  lockMinutes: number;
  /** The cap of the doubling delay between `freeFailures` and `maxFailures`. */
  maxDelayMs: number;
  /** Failures are forgotten this long after the last one. */
  forgetHours: number;
}

export const LOGIN_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  maxFailures: 10,
  lockMinutes: 15,
  maxDelayMs: 60_000,
  forgetHours: 24,
};

/** Whose counter a failure goes to. */
export type ThrottleTarget = { accountId: string } | { usernameKey: string };

export interface FailureCount {
  failedLogins: number;
  /** How long the next attempt will be refused; 0 when it may come at once. */
  retryAfterMs: number;
}

/** 0, 0, 0, 1 s, 2 s, 4 s, ... up to `maxDelayMs`, then `lockMinutes` from `maxFailures` on. */
export function delayAfterFailures(failures: number, policy: ThrottlePolicy = LOGIN_THROTTLE): number {
  if (failures >= policy.maxFailures) return policy.lockMinutes * 60_000;
  if (failures < policy.freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - policy.freeFailures), policy.maxDelayMs);
}

/** Milliseconds the target stays locked, 0 when it is not. */
export function lockedFor(lockedUntil: string | null, now: Date): number {
  return lockedUntil ? Math.max(0, Date.parse(lockedUntil) - now.getTime()) : 0;
}

/**
 * A name typed at login may be a password typed into the wrong field, so it is only kept hashed,
 * and only for `forgetHours`.
 */
export function usernameKey(normalizedUsername: string): string {
  return createHash("sha256").update(`openrsd login throttle\0${normalizedUsername}`, "utf8").digest("hex");
}

export async function recordFailure(
  db: Queryable,
  target: ThrottleTarget,
  now: Date,
  policy: ThrottlePolicy = LOGIN_THROTTLE,
): Promise<FailureCount> {
  const forgetBefore = new Date(now.getTime() - policy.forgetHours * 3_600_000);
  // The count goes up in the database, not here: concurrent failures each get their own number.
  const [row] =
    "accountId" in target
      ? await db.query<{ failed_logins: number }>(
          `UPDATE accounts
              SET failed_logins = CASE WHEN last_failed_at > $3 THEN failed_logins + 1 ELSE 1 END,
                  last_failed_at = $2
            WHERE id = $1 RETURNING failed_logins`,
          [target.accountId, now, forgetBefore],
        )
      : await db.query<{ failed_logins: number }>(
          `INSERT INTO login_throttle AS t (username_key, failed_logins, last_failed_at) VALUES ($1, 1, $2)
           ON CONFLICT (username_key) DO UPDATE
              SET failed_logins = CASE WHEN t.last_failed_at > $3 THEN t.failed_logins + 1 ELSE 1 END,
                  last_failed_at = EXCLUDED.last_failed_at
           RETURNING failed_logins`,
          [target.usernameKey, now, forgetBefore],
        );
  const failedLogins = row?.failed_logins ?? 0;
  const retryAfterMs = delayAfterFailures(failedLogins, policy);
  if (retryAfterMs > 0) {
    const until = new Date(now.getTime() + retryAfterMs);
    // GREATEST: a concurrent failure with a lower count must not shorten a lock already set.
    const [table, key, value] =
      "accountId" in target
        ? ["accounts", "id", target.accountId]
        : ["login_throttle", "username_key", target.usernameKey];
    await db.query(`UPDATE ${table} SET locked_until = GREATEST(locked_until, $2) WHERE ${key} = $1`, [
      value,
      until,
    ]);
  }
  return { failedLogins, retryAfterMs };
}

/** A fully successful sign-in clears the counter. */
export async function resetFailures(db: Queryable, accountId: string): Promise<void> {
  await db.query(
    "UPDATE accounts SET failed_logins = 0, last_failed_at = NULL, locked_until = NULL WHERE id = $1",
    [accountId],
  );
}

/** Drop counters of names without an account once they are forgotten anyway; run daily. */
export async function purgeLoginThrottle(
  db: Queryable,
  now: Date,
  policy: ThrottlePolicy = LOGIN_THROTTLE,
): Promise<number> {
  const rows = await db.query("DELETE FROM login_throttle WHERE last_failed_at <= $1 RETURNING 1", [
    new Date(now.getTime() - policy.forgetHours * 3_600_000),
  ]);
  return rows.length;
}
