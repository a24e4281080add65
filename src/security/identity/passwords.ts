/**
 * The password step of signing in (docs/security.md requirements 1 and 2). An unknown name and a wrong
 * password get the same answer after the same work (an argon2id verify against a dummy hash), and
 * names without an account are throttled like accounts, so neither the answer, its timing nor a
 * lock-out tells an attacker which names exist. The caller logs the result (it carries the
 * account id and the count) and answers the client from `ok`, `reason` and `retryAfterMs` alone.
 */
import type { Queryable } from "../../store/db.ts";
import { getAccount, normalizeUsername, type Account } from "./accounts.ts";
import { checkPassword, dummyPasswordHash, hashPassword, needsRehash } from "./password-hash.ts";
import {
  claimAttempt,
  LOGIN_THROTTLE,
  resetFailures,
  usernameKey,
  type FailureCount,
  type ThrottlePolicy,
} from "./throttle.ts";

export type LoginFailureReason = "invalid" | "locked" | "disabled";

export type LoginResult =
  | {
      ok: true;
      account: Account;
      /**
       * This attempt, already counted: what its failure at the second factor answers (sign-in
       * clears the count once the second factor is right too).
       */
      attempt: FailureCount;
    }
  | {
      ok: false;
      reason: LoginFailureReason;
      /** When the client may try again (send as Retry-After); 0 for at once. */
      retryAfterMs: number;
      /** For the log only: failures counted for this name so far. */
      failedLogins: number;
      /** For the log only, never for the client: the account the name belongs to, if any. */
      accountId: string | null;
    };

interface LoginRow {
  id: string | null;
  password_hash: string | null;
  disabled_at: string | null;
}

/**
 * Check a password. The attempt is counted before the password is checked (`claimAttempt`), so
 * a burst of concurrent guesses gets no more checks than the same guesses one after another, and
 * an attempt refused for the lock is not checked at all. The count is cleared here only if the
 * account has no second factor; otherwise the caller clears it when the second factor is right
 * too, so that an attacker who knows the password cannot reset the counter between TOTP guesses.
 */
export async function verifyPassword(
  db: Queryable,
  username: string,
  password: string,
  now: Date,
  policy: ThrottlePolicy = LOGIN_THROTTLE,
): Promise<LoginResult> {
  // Awaited on both paths so that making it (once per process) does not single out either path.
  const dummy = await dummyPasswordHash();
  const name = normalizeUsername(username);
  // One round trip for both kinds of name, for the same reason.
  const [row] = await db.query<LoginRow>(
    `SELECT a.id, a.password_hash, a.disabled_at
       FROM (SELECT 1) AS one LEFT JOIN accounts a ON a.username = $1`,
    [name],
  );
  const accountId = row?.id ?? null;
  const attempt = await claimAttempt(
    db,
    accountId ? { accountId } : { usernameKey: usernameKey(name) },
    now,
    policy,
  );
  const { failedLogins, retryAfterMs } = attempt;
  // While locked, not even a right password is checked: that is what makes the lock a lock.
  if (!attempt.claimed) return { ok: false, reason: "locked", retryAfterMs, failedLogins, accountId };

  const passwordHash = row?.password_hash ?? null;
  const matches = await checkPassword(passwordHash ?? dummy, password);
  if (!accountId || !passwordHash || !matches) {
    return { ok: false, reason: "invalid", retryAfterMs, failedLogins, accountId };
  }
  // Said only to whoever knows the password, so it reveals nothing to a guesser.
  if (row?.disabled_at) return { ok: false, reason: "disabled", retryAfterMs, failedLogins, accountId };

  if (needsRehash(passwordHash)) {
    await db.query("UPDATE accounts SET password_hash = $2 WHERE id = $1", [
      accountId,
      await hashPassword(password),
    ]);
  }
  const account = await getAccount(db, accountId);
  if (!account) throw new Error(`account ${accountId} vanished during sign-in`);
  if (!account.totpEnrolled && !account.passkeyEnrolled) await resetFailures(db, accountId);
  return { ok: true, account, attempt: { failedLogins, retryAfterMs } };
}
