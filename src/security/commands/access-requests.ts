/**
 * No administrator alone gives anyone access (docs/security.md requirement 18). A new account, a
 * new role or an API token is *requested* by one administrator and takes effect only when a
 * second one approves it with a second factor proven for that approval. A new person's account
 * has no password and no second factor: its user sets both at enrolment, with a link given to
 * the requesting administrator and a code given to the approving one (src/security/commands/
 * enrolment.ts). At the machine (the command line on the database) a request can be approved
 * without a second administrator, by break-glass: it raises a critical alert and waits for an
 * administrator's review.
 */
import { randomBytes, randomInt } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { ROLE_DEFINITIONS, type Right, type Role } from "../access/rights.ts";
import {
  checkNewAccountName,
  createAccount,
  getAccount,
  IdentityError,
  normalizeUsername,
  refuseConfusableUsername,
} from "../identity/accounts.ts";
import {
  getAccessRequest,
  insertAccessRequest,
  markDecided,
  markReviewed,
  openAccessRequests,
  pendingUsernames,
  type AccessRequest,
} from "../identity/access-requests.ts";
import { ACCESS_RIGHTS, createApiToken, revokeAllApiTokens } from "../identity/api-tokens.ts";
import { confusableUsername } from "../identity/names.ts";
import { hashToken } from "../identity/secrets.ts";
import { revokeAllSessions } from "../identity/sessions.ts";
import { audit, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import { findOffice } from "../../kernel/offices.ts";
import type { Queryable } from "../../store/db.ts";
import { requireFreshSecondFactor } from "./step-up.ts";

export type { AccessRequest };

/** How long an approved enrolment waits for its user. */
export const ENROL_HOURS = 72;
/** Tries at an enrolment's code (a wrong one or a right one) before it is spent. */
export const ENROL_ATTEMPTS = 5;

export type AccessRequestInput =
  | {
      kind: "account";
      username: string;
      displayName: string;
      role: Role;
      officeId: string | null;
      service?: boolean;
    }
  | { kind: "role"; accountId: string; role: Role; officeId: string | null }
  | { kind: "token"; accountId: string; name: string; scopes: string[] }
  /** A person who lost their password or authenticator enrols again; what they had stops working. */
  | { kind: "enrolment"; accountId: string }
  | { kind: "enable"; accountId: string };

export interface AccessRequested {
  request: AccessRequest;
  /**
   * For a person's new account: the enrolment link's secret, shown to the requesting
   * administrator this once (`/enrol#<secret>`); the user also needs the approver's code.
   */
  enrolmentLink: string | null;
}

export interface AccessApproved {
  request: AccessRequest;
  /** For a person's new account: the one-time code, shown to the approving administrator this once. */
  enrolmentCode: string | null;
  /** For a token: the bearer token, shown this once. */
  token: string | null;
}

const invalid = (path: string, message: string) =>
  new AppError("invalid_input", message, { issues: [{ path, message }] });

/** Access is given by a person at a session, or at the machine: never by a token. */
function requireGrantor(actor: Actor): void {
  const p = actor.principal;
  if (p.via === "token")
    throw new AppError(
      "forbidden",
      "no API token can request or approve access: sign in as an administrator",
    );
  if (p.via === "session" && p.role !== "administrator")
    throw new AppError("forbidden", `your role (${p.role}) may not give access`);
}

/** The account a request is about (404 if there is none), active. */
async function disabledAccount(db: Queryable, accountId: string) {
  const account = await getAccount(db, accountId);
  if (!account) throw notFound(`account ${accountId}`);
  if (!account.disabledAt) throw invalid("body.accountId", "this account is not disabled");
  return account;
}

async function activeAccount(db: Queryable, accountId: string) {
  const account = await getAccount(db, accountId);
  if (!account) throw notFound(`account ${accountId}`);
  if (account.disabledAt) throw invalid("body.accountId", "this account is disabled");
  return account;
}

function checkOffice(role: Role, officeId: string | null): void {
  if (officeId !== null && !findOffice(officeId))
    throw invalid("body.officeId", `"${officeId}" is not an office code`);
  if (officeId === null && !ROLE_DEFINITIONS[role].spansOffices)
    throw invalid("body.officeId", `a ${role} works for one office: name it`);
}

/** A token's scopes: rights of its account's role, and never one that grants access. */
function checkScopes(role: Role, scopes: string[]): Right[] {
  if (scopes.length === 0) throw invalid("body.scopes", "name the rights the token needs");
  const rights: readonly string[] = ROLE_DEFINITIONS[role].rights;
  for (const s of scopes) {
    if (ACCESS_RIGHTS.includes(s))
      throw invalid("body.scopes", `no token may carry ${s}: tokens never give access`);
    if (!rights.includes(s))
      throw invalid("body.scopes", `${s} is not a right of the account's role (${role})`);
  }
  return [...new Set(scopes)] as Right[];
}

function identityProblem(e: unknown): never {
  if (e instanceof IdentityError) {
    const taken = e.code === "username_taken" || e.code === "username_confusable";
    const path = e.code === "invalid_display_name" ? "body.displayName" : "body.username";
    throw new AppError(
      taken ? "conflict" : "invalid_input",
      e.message,
      { issues: [{ path, message: e.message }] },
      taken ? 409 : 422,
    );
  }
  throw e;
}

/** An account has one enrolment that can be used: a newer one spends any earlier one left unused. */
export async function spendOtherEnrolments(
  tx: Queryable,
  accountId: string,
  keep: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE access_requests SET enrol_until = $3
      WHERE account_id = $1 AND id <> $2 AND enrolled_at IS NULL AND enrol_until > $3`,
    [accountId, keep, at],
  );
}

/** Ask for access; it takes effect when another administrator approves it. */
export async function requestAccess(
  ctx: AppContext,
  actor: Actor,
  input: AccessRequestInput,
): Promise<AccessRequested> {
  requireGrantor(actor);
  const at = ctx.clock();
  const p = actor.principal;
  const requester = {
    requestedBy: p.username,
    requesterId: p.via === "session" ? p.accountId : null,
    requestedAt: at,
  };
  return ctx.db.transaction(async (tx) => {
    const id = uuidv7();
    let enrolmentLink: string | null = null;
    if (input.kind === "account") {
      const username = normalizeUsername(input.username);
      try {
        checkNewAccountName(username, input.displayName);
        await refuseConfusableUsername(tx, username);
      } catch (e) {
        identityProblem(e);
      }
      checkOffice(input.role, input.officeId);
      const waiting = confusableUsername(username, await pendingUsernames(tx));
      if (waiting)
        throw new AppError(
          "conflict",
          `an account named ${waiting} is already requested`,
          {
            issues: [{ path: "body.username", message: "requested already" }],
          },
          409,
        );
      const service = input.service === true;
      enrolmentLink = service ? null : randomBytes(32).toString("base64url");
      await insertAccessRequest(tx, {
        id,
        kind: "account",
        accountId: null,
        username,
        displayName: input.displayName,
        role: input.role,
        officeId: input.officeId,
        service,
        tokenName: null,
        scopes: null,
        linkHash: enrolmentLink ? hashToken(enrolmentLink) : null,
        ...requester,
      });
    } else if (input.kind === "role") {
      const account = await activeAccount(tx, input.accountId);
      checkOffice(input.role, input.officeId);
      if (account.role === input.role && account.officeId === input.officeId)
        throw invalid("body.role", "the account has this role and office already");
      await insertAccessRequest(tx, {
        id,
        kind: "role",
        accountId: account.id,
        username: account.username,
        displayName: account.displayName,
        role: input.role,
        officeId: input.officeId,
        service: account.service,
        tokenName: null,
        scopes: null,
        linkHash: null,
        ...requester,
      });
    } else if (input.kind === "enable") {
      const account = await disabledAccount(tx, input.accountId);
      // A person enrols afresh: the link goes to the requester, the code to the approver.
      enrolmentLink = account.service ? null : randomBytes(32).toString("base64url");
      await insertAccessRequest(tx, {
        id,
        kind: "enable",
        accountId: account.id,
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        officeId: account.officeId,
        service: account.service,
        tokenName: null,
        scopes: null,
        linkHash: enrolmentLink ? hashToken(enrolmentLink) : null,
        ...requester,
      });
    } else if (input.kind === "enrolment") {
      const account = await activeAccount(tx, input.accountId);
      if (account.service)
        throw invalid("body.accountId", `${account.username} is a service account: it has nothing to enrol`);
      enrolmentLink = randomBytes(32).toString("base64url");
      await insertAccessRequest(tx, {
        id,
        kind: "enrolment",
        accountId: account.id,
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        officeId: account.officeId,
        service: false,
        tokenName: null,
        scopes: null,
        linkHash: hashToken(enrolmentLink),
        ...requester,
      });
    } else {
      const account = await activeAccount(tx, input.accountId);
      // A token for a person's account would let whoever holds it act, and be recorded, as them.
      if (!account.service)
        throw invalid(
          "accountId",
          `${account.username} is a person's account: API tokens are issued only to service accounts`,
        );
      const scopes = checkScopes(account.role, input.scopes);
      await insertAccessRequest(tx, {
        id,
        kind: "token",
        accountId: account.id,
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        officeId: account.officeId,
        service: true,
        tokenName: input.name,
        scopes,
        linkHash: null,
        ...requester,
      });
    }
    await audit(tx, actor, at, {
      action: "access.request",
      outcome: "ok",
      details: { requestId: id, kind: input.kind },
    });
    const request = await getAccessRequest(tx, id);
    if (!request) throw new Error("the request just made is missing");
    return { request, enrolmentLink };
  });
}

export async function listAccessRequests(ctx: AppContext, actor: Actor): Promise<AccessRequest[]> {
  requireGrantor(actor);
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    await audit(tx, actor, at, { action: "access.list", outcome: "ok" });
    return openAccessRequests(tx);
  });
}

/** Eight letters and digits a person can read out (no 0/O, 1/I/L), about 40 bits. */
function enrolmentCode(): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  let code = "";
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The form in which a code is hashed: the user may type it in lower case, without the dash. */
export function normalizeEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/**
 * Refuse a decision the actor may not make on this request, recording the refusal. Nobody decides
 * their own request; a break-glass approval is made only at the machine.
 */
async function refuseDecision(
  ctx: AppContext,
  actor: Actor,
  at: Date,
  action: string,
  id: string,
  message: string,
  kind: "forbidden" | "conflict",
): Promise<never> {
  await ctx.db.transaction((tx) =>
    audit(tx, actor, at, { action, outcome: "denied", details: { requestId: id, refused: kind } }),
  );
  throw new AppError(kind, message, {}, kind === "conflict" ? 409 : undefined);
}

/**
 * Approve a request: by a second administrator at a session, with a second factor proven for this
 * approval, or, `breakGlass`, at the machine with a reason.
 */
export async function approveAccessRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  options: { breakGlass?: { reason: string } } = {},
): Promise<AccessApproved> {
  requireGrantor(actor);
  const p = actor.principal;
  const at = ctx.clock();
  const breakGlass = options.breakGlass ?? null;
  if (breakGlass && p.via !== "system")
    throw new AppError(
      "forbidden",
      "break-glass approval is made at the machine (openrsd access approve --break-glass)",
    );
  if (!breakGlass && p.via === "system")
    throw new AppError("forbidden", "at the machine, an approval is break-glass: give a reason");
  if (breakGlass && breakGlass.reason.trim().length < 10)
    throw invalid("body.reason", "a break-glass approval needs its reason (at least 10 characters)");
  const request = await getAccessRequest(ctx.db, id);
  if (!request) throw notFound(`access request ${id}`);
  if (request.state !== "pending")
    return refuseDecision(
      ctx,
      actor,
      at,
      "access.approve",
      id,
      `this request was ${request.state} already`,
      "conflict",
    );
  if (p.via === "session" && request.requesterId === p.accountId)
    return refuseDecision(
      ctx,
      actor,
      at,
      "access.approve",
      id,
      "nobody approves their own request: another administrator must",
      "forbidden",
    );
  return ctx.db.transaction(async (tx) => {
    // The proof is used in this transaction: a refused approval gives it back.
    if (p.via === "session") await requireFreshSecondFactor(ctx, actor, tx);
    const locked = await getAccessRequest(tx, id, { lock: true });
    if (!locked || locked.state !== "pending")
      throw new AppError("conflict", "this request was decided meanwhile", {}, 409);
    let enrolmentCodeShown: string | null = null;
    let tokenShown: string | null = null;
    const decided = {
      id,
      state: "approved" as const,
      decidedBy: p.username,
      deciderId: p.via === "session" ? p.accountId : null,
      decidedAt: at,
      breakGlass: breakGlass !== null,
      reason: breakGlass?.reason.trim() ?? null,
    };
    if (locked.kind === "account") {
      let accountId: string;
      try {
        const account = await createAccount(
          tx,
          {
            username: locked.username,
            displayName: locked.displayName ?? locked.username,
            role: locked.role as Role,
            officeId: locked.officeId,
            password: null,
            service: locked.service,
            createdBy: locked.requestedBy,
          },
          at,
        );
        accountId = account.id;
      } catch (e) {
        identityProblem(e);
      }
      if (!locked.service) enrolmentCodeShown = enrolmentCode();
      await markDecided(tx, {
        ...decided,
        accountId,
        codeHash: enrolmentCodeShown ? hashToken(normalizeEnrolmentCode(enrolmentCodeShown)) : null,
        enrolUntil: enrolmentCodeShown ? new Date(at.getTime() + ENROL_HOURS * 3_600_000) : null,
      });
    } else if (locked.kind === "role") {
      const account = await activeAccount(tx, locked.accountId ?? "");
      if (account.role === "administrator" && locked.role !== "administrator") {
        const [others] = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM accounts
            WHERE role = 'administrator' AND disabled_at IS NULL AND NOT service AND id <> $1`,
          [account.id],
        );
        if (!others?.n)
          throw new AppError(
            "conflict",
            "this is the last administrator: add another before changing this role",
            {},
            409,
          );
      }
      await tx.query("UPDATE accounts SET role = $2, office_id = $3 WHERE id = $1", [
        account.id,
        locked.role,
        locked.officeId,
      ]);
      // Its tokens were scoped for the old role.
      await revokeAllApiTokens(tx, account.id, at);
      await markDecided(tx, decided);
    } else if (locked.kind === "token") {
      const account = await activeAccount(tx, locked.accountId ?? "");
      const scopes = checkScopes(account.role, locked.scopes ?? []);
      const issued = await createApiToken(
        tx,
        account.id,
        locked.tokenName ?? "token",
        scopes,
        locked.requestedBy,
        at,
      );
      tokenShown = issued.token;
      await markDecided(tx, { ...decided, tokenId: issued.id });
    } else if (locked.kind === "enable") {
      // Enabled again: a person's old password, authenticator and passkeys do not come back; they
      // enrol afresh. Its sessions and tokens were revoked when it was disabled.
      const account = await disabledAccount(tx, locked.accountId ?? "");
      await tx.query(
        `UPDATE accounts SET disabled_at = NULL, failed_logins = 0, last_failed_at = NULL, locked_until = NULL
          WHERE id = $1`,
        [account.id],
      );
      if (!account.service) {
        await tx.query(
          `UPDATE accounts SET password_hash = NULL, totp_secret = NULL, totp_last_step = NULL,
                  totp_pending_secret = NULL, totp_pending_until = NULL WHERE id = $1`,
          [account.id],
        );
        await tx.query("DELETE FROM webauthn_credentials WHERE account_id = $1", [account.id]);
        await spendOtherEnrolments(tx, account.id, id, at);
        enrolmentCodeShown = enrolmentCode();
      }
      await markDecided(tx, {
        ...decided,
        codeHash: enrolmentCodeShown ? hashToken(normalizeEnrolmentCode(enrolmentCodeShown)) : null,
        enrolUntil: enrolmentCodeShown ? new Date(at.getTime() + ENROL_HOURS * 3_600_000) : null,
      });
    } else {
      // Enrolment again: the password, authenticators and sessions the account had end now.
      const account = await activeAccount(tx, locked.accountId ?? "");
      await tx.query(
        `UPDATE accounts SET password_hash = NULL, totp_secret = NULL, totp_last_step = NULL,
                totp_pending_secret = NULL, totp_pending_until = NULL WHERE id = $1`,
        [account.id],
      );
      await tx.query("DELETE FROM webauthn_credentials WHERE account_id = $1", [account.id]);
      await revokeAllSessions(tx, account.id, at);
      await spendOtherEnrolments(tx, account.id, id, at);
      enrolmentCodeShown = enrolmentCode();
      await markDecided(tx, {
        ...decided,
        codeHash: hashToken(normalizeEnrolmentCode(enrolmentCodeShown)),
        enrolUntil: new Date(at.getTime() + ENROL_HOURS * 3_600_000),
      });
    }
    await audit(tx, actor, at, {
      action: "access.approve",
      outcome: "ok",
      details: { requestId: id, kind: locked.kind, breakGlass: breakGlass !== null },
    });
    if (breakGlass) {
      await tx.query(
        `INSERT INTO alerts (id, at, kind, severity, details) VALUES ($1, $2, 'access_break_glass', 'critical', $3)`,
        [
          uuidv7(),
          at,
          JSON.stringify({
            requestId: id,
            kind: locked.kind,
            username: locked.username,
            approvedBy: p.username,
          }),
        ],
      );
    }
    const request = await getAccessRequest(tx, id);
    if (!request) throw new Error("the request just approved is missing");
    return { request, enrolmentCode: enrolmentCodeShown, token: tokenShown };
  });
}

/** Refuse a request; nobody refuses their own (they ask another administrator, who may). */
export async function rejectAccessRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reason: string,
): Promise<AccessRequest> {
  requireGrantor(actor);
  const p = actor.principal;
  const at = ctx.clock();
  const request = await getAccessRequest(ctx.db, id);
  if (!request) throw notFound(`access request ${id}`);
  if (request.state !== "pending")
    return refuseDecision(
      ctx,
      actor,
      at,
      "access.reject",
      id,
      `this request was ${request.state} already`,
      "conflict",
    );
  if (p.via === "session" && request.requesterId === p.accountId)
    return refuseDecision(
      ctx,
      actor,
      at,
      "access.reject",
      id,
      "nobody decides their own request: another administrator must",
      "forbidden",
    );
  return ctx.db.transaction(async (tx) => {
    const locked = await getAccessRequest(tx, id, { lock: true });
    if (!locked || locked.state !== "pending")
      throw new AppError("conflict", "this request was decided meanwhile", {}, 409);
    await markDecided(tx, {
      id,
      state: "rejected",
      decidedBy: p.username,
      deciderId: p.via === "session" ? p.accountId : null,
      decidedAt: at,
      breakGlass: false,
      reason: reason.trim(),
    });
    await audit(tx, actor, at, {
      action: "access.reject",
      outcome: "ok",
      details: { requestId: id, kind: locked.kind },
    });
    const out = await getAccessRequest(tx, id);
    if (!out) throw new Error("the request just rejected is missing");
    return out;
  });
}

/**
 * An administrator reviews a break-glass approval: it leaves the list of those waiting, and its
 * alert is acknowledged. Nobody reviews the approval that gave them their own account.
 */
export async function reviewBreakGlass(ctx: AppContext, actor: Actor, id: string): Promise<AccessRequest> {
  requireGrantor(actor);
  const p = actor.principal;
  if (p.via !== "session")
    throw new AppError("forbidden", "a break-glass approval is reviewed by a signed-in administrator");
  const at = ctx.clock();
  const request = await getAccessRequest(ctx.db, id);
  if (!request) throw notFound(`access request ${id}`);
  if (!request.breakGlass || request.reviewedAt)
    throw new AppError("conflict", "this request is not a break-glass approval waiting for review", {}, 409);
  if (request.accountId === p.accountId)
    return refuseDecision(
      ctx,
      actor,
      at,
      "access.review",
      id,
      "this approval concerns your own account: another administrator reviews it",
      "forbidden",
    );
  return ctx.db.transaction(async (tx) => {
    if (!(await markReviewed(tx, { id, reviewedBy: p.username, reviewerId: p.accountId, reviewedAt: at })))
      throw new AppError("conflict", "this approval was reviewed meanwhile", {}, 409);
    await tx.query(
      `UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3
        WHERE kind = 'access_break_glass' AND details ->> 'requestId' = $1 AND acknowledged_at IS NULL`,
      [id, p.username, at],
    );
    await audit(tx, actor, at, { action: "access.review", outcome: "ok", details: { requestId: id } });
    const out = await getAccessRequest(tx, id);
    if (!out) throw new Error("the request just reviewed is missing");
    return out;
  });
}
