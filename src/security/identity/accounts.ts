/**
 * Accounts of staff, interpreters and representatives. Public functions never hand out the
 * password hash or the TOTP secret: an `Account` is safe to log and to put in a principal.
 */
import { v7 as uuidv7 } from "uuid";
import type { Queryable } from "../../store/db.ts";
import { hashPassword, passwordProblem } from "./password-hash.ts";
import { confusableUsername, nameTextProblem } from "./names.ts";
import { isRole, type Role } from "./roles.ts";

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Null for an account whose role spans offices. */
  officeId: string | null;
  totpEnrolled: boolean;
  passkeyEnrolled: boolean;
  /** A service account (another system, a script): acts only through API tokens, never signs in. */
  service: boolean;
  disabledAt: string | null;
  createdAt: string;
  createdBy: string;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  officeId: string | null;
  /**
   * Null for an account whose user sets their own password at enrolment (nobody else ever knows
   * it), and for a service account, which never signs in.
   */
  password: string | null;
  /** Who created it, as events name actors. */
  createdBy: string;
  service?: boolean;
}

export type IdentityErrorCode =
  | "invalid_username"
  | "username_taken"
  | "username_confusable"
  | "invalid_display_name"
  | "invalid_role"
  | "weak_password";

/** A refused request the caller can show (422/409), as opposed to a failure of the system. */
export class IdentityError extends Error {
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IdentityError";
  }
}

export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  office_id: string | null;
  totp_enrolled: boolean;
  passkey_enrolled: boolean;
  service: boolean;
  disabled_at: string | null;
  created_at: string;
  created_by: string;
}

/** The columns of `AccountRow`, from `accounts` aliased as `a`; shared by every query that joins it. */
export const ACCOUNT_COLUMNS = `a.id, a.username, a.display_name, a.role, a.office_id,
  a.totp_secret IS NOT NULL AS totp_enrolled,
  EXISTS (SELECT 1 FROM webauthn_credentials w WHERE w.account_id = a.id) AS passkey_enrolled,
  a.service, a.disabled_at, a.created_at, a.created_by`;

export function toAccount(row: AccountRow): Account {
  // The table's CHECK keeps roles valid; this guards against a hand-edited row.
  if (!isRole(row.role)) throw new Error(`account ${row.id} has an unknown role`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    officeId: row.office_id,
    totpEnrolled: row.totp_enrolled,
    passkeyEnrolled: row.passkey_enrolled,
    service: row.service,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/**
 * One spelling per name: full-width letters, stray spaces and capitals would otherwise let two
 * accounts look alike, or give one person's login a second throttle counter.
 */
export function normalizeUsername(username: string): string {
  return username.normalize("NFKC").trim().toLowerCase();
}

const USERNAME = /^[\p{L}\p{N}._@+-]{1,128}$/u;

/** A new account's (normalized) username and display name, as an account or a request for one takes them. */
export function checkNewAccountName(username: string, displayName: string): void {
  if (!USERNAME.test(username)) {
    throw new IdentityError("invalid_username", "a username is 1-128 letters, digits or . _ @ + -");
  }
  const nameProblem = nameTextProblem(displayName);
  if (nameProblem) throw new IdentityError("invalid_display_name", `a display name ${nameProblem}`);
}

export async function createAccount(
  db: Queryable,
  input: NewAccount,
  now: Date = new Date(),
): Promise<Account> {
  const username = normalizeUsername(input.username);
  if (!isRole(input.role)) throw new IdentityError("invalid_role", `unknown role ${String(input.role)}`);
  const problem = input.password === null ? null : passwordProblem(input.password);
  if (problem) throw new IdentityError("weak_password", `the password is ${problem.replace("_", " ")}`);
  checkNewAccountName(username, input.displayName);
  await refuseConfusableUsername(db, username);

  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  const id = uuidv7();
  try {
    await db.query(
      `INSERT INTO accounts (id, username, display_name, role, office_id, password_hash, created_at, created_by, service)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        username,
        input.displayName,
        input.role,
        input.officeId,
        passwordHash,
        now,
        input.createdBy,
        input.service ?? false,
      ],
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new IdentityError("username_taken", "that username is taken");
    throw err;
  }
  const account = await getAccount(db, id);
  if (!account) throw new Error("the account just created is missing");
  return account;
}

/**
 * Refuse a username that looks like an existing account's, disabled ones included
 * (src/security/identity/names.ts). Inside a transaction, accounts are created one at a time while
 * the names are compared, so two look-alikes cannot both slip in.
 */
export async function refuseConfusableUsername(db: Queryable, username: string): Promise<void> {
  if (db.inTransaction) await db.query("SELECT pg_advisory_xact_lock(hashtext('openrsd accounts.username'))");
  const like = confusableUsername(username, await listUsernames(db));
  if (like) {
    throw new IdentityError(
      "username_confusable",
      `${username} looks like the existing username ${like}: choose one that cannot be mistaken for it`,
    );
  }
}

export async function getAccount(db: Queryable, id: string): Promise<Account | null> {
  const [row] = await db.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1`, [id]);
  return row ? toAccount(row) : null;
}

export async function findAccountByUsername(db: Queryable, username: string): Promise<Account | null> {
  const [row] = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.username = $1`,
    [normalizeUsername(username)],
  );
  return row ? toAccount(row) : null;
}

/** Every account's username, in order. */
export async function listUsernames(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ username: string }>(`SELECT username FROM accounts ORDER BY username`);
  return rows.map((r) => r.username);
}

/**
 * Set a new password. Sessions are left alone: the caller decides whether a change also signs
 * out other devices (`revokeAllSessions` with `except`).
 */
export async function setPassword(db: Queryable, accountId: string, password: string): Promise<boolean> {
  const problem = passwordProblem(password);
  if (problem) throw new IdentityError("weak_password", `the password is ${problem.replace("_", " ")}`);
  const passwordHash = await hashPassword(password);
  const rows = await db.query("UPDATE accounts SET password_hash = $2 WHERE id = $1 RETURNING id", [
    accountId,
    passwordHash,
  ]);
  return rows.length > 0;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23505";
}

/** The role of an account that is not disabled, or null: a mandate or an assignment names one. */
export async function activeAccountRole(db: Queryable, accountId: string): Promise<string | null> {
  const rows = await db.query<{ role: string }>(
    `SELECT role FROM accounts WHERE id = $1 AND disabled_at IS NULL`,
    [accountId],
  );
  return rows[0]?.role ?? null;
}
