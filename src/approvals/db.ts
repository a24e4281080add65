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
import type { Person } from "../contracts/api.ts";
import { openNames } from "../persons/db.ts";

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

/** A draft as a list shows it: with its case's number and its applicant's names. */
export type ListedDraft = DecisionDraft & { caseNumber: string | null; names: Person["names"] };

type ListedRow = DecisionDraft & {
  caseNumber: string | null;
  personId: string;
  namesEnc: string | null;
  names: Person["names"];
};

/** Drafts (alias `d`) with their case (`c`) and applicant (`p`), decrypted, names once per person. */
async function listDrafts(
  tx: Queryable,
  keyring: Keyring,
  where: string,
  params: unknown[],
  order: string,
): Promise<ListedDraft[]> {
  const rows = await tx.query<ListedRow>(
    `SELECT d.id, d.case_id AS "caseId", d.office_id AS office, c.profile, d.event, d.drafted_by AS "draftedBy",
            d.drafted_at AS "draftedAt", d.status, d.decided_by AS "decidedBy", d.decided_at AS "decidedAt",
            d.reason, d.takes_protection AS "takesProtection", c.case_number AS "caseNumber",
            c.person_id AS "personId", p.names_enc AS "namesEnc", COALESCE(p.names, '[]') AS names
       FROM decision_drafts d JOIN cases c ON c.office_id = d.office_id AND c.id = d.case_id
       LEFT JOIN persons p ON p.id = c.person_id
      WHERE ${where} ORDER BY ${order}`,
    params,
  );
  const names = new Map<string, Person["names"]>();
  return rows.map(({ personId, namesEnc, names: plain, ...row }) => {
    let open = names.get(personId);
    if (!open) {
      open = openNames(keyring, { id: personId, names_enc: namesEnc, names: plain });
      names.set(personId, open);
    }
    return { ...row, ...openDraft(keyring, row), names: open };
  });
}

/** Pending drafts, oldest first, of one office or (null) of every office. */
export async function pendingDrafts(
  tx: Queryable,
  keyring: Keyring,
  officeId: string | null,
): Promise<ListedDraft[]> {
  return listDrafts(
    tx,
    keyring,
    `d.status = 'pending' AND ($1::text IS NULL OR d.office_id = $1)`,
    [officeId],
    "d.drafted_at",
  );
}

/**
 * The drafts `draftedBy` wrote that were returned, newest first, while no later draft of the same
 * case followed them (a new draft answers the return), of one office or (null) of every office.
 */
export async function returnedDrafts(
  tx: Queryable,
  keyring: Keyring,
  draftedBy: string,
  officeId: string | null,
): Promise<ListedDraft[]> {
  return listDrafts(
    tx,
    keyring,
    `d.status = 'returned' AND d.drafted_by = $1 AND ($2::text IS NULL OR d.office_id = $2)
     AND NOT EXISTS (SELECT 1 FROM decision_drafts n
                      WHERE n.office_id = d.office_id AND n.case_id = d.case_id
                        AND (n.drafted_at, n.id) > (d.drafted_at, d.id))`,
    [draftedBy, officeId],
    "d.decided_at DESC LIMIT 100",
  );
}

/** The latest drafts of a case, newest first. */
export async function draftsOfCase(
  tx: Queryable,
  keyring: Keyring,
  c: { officeId: string; caseId: string },
  limit = 5,
): Promise<ListedDraft[]> {
  return listDrafts(
    tx,
    keyring,
    "d.office_id = $1 AND d.case_id = $2",
    [c.officeId, c.caseId, limit],
    "d.drafted_at DESC LIMIT $3",
  );
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
