/**
 * The decision drafts table: a draft is inserted pending, and leaves that state once, approved
 * or returned, by a conditional update (of two supervisors deciding at once, one wins). The
 * drafted event (its reasons) and the reason a draft was returned are sealed, bound to the draft
 * (docs/security.md requirement 20); drafts written in plain text before are sealed by the
 * sealing step (`sealPlainDrafts`).
 */
import type { Keyring } from "../security/crypto/keyring.ts";
import {
  ENVELOPE_PATTERN,
  isEnvelope,
  isSealedJson,
  openJson,
  openText,
  sealJson,
} from "../security/crypto/sealed.ts";
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
  /** Why the event would take protection away (then approval needs a fresh second factor), or null. */
  takesProtection: string | null;
}

const COLUMNS = `id, case_id AS "caseId", office_id AS office,
  (SELECT c.profile FROM cases c WHERE c.office_id = decision_drafts.office_id AND c.id = decision_drafts.case_id) AS profile,
  event, drafted_by AS "draftedBy", drafted_at AS "draftedAt", status, decided_by AS "decidedBy", decided_at AS "decidedAt", reason,
  takes_protection AS "takesProtection"`;

const draftField = (d: { office: string; id: string }, field: "event" | "reason") => ({
  table: "decision_drafts",
  row: `${d.office}/${d.id}`,
  field,
});

/** A row as stored, decrypted (rows written in plain text before read as they are). */
function openDraft(keyring: Keyring, row: DecisionDraft): DecisionDraft {
  return {
    ...row,
    event: openJson<Record<string, unknown>>(keyring, row.event, draftField(row, "event")),
    reason: openText(keyring, row.reason, draftField(row, "reason")),
  };
}

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
  keyring: Keyring,
  d: {
    officeId: string;
    id: string;
    caseId: string;
    event: unknown;
    draftedBy: string;
    draftedAt: Date;
    takesProtection: string | null;
  },
): Promise<DecisionDraft | null> {
  const sealed = sealJson(keyring, d.event, draftField({ office: d.officeId, id: d.id }, "event"));
  const rows = await tx.query<DecisionDraft>(
    `INSERT INTO decision_drafts (office_id, id, case_id, event, drafted_by, drafted_at, status, takes_protection)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING ${COLUMNS}`,
    [
      d.officeId,
      d.id,
      d.caseId,
      JSON.stringify(sealed),
      d.draftedBy,
      d.draftedAt.toISOString(),
      d.takesProtection,
    ],
  );
  return rows[0] ? openDraft(keyring, rows[0]) : null;
}

export async function findDraft(db: Queryable, keyring: Keyring, id: string): Promise<DecisionDraft | null> {
  const rows = await db.query<DecisionDraft>(`SELECT ${COLUMNS} FROM decision_drafts WHERE id = $1`, [id]);
  return rows[0] ? openDraft(keyring, rows[0]) : null;
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
  keyring: Keyring,
  d: { officeId: string; id: string; decidedBy: string; decidedAt: Date; reason: string },
): Promise<DecisionDraft | null> {
  const reason = keyring.encrypt(d.reason, draftField({ office: d.officeId, id: d.id }, "reason"));
  const rows = await tx.query<DecisionDraft>(
    `UPDATE decision_drafts SET status = 'returned', decided_by = $3, decided_at = $4, reason = $5
        WHERE office_id = $1 AND id = $2 AND status = 'pending' RETURNING ${COLUMNS}`,
    [d.officeId, d.id, d.decidedBy, d.decidedAt.toISOString(), reason],
  );
  return rows[0] ? openDraft(keyring, rows[0]) : null;
}

/** Pending drafts, oldest first, of one office or (null) of every office. */
export async function pendingDrafts(
  tx: Queryable,
  keyring: Keyring,
  officeId: string | null,
): Promise<DecisionDraft[]> {
  const rows = await tx.query<DecisionDraft>(
    `SELECT ${COLUMNS} FROM decision_drafts WHERE status = 'pending' AND ($1::text IS NULL OR office_id = $1) ORDER BY drafted_at`,
    [officeId],
  );
  return rows.map((row) => openDraft(keyring, row));
}

/**
 * Seal up to `limit` drafts whose event or return reason was written in plain text before
 * migration 0017. Returns how many were sealed.
 */
export async function sealPlainDrafts(tx: Queryable, keyring: Keyring, limit: number): Promise<number> {
  const rows = await tx.query<DecisionDraft>(
    `SELECT ${COLUMNS} FROM decision_drafts
      WHERE NOT (event ? '$sealed') OR reason !~ $2 ORDER BY office_id, id LIMIT $1 FOR UPDATE`,
    [limit, ENVELOPE_PATTERN],
  );
  let sealed = 0;
  for (const row of rows) {
    const plainEvent = !isSealedJson(row.event);
    const plainReason = row.reason !== null && !isEnvelope(row.reason);
    if (!plainEvent && !plainReason) continue;
    const event = plainEvent ? sealJson(keyring, row.event, draftField(row, "event")) : row.event;
    const reason =
      plainReason && row.reason !== null
        ? keyring.encrypt(row.reason, draftField(row, "reason"))
        : row.reason;
    await tx.query("UPDATE decision_drafts SET event = $3, reason = $4 WHERE office_id = $1 AND id = $2", [
      row.office,
      row.id,
      JSON.stringify(event),
      reason,
    ]);
    sealed += 1;
  }
  return sealed;
}
