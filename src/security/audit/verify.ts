/**
 * Check the audit chain (part of `openrsd verify`): seal what can be sealed, walk the chain in
 * order a page at a time, recompute every hash and follow every link, name the first entry that
 * was changed, removed or reordered, and then check that every committed entry of the log is in
 * the chain ("unsealed" otherwise, once a short wait for transactions still open has passed).
 *
 * Positions (`seq`) are places in the chain, as checkpoints record them; `entry` is the entry's
 * number in `audit_log`. For entries written before migration 0012 the two are equal.
 *
 * The chain alone cannot show that entries were cut off its end, or that someone rewrote the
 * log and recomputed every hash after a point: a signed checkpoint kept outside the database
 * (checkpoint.ts) shows both. Nor can it show an entry removed before it was sealed: the sealer
 * runs every quarter second, so that window is short.
 */
import type { Queryable } from "../../store/db.ts";
import {
  AUDIT_CONTENT_COLUMNS,
  fromAuditRow,
  GENESIS_HASH,
  hashAuditEntry,
  type AuditRow,
  type StoredAuditEntry,
} from "./chain.ts";
import { sealAudit, unsealedEntries } from "./seal.ts";
import { hashedPurpose } from "./purpose.ts";
import type { Keyring } from "../crypto/keyring.ts";

export type AuditBadReason = "changed" | "removed" | "reordered" | "unsealed";

export interface AuditBadEntry {
  /** The place in the chain. */
  seq: number;
  /** The entry's number in the log, where there is one. */
  entry?: number;
  reason: AuditBadReason;
  /** A sentence for the operator. */
  detail: string;
}

export interface AuditChainReport {
  ok: boolean;
  /** Entries checked (up to and including the first bad one). */
  entries: number;
  /** The last entry that verified (seq 0 and the genesis hash if none). */
  head: { seq: number; hash: string };
  firstBad?: AuditBadEntry;
}

export interface VerifyAuditOptions {
  /** Check only the chain up to this place (a checkpoint's); no sealing, no check for unsealed. */
  upTo?: number;
  pageSize?: number;
  /** Seal first (default true; needs the right to insert into audit_chain). */
  seal?: boolean;
  /**
   * How long to wait, sealing again, for committed entries held back by a transaction still
   * open (default 5 s), before they are reported as unsealed.
   */
  waitMs?: number;
  /**
   * Needed only for purposes written in plain text and sealed later (purpose.ts), whose
   * hashes cover the plain text.
   */
  keyring?: Keyring;
}

interface ChainRow extends Omit<AuditRow, "entry" | "at"> {
  entry: number | string;
  found: boolean;
  at: string | Date | null;
}

export async function verifyAudit(
  db: Queryable,
  options: VerifyAuditOptions = {},
): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 1000;
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  const whole = options.upTo === undefined;
  const seal = whole && options.seal !== false;
  if (seal) await sealIfAllowed(db);

  let entries = 0;
  let head = { seq: 0, hash: GENESIS_HASH };
  const bad = (seq: number, reason: AuditBadReason, detail: string, entry?: number): AuditChainReport => ({
    ok: false,
    entries,
    head,
    firstBad: { seq, ...(entry === undefined ? {} : { entry }), reason, detail },
  });

  /** Walk on from `head`; the first bad entry, or undefined when the chain ends intact. */
  const walk = async (): Promise<AuditChainReport | undefined> => {
    for (;;) {
      const rows = await db.query<ChainRow>(
        `SELECT c.seq, c.entry, c.prev_hash AS "prevHash", c.hash, l.seq IS NOT NULL AS found,
                ${AUDIT_CONTENT_COLUMNS}
         FROM audit_chain c LEFT JOIN audit_log l ON l.seq = c.entry
         WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq LIMIT $3`,
        [head.seq, upTo, pageSize],
      );
      for (const row of rows) {
        const expected = head.seq + 1;
        const seq = Number(row.seq);
        const number = Number(row.entry);
        const name = describe(expected, number);
        if (seq !== expected) {
          return bad(expected, "removed", `entry ${expected} is missing (the next entry is ${seq})`);
        }
        entries += 1;
        if (!row.found) {
          return bad(
            expected,
            "removed",
            `${name} is missing from the log (its place in the chain remains)`,
            number,
          );
        }
        const stored = fromAuditRow(row as AuditRow);
        const entry = { ...stored, purpose: hashedPurpose(options.keyring, stored) };
        if (hashAuditEntry(entry.prevHash, entry) !== entry.hash) {
          const movedFrom = await originalSeq(db, entry);
          return movedFrom === undefined
            ? bad(expected, "changed", `${name} does not match its hash`, number)
            : bad(expected, "reordered", `${name} holds the entry appended as ${movedFrom}`, number);
        }
        if (entry.prevHash !== head.hash) {
          // The entry matches its own hash, so it is as sealed; what it links to is not.
          return expected === 1
            ? bad(
                1,
                "changed",
                "entry 1 does not start the chain: it was written with another history",
                number,
              )
            : bad(
                head.seq,
                "changed",
                `entry ${head.seq} was rewritten (and re-hashed): entry ${expected} links to another entry`,
              );
        }
        head = { seq: entry.seq, hash: entry.hash };
      }
      if (rows.length < pageSize) return undefined;
    }
  };

  const broken = await walk();
  if (broken || !whole) return broken ?? { ok: true, entries, head };

  // Every committed entry must be in the chain. Those of a transaction younger than one still
  // open cannot be sealed yet: wait a little for the ones committed now, sealing again (entries
  // committed meanwhile are not waited for).
  const now = await unsealedEntries(db);
  if (now.count === 0 || now.last === null) return { ok: true, entries, head };
  const deadline = Date.now() + (options.waitMs ?? 5000);
  for (;;) {
    const left = await unsealedEntries(db, now.last);
    if (left.count === 0) return (await walk()) ?? { ok: true, entries, head };
    if (!seal || Date.now() >= deadline) {
      return (
        (await walk()) ??
        bad(
          head.seq + 1,
          "unsealed",
          `${left.count} entr${left.count === 1 ? "y is" : "ies are"} in the log but not in the chain, ` +
            `the first number ${left.first} (at ${left.firstAt}): written by a transaction that ` +
            "stayed open while younger ones committed, or added to the log outside the application",
          left.first ?? undefined,
        )
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sealIfAllowed(db);
  }
}

function describe(seq: number, entry: number): string {
  return seq === entry ? `entry ${seq}` : `entry ${seq} (number ${entry} in the log)`;
}

/** Seal, unless the role may not (then the check reports what is unsealed). */
async function sealIfAllowed(db: Queryable): Promise<number> {
  try {
    return (await sealAudit(db)).sealed;
  } catch (err) {
    if ((err as { code?: string }).code === "42501") return 0;
    throw err;
  }
}

/**
 * Where an entry that does not fit its hash came from: the place whose hash its content fits,
 * with its own chain row (the row was moved) or with that place's (the entries were swapped).
 * Tries every place in the chain: slow on a big log, but it runs once, on a broken one.
 */
async function originalSeq(db: Queryable, entry: StoredAuditEntry): Promise<number | undefined> {
  const [last] = await db.query<{ max: number | string | null }>("SELECT max(seq) AS max FROM audit_chain");
  const max = Number(last?.max ?? 0);
  for (let seq = 1; seq <= max + 1; seq++) {
    if (seq === entry.seq) continue;
    for (const number of new Set([entry.entry, seq])) {
      if (hashAuditEntry(entry.prevHash, { ...entry, seq, entry: number }) === entry.hash) return seq;
    }
  }
  const page = 1000;
  for (let from = 0; from < max; from += page) {
    const rows = await db.query<{
      seq: number | string;
      entry: number | string;
      prevHash: string;
      hash: string;
    }>(
      `SELECT seq, entry, prev_hash AS "prevHash", hash FROM audit_chain
       WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
      [from, from + page],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq === entry.seq) continue;
      for (const number of new Set([entry.entry, Number(row.entry)])) {
        const moved = { ...entry, seq, entry: number };
        if (hashAuditEntry(row.prevHash, moved) === row.hash) return seq;
      }
    }
  }
  return undefined;
}
