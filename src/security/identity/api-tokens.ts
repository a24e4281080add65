/**
 * Bearer tokens for other systems (statistics, court filings). Shown once at creation; the
 * database keeps only the SHA-256. Each token acts as its account, so a token is disabled with
 * its account and revoking one takes effect on the next request.
 */
import { v7 as uuidv7 } from "uuid";
import type { Queryable } from "../../store/db.ts";
import { ACCOUNT_COLUMNS, toAccount, type Account, type AccountRow } from "./accounts.ts";
import { hashToken, randomToken } from "./secrets.ts";

/** Marks the string as an OpenRSD secret, so secret scanners and people recognise a leaked one. */
export const API_TOKEN_PREFIX = "ors_";

export interface ApiTokenInfo {
  id: string;
  accountId: string;
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** The account a token acts as, with the token's id for the access record. */
export type ApiTokenAccount = Account & { apiTokenId: string };

export async function createApiToken(
  db: Queryable,
  accountId: string,
  name: string,
  createdBy: string,
  now: Date = new Date(),
): Promise<{ id: string; token: string }> {
  const id = uuidv7();
  const token = randomToken(API_TOKEN_PREFIX);
  await db.query(
    `INSERT INTO api_tokens (id, account_id, name, token_hash, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, accountId, name, hashToken(token), now, createdBy],
  );
  return { id, token };
}

/** The account a token acts as, or null when it is unknown, revoked or its account disabled. */
export async function resolveApiToken(
  db: Queryable,
  token: string,
  now: Date,
): Promise<ApiTokenAccount | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const [row] = await db.query<AccountRow & { token_id: string }>(
    // last_used_at is written only when it is over a minute old: a request that writes nothing
    // needs no commit to disk, and a token's last use is shown to the minute.
    `WITH used AS (
       SELECT t.id, t.account_id FROM api_tokens t WHERE t.token_hash = $1 AND t.revoked_at IS NULL
     ), touched AS (
       UPDATE api_tokens t SET last_used_at = $2
        WHERE t.id IN (SELECT id FROM used)
          AND (t.last_used_at IS NULL OR t.last_used_at < $2::timestamptz - interval '1 minute')
     )
     SELECT used.id AS token_id, ${ACCOUNT_COLUMNS}
       FROM used JOIN accounts a ON a.id = used.account_id AND a.disabled_at IS NULL`,
    [hashToken(token), now],
  );
  return row ? { ...toAccount(row), apiTokenId: row.token_id } : null;
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
    created_at: string;
    created_by: string;
    revoked_at: string | null;
    last_used_at: string | null;
  }>(
    `SELECT id, account_id, name, created_at, created_by, revoked_at, last_used_at
       FROM api_tokens WHERE account_id = $1 ORDER BY created_at, id`,
    [accountId],
  );
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }));
}
