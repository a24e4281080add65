/**
 * The table of grants of access waiting for a second administrator (`access_requests`, migration
 * 0013): a new account, a new role, an API token. Only hashes of an enrolment's link and code are
 * kept; nothing here hands out a secret.
 */
import type { Queryable } from "../../store/db.ts";

export type AccessRequestKind = "account" | "role" | "token" | "enrolment" | "enable";
export type AccessRequestState = "pending" | "approved" | "rejected";

export interface AccessRequest {
  id: string;
  kind: AccessRequestKind;
  accountId: string | null;
  username: string;
  displayName: string | null;
  role: string | null;
  officeId: string | null;
  service: boolean;
  tokenName: string | null;
  scopes: string[] | null;
  state: AccessRequestState;
  requestedBy: string;
  requesterId: string | null;
  requestedAt: string;
  decidedBy: string | null;
  deciderId: string | null;
  decidedAt: string | null;
  breakGlass: boolean;
  reason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  enrolUntil: string | null;
  enrolledAt: string | null;
  tokenId: string | null;
}

const COLUMNS = `id, kind, account_id AS "accountId", username, display_name AS "displayName", role,
  office_id AS "officeId", service, token_name AS "tokenName", scopes, state,
  requested_by AS "requestedBy", requester_id AS "requesterId", requested_at AS "requestedAt",
  decided_by AS "decidedBy", decider_id AS "deciderId", decided_at AS "decidedAt",
  break_glass AS "breakGlass", reason, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt",
  enrol_until AS "enrolUntil", enrolled_at AS "enrolledAt", token_id AS "tokenId"`;

export interface NewAccessRequest {
  id: string;
  kind: AccessRequestKind;
  accountId: string | null;
  username: string;
  displayName: string | null;
  role: string | null;
  officeId: string | null;
  service: boolean;
  tokenName: string | null;
  scopes: string[] | null;
  requestedBy: string;
  requesterId: string | null;
  requestedAt: Date;
  linkHash: string | null;
}

export async function insertAccessRequest(db: Queryable, r: NewAccessRequest): Promise<void> {
  await db.query(
    `INSERT INTO access_requests (id, kind, account_id, username, display_name, role, office_id, service,
       token_name, scopes, requested_by, requester_id, requested_at, link_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      r.id,
      r.kind,
      r.accountId,
      r.username,
      r.displayName,
      r.role,
      r.officeId,
      r.service,
      r.tokenName,
      r.scopes,
      r.requestedBy,
      r.requesterId,
      r.requestedAt,
      r.linkHash,
    ],
  );
}

/** One request; `lock` holds its row until the transaction ends (a decision is made once). */
export async function getAccessRequest(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<AccessRequest | null> {
  const [row] = await db.query<AccessRequest>(
    `SELECT ${COLUMNS} FROM access_requests WHERE id = $1${options.lock ? " FOR UPDATE" : ""}`,
    [id],
  );
  return row ?? null;
}

/** Requests waiting for a decision, and break-glass approvals waiting for review, oldest first. */
export async function openAccessRequests(db: Queryable): Promise<AccessRequest[]> {
  return db.query<AccessRequest>(
    `SELECT ${COLUMNS} FROM access_requests
      WHERE state = 'pending' OR (break_glass AND reviewed_at IS NULL)
      ORDER BY requested_at, id LIMIT 500`,
  );
}

/** Usernames that pending requests for a new account will take. */
export async function pendingUsernames(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ username: string }>(
    `SELECT username FROM access_requests WHERE kind = 'account' AND state = 'pending'`,
  );
  return rows.map((r) => r.username);
}

export async function markDecided(
  db: Queryable,
  d: {
    id: string;
    state: "approved" | "rejected";
    decidedBy: string;
    deciderId: string | null;
    decidedAt: Date;
    breakGlass: boolean;
    reason: string | null;
    accountId?: string | null;
    codeHash?: string | null;
    enrolUntil?: Date | null;
    tokenId?: string | null;
  },
): Promise<void> {
  await db.query(
    `UPDATE access_requests
        SET state = $2, decided_by = $3, decider_id = $4, decided_at = $5, break_glass = $6, reason = $7,
            account_id = COALESCE($8, account_id), code_hash = $9, enrol_until = $10, token_id = $11
      WHERE id = $1 AND state = 'pending'`,
    [
      d.id,
      d.state,
      d.decidedBy,
      d.deciderId,
      d.decidedAt,
      d.breakGlass,
      d.reason,
      d.accountId ?? null,
      d.codeHash ?? null,
      d.enrolUntil ?? null,
      d.tokenId ?? null,
    ],
  );
}

export async function markReviewed(
  db: Queryable,
  r: { id: string; reviewedBy: string; reviewerId: string | null; reviewedAt: Date },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE access_requests SET reviewed_by = $2, reviewer_id = $3, reviewed_at = $4
      WHERE id = $1 AND break_glass AND reviewed_at IS NULL RETURNING id`,
    [r.id, r.reviewedBy, r.reviewerId, r.reviewedAt],
  );
  return rows.length > 0;
}

/** An approved enrolment, by the hash of its link, with what checking it needs. */
export interface EnrolmentRow {
  id: string;
  accountId: string;
  username: string;
  codeHash: string;
  attempts: number;
  usable: boolean;
}

export async function findEnrolment(
  db: Queryable,
  linkHash: string,
  now: Date,
): Promise<EnrolmentRow | null> {
  const [row] = await db.query<EnrolmentRow>(
    `SELECT r.id, r.account_id AS "accountId", a.username, r.code_hash AS "codeHash",
            r.enrol_attempts AS attempts,
            (r.enrolled_at IS NULL AND r.enrol_until > $2 AND a.disabled_at IS NULL) AS usable
       FROM access_requests r JOIN accounts a ON a.id = r.account_id
      WHERE r.link_hash = $1 AND r.kind IN ('account', 'enrolment', 'enable') AND r.state = 'approved'
        AND r.code_hash IS NOT NULL
      FOR UPDATE OF r`,
    [linkHash, now],
  );
  return row ?? null;
}

/** Count one try at an enrolment; the new count. */
export async function countEnrolmentAttempt(db: Queryable, id: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `UPDATE access_requests SET enrol_attempts = enrol_attempts + 1 WHERE id = $1 RETURNING enrol_attempts AS n`,
    [id],
  );
  return row?.n ?? Number.MAX_SAFE_INTEGER;
}

export async function markEnrolled(db: Queryable, id: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE access_requests SET enrolled_at = $2 WHERE id = $1 AND enrolled_at IS NULL RETURNING id`,
    [id, at],
  );
  return rows.length > 0;
}
