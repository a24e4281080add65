/** The SQL of the vault's stored files (`evidence_files`, migration 0025). */
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Queryable } from "../../store/db.ts";
import type { ScanVerdict } from "./scanner.ts";

export interface StoredFile {
  officeId: string;
  id: string;
  /** The keyed hash that names the stored object. */
  address: string;
  sha256: string;
  size: number;
  mediaType: string;
  scan: ScanVerdict;
  scanDetail: string | null;
  segmentSize: number;
  backend: "disk" | "s3";
  storedAt: string;
  storedBy: string;
}

interface FileRow {
  office_id: string;
  id: string;
  address: string;
  sha256: string;
  size: string | number;
  media_type: string;
  scan: ScanVerdict;
  scan_detail: string | null;
  data_key: string;
  segment_size: number;
  backend: "disk" | "s3";
  stored_at: Date | string;
  stored_by: string;
}

const COLUMNS = `office_id, id, address, sha256, size, media_type, scan, scan_detail, data_key,
  segment_size, backend, stored_at, stored_by`;

const at = (table: "evidence_files", row: string, field: string) => ({ table, row, field });

/** A stored file and its data key, unsealed. */
export interface OpenedFile {
  file: StoredFile;
  key: Buffer;
}

function fromRow(keyring: Keyring, row: FileRow): OpenedFile {
  return {
    file: {
      officeId: row.office_id,
      id: row.id,
      address: row.address,
      sha256: keyring.decrypt(row.sha256, at("evidence_files", row.id, "sha256")),
      size: Number(row.size),
      mediaType: row.media_type,
      scan: row.scan,
      scanDetail: row.scan_detail,
      segmentSize: row.segment_size,
      backend: row.backend,
      storedAt: new Date(row.stored_at).toISOString(),
      storedBy: row.stored_by,
    },
    key: Buffer.from(keyring.decrypt(row.data_key, at("evidence_files", row.id, "data_key")), "base64"),
  };
}

export async function findFileByAddress(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  address: string,
): Promise<OpenedFile | null> {
  const rows = await tx.query<FileRow>(
    `SELECT ${COLUMNS} FROM evidence_files WHERE office_id = $1 AND address = $2`,
    [officeId, address],
  );
  return rows[0] ? fromRow(keyring, rows[0]) : null;
}

export async function findFile(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  id: string,
): Promise<OpenedFile | null> {
  const rows = await tx.query<FileRow>(
    `SELECT ${COLUMNS} FROM evidence_files WHERE office_id = $1 AND id = $2`,
    [officeId, id],
  );
  return rows[0] ? fromRow(keyring, rows[0]) : null;
}

export async function insertFile(
  tx: Queryable,
  keyring: Keyring,
  file: StoredFile,
  key: Buffer,
): Promise<void> {
  await tx.query(
    `INSERT INTO evidence_files (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      file.officeId,
      file.id,
      file.address,
      keyring.encrypt(file.sha256, at("evidence_files", file.id, "sha256")),
      file.size,
      file.mediaType,
      file.scan,
      file.scanDetail,
      keyring.encrypt(key.toString("base64"), at("evidence_files", file.id, "data_key")),
      file.segmentSize,
      file.backend,
      file.storedAt,
      file.storedBy,
    ],
  );
}

/** A file kept unscanned that has now been scanned (uploaded again with a scanner in place). */
export async function updateScan(
  tx: Queryable,
  officeId: string,
  id: string,
  scan: { verdict: ScanVerdict; detail: string | null },
): Promise<void> {
  await tx.query(`UPDATE evidence_files SET scan = $3, scan_detail = $4 WHERE office_id = $1 AND id = $2`, [
    officeId,
    id,
    scan.verdict,
    scan.detail,
  ]);
}

/** Every stored file, a page at a time (for `openrsd verify`). */
export async function listFileIds(
  tx: Queryable,
  after: { officeId: string; id: string } | null,
  limit: number,
): Promise<{ officeId: string; id: string }[]> {
  const rows = await tx.query<{ office_id: string; id: string }>(
    after
      ? `SELECT office_id, id FROM evidence_files WHERE (office_id, id) > ($1, $2::uuid) ORDER BY office_id, id LIMIT $3`
      : `SELECT office_id, id FROM evidence_files ORDER BY office_id, id LIMIT $1`,
    after ? [after.officeId, after.id, limit] : [limit],
  );
  return rows.map((r) => ({ officeId: r.office_id, id: r.id }));
}
