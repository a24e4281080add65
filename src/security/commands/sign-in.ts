/**
 * Signing in: a password and a second factor (a TOTP code or a passkey), always both
 * (docs/security.md requirement 1). Every failure answers the same way, whatever went wrong, so the
 * answer tells neither whether an account exists nor whether its password was right (requirement
 * 2); the reason goes to the access record only. Password and second factor are one attempt,
 * counted before either is checked.
 */
import { createHash } from "node:crypto";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { Account } from "../identity/accounts.ts";
import { finishPasskeyLogin, type RelyingParty } from "../identity/passkeys.ts";
import { verifyPassword } from "../identity/passwords.ts";
import { resetFailures } from "../identity/throttle.ts";
import { grantFreshFactor } from "../identity/fresh-factor.ts";
import { hashToken } from "../identity/secrets.ts";
import { createSession, markMfa } from "../identity/sessions.ts";
import { verifyTotp } from "../identity/totp.ts";
import { appendAudit } from "../audit/append.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { totpField } from "./accounts.ts";

export interface SignInInput {
  username: string;
  password: string;
  totp?: string;
  passkey?: AuthenticationResponseJSON;
}

export class SignInRefused extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super("unauthenticated", message);
  }
}

const WRONG = "the username, password or code is not right";

async function record(
  ctx: AppContext,
  at: Date,
  address: string,
  actor: string,
  role: string,
  action: string,
  outcome: "ok" | "denied",
  reason?: string,
) {
  await ctx.db.transaction((tx) =>
    appendAudit(tx, {
      at: at.toISOString(),
      actor,
      actorRole: role,
      address,
      action,
      outcome,
      details: reason ? { reason } : {},
    }),
  );
}

export async function signIn(
  ctx: AppContext,
  input: SignInInput,
  meta: { address: string; rp: RelyingParty; replaces?: string | null },
): Promise<{ token: string; account: Account; expiresAt: string }> {
  const at = ctx.clock();
  const pw = await verifyPassword(ctx.db, input.username, input.password, at);
  if (!pw.ok) {
    // Never the typed name (people type passwords there): the account id, or a hash of the name.
    const who =
      pw.accountId ?? `name:${createHash("sha256").update(input.username).digest("hex").slice(0, 32)}`;
    await record(ctx, at, meta.address, who, "unknown", "login.failed", "denied", pw.reason);
    throw new SignInRefused(WRONG, pw.retryAfterMs);
  }
  const { account, attempt } = pw;
  // A missing or wrong second factor answers exactly as a wrong password does, with the same
  // Retry-After (the attempt was counted before the password was checked): the answer never tells
  // that the password was right. The access record keeps the reason.
  const refuse = async (reason: string): Promise<never> => {
    await record(ctx, at, meta.address, account.username, account.role, "login.failed", "denied", reason);
    throw new SignInRefused(WRONG, attempt.retryAfterMs);
  };
  if (input.passkey) {
    // The passkey is the second factor here (after the password), so it is tied to this account.
    const result = await finishPasskeyLogin(ctx.db, meta.rp, input.passkey, at, {
      accountId: account.id,
      counted: true,
    });
    if (!result.ok || result.account.id !== account.id) await refuse("passkey");
  } else if (input.totp) {
    const result = await verifyTotp(ctx.db, account.id, input.totp, at, {
      decrypt: (stored) => ctx.keyring.decrypt(stored, totpField(account.id)),
      counted: true,
    });
    if (!result.ok) await refuse(`totp_${result.reason}`);
  } else {
    await refuse("second_factor_missing");
  }
  await resetFailures(ctx.db, account.id);
  const issued = await createSession(ctx.db, account.id, at, { mfa: true, replaces: meta.replaces ?? null });
  await record(ctx, at, meta.address, account.username, account.role, "login.ok", "ok");
  return { token: issued.token, account, expiresAt: issued.session.expiresAt };
}

/**
 * Prove the second factor again, for a sensitive action (docs/security.md requirement 3): it
 * counts for the next few minutes (`requireRecentSecondFactor`) and for one action that needs its
 * own proof (`requireFreshSecondFactor`).
 */
export async function stepUp(
  ctx: AppContext,
  session: { token: string; account: { id: string; username: string; role: string } },
  input: { totp?: string; passkey?: AuthenticationResponseJSON },
  meta: { address: string; rp: RelyingParty },
): Promise<void> {
  const at = ctx.clock();
  const { account } = session;
  let ok = false;
  if (input.passkey) {
    const result = await finishPasskeyLogin(ctx.db, meta.rp, input.passkey, at, { accountId: account.id });
    ok = result.ok && result.account.id === account.id;
  } else if (input.totp) {
    const result = await verifyTotp(ctx.db, account.id, input.totp, at, {
      decrypt: (stored) => ctx.keyring.decrypt(stored, totpField(account.id)),
    });
    ok = result.ok;
  }
  await record(ctx, at, meta.address, account.username, account.role, "login.step_up", ok ? "ok" : "denied");
  if (!ok) throw new SignInRefused(WRONG, 0);
  await ctx.db.transaction(async (tx) => {
    await markMfa(tx, session.token, at);
    await grantFreshFactor(tx, hashToken(session.token), at);
  });
}
