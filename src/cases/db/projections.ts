/**
 * The `cases` projection and its deadlines. The procedure profile computes every value; this
 * module only writes and reads them, so it knows nothing of any country's rules.
 */
import type { DeadlineSpec } from "../../kernel/procedure/deadlines.ts";
import type { Queryable } from "../../store/db.ts";

export interface CaseProjection {
  officeId: string;
  id: string;
  personId: string;
  /** The procedure profile whose rules the case follows. */
  profile: string;
  channel: string;
  kind: string;
  filedOn: string;
  priorCaseIds: string[];
  /** Number of events folded into this projection. */
  version: number;
  stage: string;
  applicantStatus: string | null;
  protection: string | null;
  final: boolean;
  finalSince: string | null;
  redecisionRequired: boolean;
  removalBarred: boolean;
  nationality: string | null;
  /** When the derived view may next change by the passage of time alone; null if never. */
  validUntil?: string | null;
  updatedAt: string;
  /** Replaces the case's stored deadlines; stored in this order. */
  deadlines: DeadlineSpec[];
  /**
   * The profile's folded state at `version`, sealed ({"$sealed": …}, src/cases/write.ts), so that
   * the next write need not fold the history.
   */
  snapshot?: unknown;
}

/** Upsert the case row and replace its deadlines. Call in the transaction that appended events. */
export async function saveCaseProjection(tx: Queryable, row: CaseProjection): Promise<void> {
  const { deadlines } = row;
  await tx.query(
    `INSERT INTO cases (office_id, id, person_id, channel, kind, filed_on, prior_case_ids, version, stage,
                        applicant_status, protection, final, final_since, redecision_required,
                        removal_barred, nationality, valid_until, updated_at, profile, snapshot)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     ON CONFLICT (office_id, id) DO UPDATE SET
       person_id = EXCLUDED.person_id, channel = EXCLUDED.channel, kind = EXCLUDED.kind,
       filed_on = EXCLUDED.filed_on, prior_case_ids = EXCLUDED.prior_case_ids, version = EXCLUDED.version,
       stage = EXCLUDED.stage, applicant_status = EXCLUDED.applicant_status,
       protection = EXCLUDED.protection, final = EXCLUDED.final, final_since = EXCLUDED.final_since,
       redecision_required = EXCLUDED.redecision_required, removal_barred = EXCLUDED.removal_barred,
       nationality = EXCLUDED.nationality, valid_until = EXCLUDED.valid_until,
       updated_at = EXCLUDED.updated_at, profile = EXCLUDED.profile, snapshot = EXCLUDED.snapshot`,
    [
      row.officeId,
      row.id,
      row.personId,
      row.channel,
      row.kind,
      row.filedOn,
      row.priorCaseIds,
      row.version,
      row.stage,
      row.applicantStatus,
      row.protection,
      row.final,
      row.finalSince,
      row.redecisionRequired,
      row.removalBarred,
      row.nationality,
      row.validUntil ?? null,
      row.updatedAt,
      row.profile,
      row.snapshot === undefined ? null : JSON.stringify(row.snapshot),
    ],
  );
  await tx.query("DELETE FROM case_deadlines WHERE office_id = $1 AND case_id = $2", [row.officeId, row.id]);
  if (deadlines.length === 0) return;
  // One statement for all deadlines: arrays unnested side by side, ord = position in the list.
  await tx.query(
    `INSERT INTO case_deadlines (office_id, case_id, ord, kind, from_on, due_on, basis, obligation,
                                 party, level, resolution, on_pass)
     SELECT $1, $2, d.ord, d.kind, d.from_on, d.due_on, d.basis, d.obligation, d.party, d.level, d.resolution,
            d.on_pass
     FROM unnest($3::text[], $4::date[], $5::date[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[],
                 $11::text[])
          WITH ORDINALITY AS d(kind, from_on, due_on, basis, obligation, party, level, resolution, on_pass, ord)`,
    [
      row.officeId,
      row.id,
      deadlines.map((d) => d.kind),
      deadlines.map((d) => d.from),
      deadlines.map((d) => d.dueOn),
      deadlines.map((d) => d.basis),
      deadlines.map((d) => d.obligation),
      deadlines.map((d) => d.party ?? null),
      deadlines.map((d) => d.level ?? null),
      deadlines.map((d) => d.resolution),
      deadlines.map((d) => d.onPass),
    ],
  );
}

export async function loadCaseProjection(
  db: Queryable,
  officeId: string,
  id: string,
): Promise<CaseProjection | null> {
  const [row] = await db.query<Omit<CaseProjection, "deadlines">>(
    `SELECT office_id AS "officeId", id, person_id AS "personId", profile, channel, kind, filed_on AS "filedOn",
            prior_case_ids AS "priorCaseIds", version, stage, applicant_status AS "applicantStatus",
            protection, final, final_since AS "finalSince", redecision_required AS "redecisionRequired",
            removal_barred AS "removalBarred", nationality, valid_until AS "validUntil",
            updated_at AS "updatedAt", snapshot
     FROM cases WHERE office_id = $1 AND id = $2`,
    [officeId, id],
  );
  if (!row) return null;
  const rows = await db.query<DeadlineRow>(
    `SELECT kind, from_on, due_on, basis, obligation, party, level, resolution, on_pass
     FROM case_deadlines WHERE office_id = $1 AND case_id = $2 ORDER BY ord`,
    [officeId, id],
  );
  return { ...row, deadlines: rows.map(toDeadlineSpec) };
}

interface DeadlineRow {
  kind: DeadlineSpec["kind"];
  from_on: string;
  due_on: string;
  basis: string;
  obligation: DeadlineSpec["obligation"];
  party: NonNullable<DeadlineSpec["party"]> | null;
  level: NonNullable<DeadlineSpec["level"]> | null;
  resolution: DeadlineSpec["resolution"];
  on_pass: DeadlineSpec["onPass"];
}

function toDeadlineSpec(r: DeadlineRow): DeadlineSpec {
  const spec: DeadlineSpec = {
    kind: r.kind,
    from: r.from_on,
    dueOn: r.due_on,
    basis: r.basis,
    obligation: r.obligation,
    onPass: r.on_pass,
    resolution: r.resolution,
  };
  // Optional members stay absent rather than null, as the profile produces them.
  if (r.party !== null) spec.party = r.party;
  if (r.level !== null) spec.level = r.level;
  return spec;
}

/**
 * Forget the snapshots stored in plain text before migration 0017 (they are derived: the next
 * write or refresh folds the history again and stores the snapshot sealed). Returns how many.
 */
export async function dropPlainSnapshots(db: Queryable): Promise<number> {
  const rows = await db.query(
    `UPDATE cases SET snapshot = NULL WHERE snapshot IS NOT NULL AND NOT (snapshot ? '$sealed') RETURNING id`,
  );
  return rows.length;
}
