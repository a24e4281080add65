/**
 * TOTP as a second factor (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, one step of clock
 * drift either way). A code works once (docs/security.md requirement 1): the last accepted step is stored and
 * a code of that step or an older one is refused, even within the drift window, so a code seen
 * over a shoulder or in a proxy log cannot be replayed.
 */
import { timingSafeEqual } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { Queryable } from "../../store/db.ts";
import { claimAttempt, LOGIN_THROTTLE, resetFailures, type ThrottlePolicy } from "./throttle.ts";

export const TOTP_PARAMS = { algorithm: "SHA1", digits: 6, period: 30, window: 1 } as const;

/** 160 bits, the HMAC-SHA-1 key length RFC 4226 recommends. */
const SECRET_BYTES = 20;

export interface TotpEnrollment {
  /** Base32, to show once for manual entry; encrypt it before handing it to `confirmTotp`. */
  secret: string;
  /** The otpauth:// URI for a QR code. */
  uri: string;
}

/** A new secret for an account; nothing is stored until the user proves it with `confirmTotp`. */
export function enrollTotp(account: { username: string }, issuer = "OpenRSD"): TotpEnrollment {
  const totp = new TOTP({
    issuer,
    label: account.username,
    secret: new Secret({ size: SECRET_BYTES }),
    algorithm: TOTP_PARAMS.algorithm,
    digits: TOTP_PARAMS.digits,
    period: TOTP_PARAMS.period,
  });
  return { secret: totp.secret.base32, uri: totp.toString() };
}

/** The time step a code belongs to, or why it is refused. */
export function matchTotpStep(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): { step: number } | "invalid" | "replayed" {
  const given = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(given)) return "invalid";
  const key = Secret.fromBase32(secret);
  const current = Math.floor(now.getTime() / 1000 / TOTP_PARAMS.period);
  let best: number | null = null;
  let seen = false;
  for (let step = current - TOTP_PARAMS.window; step <= current + TOTP_PARAMS.window; step++) {
    const expected = TOTP.generate({
      ...TOTP_PARAMS,
      secret: key,
      timestamp: step * TOTP_PARAMS.period * 1000,
    });
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given))) continue;
    seen = true;
    if (lastStep === null || step > lastStep) best = step;
  }
  if (best !== null) return { step: best };
  return seen ? "replayed" : "invalid";
}

/**
 * Store a TOTP secret once the user has shown a code from it. `storeAs` is what is written to
 * the database (the secret encrypted by the caller); without it the secret is stored as given.
 * Replacing an existing secret this way is a key change: ask for the second factor first.
 */
export async function confirmTotp(
  db: Queryable,
  accountId: string,
  secret: string,
  code: string,
  now: Date,
  options: { storeAs?: string } = {},
): Promise<boolean> {
  const match = matchTotpStep(secret, code, now, null);
  if (typeof match === "string") return false;
  const rows = await db.query(
    "UPDATE accounts SET totp_secret = $2, totp_last_step = $3 WHERE id = $1 RETURNING id",
    [accountId, options.storeAs ?? secret, match.step],
  );
  return rows.length > 0;
}

/**
 * Store a TOTP secret without a code, as an administrator enrols a new account (the secret is
 * shown once to the user). `stored` is what is written (the secret encrypted by the caller); the
 * last accepted step is forgotten.
 */
export async function setTotpSecret(db: Queryable, accountId: string, stored: string): Promise<void> {
  await db.query(`UPDATE accounts SET totp_secret = $2, totp_last_step = NULL WHERE id = $1`, [
    accountId,
    stored,
  ]);
}

export async function removeTotp(db: Queryable, accountId: string): Promise<boolean> {
  const rows = await db.query(
    "UPDATE accounts SET totp_secret = NULL, totp_last_step = NULL WHERE id = $1 RETURNING id",
    [accountId],
  );
  return rows.length > 0;
}

export type TotpFailureReason = "invalid" | "replayed" | "locked" | "disabled" | "not_enrolled";

export type TotpResult =
  | { ok: true; step: number }
  | { ok: false; reason: TotpFailureReason; retryAfterMs: number; failedLogins: number };

export interface VerifyTotpOptions {
  /** Turns the stored value back into the base32 secret (the caller's decryption). */
  decrypt?: (stored: string) => string | Promise<string>;
  policy?: ThrottlePolicy;
  /**
   * The caller has counted this attempt already (signing in counts password and code as one
   * attempt, before the password): no lock check, no count, and no clearing here.
   */
  counted?: boolean;
}

interface TotpRow {
  totp_secret: string | null;
  totp_last_step: number | null;
  disabled_at: string | null;
  failed_logins: number;
}

/**
 * Check a code at sign-in or step-up. Each check is counted as a failed sign-in before the code
 * is looked at (`claimAttempt`), so concurrent guesses get no more checks than sequential ones;
 * a replayed code is worth an alert (someone else had the code); success clears the counter.
 */
export async function verifyTotp(
  db: Queryable,
  accountId: string,
  code: string,
  now: Date,
  options: VerifyTotpOptions = {},
): Promise<TotpResult> {
  const policy = options.policy ?? LOGIN_THROTTLE;
  const [row] = await db.query<TotpRow>(
    `SELECT totp_secret, totp_last_step, disabled_at, failed_logins FROM accounts WHERE id = $1`,
    [accountId],
  );
  let count = { failedLogins: row?.failed_logins ?? 0, retryAfterMs: 0 };
  const refuse = (reason: TotpFailureReason): TotpResult => ({ ok: false, reason, ...count });
  if (!row) return refuse("invalid");
  if (row.disabled_at) return refuse("disabled");
  if (!row.totp_secret) return refuse("not_enrolled");
  if (!options.counted) {
    const attempt = await claimAttempt(db, { accountId }, now, policy);
    count = { failedLogins: attempt.failedLogins, retryAfterMs: attempt.retryAfterMs };
    if (!attempt.claimed) return refuse("locked");
  }

  const secret = options.decrypt ? await options.decrypt(row.totp_secret) : row.totp_secret;
  let match = matchTotpStep(secret, code, now, row.totp_last_step);
  if (typeof match !== "string") {
    // Conditional on the step still being newer: of two concurrent uses of one code, one wins.
    const won = await db.query(
      `UPDATE accounts SET totp_last_step = $2
        WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
      [accountId, match.step],
    );
    if (won.length === 0) match = "replayed";
  }
  if (typeof match === "string") return refuse(match);
  if (!options.counted) await resetFailures(db, accountId);
  return { ok: true, step: match.step };
}

/**
 * A new secret waits beside the old one until the user shows a code from it (`takePendingTotp`):
 * changing the second factor never leaves the account without one that works. `stored` is the
 * secret as the caller encrypted it.
 */
export async function setPendingTotp(
  db: Queryable,
  accountId: string,
  stored: string,
  until: Date,
): Promise<void> {
  await db.query(`UPDATE accounts SET totp_pending_secret = $2, totp_pending_until = $3 WHERE id = $1`, [
    accountId,
    stored,
    until,
  ]);
}

/** The waiting secret (as stored), if it has not expired. */
export async function pendingTotp(db: Queryable, accountId: string, now: Date): Promise<string | null> {
  const [row] = await db.query<{ totp_pending_secret: string | null }>(
    `SELECT totp_pending_secret FROM accounts WHERE id = $1 AND totp_pending_until > $2`,
    [accountId, now],
  );
  return row?.totp_pending_secret ?? null;
}

/** Make the waiting secret the account's one (its code of `step` used), and forget it as waiting. */
export async function promotePendingTotp(db: Queryable, accountId: string, step: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE accounts SET totp_secret = totp_pending_secret, totp_last_step = $2,
            totp_pending_secret = NULL, totp_pending_until = NULL
      WHERE id = $1 AND totp_pending_secret IS NOT NULL RETURNING id`,
    [accountId, step],
  );
  return rows.length > 0;
}
