/**
 * What needs telling, written to the outbox in the transaction of the change that caused it: a
 * decision returned to its author, a decision waiting for the approval of its office's
 * supervisors. Only accounts that gave an e-mail address are told; the sender (sender.ts) delivers.
 */
import { v7 as uuidv7 } from "uuid";
import type { Queryable } from "../store/db.ts";

export type NotificationKind = "draft_returned" | "approval_waiting";

/** Tell the author (by username) of a returned draft, if they gave an address. */
export async function notifyDraftReturned(
  tx: Queryable,
  n: { officeId: string; caseId: string; author: string; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO notification_outbox (id, account_id, kind, office_id, case_id, created_at, next_attempt_at)
     SELECT $1, a.id, 'draft_returned', $2, $3, $4, $4 FROM accounts a
      WHERE a.username = $5 AND a.email IS NOT NULL AND a.disabled_at IS NULL`,
    [uuidv7(), n.officeId, n.caseId, n.at.toISOString(), n.author],
  );
}

/** Tell the office's supervisors (but the author) that a decision waits for their approval. */
export async function notifyApprovalWaiting(
  tx: Queryable,
  n: { officeId: string; caseId: string; author: string; at: Date },
): Promise<void> {
  const supervisors = await tx.query<{ id: string }>(
    `SELECT a.id FROM accounts a
      WHERE a.role = 'supervisor' AND a.office_id = $1 AND a.username <> $2
        AND a.email IS NOT NULL AND a.disabled_at IS NULL`,
    [n.officeId, n.author],
  );
  for (const s of supervisors) {
    await tx.query(
      `INSERT INTO notification_outbox (id, account_id, kind, office_id, case_id, created_at, next_attempt_at)
       VALUES ($1, $2, 'approval_waiting', $3, $4, $5, $5)`,
      [uuidv7(), s.id, n.officeId, n.caseId, n.at.toISOString()],
    );
  }
}
