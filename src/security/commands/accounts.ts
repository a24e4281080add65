/**
 * Accounts and their credentials. Through the API nobody creates an account or a token alone: that
 * is an access request a second administrator approves (access-requests.ts). `addAccount` and
 * `issueApiToken` are for in-process work at the machine only (the demo's fictional accounts,
 * tests, benchmarks), never reached from a request, and audited; a person's account made here
 * gets its TOTP secret at once, so that no account can ever sign in with a password alone.
 */
import { TOTP } from "otpauth";
import { hasRight, type Right, type Role } from "../access/rights.ts";
import { createAccount, findAccountByUsername, listUsernames, type Account } from "../identity/accounts.ts";
import { ACCESS_RIGHTS, createApiToken, listApiTokens, revokeApiToken } from "../identity/api-tokens.ts";
import { disableAccount as disable } from "../identity/lifecycle.ts";
import { enrollTotp, setTotpSecret, TOTP_PARAMS } from "../identity/totp.ts";
import type { Queryable } from "../../store/db.ts";
import { audit, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";

export const totpField = (accountId: string) => ({ table: "accounts", row: accountId, field: "totp_secret" });

export type NewAccountInput =
  | {
      username: string;
      displayName: string;
      role: Role;
      officeId: string | null;
      password: string;
      service?: false;
    }
  /** A service account: no password anyone knows, no second factor; it acts only through API tokens. */
  | { username: string; displayName: string; role: Role; officeId: string | null; service: true };

export async function addAccount(
  ctx: AppContext,
  actor: Actor,
  input: NewAccountInput,
): Promise<{ account: Account; totp: { secret: string; uri: string } | null }> {
  atTheMachine(actor);
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const service = input.service === true;
    const password = input.service === true ? null : input.password;
    const account = await createAccount(
      tx,
      { ...input, password, service, createdBy: actor.principal.username },
      at,
    );
    const totp = service ? null : enrollTotp(account);
    if (totp) await storeTotpSecret(tx, ctx, account.id, totp.secret);
    await audit(tx, actor, at, {
      action: "account.create",
      outcome: "ok",
      officeId: input.officeId,
      details: { accountId: account.id, role: input.role, service },
    });
    return { account: { ...account, totpEnrolled: totp !== null }, totp };
  });
}

/** In-process work at the machine; never a person or a token through the API. */
function atTheMachine(actor: Actor): void {
  if (actor.principal.via !== "system")
    throw new AppError(
      "forbidden",
      "accounts and tokens are given through access requests a second administrator approves",
    );
}

/** The TOTP secret is stored encrypted, bound to its account row. */
export async function storeTotpSecret(
  tx: Queryable,
  ctx: AppContext,
  accountId: string,
  secret: string,
): Promise<void> {
  await setTotpSecret(tx, accountId, ctx.keyring.encrypt(secret, totpField(accountId)));
}

/** The current code of a TOTP secret (for the demo's printed instructions and for tests). */
export function currentTotpCode(secret: string, at: Date = new Date()): string {
  return new TOTP({
    secret,
    algorithm: TOTP_PARAMS.algorithm,
    digits: TOTP_PARAMS.digits,
    period: TOTP_PARAMS.period,
  }).generate({
    timestamp: at.getTime(),
  });
}

export async function listAccounts(ctx: AppContext): Promise<Account[]> {
  const usernames = await listUsernames(ctx.db);
  const out: Account[] = [];
  for (const username of usernames) {
    const a = await findAccountByUsername(ctx.db, username);
    if (a) out.push(a);
  }
  return out;
}

/**
 * Disable an account: its sessions and tokens die at once. Nobody disables their own account (a
 * slip would lock them out, and an administrator's own exit is another's to record), and the last
 * administrator who can sign in is never disabled (docs/security.md requirement 18).
 */
export async function disableAccount(ctx: AppContext, actor: Actor, accountId: string): Promise<void> {
  const at = ctx.clock();
  const refuse = async (refused: string, message: string): Promise<never> => {
    await ctx.db.transaction((tx) =>
      audit(tx, actor, at, { action: "account.disable", outcome: "denied", details: { accountId, refused } }),
    );
    throw new AppError("conflict", message, {}, 409);
  };
  if (accountId === actor.principal.accountId)
    return refuse("own_account", "you cannot disable your own account: ask another administrator");
  const result = await disable(ctx.db, accountId, at);
  if (!result.found) throw notFound(`account ${accountId}`);
  if (result.lastAdministrator)
    return refuse(
      "last_administrator",
      "this is the last administrator who can sign in: add another administrator before disabling this one",
    );
  await ctx.db.transaction((tx) =>
    audit(tx, actor, at, { action: "account.disable", outcome: "ok", details: { accountId } }),
  );
}

export async function issueApiToken(
  ctx: AppContext,
  actor: Actor,
  username: string,
  name: string,
  scopes: readonly Right[],
): Promise<{ id: string; token: string }> {
  atTheMachine(actor);
  const account = await findAccountByUsername(ctx.db, username);
  if (!account || account.disabledAt)
    throw new AppError("invalid_input", `no active account named ${username}`, {
      issues: [{ path: "username", message: "unknown" }],
    });
  // A token for a person's account would let whoever issues it act, and be recorded, as them.
  if (!account.service)
    throw new AppError(
      "invalid_input",
      `${username} is a person's account: API tokens are issued only to service accounts`,
      { issues: [{ path: "username", message: "not a service account" }] },
    );
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    if (scopes.some((r) => ACCESS_RIGHTS.includes(r) || !hasRight(account.role, r)))
      throw new AppError(
        "invalid_input",
        "a token's scopes are rights of its account's role, never account.manage or token.manage",
      );
    const issued = await createApiToken(tx, account.id, name, scopes, actor.principal.username, at);
    await audit(tx, actor, at, {
      action: "token.create",
      outcome: "ok",
      details: { accountId: account.id, tokenId: issued.id },
    });
    return issued;
  });
}

export async function revokeToken(ctx: AppContext, actor: Actor, tokenId: string): Promise<void> {
  const at = ctx.clock();
  const ok = await revokeApiToken(ctx.db, tokenId, at);
  if (!ok) throw notFound(`token ${tokenId}`);
  await ctx.db.transaction((tx) =>
    audit(tx, actor, at, { action: "token.revoke", outcome: "ok", details: { tokenId } }),
  );
}

export { listApiTokens };
