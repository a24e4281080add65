/**
 * Signing in: a password and a second factor (a TOTP code or a passkey), always both
 * (docs/security.md requirement 1). Every failure answers the same way, whatever went wrong, so the answer
 * does not tell whether an account exists; the reason goes to the access record only.
 */
import { createHash } from "node:crypto";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { Account } from "../identity/accounts.ts";
import { finishPasskeyLogin, type RelyingParty } from "../identity/passkeys.ts";
import { verifyPassword } from "../identity/passwords.ts";
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
    readonly secondFactorRequired = false,
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
  const account = pw.account;
  if (!input.totp && !input.passkey) {
    throw new SignInRefused("enter the code from your authenticator app (totp) or use your passkey", 0, true);
  }
  if (input.passkey) {
    // The passkey is the second factor here (after the password), so it is tied to this account.
    const result = await finishPasskeyLogin(ctx.db, meta.rp, input.passkey, at, { accountId: account.id });
    if (!result.ok || result.account.id !== account.id) {
      await record(
        ctx,
        at,
        meta.address,
        account.username,
        account.role,
        "login.failed",
        "denied",
        "passkey",
      );
      throw new SignInRefused(WRONG, 0);
    }
  } else if (input.totp) {
    const result = await verifyTotp(ctx.db, account.id, input.totp, at, {
      decrypt: (stored) => ctx.keyring.decrypt(stored, totpField(account.id)),
    });
    if (!result.ok) {
      await record(
        ctx,
        at,
        meta.address,
        account.username,
        account.role,
        "login.failed",
        "denied",
        `totp_${result.reason}`,
      );
      throw new SignInRefused(WRONG, result.retryAfterMs);
    }
  }
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
