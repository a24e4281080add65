/**
 * The decision drafts table: a draft is inserted pending, and leaves that state once, approved
 * or returned, by a conditional update (of two supervisors deciding at once, one wins).
 */
import type { Queryable } from "../store/db.ts";

export interface DecisionDraft {
  id: string;
  caseId: string;
  office: string;
  /** The case's procedure profile, whose labels name the drafted event. */
  profile: string;
  event: Record<string, unknown>;
  draftedBy: string;
  draftedAt: string;
  status: "pending" | "approved" | "returned";
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

const COLUMNS = `id, case_id AS "caseId", office_id AS office,
  (SELECT c.profile FROM cases c WHERE c.office_id = decision_drafts.office_id AND c.id = decision_drafts.case_id) AS profile,
  event, drafted_by AS "draftedBy", drafted_at AS "draftedAt", status, decided_by AS "decidedBy", decided_at AS "decidedAt", reason`;

/** Whether a draft of the case is waiting for approval. */
export async function pendingDraftExists(
  tx: Queryable,
  c: { officeId: string; caseId: string },
): Promise<boolean> {
  const pending = await tx.query(
    `SELECT 1 FROM decision_drafts WHERE office_id = $1 AND case_id = $2 AND status = 'pending'`,
    [c.officeId, c.caseId],
  );
  return pending.length > 0;
}

/** Store a pending draft of `event`; the stored draft, or null if no row came back. */
export async function insertPendingDraft(
  tx: Queryable,
  d: { officeId: string; id: string; caseId: string; event: unknown; draftedBy: string; draftedAt: Date },
): Promise<DecisionDraft | null> {
  const rows = await tx.query<DecisionDraft>(
    `INSERT INTO decision_drafts (office_id, id, case_id, event, drafted_by, drafted_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending') RETURNING ${COLUMNS}`,
    [d.officeId, d.id, d.caseId, JSON.stringify(d.event), d.draftedBy, d.draftedAt.toISOString()],
  );
  return rows[0] ?? null;
}

export async function findDraft(db: Queryable, id: string): Promise<DecisionDraft | null> {
  const rows = await db.query<DecisionDraft>(`SELECT ${COLUMNS} FROM decision_drafts WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Mark the draft approved if it is still pending; false if it was decided meanwhile. */
export async function markDraftApproved(
  tx: Queryable,
  d: { officeId: string; id: string; decidedBy: string; decidedAt: Date },
): Promise<boolean> {
  const updated = await tx.query(
    `UPDATE decision_drafts SET status = 'approved', decided_by = $3, decided_at = $4
          WHERE office_id = $1 AND id = $2 AND status = 'pending' RETURNING id`,
    [d.officeId, d.id, d.decidedBy, d.decidedAt.toISOString()],
  );
  return updated.length > 0;
}

/** Mark the draft returned with a reason if it is still pending; null if it was decided meanwhile. */
export async function markDraftReturned(
  tx: Queryable,
  d: { officeId: string; id: string; decidedBy: string; decidedAt: Date; reason: string },
): Promise<DecisionDraft | null> {
  const rows = await tx.query<DecisionDraft>(
    `UPDATE decision_drafts SET status = 'returned', decided_by = $3, decided_at = $4, reason = $5
        WHERE office_id = $1 AND id = $2 AND status = 'pending' RETURNING ${COLUMNS}`,
    [d.officeId, d.id, d.decidedBy, d.decidedAt.toISOString(), d.reason],
  );
  return rows[0] ?? null;
}

/** Pending drafts, oldest first, of one office or (null) of every office. */
export async function pendingDrafts(tx: Queryable, officeId: string | null): Promise<DecisionDraft[]> {
  return tx.query<DecisionDraft>(
    `SELECT ${COLUMNS} FROM decision_drafts WHERE status = 'pending' AND ($1::text IS NULL OR office_id = $1) ORDER BY drafted_at`,
    [officeId],
  );
}
