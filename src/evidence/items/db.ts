/**
 * The SQL of evidence items (migration 0026): `evidence_items`, whose metadata is sealed as one
 * JSON document, and `evidence_item_files`, which ties an item to the vault's stored files with
 * each file's name (sealed) and role. Nothing is deleted; an item is withdrawn.
 */
import type { Capture, ForeignStateAction } from "../../contracts/evidence.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Queryable } from "../../store/db.ts";

export type EvidenceKind = "document" | "social_media_capture" | "foreign_state_action";
export type FileRole = "original" | "text" | "thumbnail" | "disclosure_copy";
export type FiledVia = "office" | "portal" | "interpreter";

export interface Observation {
  observedOn: string;
  metric: "followers" | "subscribers" | "views" | "likes" | "shares" | "comments";
  value: number;
  note?: string;
  recordedBy: string;
  recordedAt: string;
}

/** What an item says: sealed in the database as one document. */
export interface ItemMetadata {
  title: string;
  description: string | null;
  supplier: "applicant" | "representative" | "office" | "unhcr" | "foreign_state" | "court" | "other";
  receivedOn: string;
  channel: "in_person" | "post" | "email" | "portal" | "interview" | "court" | "other";
  language: string | null;
  capture?: Capture;
  foreignStateAction?: ForeignStateAction;
  observations: Observation[];
  withdrawal?: { reason: string; on: string; by: string };
}

export interface ItemRow {
  officeId: string;
  caseId: string;
  id: string;
  number: number;
  kind: EvidenceKind;
  status: "active" | "withdrawn";
  metadata: ItemMetadata;
  filedVia: FiledVia;
  filedBy: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface ItemFileRow {
  itemId: string;
  fileId: string;
  role: FileRole;
  position: number;
  derivedFrom: string | null;
  name: string;
  uploadId: string | null;
}

const metadataField = (r: { officeId: string; caseId: string; id: string }) => ({
  table: "evidence_items",
  row: `${r.officeId}/${r.caseId}/${r.id}`,
  field: "metadata",
});
const nameField = (officeId: string, itemId: string, f: { fileId: string; role: FileRole }) => ({
  table: "evidence_item_files",
  row: `${officeId}/${itemId}/${f.fileId}/${f.role}`,
  field: "name",
});

/**
 * Hold the case's append lock for the rest of the transaction (the one appendEvents takes), so
 * that two items attached at once cannot take the same number.
 */
export async function lockCase(tx: Queryable, officeId: string, caseId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
    `case:${officeId}:${caseId.toLowerCase()}`,
  ]);
}

export async function nextItemNumber(tx: Queryable, officeId: string, caseId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT coalesce(max(number), 0)::int + 1 AS n FROM evidence_items WHERE office_id = $1 AND case_id = $2`,
    [officeId, caseId],
  );
  return row?.n ?? 1;
}

export async function insertItem(
  tx: Queryable,
  keyring: Keyring,
  item: ItemRow,
  files: readonly ItemFileRow[],
): Promise<void> {
  await tx.query(
    `INSERT INTO evidence_items (office_id, case_id, id, number, kind, status, metadata, filed_via, filed_by,
                                 recorded_by, recorded_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
    [
      item.officeId,
      item.caseId,
      item.id,
      item.number,
      item.kind,
      item.status,
      keyring.encrypt(JSON.stringify(item.metadata), metadataField(item)),
      item.filedVia,
      item.filedBy,
      item.recordedBy,
      item.recordedAt,
    ],
  );
  await insertItemFiles(tx, keyring, item, files);
}

export async function insertItemFiles(
  tx: Queryable,
  keyring: Keyring,
  item: { officeId: string; caseId: string; id: string },
  files: readonly ItemFileRow[],
): Promise<void> {
  for (const f of files) {
    await tx.query(
      `INSERT INTO evidence_item_files (office_id, case_id, item_id, file_id, role, position, derived_from, name,
                                        upload_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        item.officeId,
        item.caseId,
        item.id,
        f.fileId,
        f.role,
        f.position,
        f.derivedFrom,
        keyring.encrypt(f.name, nameField(item.officeId, item.id, f)),
        f.uploadId,
      ],
    );
  }
}

/** Write an item's metadata and status again (a correction, an observation, a withdrawal). */
export async function updateItem(
  tx: Queryable,
  keyring: Keyring,
  item: {
    officeId: string;
    caseId: string;
    id: string;
    status: "active" | "withdrawn";
    metadata: ItemMetadata;
  },
  at: string,
): Promise<void> {
  await tx.query(
    `UPDATE evidence_items SET metadata = $4, status = $5, updated_at = $6
      WHERE office_id = $1 AND case_id = $2 AND id = $3`,
    [
      item.officeId,
      item.caseId,
      item.id,
      keyring.encrypt(JSON.stringify(item.metadata), metadataField(item)),
      item.status,
      at,
    ],
  );
}

interface ItemDbRow {
  officeId: string;
  caseId: string;
  id: string;
  number: number;
  kind: EvidenceKind;
  status: "active" | "withdrawn";
  metadata: string;
  filedVia: FiledVia;
  filedBy: string | null;
  recordedBy: string;
  recordedAt: Date | string;
}

const ITEM_COLUMNS = `office_id AS "officeId", case_id AS "caseId", id, number, kind, status, metadata,
  filed_via AS "filedVia", filed_by AS "filedBy", recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;

function openItem(keyring: Keyring, r: ItemDbRow): ItemRow {
  return {
    ...r,
    recordedAt: new Date(r.recordedAt).toISOString(),
    metadata: JSON.parse(keyring.decrypt(r.metadata, metadataField(r))) as ItemMetadata,
  };
}

/** Who sees which items of a case: all of them, or only those one account filed. */
export type ItemScope = { kind: "all" } | { kind: "filedBy"; accountId: string; via: FiledVia };

function scopeSql(scope: ItemScope, params: unknown[]): string {
  if (scope.kind === "all") return "";
  params.push(scope.accountId, scope.via);
  return ` AND filed_by = $${params.length - 1} AND filed_via = $${params.length}`;
}

/** The items of a case (in the scope), by number. */
export async function listItems(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  caseId: string,
  scope: ItemScope,
): Promise<ItemRow[]> {
  const params: unknown[] = [officeId, caseId];
  const rows = await tx.query<ItemDbRow>(
    `SELECT ${ITEM_COLUMNS} FROM evidence_items WHERE office_id = $1 AND case_id = $2${scopeSql(scope, params)}
      ORDER BY number`,
    params,
  );
  return rows.map((r) => openItem(keyring, r));
}

/** One item of a case (in the scope), or null. */
export async function findItem(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  caseId: string,
  itemId: string,
  scope: ItemScope,
): Promise<ItemRow | null> {
  const params: unknown[] = [officeId, caseId, itemId];
  const rows = await tx.query<ItemDbRow>(
    `SELECT ${ITEM_COLUMNS} FROM evidence_items
      WHERE office_id = $1 AND case_id = $2 AND id = $3${scopeSql(scope, params)}`,
    params,
  );
  return rows[0] ? openItem(keyring, rows[0]) : null;
}

/** The files of some items of a case, in order (originals first, each followed by its derivatives). */
export async function filesOfItems(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  caseId: string,
  itemIds: readonly string[],
): Promise<ItemFileRow[]> {
  if (itemIds.length === 0) return [];
  const rows = await tx.query<ItemFileRow>(
    `SELECT item_id AS "itemId", file_id AS "fileId", role, position, derived_from AS "derivedFrom", name,
            upload_id AS "uploadId"
       FROM evidence_item_files
      WHERE office_id = $1 AND case_id = $2 AND item_id = ANY($3::uuid[])
      ORDER BY item_id, position, role`,
    [officeId, caseId, itemIds],
  );
  return rows.map((r) => ({ ...r, name: keyring.decrypt(r.name, nameField(officeId, r.itemId, r)) }));
}

/** Which of these uploads are already attached to an item. */
export async function attachedUploads(
  tx: Queryable,
  officeId: string,
  uploadIds: readonly string[],
): Promise<Set<string>> {
  if (uploadIds.length === 0) return new Set();
  const rows = await tx.query<{ uploadId: string }>(
    `SELECT upload_id AS "uploadId" FROM evidence_item_files WHERE office_id = $1 AND upload_id = ANY($2::uuid[])`,
    [officeId, uploadIds],
  );
  return new Set(rows.map((r) => r.uploadId));
}

/**
 * The states whose action against the applicant is recorded as evidence of the case (withdrawn
 * items too: a state that acted once is never a recipient), for the disclosure barrier.
 */
export async function actingStates(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  caseId: string,
): Promise<string[]> {
  const rows = await tx.query<ItemDbRow>(
    `SELECT ${ITEM_COLUMNS} FROM evidence_items
      WHERE office_id = $1 AND case_id = $2 AND kind = 'foreign_state_action'`,
    [officeId, caseId],
  );
  const states = rows.map((r) => openItem(keyring, r).metadata.foreignStateAction?.state);
  return [...new Set(states.filter((s): s is string => typeof s === "string"))];
}
