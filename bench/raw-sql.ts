/**
 * The baseline: the statements OpenRSD issues for a case read and an event append, sent as raw SQL
 * through a `pg` pool, with none of the application around them (no HTTP, no validation, no
 * procedure engine, no JSON view). OpenRSD's throughput divided by this one is its overhead.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { LOAD_CASE_SQL } from "../src/cases/db/cases.ts";
import { typeParsers, type Database } from "../src/store/db.ts";
import type { CaseProjection } from "../src/cases/db/projections.ts";
import type { Operation } from "./loop.ts";

export interface RawConnection {
  connectionString: string;
  schema?: string;
}

/** A pool like the application's (same type parsers, same search_path), of the given size. */
export function rawPool(conn: RawConnection, size: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: conn.connectionString,
    max: size,
    idleTimeoutMillis: 0,
    types: typeParsers,
    ...(conn.schema ? { options: `-c search_path="${conn.schema.replaceAll('"', '""')}",public` } : {}),
  });
  pool.on("error", () => undefined);
  return pool;
}

/** Where the baseline sends its SQL: a statement, or several in one transaction. */
export interface RawSql {
  query(text: string, values: unknown[], name?: string): Promise<unknown[]>;
  transaction<T>(
    fn: (query: (text: string, values: unknown[]) => Promise<unknown[]>) => Promise<T>,
  ): Promise<T>;
  end(): Promise<void>;
}

/** The baseline over a `pg` pool of its own (PostgreSQL). */
export function rawOverPool(pool: pg.Pool): RawSql {
  return {
    async query(text, values, name) {
      return (await pool.query(name ? { name, text, values } : { text, values })).rows as unknown[];
    },
    async transaction(fn) {
      const conn = await pool.connect();
      let broken: Error | undefined;
      try {
        await conn.query("BEGIN");
        const result = await fn(async (text, values) => (await conn.query(text, values)).rows as unknown[]);
        await conn.query("COMMIT");
        return result;
      } catch (err) {
        await conn.query("ROLLBACK").catch((e: Error) => (broken = e));
        throw err;
      } finally {
        conn.release(broken);
      }
    },
    end: () => pool.end(),
  };
}

/**
 * The baseline on the embedded database, which serves one session at a time: the same raw SQL
 * through the application's own connection (`Database.query` and `transaction`, nothing else).
 */
export function rawOverDatabase(db: Database): RawSql {
  return {
    query: (text, values) => db.query(text, values),
    transaction: (fn) => db.transaction((tx) => fn((text, values) => tx.query(text, values))),
    end: async () => undefined,
  };
}

/**
 * The read path: one statement for the case header and its events (loadCase). Kept prepared on
 * each connection as the application keeps it (`prepared`), on PostgreSQL only: the embedded
 * database serves every connection from one session.
 */
export function rawRead(sql: RawSql, caseIds: readonly string[], keepPrepared: boolean): Operation {
  return async () => {
    const id = caseIds[Math.floor(Math.random() * caseIds.length)];
    const events = await sql.query(LOAD_CASE_SQL, [id], keepPrepared ? "load_case" : undefined);
    if (events.length === 0) throw new Error(`case ${id} not found`);
    return true;
  };
}

// The append path (appendEvents, then saveCaseProjection), in one transaction.
const LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
const HEAD = `SELECT sequence, hash FROM case_events WHERE office_id = $1 AND case_id = $2
  ORDER BY sequence DESC LIMIT 1`;
const INSERT_EVENT = `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload,
  recorded_at, recorded_by, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const UPSERT_CASE = `INSERT INTO cases (office_id, id, person_id, channel, kind, filed_on, prior_case_ids,
  version, stage, applicant_status, protection, final, final_since, redecision_required, removal_barred,
  nationality, valid_until, updated_at, profile, snapshot)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
  ON CONFLICT (office_id, id) DO UPDATE SET
    person_id = EXCLUDED.person_id, channel = EXCLUDED.channel, kind = EXCLUDED.kind,
    filed_on = EXCLUDED.filed_on, prior_case_ids = EXCLUDED.prior_case_ids, version = EXCLUDED.version,
    stage = EXCLUDED.stage, applicant_status = EXCLUDED.applicant_status,
    protection = EXCLUDED.protection, final = EXCLUDED.final, final_since = EXCLUDED.final_since,
    redecision_required = EXCLUDED.redecision_required, removal_barred = EXCLUDED.removal_barred,
    nationality = EXCLUDED.nationality, valid_until = EXCLUDED.valid_until, updated_at = EXCLUDED.updated_at,
    profile = EXCLUDED.profile, snapshot = EXCLUDED.snapshot`;
const DELETE_DEADLINES = "DELETE FROM case_deadlines WHERE office_id = $1 AND case_id = $2";
const INSERT_DEADLINES = `INSERT INTO case_deadlines (office_id, case_id, ord, kind, from_on, due_on, basis,
  obligation, party, level, resolution, on_pass)
  SELECT $1, $2, d.ord, d.kind, d.from_on, d.due_on, d.basis, d.obligation, d.party, d.level, d.resolution,
         d.on_pass
  FROM unnest($3::text[], $4::date[], $5::date[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[],
              $11::text[])
       WITH ORDINALITY AS d(kind, from_on, due_on, basis, obligation, party, level, resolution, on_pass, ord)`;

/** Client i appends to cases[i] (its projection as seeded: the row and deadlines it rewrites). */
export function rawAppend(
  sql: RawSql,
  cases: readonly CaseProjection[],
  today: string,
  interviewOn: string,
): Operation {
  const versions = cases.map((c) => c.version);
  const payload = JSON.stringify({ interviewOn, method: "post" });
  return async (client) => {
    const c = cases[client];
    if (!c) throw new Error(`no case for client ${client}`);
    const sequence = await sql.transaction(async (query) => {
      await query(LOCK, [`case:${c.officeId}:${c.id}`]);
      const [head] = (await query(HEAD, [c.officeId, c.id])) as { sequence: number; hash: string }[];
      const actual = head?.sequence ?? 0;
      if (actual !== versions[client]) {
        versions[client] = actual;
        throw new Error(`case ${c.id} is at version ${actual}`);
      }
      const next = actual + 1;
      const recordedAt = new Date().toISOString();
      const hash = createHash("sha256")
        .update(`${head?.hash ?? ""}\n${c.id}\n${next}\n${today}\n${payload}\n${recordedAt}`)
        .digest("hex");
      // prettier-ignore
      await query(INSERT_EVENT, [
        c.officeId, c.id, next, "summons_served", today, payload, recordedAt, "bench", head?.hash ?? "", hash,
      ]);
      // prettier-ignore
      await query(UPSERT_CASE, [
        c.officeId, c.id, c.personId, c.channel, c.kind, c.filedOn, c.priorCaseIds, next, c.stage,
        c.applicantStatus, c.protection, c.final, c.finalSince, c.redecisionRequired, c.removalBarred,
        c.nationality, c.validUntil ?? null, recordedAt, c.profile,
        c.snapshot === undefined || c.snapshot === null ? null : JSON.stringify(c.snapshot),
      ]);
      await query(DELETE_DEADLINES, [c.officeId, c.id]);
      const d = c.deadlines;
      // prettier-ignore
      if (d.length > 0) await query(INSERT_DEADLINES, [
        c.officeId, c.id, d.map((x) => x.kind), d.map((x) => x.from), d.map((x) => x.dueOn),
        d.map((x) => x.basis), d.map((x) => x.obligation), d.map((x) => x.party ?? null),
        d.map((x) => x.level ?? null), d.map((x) => x.resolution), d.map((x) => x.onPass),
      ]);
      return next;
    });
    versions[client] = sequence;
    return true;
  };
}
