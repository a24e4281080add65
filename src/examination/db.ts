/**
 * The SQL of the examination (migrations 0032 and 0033): material facts with their versions and
 * links, and the case's assessment with its versions. Every free text is sealed: a fact's content
 * and withdrawal, the assessment's content, each bound to its table, row and field.
 */
import type { AssessmentContent, FactInput } from "../contracts/examination.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";

export type LinkKind = "evidence" | "segment" | "citation";
export type Stance = "supports" | "contradicts";

/** What a fact says: sealed as one document. */
export interface FactContent {
  statement: string;
  occurredOn: string | null;
  period: string | null;
  place: string | null;
  grounds: FactInput["grounds"];
  actor: string | null;
  surPlace: boolean;
}

export interface FactRow {
  officeId: string;
  caseId: string;
  id: string;
  position: number;
  status: "active" | "withdrawn";
  version: number;
  content: FactContent;
  withdrawal: { reason: string; by: string; at: string } | null;
  recordedBy: string;
  recordedAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface LinkRow {
  factId: string;
  kind: LinkKind;
  targetId: string;
  stance: Stance;
}

export interface CaseRef {
  officeId: string;
  caseId: string;
}

const factField = (officeId: string, id: string, field: string) => ({
  table: "material_facts",
  row: `${officeId}/${id}`,
  field,
});
const versionField = (officeId: string, id: string, version: number) => ({
  table: "material_fact_versions",
  row: `${officeId}/${id}/${version}`,
  field: "content",
});
const assessmentField = (r: CaseRef) => ({
  table: "assessments",
  row: `${r.officeId}/${r.caseId}`,
  field: "content",
});
const assessmentVersionField = (r: CaseRef, version: number) => ({
  table: "assessment_versions",
  row: `${r.officeId}/${r.caseId}/${version}`,
  field: "content",
});

interface FactDbRow extends Omit<FactRow, "content" | "withdrawal" | "recordedAt" | "updatedAt"> {
  content: string;
  withdrawal: string | null;
  recordedAt: Date | string;
  updatedAt: Date | string;
}

const FACT_COLUMNS = `office_id AS "officeId", case_id AS "caseId", id, position, status, version,
  content_enc AS content, withdrawal_enc AS withdrawal, recorded_by AS "recordedBy", recorded_at AS "recordedAt",
  updated_by AS "updatedBy", updated_at AS "updatedAt"`;

function openFact(keyring: Keyring, r: FactDbRow): FactRow {
  return {
    ...r,
    recordedAt: new Date(r.recordedAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    content: JSON.parse(keyring.decrypt(r.content, factField(r.officeId, r.id, "content"))) as FactContent,
    withdrawal: r.withdrawal
      ? (JSON.parse(
          keyring.decrypt(r.withdrawal, factField(r.officeId, r.id, "withdrawal")),
        ) as FactRow["withdrawal"])
      : null,
  };
}

export async function listFacts(tx: Queryable, keyring: Keyring, ref: CaseRef): Promise<FactRow[]> {
  const rows = await tx.query<FactDbRow>(
    `SELECT ${FACT_COLUMNS} FROM material_facts WHERE office_id = $1 AND case_id = $2 ORDER BY position, id`,
    [ref.officeId, ref.caseId],
  );
  return rows.map((r) => openFact(keyring, r));
}

export async function findFact(
  tx: Queryable,
  keyring: Keyring,
  ref: CaseRef,
  id: string,
): Promise<FactRow | null> {
  const rows = await tx.query<FactDbRow>(
    `SELECT ${FACT_COLUMNS} FROM material_facts WHERE office_id = $1 AND case_id = $2 AND id = $3 FOR UPDATE`,
    [ref.officeId, ref.caseId, id],
  );
  return rows[0] ? openFact(keyring, rows[0]) : null;
}

export async function nextFactPosition(tx: Queryable, ref: CaseRef): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT coalesce(max(position), 0)::int + 1 AS n FROM material_facts WHERE office_id = $1 AND case_id = $2`,
    [ref.officeId, ref.caseId],
  );
  return row?.n ?? 1;
}

export async function insertFact(tx: Queryable, keyring: Keyring, f: FactRow): Promise<void> {
  await tx.query(
    `INSERT INTO material_facts (office_id, case_id, id, position, status, version, content_enc, withdrawal_enc,
                                 recorded_by, recorded_at, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $8, $9)`,
    [
      f.officeId,
      f.caseId,
      f.id,
      f.position,
      f.status,
      f.version,
      keyring.encrypt(JSON.stringify(f.content), factField(f.officeId, f.id, "content")),
      f.recordedBy,
      f.recordedAt,
    ],
  );
}

/**
 * A new content for a fact: the previous content is kept as a version first, then the fact is
 * written with the next version number.
 */
export async function reviseFact(
  tx: Queryable,
  keyring: Keyring,
  before: FactRow,
  next: { content: FactContent; position: number },
  by: string,
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO material_fact_versions (office_id, fact_id, version, content_enc, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      before.officeId,
      before.id,
      before.version,
      keyring.encrypt(
        JSON.stringify(before.content),
        versionField(before.officeId, before.id, before.version),
      ),
      before.updatedBy,
      before.updatedAt,
    ],
  );
  await tx.query(
    `UPDATE material_facts SET content_enc = $3, position = $4, version = version + 1, updated_by = $5,
            updated_at = $6
      WHERE office_id = $1 AND id = $2`,
    [
      before.officeId,
      before.id,
      keyring.encrypt(JSON.stringify(next.content), factField(before.officeId, before.id, "content")),
      next.position,
      by,
      at,
    ],
  );
}

export async function withdrawFactRow(
  tx: Queryable,
  keyring: Keyring,
  f: FactRow,
  withdrawal: { reason: string; by: string; at: string },
): Promise<void> {
  await tx.query(
    `UPDATE material_facts SET status = 'withdrawn', withdrawal_enc = $3, updated_by = $4, updated_at = $5
      WHERE office_id = $1 AND id = $2`,
    [
      f.officeId,
      f.id,
      keyring.encrypt(JSON.stringify(withdrawal), factField(f.officeId, f.id, "withdrawal")),
      withdrawal.by,
      withdrawal.at,
    ],
  );
}

/** Remove a fact that no assessment uses, with its links and versions. */
export async function deleteFactRow(tx: Queryable, f: { officeId: string; id: string }): Promise<void> {
  await tx.query(`DELETE FROM fact_links WHERE office_id = $1 AND fact_id = $2`, [f.officeId, f.id]);
  await tx.query(`DELETE FROM material_fact_versions WHERE office_id = $1 AND fact_id = $2`, [
    f.officeId,
    f.id,
  ]);
  await tx.query(`DELETE FROM material_facts WHERE office_id = $1 AND id = $2`, [f.officeId, f.id]);
}

export interface FactVersionRow {
  version: number;
  content: FactContent;
  recordedBy: string;
  recordedAt: string;
}

export async function factVersions(
  tx: Queryable,
  keyring: Keyring,
  f: { officeId: string; id: string },
): Promise<FactVersionRow[]> {
  const rows = await tx.query<{
    version: number;
    content: string;
    recordedBy: string;
    recordedAt: Date | string;
  }>(
    `SELECT version, content_enc AS content, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
       FROM material_fact_versions WHERE office_id = $1 AND fact_id = $2 ORDER BY version`,
    [f.officeId, f.id],
  );
  return rows.map((r) => ({
    version: r.version,
    recordedBy: r.recordedBy,
    recordedAt: new Date(r.recordedAt).toISOString(),
    content: JSON.parse(keyring.decrypt(r.content, versionField(f.officeId, f.id, r.version))) as FactContent,
  }));
}

export async function linksOfCase(tx: Queryable, ref: CaseRef): Promise<LinkRow[]> {
  return tx.query<LinkRow>(
    `SELECT l.fact_id AS "factId", l.kind, l.target_id AS "targetId", l.stance
       FROM fact_links l
       JOIN material_facts f ON f.office_id = l.office_id AND f.id = l.fact_id
      WHERE l.office_id = $1 AND f.case_id = $2
      ORDER BY l.fact_id, CASE l.kind WHEN 'evidence' THEN 1 WHEN 'segment' THEN 2 ELSE 3 END, l.linked_at, l.target_id`,
    [ref.officeId, ref.caseId],
  );
}

/** Replace a fact's links with `links`. */
export async function replaceLinks(
  tx: Queryable,
  f: { officeId: string; id: string },
  links: readonly Omit<LinkRow, "factId">[],
  by: string,
  at: string,
): Promise<void> {
  await tx.query(`DELETE FROM fact_links WHERE office_id = $1 AND fact_id = $2`, [f.officeId, f.id]);
  for (const l of links) {
    await tx.query(
      `INSERT INTO fact_links (office_id, fact_id, kind, target_id, stance, linked_by, linked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [f.officeId, f.id, l.kind, l.targetId, l.stance, by, at],
    );
  }
}

// The assessment

export interface AssessmentRow {
  version: number;
  content: AssessmentContent;
  updatedBy: string;
  updatedAt: string;
}

export async function findAssessment(
  tx: Queryable,
  keyring: Keyring,
  ref: CaseRef,
  lock = false,
): Promise<AssessmentRow | null> {
  const rows = await tx.query<{
    version: number;
    content: string;
    updatedBy: string;
    updatedAt: Date | string;
  }>(
    `SELECT version, content_enc AS content, updated_by AS "updatedBy", updated_at AS "updatedAt"
       FROM assessments WHERE office_id = $1 AND case_id = $2${lock ? " FOR UPDATE" : ""}`,
    [ref.officeId, ref.caseId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: new Date(r.updatedAt).toISOString(),
    content: JSON.parse(keyring.decrypt(r.content, assessmentField(ref))) as AssessmentContent,
  };
}

/** Save the assessment as version `version` (1 for the first), keeping it in the history too. */
export async function saveAssessment(
  tx: Queryable,
  keyring: Keyring,
  ref: CaseRef,
  a: AssessmentRow,
): Promise<void> {
  const json = JSON.stringify(a.content);
  await tx.query(
    `INSERT INTO assessments (office_id, case_id, version, content_enc, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (office_id, case_id) DO UPDATE
       SET version = excluded.version, content_enc = excluded.content_enc, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at`,
    [
      ref.officeId,
      ref.caseId,
      a.version,
      keyring.encrypt(json, assessmentField(ref)),
      a.updatedBy,
      a.updatedAt,
    ],
  );
  await tx.query(
    `INSERT INTO assessment_versions (office_id, case_id, version, content_enc, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      ref.officeId,
      ref.caseId,
      a.version,
      keyring.encrypt(json, assessmentVersionField(ref, a.version)),
      a.updatedBy,
      a.updatedAt,
    ],
  );
}

export async function assessmentHistory(
  tx: Queryable,
  ref: CaseRef,
): Promise<{ version: number; recordedBy: string; recordedAt: string }[]> {
  const rows = await tx.query<{ version: number; recordedBy: string; recordedAt: Date | string }>(
    `SELECT version, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
       FROM assessment_versions WHERE office_id = $1 AND case_id = $2 ORDER BY version`,
    [ref.officeId, ref.caseId],
  );
  return rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt).toISOString() }));
}

export async function assessmentVersion(
  tx: Queryable,
  keyring: Keyring,
  ref: CaseRef,
  version: number,
): Promise<AssessmentRow | null> {
  const rows = await tx.query<{ content: string; recordedBy: string; recordedAt: Date | string }>(
    `SELECT content_enc AS content, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
       FROM assessment_versions WHERE office_id = $1 AND case_id = $2 AND version = $3`,
    [ref.officeId, ref.caseId, version],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    version,
    updatedBy: r.recordedBy,
    updatedAt: new Date(r.recordedAt).toISOString(),
    content: JSON.parse(
      keyring.decrypt(r.content, assessmentVersionField(ref, version)),
    ) as AssessmentContent,
  };
}

/** Whether the case has begun an examination record: a material fact or an assessment. */
export async function hasExaminationRecord(tx: Queryable, ref: CaseRef): Promise<boolean> {
  const [row] = await tx.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM material_facts WHERE office_id = $1 AND case_id = $2)
         OR EXISTS (SELECT 1 FROM assessments WHERE office_id = $1 AND case_id = $2) AS found`,
    [ref.officeId, ref.caseId],
  );
  return row?.found === true;
}
