/**
 * Batched writers for the bulk loader: the rows that `appendEvents`, `saveProjection` (the `cases`
 * projection, its deadlines, `stat_cases`, `stat_decisions`) and `insertPerson` write one case or
 * person at a time, written for a few hundred cases in a handful of statements. Each writer takes
 * the values the per-request code computes (the same functions build them: `hashEvent`,
 * `presentCase`, `validUntil`, `statCase`, `ageBand`); test/demo-national.test.ts checks that
 * replaying the per-request code over the loaded cases leaves every row as it was.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { ageBand, type StatCase } from "../../kernel/statistics/facts.ts";
import type { StoredEvent } from "../../cases/db/chain-hash.ts";
import type { Queryable } from "../../store/db.ts";
import type { CaseProjection } from "../../cases/db/projections.ts";

/** Stored events of many cases, with their hashes, in one statement. */
export async function insertEventRows(tx: Queryable, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload,
                              recorded_at, recorded_by, prev_hash, hash)
     SELECT u.office_id, u.case_id, u.sequence, u.type, u.occurred_on, u.payload::jsonb,
            u.recorded_at, u.recorded_by, u.prev_hash, u.hash
       FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::date[], $6::text[],
                   $7::timestamptz[], $8::text[], $9::text[], $10::text[])
            AS u(office_id, case_id, sequence, type, occurred_on, payload, recorded_at, recorded_by,
                 prev_hash, hash)`,
    [
      events.map((e) => e.officeId),
      events.map((e) => e.caseId),
      events.map((e) => e.sequence),
      events.map((e) => e.type),
      events.map((e) => e.occurredOn),
      events.map((e) => JSON.stringify(e.payload)),
      events.map((e) => e.recordedAt),
      events.map((e) => e.recordedBy),
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
    ],
  );
}

const CASE_COLUMNS = 20;

/** New `cases` rows and their deadlines (the cases must not exist yet). */
export async function insertProjectionRows(tx: Queryable, rows: readonly CaseProjection[]): Promise<void> {
  if (rows.length === 0) return;
  // Multi-row VALUES rather than unnest: prior_case_ids is an array per row.
  const params: unknown[] = [];
  const tuples = rows.map((row, i) => {
    params.push(
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
    );
    const base = i * CASE_COLUMNS;
    return `(${Array.from({ length: CASE_COLUMNS }, (_, k) => `$${base + k + 1}`).join(", ")})`;
  });
  await tx.query(
    `INSERT INTO cases (office_id, id, person_id, channel, kind, filed_on, prior_case_ids, version, stage,
                        applicant_status, protection, final, final_since, redecision_required,
                        removal_barred, nationality, valid_until, updated_at, profile, snapshot)
     VALUES ${tuples.join(", ")}`,
    params,
  );
  const deadlines = rows.flatMap((row) => row.deadlines.map((d, i) => ({ row, d, ord: i + 1 })));
  if (deadlines.length === 0) return;
  await tx.query(
    `INSERT INTO case_deadlines (office_id, case_id, ord, kind, from_on, due_on, basis, obligation,
                                 party, level, resolution, on_pass)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::date[], $6::date[], $7::text[],
                          $8::text[], $9::text[], $10::int[], $11::text[], $12::text[])`,
    [
      deadlines.map((x) => x.row.officeId),
      deadlines.map((x) => x.row.id),
      deadlines.map((x) => x.ord),
      deadlines.map((x) => x.d.kind),
      deadlines.map((x) => x.d.from),
      deadlines.map((x) => x.d.dueOn),
      deadlines.map((x) => x.d.basis),
      deadlines.map((x) => x.d.obligation),
      deadlines.map((x) => x.d.party ?? null),
      deadlines.map((x) => x.d.level ?? null),
      deadlines.map((x) => x.d.resolution),
      deadlines.map((x) => x.d.onPass),
    ],
  );
}

export interface StatRow {
  officeId: string;
  caseId: string;
  personId: string;
  facts: StatCase;
  /** What `saveStatFacts` reads from `persons`. */
  person: { nationality: string | null; sex: string | null; birthDate: LegalDate | null };
}

/** New `stat_cases` and `stat_decisions` rows, as `saveStatFacts` writes them. */
export async function insertStatRows(tx: Queryable, rows: readonly StatRow[]): Promise<void> {
  if (rows.length === 0) return;
  const band = rows.map((r) => ageBand(r.person.birthDate, r.facts.filedOn));
  await tx.query(
    `INSERT INTO stat_cases (office_id, case_id, person_id, filed_on, filed_year, channel, kind, nationality, sex,
                             age_band, first_outcome, first_decided_on, final_outcome, final_on)
     SELECT u.office_id, u.case_id, u.person_id, u.filed_on, extract(year FROM u.filed_on), u.channel, u.kind,
            u.nationality, u.sex, u.age_band, u.first_outcome, u.first_decided_on, u.final_outcome, u.final_on
       FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::text[], $11::date[], $12::text[], $13::date[])
            AS u(office_id, case_id, person_id, filed_on, channel, kind, nationality, sex, age_band,
                 first_outcome, first_decided_on, final_outcome, final_on)`,
    [
      rows.map((r) => r.officeId),
      rows.map((r) => r.caseId),
      rows.map((r) => r.personId),
      rows.map((r) => r.facts.filedOn),
      rows.map((r) => r.facts.channel),
      rows.map((r) => r.facts.kind),
      rows.map((r) => r.person.nationality),
      rows.map((r) => r.person.sex),
      band,
      rows.map((r) => r.facts.firstInstance?.outcome ?? null),
      rows.map((r) => r.facts.firstInstance?.decidedOn ?? null),
      rows.map((r) => r.facts.final?.outcome ?? null),
      rows.map((r) => r.facts.final?.since ?? null),
    ],
  );
  const decisions = rows.flatMap((r, i) => r.facts.decisions.map((d) => ({ r, d, band: band[i] })));
  if (decisions.length === 0) return;
  await tx.query(
    `INSERT INTO stat_decisions (office_id, case_id, seq, level, decided_on, decided_year, outcome, substantive,
                                 redecision, reverses_refusal, decision_maker, filed_on, channel, kind,
                                 nationality, sex, age_band)
     SELECT u.office_id, u.case_id, u.seq, u.level, u.decided_on, extract(year FROM u.decided_on), u.outcome,
            u.substantive, u.redecision, u.reverses, u.maker, u.filed_on, u.channel, u.kind, u.nationality,
            u.sex, u.age_band
       FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::date[], $6::text[], $7::boolean[],
                   $8::boolean[], $9::boolean[], $10::text[], $11::date[], $12::text[], $13::text[],
                   $14::text[], $15::text[], $16::text[])
            AS u(office_id, case_id, seq, level, decided_on, outcome, substantive, redecision, reverses, maker,
                 filed_on, channel, kind, nationality, sex, age_band)`,
    [
      decisions.map((x) => x.r.officeId),
      decisions.map((x) => x.r.caseId),
      decisions.map((x) => x.d.seq),
      decisions.map((x) => x.d.level),
      decisions.map((x) => x.d.decidedOn),
      decisions.map((x) => x.d.outcome),
      decisions.map((x) => x.d.substantive),
      decisions.map((x) => x.d.redecision),
      decisions.map((x) => x.d.reversesRefusal),
      decisions.map((x) => x.d.decisionMaker),
      decisions.map((x) => x.r.facts.filedOn),
      decisions.map((x) => x.r.facts.channel),
      decisions.map((x) => x.r.facts.kind),
      decisions.map((x) => x.r.person.nationality),
      decisions.map((x) => x.r.person.sex),
      decisions.map((x) => x.band ?? "unknown"),
    ],
  );
}

/**
 * A Queryable that records statements instead of running them, so that per-row code (here
 * `insertPerson`, with its encryption and blind indexes) can be run for many rows and its
 * statements sent in batches by `flushCaptured`. Only for writes whose results are not read.
 */
export class CapturingQueryable implements Queryable {
  readonly statements: { sql: string; params: readonly unknown[] }[] = [];
  readonly inTransaction = true;

  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    this.statements.push({ sql, params: params ?? [] });
    return Promise.resolve([]);
  }
}

const VALUES_SHAPE =
  /^([\s\S]*?\bVALUES\s*)\((\s*\$\d+(?:\s*,\s*\$\d+)*\s*)\)(\s*(?:ON CONFLICT DO NOTHING)?\s*)$/;
const MAX_PARAMS = 60_000;

/**
 * Run captured statements: consecutive `INSERT … VALUES ($1, …, $n) [ON CONFLICT DO NOTHING]` with
 * the same text become multi-row inserts (the same rows, fewer round trips); anything else runs as
 * it was captured. Statements of one text are grouped in order of first appearance, so this suits
 * inserts where each group only depends on groups before it (persons, then their identifiers).
 */
export async function flushCaptured(
  tx: Queryable,
  statements: readonly { sql: string; params: readonly unknown[] }[],
): Promise<void> {
  const groups = new Map<string, (readonly unknown[])[]>();
  for (const s of statements) {
    const list = groups.get(s.sql) ?? [];
    list.push(s.params);
    groups.set(s.sql, list);
  }
  for (const [sql, rows] of groups) {
    const m = VALUES_SHAPE.exec(sql);
    const head = m?.[1];
    const tail = m?.[3] ?? "";
    const placeholders = m?.[2]?.split(",").map((p) => Number(p.trim().slice(1)));
    const width = placeholders?.length ?? 0;
    if (!head || !placeholders || placeholders.some((p, i) => p !== i + 1)) {
      for (const params of rows) await tx.query(sql, params);
      continue;
    }
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const tuples = chunk.map(
        (_, i) => `(${Array.from({ length: width }, (_, k) => `$${i * width + k + 1}`).join(", ")})`,
      );
      await tx.query(`${head}${tuples.join(", ")}${tail}`, chunk.flat());
    }
  }
}
