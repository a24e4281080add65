/**
 * Sealing the audit log (SECURITY 13): linking committed entries into the hash chain.
 *
 * `appendAudit` writes an entry in the caller's transaction without any lock; the entry has its
 * number (`audit_log.seq`) and the id of the transaction that wrote it (`txid`), but no place in
 * the chain yet. A seal round, one at a time under the advisory lock `AUDIT_LOCK_KEYS`:
 *
 *   1. takes the lock, then in ONE statement (one snapshot) reads the chain head (position, hash,
 *      horizon), the snapshot's xmin (`pg_snapshot_xmin(pg_current_snapshot())`: every
 *      transaction with a smaller id has ended, committed or not), and the entries with
 *      horizon <= txid < xmin that are not yet in the chain, in the order of their numbers;
 *   2. hashes them in that order, each over the previous hash, and inserts their chain rows
 *      (`audit_chain`) at the next positions, with the new horizon: the xmin it used, if it
 *      sealed every such entry (else the old horizon, and the next round goes on from there).
 *
 * Why nothing is passed over: entry numbers are handed out when a transaction writes its entry,
 * not when it commits, so an entry with a small number may commit after entries with larger
 * ones have been sealed. The sealer does not go by numbers but by transactions: it seals an entry
 * only once every transaction older than the entry's own has ended, and all the entries of every
 * transaction older than the horizon were sealed; an entry that commits late has a txid at or
 * above the horizon, so a later round finds it. The chain's order is: by round, then by number.
 *
 * The server runs `startAuditSealer` (a round every quarter second while entries wait);
 * `verifyAudit` and `createCheckpoint` seal first. A long-open transaction holds sealing back
 * for entries of younger transactions until it ends; `verifyAudit` names such entries.
 */
import type { Database, Queryable } from "../../store/db.ts";
import { AUDIT_LOCK_KEYS } from "./append.ts";
import { AUDIT_CONTENT_COLUMNS, GENESIS_HASH, hashAuditEntry, type AuditContent } from "./chain.ts";

/** Entries per round (one transaction); a bigger backlog takes several rounds. */
export const SEAL_BATCH = 5000;

export interface SealReport {
  /** Entries sealed. */
  sealed: number;
  /** The chain's head afterwards. */
  head: { seq: number; hash: string };
}

interface Pending extends Omit<AuditContent, "at"> {
  at: string | Date;
  entry: number | string;
  headSeq: number | string | null;
  headHash: string | null;
  horizon: string;
  xmin: string;
}

/**
 * Seal every entry that can be sealed now. On a `Database`, each round is a transaction of its
 * own; on the `tx` of a transaction, the rounds run inside it (and its lock is held to its end).
 */
export async function sealAudit(
  db: Database | Queryable,
  options: { batch?: number } = {},
): Promise<SealReport> {
  const batch = options.batch ?? SEAL_BATCH;
  let sealed = 0;
  for (;;) {
    const round =
      "transaction" in db && typeof db.transaction === "function"
        ? await db.transaction((tx) => sealRound(tx, batch))
        : await inTransaction(db, (tx) => sealRound(tx, batch));
    sealed += round.sealed;
    if (round.complete) return { sealed, head: round.head };
  }
}

async function inTransaction<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  if (q.inTransaction !== true) {
    throw new Error("sealAudit needs a Database or the tx of a transaction (it takes a lock)");
  }
  return fn(q);
}

/**
 * The chain head, the horizon and the snapshot's bounds, as of the statement's snapshot. A
 * horizon above the snapshot's xmax cannot come from this cluster's transactions: the database
 * was restored from a dump of another cluster (whose transaction ids ran higher); the round then
 * starts from 0 (the anti-join finds what is unsealed), and stores a horizon of this cluster.
 */
const BASE = `WITH head AS (SELECT seq, hash, horizon FROM audit_chain ORDER BY seq DESC LIMIT 1),
     snap AS (SELECT pg_current_snapshot() AS s),
     base AS (SELECT h.seq, h.hash,
                     CASE WHEN h.horizon IS NULL OR h.horizon > pg_snapshot_xmax(snap.s) THEN '0'::xid8
                          ELSE h.horizon END AS horizon,
                     pg_snapshot_xmin(snap.s) AS xmin, pg_snapshot_xmax(snap.s) AS xmax
              FROM snap LEFT JOIN head h ON true)`;

/**
 * An entry of `audit_log l` that a round may seal (`b`: the base above): not in the chain, at or
 * above the horizon, and written by a transaction that has ended: below xmin, or (restored from
 * another cluster) at or above xmax, where no transaction of this cluster that the snapshot could
 * see has an id.
 */
const SEALABLE = `l.txid >= b.horizon AND (l.txid < b.xmin OR l.txid >= b.xmax)
  AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry = l.seq)`;

async function sealRound(tx: Queryable, batch: number): Promise<SealReport & { complete: boolean }> {
  await tx.query("SELECT pg_advisory_xact_lock($1, $2)", [...AUDIT_LOCK_KEYS]);
  // One statement, one snapshot: the head, the xmin and the entries are read as of one instant,
  // after the lock (so the head is the last sealer's).
  const rows = await tx.query<Pending>(
    `${BASE}
     SELECT b.seq AS "headSeq", b.hash AS "headHash", b.horizon::text AS horizon, b.xmin::text AS xmin,
            t.*
     FROM base b LEFT JOIN LATERAL (
       SELECT l.seq AS entry, ${AUDIT_CONTENT_COLUMNS}
       FROM audit_log l
       WHERE ${SEALABLE}
       ORDER BY l.seq
       LIMIT $1
     ) t ON true
     ORDER BY t.entry`,
    [batch],
  );
  const first = rows[0];
  if (!first) throw new Error("sealAudit: the head query returned nothing");
  let seq = first.headSeq === null ? 0 : Number(first.headSeq);
  let prevHash = first.headHash ?? GENESIS_HASH;
  const pending = rows.filter((r) => r.entry !== null);
  if (pending.length === 0) return { sealed: 0, head: { seq, hash: prevHash }, complete: true };

  const complete = pending.length < batch;
  const seqs: number[] = [];
  const entries: number[] = [];
  const prevHashes: string[] = [];
  const hashes: string[] = [];
  for (const row of pending) {
    seq += 1;
    const entry = Number(row.entry);
    const hash = hashAuditEntry(prevHash, {
      seq,
      entry,
      at: row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString(),
      actor: row.actor,
      actorRole: row.actorRole,
      address: row.address,
      officeId: row.officeId,
      caseId: row.caseId,
      personRef: row.personRef,
      action: row.action,
      purpose: row.purpose,
      outcome: row.outcome,
      details: row.details,
    });
    seqs.push(seq);
    entries.push(entry);
    prevHashes.push(prevHash);
    hashes.push(hash);
    prevHash = hash;
  }
  await tx.query(
    `INSERT INTO audit_chain (seq, entry, prev_hash, hash, horizon)
     SELECT s, e, p, h, $5::xid8 FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(s, e, p, h)`,
    [seqs, entries, prevHashes, hashes, complete ? first.xmin : first.horizon],
  );
  return { sealed: pending.length, head: { seq, hash: prevHash }, complete };
}

/** Entries in the log that are not (yet) in the chain. */
export interface UnsealedEntries {
  count: number;
  /** The smallest and largest such entry numbers, and when the first says it was written. */
  first: number | null;
  last: number | null;
  firstAt: string | null;
}

/** Committed entries not in the chain (with numbers up to `upTo`, if given). */
export async function unsealedEntries(db: Queryable, upTo?: number): Promise<UnsealedEntries> {
  const [row] = await db.query<{
    count: number | string;
    first: number | string | null;
    last: number | string | null;
    at: string | Date | null;
  }>(
    `WITH u AS (SELECT l.seq, l.at FROM audit_log l
                WHERE l.seq <= $1 AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry = l.seq))
     SELECT count(*) AS count, min(seq) AS first, max(seq) AS last,
            (SELECT at FROM u ORDER BY seq LIMIT 1) AS at
     FROM u`,
    [upTo ?? Number.MAX_SAFE_INTEGER],
  );
  const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    count: Number(row?.count ?? 0),
    first: num(row?.first),
    last: num(row?.last),
    firstAt: row?.at ? new Date(row.at).toISOString() : null,
  };
}

export interface AuditSealer {
  /** Seal now (and wait for a round already running). */
  sealNow(): Promise<SealReport | undefined>;
  /** Stop the timer and wait for the round in progress. */
  stop(): Promise<void>;
}

export interface AuditSealerOptions {
  /** Between rounds, in ms (default 250): how long a committed entry waits for its place. */
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

/** Seal in the background: a round every `intervalMs` while entries wait. */
export function startAuditSealer(db: Database, options: AuditSealerOptions = {}): AuditSealer {
  const intervalMs = options.intervalMs ?? 250;
  let running: Promise<SealReport | undefined> | undefined;
  let stopped = false;

  const round = async (): Promise<SealReport | undefined> => {
    try {
      // A read-only look first: when nothing waits, no transaction and no lock.
      const [waiting] = await db.query<{ waiting: boolean }>(
        `${BASE} SELECT EXISTS (SELECT 1 FROM base b, audit_log l WHERE ${SEALABLE}) AS waiting`,
      );
      return waiting?.waiting ? await sealAudit(db) : undefined;
    } catch (err) {
      if (!stopped) options.onError?.(err);
      return undefined;
    }
  };
  const sealNow = async (): Promise<SealReport | undefined> => {
    while (running) await running;
    const current = round().finally(() => {
      running = undefined;
    });
    running = current;
    return current;
  };
  const timer = setInterval(() => {
    if (!running && !stopped) void sealNow();
  }, intervalMs);
  timer.unref();

  return {
    sealNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
