/**
 * A person changes their own password and second factor (docs/security.md requirements 1, 3 and
 * 18). Each change needs a second factor proven for it alone (`requireFreshSecondFactor`): a
 * stolen session, or a browser left signed in, is not enough to replace what signs its owner in.
 * After a change every other session of the account ends.
 */
import { verifyPassword } from "../identity/passwords.ts";
import { passwordProblem } from "../identity/password-hash.ts";
import { setPassword } from "../identity/accounts.ts";
import { revokeAllSessions } from "../identity/sessions.ts";
import { recordFailure } from "../identity/throttle.ts";
import {
  enrollTotp,
  matchTotpStep,
  pendingTotp,
  promotePendingTotp,
  setPendingTotp,
  type TotpEnrollment,
} from "../identity/totp.ts";
import { audit, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { totpField } from "./accounts.ts";
import { requireFreshSecondFactor } from "./step-up.ts";

/** How long a new TOTP secret waits for a code from it. */
export const PENDING_TOTP_MINUTES = 10;

function signedInPerson(actor: Actor): { accountId: string; sessionId: string } {
  const p = actor.principal;
  if (p.via !== "session" || !p.sessionId)
    throw new AppError("forbidden", "only a signed-in person changes their own credentials");
  return { accountId: p.accountId, sessionId: p.sessionId };
}

/**
 * The proof is used up first, in a transaction of its own: each try at the current password
 * costs a new code, so a stolen session cannot guess it at leisure.
 */
async function useFreshFactor(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db.transaction((tx) => requireFreshSecondFactor(ctx, actor, tx));
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<{ sessionsEnded: number }> {
  const me = signedInPerson(actor);
  const problem = passwordProblem(input.newPassword);
  if (problem)
    throw new AppError("invalid_input", `the new password is ${problem.replace("_", " ")}`, {
      issues: [{ path: "newPassword", message: problem }],
    });
  await useFreshFactor(ctx, actor);
  const at = ctx.clock();
  // Counted like a sign-in: wrong passwords slow down and lock the account.
  const check = await verifyPassword(ctx.db, actor.principal.username, input.currentPassword, at);
  if (!check.ok) {
    await ctx.db.transaction((tx) =>
      audit(tx, actor, at, {
        action: "account.password_change",
        outcome: "denied",
        details: { accountId: me.accountId, reason: check.reason },
      }),
    );
    throw new AppError(
      "invalid_input",
      check.reason === "locked"
        ? "too many wrong passwords: try again later"
        : "the current password is not right",
      { issues: [{ path: "currentPassword", message: check.reason }] },
    );
  }
  return ctx.db.transaction(async (tx) => {
    await setPassword(tx, me.accountId, input.newPassword);
    const sessionsEnded = await revokeAllSessions(tx, me.accountId, at, { exceptId: me.sessionId });
    await audit(tx, actor, at, {
      action: "account.password_change",
      outcome: "ok",
      details: { accountId: me.accountId, sessionsEnded },
    });
    return { sessionsEnded };
  });
}

/**
 * A new TOTP secret for the signed-in person, shown to them once. The old one keeps working until
 * a code from the new one confirms it (`confirmTotpChange`), within PENDING_TOTP_MINUTES.
 */
export async function startTotpChange(ctx: AppContext, actor: Actor): Promise<TotpEnrollment> {
  const me = signedInPerson(actor);
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    await requireFreshSecondFactor(ctx, actor, tx);
    const enrollment = enrollTotp({ username: actor.principal.username });
    const until = new Date(at.getTime() + PENDING_TOTP_MINUTES * 60_000);
    await setPendingTotp(
      tx,
      me.accountId,
      ctx.keyring.encrypt(enrollment.secret, totpField(me.accountId)),
      until,
    );
    await audit(tx, actor, at, {
      action: "account.totp_change",
      outcome: "ok",
      details: { accountId: me.accountId, step: "started" },
    });
    return enrollment;
  });
}

/** A code from the new secret makes it the account's; every other session ends. */
export async function confirmTotpChange(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<{ sessionsEnded: number }> {
  const me = signedInPerson(actor);
  const at = ctx.clock();
  const stored = await pendingTotp(ctx.db, me.accountId, at);
  if (!stored)
    throw new AppError(
      "conflict",
      `no new authenticator is waiting (or it waited more than ${PENDING_TOTP_MINUTES} minutes): start again`,
      {},
      409,
    );
  const match = matchTotpStep(ctx.keyring.decrypt(stored, totpField(me.accountId)), code, at, null);
  if (typeof match === "string") {
    await recordFailure(ctx.db, { accountId: me.accountId }, at);
    throw new AppError("invalid_input", "the code is not from the new authenticator, or it has expired", {
      issues: [{ path: "totp", message: match }],
    });
  }
  return ctx.db.transaction(async (tx) => {
    if (!(await promotePendingTotp(tx, me.accountId, match.step)))
      throw new AppError("conflict", "no new authenticator is waiting: start again", {}, 409);
    const sessionsEnded = await revokeAllSessions(tx, me.accountId, at, { exceptId: me.sessionId });
    await audit(tx, actor, at, {
      action: "account.totp_change",
      outcome: "ok",
      details: { accountId: me.accountId, step: "confirmed", sessionsEnded },
    });
    return { sessionsEnded };
  });
}
