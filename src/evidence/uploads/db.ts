/** The SQL of uploads (`evidence_uploads`, migration 0025). The file's name is sealed. */
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Queryable } from "../../store/db.ts";

export type UploadStatus = "receiving" | "complete" | "refused" | "quarantined";

/** A temporary object holding bytes [start, start + length) of the upload, sealed. */
export interface UploadPart {
  name: string;
  start: number;
  length: number;
}

export interface UploadRow {
  officeId: string;
  id: string;
  caseId: string;
  accountId: string;
  name: string;
  declaredType: string | null;
  declaredLength: number;
  offset: number;
  status: UploadStatus;
  refusal: string | null;
  /** The upload's own data key, for its temporary parts. */
  tempKey: Buffer;
  parts: UploadPart[];
  fileId: string | null;
  createdAt: string;
  expiresAt: string;
}

interface Row {
  office_id: string;
  id: string;
  case_id: string;
  account_id: string;
  name: string;
  declared_type: string | null;
  declared_length: string | number;
  upload_offset: string | number;
  status: UploadStatus;
  refusal: string | null;
  temp_key: string;
  temp_parts: UploadPart[];
  file_id: string | null;
  created_at: Date | string;
  expires_at: Date | string;
}

const at = (row: string, field: string) => ({ table: "evidence_uploads", row, field });

const COLUMNS = `office_id, id, case_id, account_id, name, declared_type, declared_length, upload_offset,
  status, refusal, temp_key, temp_parts, file_id, created_at, expires_at`;

function fromRow(keyring: Keyring, r: Row): UploadRow {
  return {
    officeId: r.office_id,
    id: r.id,
    caseId: r.case_id,
    accountId: r.account_id,
    name: keyring.decrypt(r.name, at(r.id, "name")),
    declaredType: r.declared_type,
    declaredLength: Number(r.declared_length),
    offset: Number(r.upload_offset),
    status: r.status,
    refusal: r.refusal,
    tempKey: Buffer.from(keyring.decrypt(r.temp_key, at(r.id, "temp_key")), "base64"),
    parts: r.temp_parts,
    fileId: r.file_id,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
  };
}

/** The office of a case, or null when there is no such case. */
export async function officeOfCase(tx: Queryable, caseId: string): Promise<string | null> {
  const rows = await tx.query<{ office_id: string }>("SELECT office_id FROM cases WHERE id = $1", [caseId]);
  return rows[0]?.office_id ?? null;
}

export async function insertUpload(
  tx: Queryable,
  keyring: Keyring,
  u: Omit<UploadRow, "offset" | "status" | "refusal" | "parts" | "fileId">,
): Promise<void> {
  await tx.query(
    `INSERT INTO evidence_uploads (office_id, id, case_id, account_id, name, declared_type, declared_length,
       upload_offset, status, temp_key, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 'receiving', $8, $9, $10)`,
    [
      u.officeId,
      u.id,
      u.caseId,
      u.accountId,
      keyring.encrypt(u.name, at(u.id, "name")),
      u.declaredType,
      u.declaredLength,
      keyring.encrypt(u.tempKey.toString("base64"), at(u.id, "temp_key")),
      u.createdAt,
      u.expiresAt,
    ],
  );
}

/** An upload by its id (any office). */
export async function findUpload(tx: Queryable, keyring: Keyring, id: string): Promise<UploadRow | null> {
  const rows = await tx.query<Row>(`SELECT ${COLUMNS} FROM evidence_uploads WHERE id = $1`, [id]);
  return rows[0] ? fromRow(keyring, rows[0]) : null;
}

/** Several uploads of one office by id (for attaching them to an item). */
export async function findUploads(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  ids: readonly string[],
): Promise<UploadRow[]> {
  const rows = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM evidence_uploads WHERE office_id = $1 AND id = ANY($2::uuid[])`,
    [officeId, ids],
  );
  return rows.map((r) => fromRow(keyring, r));
}

/**
 * Record a part received at `from`; false when the offset moved meanwhile (another request
 * wrote first), in which case nothing changed.
 */
export async function appendPart(
  tx: Queryable,
  u: UploadRow,
  from: number,
  part: UploadPart,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE evidence_uploads
        SET upload_offset = upload_offset + $4, temp_parts = temp_parts || $5::jsonb
      WHERE office_id = $1 AND id = $2 AND upload_offset = $3 AND status = 'receiving'
      RETURNING id`,
    [u.officeId, u.id, from, part.length, JSON.stringify([part])],
  );
  return rows.length === 1;
}

export async function finishUpload(
  tx: Queryable,
  u: UploadRow,
  outcome:
    | { status: "complete" | "quarantined"; fileId: string; offset: number; at: string }
    | { status: "refused"; refusal: string; at: string },
): Promise<void> {
  await tx.query(
    `UPDATE evidence_uploads
        SET status = $3, refusal = $4, file_id = $5, upload_offset = coalesce($6, upload_offset),
            temp_parts = '[]', completed_at = $7
      WHERE office_id = $1 AND id = $2`,
    [
      u.officeId,
      u.id,
      outcome.status,
      outcome.status === "refused" ? outcome.refusal.slice(0, 500) : null,
      outcome.status === "refused" ? null : outcome.fileId,
      outcome.status === "refused" ? null : outcome.offset,
      outcome.at,
    ],
  );
}

/** Uploads still receiving whose expiry has passed. */
export async function expiredUploads(
  tx: Queryable,
  keyring: Keyring,
  now: Date,
  limit: number,
): Promise<UploadRow[]> {
  const rows = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM evidence_uploads WHERE status = 'receiving' AND expires_at <= $1 LIMIT $2`,
    [now.toISOString(), limit],
  );
  return rows.map((r) => fromRow(keyring, r));
}
