/**
 * The SQL the what-is-new comparison reads and writes besides other features' own: the original
 * files' SHA-256 of a case's evidence (sealed in evidence_files), the COI profiles a case cites,
 * the library's documents on a country since a date, and the examiner's classification
 * (migration 0042: `reapplication_elements`, `reapplication_claims`; no applicant text).
 */
import type { ElementKind, ElementTag } from "../../kernel/reapplication/policy.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Queryable } from "../../store/db.ts";

/** The SHA-256 of each original file of the case's items, by item id. */
export async function originalHashes(
  tx: Queryable,
  keyring: Keyring,
  officeId: string,
  caseId: string,
): Promise<Map<string, string[]>> {
  const rows = await tx.query<{ itemId: string; fileId: string; sha256: string }>(
    `SELECT i.item_id AS "itemId", f.id AS "fileId", f.sha256
       FROM evidence_item_files i
       JOIN evidence_files f ON f.office_id = i.office_id AND f.id = i.file_id
      WHERE i.office_id = $1 AND i.case_id = $2 AND i.role = 'original'
      ORDER BY i.item_id, i.position`,
    [officeId, caseId],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const sha = keyring.decrypt(r.sha256, { table: "evidence_files", row: r.fileId, field: "sha256" });
    out.set(r.itemId, [...(out.get(r.itemId) ?? []), sha]);
  }
  return out;
}

/** The profiles of the library documents the cases cite (citations not removed). */
export async function citedProfiles(
  tx: Queryable,
  cases: readonly { officeId: string; caseId: string }[],
): Promise<Set<string>> {
  if (cases.length === 0) return new Set();
  const rows = await tx.query<{ profile: string }>(
    `SELECT DISTINCT unnest(c.profiles) AS profile
       FROM coi_citations c
       JOIN unnest($1::text[], $2::uuid[]) AS k(office_id, case_id)
         ON c.office_id = k.office_id AND c.case_id = k.case_id
      WHERE c.removed_at IS NULL`,
    [cases.map((c) => c.officeId), cases.map((c) => c.caseId)],
  );
  return new Set(rows.map((r) => r.profile));
}

export interface LibraryDocument {
  id: string;
  title: string;
  source: string;
  publishedOn: string;
  topics: string[];
  profiles: string[];
}

/** The library's documents on `country` published after `after` and no later than `until`, newest first. */
export async function documentsSince(
  tx: Queryable,
  country: string,
  after: string,
  until: string,
): Promise<LibraryDocument[]> {
  return tx.query<LibraryDocument>(
    `SELECT id, title, source, published_on::text AS "publishedOn", topics, profiles
       FROM coi_documents
      WHERE country = $1 AND published_on > $2 AND published_on <= $3
      ORDER BY published_on DESC, id DESC
      LIMIT 500`,
    [country, after, until],
  );
}

export interface ClassificationRow {
  refKind: ElementKind;
  refId: string;
  tag: ElementTag | null;
  withoutFault: boolean | null;
  classifiedBy: string;
  classifiedAt: string;
}

export async function classificationsOf(
  tx: Queryable,
  officeId: string,
  caseId: string,
): Promise<ClassificationRow[]> {
  const rows = await tx.query<Omit<ClassificationRow, "classifiedAt"> & { classifiedAt: Date | string }>(
    `SELECT ref_kind AS "refKind", ref_id AS "refId", tag, without_fault AS "withoutFault",
            classified_by AS "classifiedBy", classified_at AS "classifiedAt"
       FROM reapplication_elements WHERE office_id = $1 AND case_id = $2`,
    [officeId, caseId],
  );
  return rows.map((r) => ({ ...r, classifiedAt: new Date(r.classifiedAt).toISOString() }));
}

export async function saveClassification(
  tx: Queryable,
  row: {
    officeId: string;
    caseId: string;
    refKind: ElementKind;
    refId: string;
    tag: ElementTag | null;
    withoutFault: boolean | null;
    aroseOn: string | null;
    by: string;
    at: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO reapplication_elements (office_id, case_id, ref_kind, ref_id, tag, without_fault, arose_on,
                                         classified_by, classified_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (office_id, case_id, ref_kind, ref_id) DO UPDATE
       SET tag = EXCLUDED.tag, without_fault = EXCLUDED.without_fault, arose_on = EXCLUDED.arose_on,
           classified_by = EXCLUDED.classified_by, classified_at = EXCLUDED.classified_at`,
    [
      row.officeId,
      row.caseId,
      row.refKind,
      row.refId,
      row.tag,
      row.withoutFault,
      row.aroseOn,
      row.by,
      row.at,
    ],
  );
}

export async function saveSurPlace(
  tx: Queryable,
  row: { officeId: string; caseId: string; surPlace: boolean; by: string; at: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO reapplication_claims (office_id, case_id, sur_place, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (office_id, case_id) DO UPDATE
       SET sur_place = EXCLUDED.sur_place, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [row.officeId, row.caseId, row.surPlace, row.by, row.at],
  );
}
