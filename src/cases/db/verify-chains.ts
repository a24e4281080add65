/**
 * Check every case's event chain (what `openrsd verify` runs): recompute each hash, follow each
 * link, and compare the log's length with the case's projected version. Reads a page of cases
 * at a time so memory stays bounded however large the store grows.
 */
import { GENESIS_HASH, hashEvent, type StoredEvent } from "./chain-hash.ts";
import { hashedForm } from "./sealed-events.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Queryable } from "../../store/db.ts";

export interface BadEntry {
  officeId: string;
  caseId: string;
  /** The entry that was changed, the first one missing, or the one out of place. */
  sequence: number;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  /** Chains checked (up to and including the first bad one). */
  cases: number;
  events: number;
  firstBad?: BadEntry;
}

const PAGE_SIZE = 200;

interface CaseKey {
  officeId: string;
  caseId: string;
}

/**
 * `keyring` is needed only for payloads written in plain text and sealed later
 * (sealed-events.ts), whose hashes cover the plain payload.
 */
export async function verifyChains(db: Queryable, keyring?: Keyring): Promise<ChainReport> {
  const report: ChainReport = { ok: true, cases: 0, events: 0 };
  let after: CaseKey | undefined;
  for (;;) {
    const keys = await nextCaseKeys(db, after);
    const first = keys[0];
    const last = keys.at(-1);
    if (!first || !last) break;
    const range = [first.officeId, first.caseId, last.officeId, last.caseId];
    const events = await db.query<StoredEvent>(
      `SELECT office_id AS "officeId", case_id AS "caseId", sequence, type, occurred_on AS "occurredOn",
              payload, recorded_at AS "recordedAt", recorded_by AS "recordedBy", prev_hash AS "prevHash", hash
       FROM case_events
       WHERE (office_id, case_id) >= ($1, $2::uuid) AND (office_id, case_id) <= ($3, $4::uuid)
       ORDER BY office_id, case_id, sequence`,
      range,
    );
    const versions = await db.query<CaseKey & { version: number }>(
      `SELECT office_id AS "officeId", id AS "caseId", version FROM cases
       WHERE (office_id, id) >= ($1, $2::uuid) AND (office_id, id) <= ($3, $4::uuid)`,
      range,
    );
    const versionOf = new Map(versions.map((v) => [keyOf(v), v.version]));
    const chains = groupByCase(events);
    for (const key of keys) {
      const chain = (chains.get(keyOf(key)) ?? []).map((e) => hashedForm(keyring, e));
      report.cases += 1;
      report.events += chain.length;
      const bad = checkChain(key, chain, versionOf.get(keyOf(key)));
      if (bad) return { ...report, ok: false, firstBad: bad };
    }
    after = last;
  }
  // A projection whose whole log is gone has no chain to walk.
  const [emptied] = await db.query<CaseKey & { version: number }>(
    `SELECT office_id AS "officeId", id AS "caseId", version FROM cases c
     WHERE version <> 0
       AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.office_id = c.office_id AND e.case_id = c.id)
     ORDER BY office_id, id LIMIT 1`,
  );
  if (emptied) {
    const reason = `removed: the case is at version ${emptied.version} but its log is empty`;
    return { ...report, cases: report.cases + 1, ok: false, firstBad: { ...emptied, sequence: 1, reason } };
  }
  return report;
}

/** The first entry of one case's chain that is not as it was appended, if any. */
export function checkChain(
  key: CaseKey,
  chain: StoredEvent[],
  version: number | undefined,
): BadEntry | undefined {
  const bad = (sequence: number, reason: string): BadEntry => ({ ...key, sequence, reason });
  const hashes = new Set(chain.map((e) => e.hash));
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of chain.entries()) {
    const expected = index + 1;
    if (entry.sequence !== expected) {
      return bad(expected, `removed: sequence ${expected} is missing (the next entry is ${entry.sequence})`);
    }
    if (hashEvent(entry.prevHash, entry) !== entry.hash) {
      const movedFrom = originalSequence(entry, chain.length);
      return movedFrom === undefined
        ? bad(expected, "changed: the entry does not match its hash")
        : bad(expected, `reordered: this entry was appended as sequence ${movedFrom}`);
    }
    if (entry.prevHash !== prevHash) {
      return hashes.has(entry.prevHash)
        ? bad(expected, "reordered: the entry links to a later entry, not to the one before it")
        : bad(expected, "removed: the entry does not link to the one before it (an entry was removed)");
    }
    prevHash = entry.hash;
  }
  const count = chain.length;
  if (version === undefined) return bad(count, "the case has events but no projection (cases row)");
  if (version > count) {
    return bad(count + 1, `removed: the case is at version ${version} but the log ends at sequence ${count}`);
  }
  if (version < count)
    return bad(version + 1, `the case is at version ${version} but the log has ${count} events`);
  return undefined;
}

/** If an entry's hash fits its content under another sequence number, it was moved there. */
function originalSequence(entry: StoredEvent, length: number): number | undefined {
  for (let sequence = 1; sequence <= length + 1; sequence++) {
    if (sequence !== entry.sequence && hashEvent(entry.prevHash, { ...entry, sequence }) === entry.hash) {
      return sequence;
    }
  }
  return undefined;
}

function nextCaseKeys(db: Queryable, after: CaseKey | undefined): Promise<CaseKey[]> {
  const select = `SELECT office_id AS "officeId", case_id AS "caseId" FROM case_events`;
  const page = `GROUP BY office_id, case_id ORDER BY office_id, case_id LIMIT ${PAGE_SIZE}`;
  return after
    ? db.query(`${select} WHERE (office_id, case_id) > ($1, $2::uuid) ${page}`, [
        after.officeId,
        after.caseId,
      ])
    : db.query(`${select} ${page}`);
}

function groupByCase(events: StoredEvent[]): Map<string, StoredEvent[]> {
  const chains = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const key = keyOf(event);
    const chain = chains.get(key);
    if (chain) chain.push(event);
    else chains.set(key, [event]);
  }
  return chains;
}

function keyOf(key: CaseKey): string {
  return `${key.officeId}\u0000${key.caseId}`;
}
