/**
 * A new user sets their own password and second factor (docs/security.md requirement 18): nobody
 * else ever sees them. The user needs both the enrolment link (given to the administrator who
 * requested the account) and the one-time code (given to the one who approved it). Every try
 * counts, right or wrong; after `ENROL_ATTEMPTS` tries, after `ENROL_HOURS`, or once used, the
 * enrolment is spent and a new request is needed.
 *
 *   startEnrolment     link + code: a new TOTP secret, shown to the user this once
 *   completeEnrolment  link + code + password + a code from the new authenticator: done
 */
import { timingSafeEqual } from "node:crypto";
import { appendAudit } from "../audit/append.ts";
import {
  countEnrolmentAttempt,
  findEnrolment,
  markEnrolled,
  type EnrolmentRow,
} from "../identity/access-requests.ts";
import { setPassword } from "../identity/accounts.ts";
import { passwordProblem } from "../identity/password-hash.ts";
import { hashToken } from "../identity/secrets.ts";
import {
  enrollTotp,
  matchTotpStep,
  pendingTotp,
  promotePendingTotp,
  setPendingTotp,
  type TotpEnrollment,
} from "../identity/totp.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { totpField } from "./accounts.ts";
import { ENROL_ATTEMPTS, normalizeEnrolmentCode, spendOtherEnrolments } from "./access-requests.ts";

/** How long the new TOTP secret waits for the code that completes the enrolment. */
const PENDING_MINUTES = 15;

const SPENT =
  "this enrolment link is not valid: it was used, it expired, or too many codes were tried. Ask your administrator for a new one.";

async function record(
  ctx: AppContext,
  at: Date,
  address: string,
  who: string,
  action: string,
  outcome: "ok" | "denied",
  requestId: string | null,
) {
  await ctx.db.transaction((tx) =>
    appendAudit(tx, {
      at: at.toISOString(),
      actor: who,
      actorRole: "enrolment",
      address,
      action,
      outcome,
      details: requestId ? { requestId } : {},
    }),
  );
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Check the link and the code, counting the try first in a transaction of its own (so that
 * concurrent guesses get no more tries than sequential ones). 404 for a link that is unknown or
 * spent; 422 for a wrong code.
 */
async function checkEnrolment(
  ctx: AppContext,
  input: { link: string; code: string },
  action: string,
  address: string,
): Promise<EnrolmentRow> {
  const at = ctx.clock();
  const counted = await ctx.db.transaction(async (tx) => {
    const row = await findEnrolment(tx, hashToken(input.link), at);
    if (!row || !row.usable || row.attempts >= ENROL_ATTEMPTS) return { row, tries: null };
    return { row, tries: await countEnrolmentAttempt(tx, row.id) };
  });
  const { row, tries } = counted;
  if (!row || tries === null) {
    await record(ctx, at, address, row?.username ?? "unknown", action, "denied", row?.id ?? null);
    throw new AppError("not_found", SPENT);
  }
  if (!sameHash(hashToken(normalizeEnrolmentCode(input.code)), row.codeHash)) {
    await record(ctx, at, address, row.username, action, "denied", row.id);
    const left = ENROL_ATTEMPTS - tries;
    throw new AppError(
      "invalid_input",
      left > 0
        ? `the one-time code is not right: ${left} ${left === 1 ? "try" : "tries"} left`
        : "the one-time code is not right, and no tries are left: ask your administrator for a new enrolment",
      { issues: [{ path: "code", message: "not right" }] },
    );
  }
  return row;
}

/** The link and code are right: a new authenticator secret for the user, shown this once. */
export async function startEnrolment(
  ctx: AppContext,
  input: { link: string; code: string },
  address: string,
): Promise<{ username: string; totp: TotpEnrollment }> {
  const row = await checkEnrolment(ctx, input, "account.enrol_start", address);
  const at = ctx.clock();
  const totp = enrollTotp({ username: row.username });
  await ctx.db.transaction(async (tx) => {
    await setPendingTotp(
      tx,
      row.accountId,
      ctx.keyring.encrypt(totp.secret, totpField(row.accountId)),
      new Date(at.getTime() + PENDING_MINUTES * 60_000),
    );
    await appendAudit(tx, {
      at: at.toISOString(),
      actor: row.username,
      actorRole: "enrolment",
      address,
      action: "account.enrol_start",
      outcome: "ok",
      details: { requestId: row.id },
    });
  });
  return { username: row.username, totp };
}

/** The user's own password and a code from their new authenticator: the account can sign in. */
export async function completeEnrolment(
  ctx: AppContext,
  input: { link: string; code: string; password: string; totp: string },
  address: string,
): Promise<{ username: string }> {
  const problem = passwordProblem(input.password);
  if (problem)
    throw new AppError("invalid_input", `the password is ${problem.replace("_", " ")}`, {
      issues: [{ path: "password", message: problem }],
    });
  const row = await checkEnrolment(ctx, input, "account.enrol", address);
  const at = ctx.clock();
  const stored = await pendingTotp(ctx.db, row.accountId, at);
  const secret = stored ? ctx.keyring.decrypt(stored, totpField(row.accountId)) : null;
  const match = secret ? matchTotpStep(secret, input.totp, at, null) : "invalid";
  if (typeof match === "string") {
    await record(ctx, at, address, row.username, "account.enrol", "denied", row.id);
    throw new AppError(
      "invalid_input",
      stored
        ? "the code from the authenticator app is not right: check the app's clock, and wait for a new code"
        : "start again: the authenticator secret shown earlier has expired",
      { issues: [{ path: "totp", message: "not right" }] },
    );
  }
  await ctx.db.transaction(async (tx) => {
    if (!(await markEnrolled(tx, row.id, at))) throw new AppError("not_found", SPENT);
    await spendOtherEnrolments(tx, row.accountId, row.id, at);
    await setPassword(tx, row.accountId, input.password);
    await promotePendingTotp(tx, row.accountId, match.step);
    await appendAudit(tx, {
      at: at.toISOString(),
      actor: row.username,
      actorRole: "enrolment",
      address,
      action: "account.enrol",
      outcome: "ok",
      details: { requestId: row.id },
    });
  });
  return { username: row.username };
}
