/**
 * Check the audit chain (part of `openrsd verify`): walk the log in sequence order a page at a
 * time, recompute every hash and follow every link, and name the first entry that was changed,
 * removed or reordered.
 *
 * The chain alone cannot show that entries were cut off its end, or that someone rewrote the
 * log and recomputed every hash after a point: a signed checkpoint kept outside the database
 * (checkpoint.ts) shows both.
 */
import type { Queryable } from "../../store/db.ts";
import {
  AUDIT_COLUMNS,
  fromAuditRow,
  GENESIS_HASH,
  hashAuditEntry,
  type AuditRow,
  type StoredAuditEntry,
} from "./chain.ts";

export type AuditBadReason = "changed" | "removed" | "reordered";

export interface AuditBadEntry {
  seq: number;
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
  /** Check only entries up to this sequence number (a checkpoint's). */
  upTo?: number;
  pageSize?: number;
}

export async function verifyAudit(
  db: Queryable,
  options: VerifyAuditOptions = {},
): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 1000;
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  let entries = 0;
  let head = { seq: 0, hash: GENESIS_HASH };
  const bad = (seq: number, reason: AuditBadReason, detail: string): AuditChainReport => ({
    ok: false,
    entries,
    head,
    firstBad: { seq, reason, detail },
  });

  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [head.seq, upTo, pageSize],
    );
    for (const row of rows) {
      const entry = fromAuditRow(row);
      const expected = head.seq + 1;
      if (entry.seq !== expected) {
        return bad(expected, "removed", `entry ${expected} is missing (the next entry is ${entry.seq})`);
      }
      entries += 1;
      if (hashAuditEntry(entry.prevHash, entry) !== entry.hash) {
        const movedFrom = await originalSeq(db, entry);
        return movedFrom === undefined
          ? bad(expected, "changed", `entry ${expected} does not match its hash`)
          : bad(expected, "reordered", `entry ${expected} holds the entry appended as ${movedFrom}`);
      }
      if (entry.prevHash !== head.hash) {
        // The entry matches its own hash, so it is as appended; what it links to is not.
        return expected === 1
          ? bad(1, "changed", "entry 1 does not start the chain: it was written with another history")
          : bad(
              head.seq,
              "changed",
              `entry ${head.seq} was rewritten (and re-hashed): entry ${expected} links to another entry`,
            );
      }
      head = { seq: entry.seq, hash: entry.hash };
    }
    if (rows.length < pageSize) return { ok: true, entries, head };
  }
}

/**
 * If an entry's content fits its hash under another sequence number, it was moved here from
 * there. Tries every number in the log: slow on a big log, but it runs once, on a broken one.
 */
async function originalSeq(db: Queryable, entry: StoredAuditEntry): Promise<number | undefined> {
  const [last] = await db.query<{ max: number | string | null }>("SELECT max(seq) AS max FROM audit_log");
  const max = Number(last?.max ?? 0);
  for (let seq = 1; seq <= max + 1; seq++) {
    if (seq !== entry.seq && hashAuditEntry(entry.prevHash, { ...entry, seq }) === entry.hash) return seq;
  }
  return undefined;
}
