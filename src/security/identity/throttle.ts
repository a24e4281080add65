/**
 * Slow-down and lock-out after failed sign-in attempts (docs/security.md requirement 2). One counter per
 * account covers wrong passwords and wrong second factors, so knowing the password does not buy
 * unlimited TOTP guesses. Names without an account get the same counter in `login_throttle`:
 * otherwise "locked" after ten tries would tell an attacker which names exist. Every attempt is
 * counted before it is checked (`claimAttempt`), atomically in the database, so that parallel
 * guessing gets no more tries than sequential guessing.
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

/**
 * Take one attempt out of the target's allowance, before its password or code is checked, in one
 * statement: the count goes up, and the slow-down or lock that the attempt would earn by failing
 * is set at once. So a burst of concurrent guesses gets no more checks than the same guesses one
 * after another: each is numbered by the database, and those that arrive while the lock of an
 * earlier one holds are refused without a check (`claimed: false`). A successful sign-in clears
 * the counter (`resetFailures`); a failed one is counted already.
 */
export async function claimAttempt(
  db: Queryable,
  target: ThrottleTarget,
  now: Date,
  policy: ThrottlePolicy = LOGIN_THROTTLE,
): Promise<FailureCount & { claimed: boolean }> {
  const forgetBefore = new Date(now.getTime() - policy.forgetHours * 3_600_000);
  // The delay after the n-th failure, for n = 1 … maxFailures (and maxFailures from then on).
  const delays = Array.from({ length: policy.maxFailures }, (_, i) => delayAfterFailures(i + 1, policy));
  const params = [now, forgetBefore, delays, policy.maxFailures];
  const count = (t: string) => `CASE WHEN ${t}.last_failed_at > $3 THEN ${t}.failed_logins + 1 ELSE 1 END`;
  const lock = (t: string) =>
    `CASE WHEN ($4::bigint[])[LEAST(${count(t)}, $5)] > 0
          THEN $2::timestamptz + ($4::bigint[])[LEAST(${count(t)}, $5)] * interval '1 millisecond' END`;
  // A row locked at `now` is left alone (and not returned): in PostgreSQL a concurrent update
  // waits for this one and then sees its lock.
  const [row] =
    "accountId" in target
      ? await db.query<{ failed_logins: number }>(
          `UPDATE accounts AS a SET failed_logins = ${count("a")}, last_failed_at = $2, locked_until = ${lock("a")}
            WHERE a.id = $1 AND (a.locked_until IS NULL OR a.locked_until <= $2)
        RETURNING a.failed_logins`,
          [target.accountId, ...params],
        )
      : await db.query<{ failed_logins: number }>(
          `INSERT INTO login_throttle AS t (username_key, failed_logins, last_failed_at, locked_until)
           VALUES ($1, 1, $2, CASE WHEN ($4::bigint[])[1] > 0 THEN $2::timestamptz + ($4::bigint[])[1] * interval '1 millisecond' END)
           ON CONFLICT (username_key) DO UPDATE
              SET failed_logins = ${count("t")}, last_failed_at = $2, locked_until = ${lock("t")}
            WHERE t.locked_until IS NULL OR t.locked_until <= $2
        RETURNING t.failed_logins`,
          [target.usernameKey, ...params],
        );
  if (row) {
    return {
      claimed: true,
      failedLogins: row.failed_logins,
      retryAfterMs: delayAfterFailures(row.failed_logins, policy),
    };
  }
  const [held] =
    "accountId" in target
      ? await db.query<{ failed_logins: number; locked_until: string | null }>(
          "SELECT failed_logins, locked_until FROM accounts WHERE id = $1",
          [target.accountId],
        )
      : await db.query<{ failed_logins: number; locked_until: string | null }>(
          "SELECT failed_logins, locked_until FROM login_throttle WHERE username_key = $1",
          [target.usernameKey],
        );
  return {
    claimed: false,
    failedLogins: held?.failed_logins ?? 0,
    retryAfterMs: lockedFor(held?.locked_until ?? null, now),
  };
}

/**
 * Count a failure after the fact, for checks that cannot be guessed and so are not claimed first
 * (a passkey's signature). Password and TOTP attempts go through `claimAttempt`.
 */
export async function recordFailure(
  db: Queryable,
  target: ThrottleTarget,
  now: Date,
  policy: ThrottlePolicy = LOGIN_THROTTLE,
): Promise<FailureCount> {
  const forgetBefore = new Date(now.getTime() - policy.forgetHours * 3_600_000);
  const delays = Array.from({ length: policy.maxFailures }, (_, i) => delayAfterFailures(i + 1, policy));
  const [table, key, value] =
    "accountId" in target
      ? ["accounts", "id", target.accountId]
      : ["login_throttle", "username_key", target.usernameKey];
  // GREATEST: a failure must not shorten a lock already set.
  const [row] = await db.query<{ failed_logins: number }>(
    `UPDATE ${table} AS r
        SET failed_logins = CASE WHEN r.last_failed_at > $3 THEN r.failed_logins + 1 ELSE 1 END,
            last_failed_at = $2,
            locked_until = GREATEST(r.locked_until, $2::timestamptz
              + ($4::bigint[])[LEAST(CASE WHEN r.last_failed_at > $3 THEN r.failed_logins + 1 ELSE 1 END, $5)]
              * interval '1 millisecond')
      WHERE r.${key} = $1 RETURNING r.failed_logins`,
    [value, now, forgetBefore, delays, policy.maxFailures],
  );
  const failedLogins = row?.failed_logins ?? 0;
  return { failedLogins, retryAfterMs: delayAfterFailures(failedLogins, policy) };
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
