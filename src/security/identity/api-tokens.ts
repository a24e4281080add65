/**
 * Bearer tokens for other systems (statistics, court filings). Shown once at creation; the
 * database keeps only the SHA-256. Each token acts as its account, so a token is disabled with
 * its account and revoking one takes effect on the next request. A token carries only the rights
 * it was issued for (`scopes`, each a right of its account's role), checked on every request, and
 * never a right that grants access (`ACCESS_RIGHTS`): no token creates accounts or tokens.
 */
import { v7 as uuidv7 } from "uuid";
import { prepared, type Queryable } from "../../store/db.ts";
import type { Account } from "./accounts.ts";
import { isRole } from "./roles.ts";
import { hashToken, randomToken } from "./secrets.ts";

/** Marks the string as an OpenRSD secret, so secret scanners and people recognise a leaked one. */
export const API_TOKEN_PREFIX = "ors_";

/** Rights no token ever carries (the database refuses them too, migration 0018). */
export const ACCESS_RIGHTS: readonly string[] = ["account.manage", "token.manage"];

export interface ApiTokenInfo {
  id: string;
  accountId: string;
  name: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** What a request needs of the account a token acts as, with the token's id. */
export type ApiTokenAccount = Pick<Account, "id" | "username" | "role" | "officeId"> & {
  apiTokenId: string;
  scopes: string[];
};

export async function createApiToken(
  db: Queryable,
  accountId: string,
  name: string,
  scopes: readonly string[],
  createdBy: string,
  now: Date = new Date(),
): Promise<{ id: string; token: string }> {
  const id = uuidv7();
  const token = randomToken(API_TOKEN_PREFIX);
  await db.query(
    `INSERT INTO api_tokens (id, account_id, name, scopes, token_hash, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, accountId, name, [...scopes], hashToken(token), now, createdBy],
  );
  return { id, token };
}

/** How stale a token's recorded last use may get before a request writes it again. */
export const TOKEN_TOUCH_AFTER_MS = 60_000;

// Read-only: a request that writes nothing else needs no commit, and a plain SELECT, kept
// prepared, costs the database a fraction of a statement that may also update.
const RESOLVE_TOKEN =
  prepared(`SELECT t.id AS token_id, t.last_used_at, t.scopes, a.id, a.username, a.role, a.office_id
  FROM api_tokens t JOIN accounts a ON a.id = t.account_id AND a.disabled_at IS NULL
 WHERE t.token_hash = $1 AND t.revoked_at IS NULL`);

/**
 * The account a token acts as, or null when it is unknown, revoked or its account disabled. Its
 * last use is written when the recorded one is over a minute old (a token's last use is shown to
 * the minute), by a statement of its own, so most requests only read.
 */
export async function resolveApiToken(
  db: Queryable,
  token: string,
  now: Date,
): Promise<ApiTokenAccount | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const [row] = await db.query<{
    token_id: string;
    last_used_at: string | null;
    scopes: string[];
    id: string;
    username: string;
    role: string;
    office_id: string | null;
  }>(RESOLVE_TOKEN, [hashToken(token)]);
  if (!row) return null;
  // The table's CHECK keeps roles valid; this guards against a hand-edited row (as `toAccount`).
  if (!isRole(row.role)) throw new Error(`account ${row.id} has an unknown role`);
  if (row.last_used_at === null || Date.parse(row.last_used_at) < now.getTime() - TOKEN_TOUCH_AFTER_MS) {
    // Concurrent requests may all find it stale; the condition lets only the first one write.
    await db.query(
      `UPDATE api_tokens SET last_used_at = $2
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [row.token_id, now],
    );
  }
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    officeId: row.office_id,
    apiTokenId: row.token_id,
    scopes: row.scopes,
  };
}

/** Revoke one token; with `accountId`, only if it belongs to that account (self-service). */
export async function revokeApiToken(
  db: Queryable,
  id: string,
  now: Date,
  accountId: string | null = null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE api_tokens SET revoked_at = $2
      WHERE id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR account_id = $3) RETURNING id`,
    [id, now, accountId],
  );
  return rows.length > 0;
}

export async function revokeAllApiTokens(db: Queryable, accountId: string, now: Date): Promise<number> {
  const rows = await db.query(
    "UPDATE api_tokens SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL RETURNING id",
    [accountId, now],
  );
  return rows.length;
}

/** An account's tokens, revoked ones included, without their secrets (which are not kept). */
export async function listApiTokens(db: Queryable, accountId: string): Promise<ApiTokenInfo[]> {
  const rows = await db.query<{
    id: string;
    account_id: string;
    name: string;
    scopes: string[];
    created_at: string;
    created_by: string;
    revoked_at: string | null;
    last_used_at: string | null;
  }>(
    `SELECT id, account_id, name, scopes, created_at, created_by, revoked_at, last_used_at
       FROM api_tokens WHERE account_id = $1 ORDER BY created_at, id`,
    [accountId],
  );
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    scopes: r.scopes,
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }));
}
