/**
 * The SQL of translations (migrations 0046 and 0047): jobs, their segments and every version of a
 * segment. Every text is sealed, bound to its table, row and field: a job's label and
 * cancellation reason, a segment's source, target and the reason it was returned, each version's
 * target. What is compared is a keyed digest, never the text.
 */
import type { JobState, OriginDetail, SourceKind } from "../contracts/translations.ts";
import type { SegmentFacts } from "../kernel/translation/rules.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";

export interface JobRow {
  officeId: string;
  caseId: string;
  id: string;
  kind: SourceKind;
  ref: string;
  /** What is translated, in words (sealed: it may quote the text). */
  label: string;
  sourceLang: string;
  targetLang: string;
  machineAllowed: boolean;
  engineId: string | null;
  translatorId: string | null;
  reviewerId: string | null;
  state: JobState;
  sourceDigest: string;
  version: number;
  requestedBy: string;
  requestedAt: string;
  finalizedBy: string | null;
  finalizedAt: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
}

export interface SegmentRow extends SegmentFacts {
  officeId: string;
  jobId: string;
  id: string;
  position: number;
  unit: string;
  sourceDigest: string;
  /** The white space that followed the sentence in its unit. */
  gap: string;
  originDetail: OriginDetail;
  translatedAt: string | null;
  reviewedAt: string | null;
  returnedReason: string | null;
  returnedBy: string | null;
  returnedAt: string | null;
  version: number;
}

const jobField = (officeId: string, id: string, field: string) => ({
  table: "translation_jobs",
  row: `${officeId}/${id}`,
  field,
});
const segmentField = (officeId: string, id: string, field: string) => ({
  table: "translation_segments",
  row: `${officeId}/${id}`,
  field,
});
const versionField = (officeId: string, id: string, version: number) => ({
  table: "translation_segment_versions",
  row: `${officeId}/${id}/${version}`,
  field: "target",
});

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

interface JobDbRow extends Omit<JobRow, "label" | "requestedAt" | "finalizedAt" | "cancelledAt"> {
  labelEnc: string | null;
  requestedAt: Date | string;
  finalizedAt: Date | string | null;
  cancelledAt: Date | string | null;
}

const JOB_COLUMNS = `j.office_id AS "officeId", j.case_id AS "caseId", j.id, j.source_kind AS kind,
  j.source_ref AS ref, j.label_enc AS "labelEnc", j.source_lang AS "sourceLang", j.target_lang AS "targetLang",
  j.machine_allowed AS "machineAllowed", j.engine_id AS "engineId", j.translator_id AS "translatorId",
  j.reviewer_id AS "reviewerId", j.state, j.source_digest AS "sourceDigest", j.version,
  j.requested_by AS "requestedBy", j.requested_at AS "requestedAt", j.finalized_by AS "finalizedBy",
  j.finalized_at AS "finalizedAt", j.cancelled_by AS "cancelledBy", j.cancelled_at AS "cancelledAt"`;

function openJob(keyring: Keyring, r: JobDbRow): JobRow {
  const { labelEnc, ...rest } = r;
  return {
    ...rest,
    label: labelEnc ? keyring.decrypt(labelEnc, jobField(r.officeId, r.id, "label")) : "",
    requestedAt: new Date(r.requestedAt).toISOString(),
    finalizedAt: iso(r.finalizedAt),
    cancelledAt: iso(r.cancelledAt),
  };
}

export async function insertJob(tx: Queryable, keyring: Keyring, j: JobRow): Promise<void> {
  await tx.query(
    `INSERT INTO translation_jobs (office_id, case_id, id, source_kind, source_ref, label_enc, source_lang,
       target_lang, machine_allowed, engine_id, translator_id, reviewer_id, state, source_digest, version,
       requested_by, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      j.officeId,
      j.caseId,
      j.id,
      j.kind,
      j.ref,
      keyring.encrypt(j.label, jobField(j.officeId, j.id, "label")),
      j.sourceLang,
      j.targetLang,
      j.machineAllowed,
      j.engineId,
      j.translatorId,
      j.reviewerId,
      j.state,
      j.sourceDigest,
      j.version,
      j.requestedBy,
      j.requestedAt,
    ],
  );
}

/** Write a job's changeable columns as `j` has them (its version already counted up). */
export async function updateJob(
  tx: Queryable,
  keyring: Keyring,
  j: JobRow,
  cancelReason?: string,
): Promise<void> {
  await tx.query(
    `UPDATE translation_jobs SET label_enc = $3, engine_id = $4, translator_id = $5, reviewer_id = $6, state = $7,
       source_digest = $8, version = $9, finalized_by = $10, finalized_at = $11, cancelled_by = $12,
       cancelled_at = $13, cancel_reason_enc = coalesce($14, cancel_reason_enc)
     WHERE office_id = $1 AND id = $2`,
    [
      j.officeId,
      j.id,
      keyring.encrypt(j.label, jobField(j.officeId, j.id, "label")),
      j.engineId,
      j.translatorId,
      j.reviewerId,
      j.state,
      j.sourceDigest,
      j.version,
      j.finalizedBy,
      j.finalizedAt,
      j.cancelledBy,
      j.cancelledAt,
      cancelReason === undefined
        ? null
        : keyring.encrypt(cancelReason, jobField(j.officeId, j.id, "cancel_reason")),
    ],
  );
}

/** A job by its id, locked for the writer when `lock`; null when there is none. */
export async function findJob(
  tx: Queryable,
  keyring: Keyring,
  id: string,
  lock = false,
): Promise<JobRow | null> {
  const rows = await tx.query<JobDbRow>(
    `SELECT ${JOB_COLUMNS} FROM translation_jobs j WHERE j.id = $1${lock ? " FOR UPDATE" : ""}`,
    [id],
  );
  return rows[0] ? openJob(keyring, rows[0]) : null;
}

/** Where a job is (its case), without its text; null when there is none. */
export async function jobPlace(
  db: Queryable,
  id: string,
): Promise<{
  officeId: string;
  caseId: string;
  translatorId: string | null;
  reviewerId: string | null;
} | null> {
  const rows = await db.query<{
    officeId: string;
    caseId: string;
    translatorId: string | null;
    reviewerId: string | null;
  }>(
    `SELECT office_id AS "officeId", case_id AS "caseId", translator_id AS "translatorId",
            reviewer_id AS "reviewerId"
       FROM translation_jobs WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The live (not cancelled) job for a text and language, if any. */
export async function liveJob(
  tx: Queryable,
  r: { officeId: string; caseId: string; kind: string; ref: string; targetLang: string },
): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM translation_jobs
      WHERE office_id = $1 AND case_id = $2 AND source_kind = $3 AND source_ref = $4 AND target_lang = $5
        AND state <> 'cancelled'`,
    [r.officeId, r.caseId, r.kind, r.ref, r.targetLang],
  );
  return rows[0]?.id ?? null;
}

/** The jobs of a case (every state), oldest first. */
export async function jobsOfCase(
  tx: Queryable,
  keyring: Keyring,
  c: { officeId: string; caseId: string },
): Promise<JobRow[]> {
  const rows = await tx.query<JobDbRow>(
    `SELECT ${JOB_COLUMNS} FROM translation_jobs j WHERE j.office_id = $1 AND j.case_id = $2
      ORDER BY j.requested_at, j.id`,
    [c.officeId, c.caseId],
  );
  return rows.map((r) => openJob(keyring, r));
}

export type JobScope =
  | { kind: "all" }
  | { kind: "office"; officeId: string }
  /** A translator: only the jobs assigned to them. */
  | { kind: "assigned"; accountId: string }
  | { kind: "none" };

export interface JobFilter {
  scope: JobScope;
  caseId?: string;
  state?: JobState;
  /** Only jobs where this account is the translator or the reviewer. */
  assignedTo?: string;
  limit: number;
}

/** The jobs a list shows, newest first. */
export async function findJobs(tx: Queryable, keyring: Keyring, f: JobFilter): Promise<JobRow[]> {
  if (f.scope.kind === "none") return [];
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.scope.kind === "office") add((n) => `j.office_id = ${n}`, f.scope.officeId);
  if (f.scope.kind === "assigned")
    add((n) => `(j.translator_id = ${n} OR j.reviewer_id = ${n})`, f.scope.accountId);
  if (f.caseId) add((n) => `j.case_id = ${n}`, f.caseId);
  if (f.state) add((n) => `j.state = ${n}`, f.state);
  if (f.assignedTo) add((n) => `(j.translator_id = ${n} OR j.reviewer_id = ${n})`, f.assignedTo);
  params.push(f.limit);
  const rows = await tx.query<JobDbRow>(
    `SELECT ${JOB_COLUMNS} FROM translation_jobs j
      ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY j.requested_at DESC, j.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => openJob(keyring, r));
}

export interface StateCountRow {
  jobId: string;
  initial: number;
  translated: number;
  reviewed: number;
  final: number;
}

/** How many live segments of each job are in each state. */
export async function stateCounts(
  tx: Queryable,
  jobs: readonly { officeId: string; id: string }[],
): Promise<Map<string, StateCountRow>> {
  const out = new Map<string, StateCountRow>();
  if (jobs.length === 0) return out;
  const rows = await tx.query<StateCountRow>(
    `SELECT s.job_id AS "jobId",
            count(*) FILTER (WHERE s.state = 'initial')::int AS initial,
            count(*) FILTER (WHERE s.state = 'translated')::int AS translated,
            count(*) FILTER (WHERE s.state = 'reviewed')::int AS reviewed,
            count(*) FILTER (WHERE s.state = 'final')::int AS final
       FROM translation_segments s
       JOIN unnest($1::text[], $2::uuid[]) AS k(office_id, job_id)
         ON s.office_id = k.office_id AND s.job_id = k.job_id
      WHERE NOT s.removed
      GROUP BY s.job_id`,
    [jobs.map((j) => j.officeId), jobs.map((j) => j.id)],
  );
  for (const r of rows) out.set(r.jobId, r);
  return out;
}

/** The case numbers of cases, by id. */
export async function caseNumbers(
  tx: Queryable,
  cases: readonly { officeId: string; caseId: string }[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  if (cases.length === 0) return out;
  const rows = await tx.query<{ id: string; caseNumber: string | null }>(
    `SELECT c.id, c.case_number AS "caseNumber"
       FROM cases c JOIN unnest($1::text[], $2::uuid[]) AS k(office_id, case_id)
         ON c.office_id = k.office_id AND c.id = k.case_id`,
    [cases.map((c) => c.officeId), cases.map((c) => c.caseId)],
  );
  for (const r of rows) out.set(r.id, r.caseNumber);
  return out;
}

/** Display names of accounts, by id (staff names are not sealed). */
export async function accountNames(
  tx: Queryable,
  ids: Iterable<string | null>,
): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.query<{ id: string; name: string }>(
    `SELECT id, display_name AS name FROM accounts WHERE id = ANY($1::uuid[])`,
    [wanted],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** An account that may be assigned to a job: its role, office and whether it is enabled. */
export async function findAccount(
  tx: Queryable,
  id: string,
): Promise<{ id: string; role: string; officeId: string | null; disabled: boolean } | null> {
  const rows = await tx.query<{ id: string; role: string; officeId: string | null; disabled: boolean }>(
    `SELECT id, role, office_id AS "officeId", disabled_at IS NOT NULL AS disabled FROM accounts WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

interface SegmentDbRow {
  officeId: string;
  jobId: string;
  id: string;
  position: number;
  unit: string;
  sourceEnc: string;
  sourceDigest: string;
  targetEnc: string | null;
  state: SegmentRow["state"];
  origin: OriginDetail;
  translatedBy: string | null;
  translatedAt: Date | string | null;
  reviewedBy: string | null;
  reviewedAt: Date | string | null;
  returnedEnc: string | null;
  returnedBy: string | null;
  returnedAt: Date | string | null;
  sourceChanged: boolean;
  removed: boolean;
  gap: string;
  version: number;
}

const SEGMENT_COLUMNS = `office_id AS "officeId", job_id AS "jobId", id, position, unit, source_enc AS "sourceEnc",
  source_digest AS "sourceDigest", target_enc AS "targetEnc", state, origin, translated_by AS "translatedBy",
  translated_at AS "translatedAt", reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt",
  returned_enc AS "returnedEnc", returned_by AS "returnedBy", returned_at AS "returnedAt",
  source_changed AS "sourceChanged", removed, gap, version`;

function openSegment(keyring: Keyring, r: SegmentDbRow): SegmentRow {
  const field = (f: string) => segmentField(r.officeId, r.id, f);
  return {
    officeId: r.officeId,
    jobId: r.jobId,
    id: r.id,
    position: r.position,
    unit: r.unit,
    source: keyring.decrypt(r.sourceEnc, field("source")),
    sourceDigest: r.sourceDigest,
    target: r.targetEnc === null ? null : keyring.decrypt(r.targetEnc, field("target")),
    state: r.state,
    origin: r.origin.origin,
    originDetail: r.origin,
    translatedBy: r.translatedBy,
    translatedAt: iso(r.translatedAt),
    reviewedBy: r.reviewedBy,
    reviewedAt: iso(r.reviewedAt),
    returned: r.returnedEnc !== null,
    returnedReason: r.returnedEnc === null ? null : keyring.decrypt(r.returnedEnc, field("returned")),
    returnedBy: r.returnedBy,
    returnedAt: iso(r.returnedAt),
    sourceChanged: r.sourceChanged,
    removed: r.removed,
    gap: r.gap,
    version: r.version,
  };
}

/** Every segment of a job (removed ones too), in position order. */
export async function segmentsOf(
  tx: Queryable,
  keyring: Keyring,
  job: { officeId: string; id: string },
): Promise<SegmentRow[]> {
  const rows = await tx.query<SegmentDbRow>(
    `SELECT ${SEGMENT_COLUMNS} FROM translation_segments WHERE office_id = $1 AND job_id = $2
      ORDER BY removed, position, id`,
    [job.officeId, job.id],
  );
  return rows.map((r) => openSegment(keyring, r));
}

function segmentValues(keyring: Keyring, s: SegmentRow): unknown[] {
  const field = (f: string) => segmentField(s.officeId, s.id, f);
  return [
    s.officeId,
    s.id,
    s.jobId,
    s.position,
    s.unit,
    keyring.encrypt(s.source, field("source")),
    s.sourceDigest,
    s.target === null ? null : keyring.encrypt(s.target, field("target")),
    s.state,
    JSON.stringify(s.originDetail),
    s.translatedBy,
    s.translatedAt,
    s.reviewedBy,
    s.reviewedAt,
    s.returnedReason === null ? null : keyring.encrypt(s.returnedReason, field("returned")),
    s.returnedBy,
    s.returnedAt,
    s.sourceChanged,
    s.removed,
    s.gap,
    s.version,
  ];
}

async function insertVersion(
  tx: Queryable,
  keyring: Keyring,
  s: SegmentRow,
  changedBy: string | null,
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO translation_segment_versions (office_id, segment_id, version, state, target_enc, origin,
       changed_by, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      s.officeId,
      s.id,
      s.version,
      s.state,
      s.target === null ? null : keyring.encrypt(s.target, versionField(s.officeId, s.id, s.version)),
      JSON.stringify(s.originDetail),
      changedBy,
      at,
    ],
  );
}

/** A new segment, and its first version. */
export async function insertSegment(
  tx: Queryable,
  keyring: Keyring,
  s: SegmentRow,
  changedBy: string | null,
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO translation_segments (office_id, id, job_id, position, unit, source_enc, source_digest,
       target_enc, state, origin, translated_by, translated_at, reviewed_by, reviewed_at, returned_enc,
       returned_by, returned_at, source_changed, removed, gap, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
    segmentValues(keyring, s),
  );
  await insertVersion(tx, keyring, s, changedBy, at);
}

/** Write a segment as `s` has it (its version already counted up), and keep that version. */
export async function updateSegment(
  tx: Queryable,
  keyring: Keyring,
  s: SegmentRow,
  changedBy: string | null,
  at: string,
): Promise<void> {
  await tx.query(
    `UPDATE translation_segments SET job_id = $3, position = $4, unit = $5, source_enc = $6, source_digest = $7,
       target_enc = $8, state = $9, origin = $10::jsonb, translated_by = $11, translated_at = $12,
       reviewed_by = $13, reviewed_at = $14, returned_enc = $15, returned_by = $16, returned_at = $17,
       source_changed = $18, removed = $19, gap = $20, version = $21
     WHERE office_id = $1 AND id = $2`,
    segmentValues(keyring, s),
  );
  await insertVersion(tx, keyring, s, changedBy, at);
}
