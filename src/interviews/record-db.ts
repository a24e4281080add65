/**
 * The SQL of the interview record (migration 0034): interviews, their segments and the segments'
 * versions, change requests after signature, and the portal's copy requests. Every free text the
 * applicant's side said or asked for is sealed, bound to its row and field: the interview's
 * details (requests, attendance), its signature (a refusal's reason), each version's content and
 * reason, each change request's proposal and reasons.
 */
import type { SegmentContent } from "../contracts/interviews.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";

export interface InterviewDetails {
  requests: {
    interviewer: { requested: boolean; met: boolean | null };
    interpreter: { requested: boolean; met: boolean | null };
  };
  attendance: { representative: string | null; trustedPerson: string | null; unhcr: string | null };
}

export interface StoredSignature {
  applicant: { signed: true } | { signed: false; refusalReason: string };
  interpreterSigned: boolean;
}

export interface InterviewRow {
  officeId: string;
  id: string;
  caseId: string;
  interviewOn: string;
  startTime: string;
  mode: "in_person" | "video";
  place: string;
  language: string;
  interpreterId: string | null;
  interpreterName: string | null;
  recordingItemId: string | null;
  details: InterviewDetails;
  status: "open" | "signed";
  signature: StoredSignature | null;
  signedAt: string | null;
  signedBy: string | null;
  createdAt: string;
  createdBy: string;
}

export interface SegmentRow {
  id: string;
  interviewId: string;
  position: number;
  readBack: "confirmed" | "corrected" | null;
  readBackAt: string | null;
  readBackBy: string | null;
}

export interface VersionRow {
  segmentId: string;
  version: number;
  kind: "entered" | "correction" | "change";
  content: SegmentContent;
  reason: string | null;
  changeRequestId: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface ChangeRequestRow {
  id: string;
  interviewId: string;
  segmentId: string;
  proposal: SegmentContent;
  reason: string;
  status: "pending" | "approved" | "returned";
  requestedById: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  returnReason: string | null;
}

export interface CopyRequestRow {
  id: string;
  interviewId: string;
  requestedById: string;
  requestedBy: string;
  requestedAt: string;
}

const field = (table: string, row: string, name: string) => ({ table, row, field: name });
const interviewField = (officeId: string, id: string, name: string) =>
  field("interviews", `${officeId}/${id}`, name);
const versionField = (officeId: string, segmentId: string, version: number, name: string) =>
  field("interview_segment_versions", `${officeId}/${segmentId}/${version}`, name);
const changeField = (officeId: string, id: string, name: string) =>
  field("interview_change_requests", `${officeId}/${id}`, name);

const seal = (keyring: Keyring, value: unknown, ctx: ReturnType<typeof field>) =>
  keyring.encrypt(JSON.stringify(value), ctx);
const open = <T>(keyring: Keyring, envelope: string, ctx: ReturnType<typeof field>): T =>
  JSON.parse(keyring.decrypt(envelope, ctx)) as T;

// ------------------------------------------------------------------------------------------
// Interviews

export async function insertInterview(
  tx: Queryable,
  keyring: Keyring,
  r: Omit<InterviewRow, "interpreterName" | "status" | "signature" | "signedAt" | "signedBy">,
): Promise<void> {
  await tx.query(
    `INSERT INTO interviews (office_id, id, case_id, interview_on, start_time, mode, place, language,
                             interpreter_id, recording_item_id, details, status, created_at, created_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $12)`,
    [
      r.officeId,
      r.id,
      r.caseId,
      r.interviewOn,
      r.startTime,
      r.mode,
      r.place,
      r.language,
      r.interpreterId,
      r.recordingItemId,
      seal(keyring, r.details, interviewField(r.officeId, r.id, "details")),
      r.createdAt,
      r.createdBy,
    ],
  );
}

/** Write what scheduling says (not the signature), of an interview still open. */
export async function updateInterview(
  tx: Queryable,
  keyring: Keyring,
  r: InterviewRow,
  at: string,
): Promise<void> {
  await tx.query(
    `UPDATE interviews SET interview_on = $3, start_time = $4, mode = $5, place = $6, language = $7,
            interpreter_id = $8, recording_item_id = $9, details = $10, updated_at = $11
      WHERE office_id = $1 AND id = $2 AND status = 'open'`,
    [
      r.officeId,
      r.id,
      r.interviewOn,
      r.startTime,
      r.mode,
      r.place,
      r.language,
      r.interpreterId,
      r.recordingItemId,
      seal(keyring, r.details, interviewField(r.officeId, r.id, "details")),
      at,
    ],
  );
}

export async function signInterview(
  tx: Queryable,
  keyring: Keyring,
  r: { officeId: string; id: string },
  signature: StoredSignature,
  at: string,
  by: string,
): Promise<void> {
  await tx.query(
    `UPDATE interviews SET status = 'signed', signature = $3, signed_at = $4, signed_by = $5, updated_at = $4
      WHERE office_id = $1 AND id = $2 AND status = 'open'`,
    [r.officeId, r.id, seal(keyring, signature, interviewField(r.officeId, r.id, "signature")), at, by],
  );
}

const INTERVIEW_COLUMNS = `i.office_id AS "officeId", i.id, i.case_id AS "caseId", i.interview_on AS "interviewOn",
  i.start_time AS "startTime", i.mode, i.place, i.language, i.interpreter_id AS "interpreterId",
  a.display_name AS "interpreterName", i.recording_item_id AS "recordingItemId", i.details, i.status,
  i.signature, i.signed_at AS "signedAt", i.signed_by AS "signedBy", i.created_at AS "createdAt",
  i.created_by AS "createdBy"`;

type StoredInterview = Omit<InterviewRow, "details" | "signature"> & {
  details: string;
  signature: string | null;
};

function openInterview(keyring: Keyring, r: StoredInterview): InterviewRow {
  return {
    ...r,
    details: open<InterviewDetails>(keyring, r.details, interviewField(r.officeId, r.id, "details")),
    signature:
      r.signature === null
        ? null
        : open<StoredSignature>(keyring, r.signature, interviewField(r.officeId, r.id, "signature")),
  };
}

/** The interviews of a case, earliest first; or one of them (`id`), locked for the transaction. */
export async function interviewsOfCase(
  tx: Queryable,
  keyring: Keyring,
  c: { officeId: string; caseId: string },
  id?: string,
  opts: { lock?: boolean } = {},
): Promise<InterviewRow[]> {
  const rows = await tx.query<StoredInterview>(
    `SELECT ${INTERVIEW_COLUMNS}
       FROM interviews i LEFT JOIN accounts a ON a.id = i.interpreter_id
      WHERE i.office_id = $1 AND i.case_id = $2 ${id ? "AND i.id = $3" : ""}
      ORDER BY i.interview_on, i.start_time, i.id
      ${opts.lock ? "FOR UPDATE OF i" : ""}`,
    id ? [c.officeId, c.caseId, id] : [c.officeId, c.caseId],
  );
  return rows.map((r) => openInterview(keyring, r));
}

// ------------------------------------------------------------------------------------------
// The interpreter's reach: the assignment row that shares the interview's id.

export async function saveAssignment(tx: Queryable, r: InterviewRow, at: string, by: string): Promise<void> {
  if (r.interpreterId === null) {
    // No interpreter any more: the assignment is given to nobody (the row goes).
    await tx.query(`DELETE FROM interview_assignments WHERE office_id = $1 AND id = $2`, [r.officeId, r.id]);
    return;
  }
  await tx.query(
    `INSERT INTO interview_assignments (office_id, id, case_id, interpreter_id, interview_on, language, place,
                                        created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (office_id, id) DO UPDATE SET interpreter_id = EXCLUDED.interpreter_id,
       interview_on = EXCLUDED.interview_on, language = EXCLUDED.language, place = EXCLUDED.place`,
    [
      r.officeId,
      r.id,
      r.caseId,
      r.interpreterId,
      r.interviewOn,
      r.language,
      `${r.startTime} ${r.mode === "video" ? "video: " : ""}${r.place}`.slice(0, 200),
      at,
      by,
    ],
  );
}

// ------------------------------------------------------------------------------------------
// Segments and versions

export async function nextPosition(tx: Queryable, officeId: string, interviewId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT coalesce(max(position), 0)::int + 1 AS n FROM interview_segments WHERE office_id = $1 AND interview_id = $2`,
    [officeId, interviewId],
  );
  return row?.n ?? 1;
}

export async function insertSegment(
  tx: Queryable,
  s: {
    officeId: string;
    id: string;
    caseId: string;
    interviewId: string;
    position: number;
    at: string;
    by: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO interview_segments (office_id, id, case_id, interview_id, position, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [s.officeId, s.id, s.caseId, s.interviewId, s.position, s.at, s.by],
  );
}

export async function insertVersion(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  v: VersionRow,
): Promise<void> {
  await tx.query(
    `INSERT INTO interview_segment_versions (office_id, segment_id, version, kind, content, reason,
                                             change_request_id, recorded_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      officeId,
      v.segmentId,
      v.version,
      v.kind,
      seal(keyring, v.content, versionField(officeId, v.segmentId, v.version, "content")),
      v.reason === null
        ? null
        : keyring.encrypt(v.reason, versionField(officeId, v.segmentId, v.version, "reason")),
      v.changeRequestId,
      v.recordedAt,
      v.recordedBy,
    ],
  );
}

export async function markReadBack(
  tx: Queryable,
  officeId: string,
  segmentId: string,
  outcome: "confirmed" | "corrected",
  at: string,
  by: string,
): Promise<void> {
  await tx.query(
    `UPDATE interview_segments SET read_back = $3, read_back_at = $4, read_back_by = $5
      WHERE office_id = $1 AND id = $2`,
    [officeId, segmentId, outcome, at, by],
  );
}

/** The segments of a case (or of some interviews, or some segment ids), in order. */
export async function segmentsOf(
  tx: Queryable,
  c: { officeId: string; caseId: string },
  filter: { interviewIds?: readonly string[]; ids?: readonly string[] } = {},
): Promise<SegmentRow[]> {
  const params: unknown[] = [c.officeId, c.caseId];
  let where = "";
  if (filter.interviewIds) {
    params.push(filter.interviewIds);
    where += ` AND interview_id = ANY($${params.length}::uuid[])`;
  }
  if (filter.ids) {
    params.push(filter.ids);
    where += ` AND id = ANY($${params.length}::uuid[])`;
  }
  return tx.query<SegmentRow>(
    `SELECT id, interview_id AS "interviewId", position, read_back AS "readBack", read_back_at AS "readBackAt",
            read_back_by AS "readBackBy"
       FROM interview_segments WHERE office_id = $1 AND case_id = $2${where}
      ORDER BY interview_id, position`,
    params,
  );
}

type StoredVersion = Omit<VersionRow, "content" | "reason"> & { content: string; reason: string | null };

/** Every version of these segments, oldest first within each. */
export async function versionsOf(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  segmentIds: readonly string[],
  opts: { currentOnly?: boolean } = {},
): Promise<VersionRow[]> {
  if (segmentIds.length === 0) return [];
  const rows = await tx.query<StoredVersion>(
    opts.currentOnly
      ? `SELECT DISTINCT ON (segment_id) segment_id AS "segmentId", version, kind, content, reason,
                change_request_id AS "changeRequestId", recorded_at AS "recordedAt", recorded_by AS "recordedBy"
           FROM interview_segment_versions WHERE office_id = $1 AND segment_id = ANY($2::uuid[])
          ORDER BY segment_id, version DESC`
      : `SELECT segment_id AS "segmentId", version, kind, content, reason,
                change_request_id AS "changeRequestId", recorded_at AS "recordedAt", recorded_by AS "recordedBy"
           FROM interview_segment_versions WHERE office_id = $1 AND segment_id = ANY($2::uuid[])
          ORDER BY segment_id, version`,
    [officeId, segmentIds],
  );
  return rows.map((v) => ({
    ...v,
    content: open<SegmentContent>(
      keyring,
      v.content,
      versionField(officeId, v.segmentId, v.version, "content"),
    ),
    reason:
      v.reason === null
        ? null
        : keyring.decrypt(v.reason, versionField(officeId, v.segmentId, v.version, "reason")),
  }));
}

// ------------------------------------------------------------------------------------------
// Change requests

export async function insertChangeRequest(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  caseId: string,
  r: ChangeRequestRow,
): Promise<void> {
  await tx.query(
    `INSERT INTO interview_change_requests (office_id, id, case_id, interview_id, segment_id, proposal, reason,
                                            status, requested_by_id, requested_by, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10)`,
    [
      officeId,
      r.id,
      caseId,
      r.interviewId,
      r.segmentId,
      seal(keyring, r.proposal, changeField(officeId, r.id, "proposal")),
      keyring.encrypt(r.reason, changeField(officeId, r.id, "reason")),
      r.requestedById,
      r.requestedBy,
      r.requestedAt,
    ],
  );
}

export async function decideChangeRequest(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  id: string,
  d: { status: "approved" | "returned"; by: string; at: string; returnReason: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE interview_change_requests SET status = $3, decided_by = $4, decided_at = $5, return_reason = $6
      WHERE office_id = $1 AND id = $2 AND status = 'pending'`,
    [
      officeId,
      id,
      d.status,
      d.by,
      d.at,
      d.returnReason === null
        ? null
        : keyring.encrypt(d.returnReason, changeField(officeId, id, "return_reason")),
    ],
  );
}

type StoredChange = Omit<ChangeRequestRow, "proposal" | "reason" | "returnReason"> & {
  proposal: string;
  reason: string;
  returnReason: string | null;
};

export async function changeRequestsOf(
  tx: Queryable,
  keyring: Keyring,
  c: { officeId: string; caseId: string },
  interviewIds: readonly string[],
): Promise<ChangeRequestRow[]> {
  if (interviewIds.length === 0) return [];
  const rows = await tx.query<StoredChange>(
    `SELECT id, interview_id AS "interviewId", segment_id AS "segmentId", proposal, reason, status,
            requested_by_id AS "requestedById", requested_by AS "requestedBy", requested_at AS "requestedAt",
            decided_by AS "decidedBy", decided_at AS "decidedAt", return_reason AS "returnReason"
       FROM interview_change_requests
      WHERE office_id = $1 AND case_id = $2 AND interview_id = ANY($3::uuid[])
      ORDER BY requested_at, id`,
    [c.officeId, c.caseId, interviewIds],
  );
  return rows.map((r) => ({
    ...r,
    proposal: open<SegmentContent>(keyring, r.proposal, changeField(c.officeId, r.id, "proposal")),
    reason: keyring.decrypt(r.reason, changeField(c.officeId, r.id, "reason")),
    returnReason:
      r.returnReason === null
        ? null
        : keyring.decrypt(r.returnReason, changeField(c.officeId, r.id, "return_reason")),
  }));
}

// ------------------------------------------------------------------------------------------
// Copy requests (the portal)

export async function insertCopyRequest(
  tx: Queryable,
  r: CopyRequestRow & { officeId: string; caseId: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO interview_copy_requests (office_id, id, case_id, interview_id, requested_by_id, requested_by,
                                          requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [r.officeId, r.id, r.caseId, r.interviewId, r.requestedById, r.requestedBy, r.requestedAt],
  );
}

export async function copyRequestsOf(
  tx: Queryable,
  c: { officeId: string; caseId: string },
  interviewIds: readonly string[],
): Promise<CopyRequestRow[]> {
  if (interviewIds.length === 0) return [];
  return tx.query<CopyRequestRow>(
    `SELECT id, interview_id AS "interviewId", requested_by_id AS "requestedById", requested_by AS "requestedBy",
            requested_at AS "requestedAt"
       FROM interview_copy_requests
      WHERE office_id = $1 AND case_id = $2 AND interview_id = ANY($3::uuid[])
      ORDER BY requested_at, id`,
    [c.officeId, c.caseId, interviewIds],
  );
}
