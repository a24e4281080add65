/**
 * Sign-in sessions (docs/security.md requirement 3). The browser holds a token of 32 random bytes; the
 * database holds only its SHA-256, so a stolen table or backup cannot be replayed as cookies.
 * A session ends at its absolute end, after idle time, at logout, or when the account is
 * disabled, whichever comes first.
 */
import { prepared, type Queryable } from "../../store/db.ts";
import { ACCOUNT_COLUMNS, toAccount, type Account, type AccountRow } from "./accounts.ts";
import { hashToken, randomToken } from "./secrets.ts";

export interface Session {
  /** The SHA-256 of the token: safe to log and to name the session by. */
  idHash: string;
  accountId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  idleExpiresAt: string;
  /** When the second factor was last proven in this session; null for a password-only session. */
  mfaAt: string | null;
}

export interface SessionOptions {
  idleMinutes?: number;
  absoluteHours?: number;
  /** The second factor was proven for this session just now. */
  mfa?: boolean;
  /** A token the client still held at sign-in: that session ends now. */
  replaces?: string | null;
}

export interface IssuedSession {
  /** For the cookie only: it is not stored and cannot be shown again. */
  token: string;
  session: Session;
}

interface SessionRow {
  id_hash: string;
  account_id: string;
  session_created_at: string;
  last_seen_at: string;
  expires_at: string;
  idle_expires_at: string;
  mfa_at: string | null;
}

// `session_created_at`: not to clash with the account's `created_at` where both are selected.
const SESSION_COLUMNS =
  "s.id_hash, s.account_id, s.created_at AS session_created_at, s.last_seen_at, s.expires_at, s.idle_expires_at, s.mfa_at";

/** Live: not revoked, and neither end reached. Expects `sessions s` and `$now`'s position. */
const live = (now: string) => `s.revoked_at IS NULL AND s.expires_at > ${now} AND s.idle_expires_at > ${now}`;

function toSession(row: SessionRow): Session {
  return {
    idHash: row.id_hash,
    accountId: row.account_id,
    createdAt: row.session_created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    idleExpiresAt: row.idle_expires_at,
    mfaAt: row.mfa_at,
  };
}

export async function createSession(
  db: Queryable,
  accountId: string,
  now: Date,
  options: SessionOptions = {},
): Promise<IssuedSession> {
  const idleMinutes = options.idleMinutes ?? 30;
  const absoluteHours = options.absoluteHours ?? 12;
  if (!(idleMinutes > 0 && absoluteHours > 0)) throw new RangeError("session timeouts must be positive");
  if (options.replaces) await revokeSession(db, options.replaces, now);
  const expiresAt = new Date(now.getTime() + absoluteHours * 3_600_000);
  return insertSession(db, accountId, now, {
    expiresAt,
    idleSeconds: Math.round(idleMinutes * 60),
    mfaAt: options.mfa ? now : null,
  });
}

async function insertSession(
  db: Queryable,
  accountId: string,
  now: Date,
  s: { expiresAt: Date; idleSeconds: number; mfaAt: Date | string | null },
): Promise<IssuedSession> {
  const token = randomToken();
  const idleEnd = new Date(Math.min(now.getTime() + s.idleSeconds * 1000, s.expiresAt.getTime()));
  const [row] = await db.query<SessionRow>(
    `INSERT INTO sessions AS s (id_hash, account_id, created_at, last_seen_at, expires_at, idle_expires_at,
                                idle_seconds, mfa_at)
     VALUES ($1, $2, $3, $3, $4, $5, $6, $7) RETURNING ${SESSION_COLUMNS}`,
    [hashToken(token), accountId, now, s.expiresAt, idleEnd, s.idleSeconds, s.mfaAt],
  );
  if (!row) throw new Error("the session was not stored");
  return { token, session: toSession(row) };
}

/**
 * How stale the recorded last use may get before a request writes it again. Writing it on every
 * request would make every read a write (a commit, a WAL flush); so the idle end moves forward
 * at most this late, and a session may time out up to this much early, never late.
 */
export const TOUCH_AFTER_SECONDS = 30;

// Sent with every request of the web workspace: kept prepared on each connection.
const RESOLVE_SESSION = prepared(
  `WITH found AS (
     SELECT ${SESSION_COLUMNS}, s.idle_seconds FROM sessions s
      WHERE s.id_hash = $1 AND ${live("$2")}
   ), touched AS (
     UPDATE sessions s
        SET last_seen_at = $2,
            idle_expires_at = LEAST(s.expires_at, $2::timestamptz + s.idle_seconds * interval '1 second')
      WHERE s.id_hash IN (SELECT id_hash FROM found)
        AND s.last_seen_at < $2::timestamptz - ${TOUCH_AFTER_SECONDS} * interval '1 second'
      RETURNING s.id_hash, s.last_seen_at, s.idle_expires_at
   )
   SELECT f.id_hash, f.account_id, f.session_created_at, f.expires_at, f.mfa_at,
          coalesce(t.last_seen_at, f.last_seen_at) AS last_seen_at,
          coalesce(t.idle_expires_at, f.idle_expires_at) AS idle_expires_at,
          ${ACCOUNT_COLUMNS}
     FROM found f
     JOIN accounts a ON a.id = f.account_id AND a.disabled_at IS NULL
     LEFT JOIN touched t ON t.id_hash = f.id_hash`,
);

/**
 * The account and session a token stands for, or null if it is unknown, revoked, timed out or
 * its account disabled. A use pushes the idle end forward (never past the absolute end) when the
 * last recorded use is older than TOUCH_AFTER_SECONDS; otherwise nothing is written.
 */
export async function resolveSession(
  db: Queryable,
  token: string,
  now: Date,
): Promise<{ account: Account; session: Session } | null> {
  const [row] = await db.query<SessionRow & AccountRow>(RESOLVE_SESSION, [hashToken(token), now]);
  if (!row) return null;
  return { account: toAccount(row), session: toSession(row) };
}

/** Live sessions of an account, newest first, for a "signed-in devices" list. */
export async function listSessions(db: Queryable, accountId: string, now: Date): Promise<Session[]> {
  const rows = await db.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.account_id = $1 AND ${live("$2")} ORDER BY s.created_at DESC`,
    [accountId, now],
  );
  return rows.map(toSession);
}

/** Logout. */
export async function revokeSession(db: Queryable, token: string, now: Date): Promise<boolean> {
  return revokeSessionById(db, hashToken(token), now);
}

export async function revokeSessionById(db: Queryable, idHash: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    "UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL RETURNING id_hash",
    [idHash, now],
  );
  return rows.length > 0;
}

/**
 * Logout everywhere (or everywhere else: `except` a token, or `exceptId` a session by its id),
 * account disable, password change.
 */
export async function revokeAllSessions(
  db: Queryable,
  accountId: string,
  now: Date,
  options: { except?: string; exceptId?: string } = {},
): Promise<number> {
  const keep = options.except ? hashToken(options.except) : (options.exceptId ?? null);
  const rows = await db.query(
    `UPDATE sessions SET revoked_at = $2
      WHERE account_id = $1 AND revoked_at IS NULL AND id_hash IS DISTINCT FROM $3 RETURNING id_hash`,
    [accountId, now, keep],
  );
  return rows.length;
}

/**
 * Swap a live session's token for a new one and end the old, e.g. when the second factor turns a
 * password-only session into a full one: a token seen before that moment is then worthless. The
 * absolute end stays where it was, so rotating never prolongs a session.
 */
export async function rotateSession(
  db: Queryable,
  token: string,
  now: Date,
  options: { mfa?: boolean } = {},
): Promise<IssuedSession | null> {
  // Ending the old one is the claim: of two concurrent rotations only one gets a new token.
  const [old] = await db.query<{
    account_id: string;
    expires_at: string;
    idle_seconds: number;
    mfa_at: string | null;
  }>(
    `UPDATE sessions s SET revoked_at = $2
      WHERE s.id_hash = $1 AND ${live("$2")}
        AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id AND a.disabled_at IS NULL)
      RETURNING s.account_id, s.expires_at, s.idle_seconds, s.mfa_at`,
    [hashToken(token), now],
  );
  if (!old) return null;
  return insertSession(db, old.account_id, now, {
    expiresAt: new Date(old.expires_at),
    idleSeconds: old.idle_seconds,
    mfaAt: options.mfa ? now : old.mfa_at,
  });
}

/** Record a fresh proof of the second factor (a step-up) in a live session. */
export async function markMfa(db: Queryable, token: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE sessions s SET mfa_at = $2 WHERE s.id_hash = $1 AND ${live("$2")} RETURNING 1`,
    [hashToken(token), now],
  );
  return rows.length > 0;
}

/** Sensitive actions (final decisions, exports, key changes) need a second factor proven lately. */
export function requireRecentMfa(session: Pick<Session, "mfaAt">, now: Date, withinMinutes = 5): boolean {
  if (!session.mfaAt) return false;
  const age = now.getTime() - Date.parse(session.mfaAt);
  return age >= 0 && age <= withinMinutes * 60_000;
}

/** Delete sessions ended more than `keepDays` ago; run daily. */
export async function purgeSessions(db: Queryable, now: Date, keepDays = 1): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 86_400_000);
  const rows = await db.query(
    `DELETE FROM sessions
      WHERE LEAST(expires_at, idle_expires_at, coalesce(revoked_at, 'infinity')) < $1 RETURNING 1`,
    [before],
  );
  return rows.length;
}
