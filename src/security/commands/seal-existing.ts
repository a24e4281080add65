/**
 * The sealing step (docs/security.md requirement 20, docs/operations.md): rows written before
 * names, dates of birth and the free text of cases were encrypted (migration 0017) still hold
 * them in plain text. This step encrypts them in place, a batch per transaction, and then has
 * the database rewrite the tables it changed (VACUUM FULL), so that the old row versions with
 * the plain text leave the table files. `openrsd migrate` runs it after the migrations, and so
 * does every start of the server; once nothing is left it costs one query per table.
 */
import type { Keyring } from "../crypto/keyring.ts";
import type { Database, Queryable } from "../../store/db.ts";
import { sealPlainPersons } from "../../persons/db.ts";
import { plainEventsLeft, sealPlainEvents } from "../../cases/db/event-store.ts";
import { dropPlainSnapshots } from "../../cases/db/projections.ts";
import { sealPlainDrafts } from "../../approvals/db.ts";
import { sealPlainDisclosures } from "../../disclosures/db.ts";
import { plainPurposesLeft, sealPlainPurposes } from "../audit/purpose.ts";
import { sealAudit } from "../audit/seal.ts";

const BATCH = 500;

export interface SealReport {
  /** Rows sealed now, per table. */
  sealed: Record<string, number>;
  /** Tables rewritten afterwards so that no old row version keeps the plain text. */
  rewritten: string[];
}

async function inBatches(db: Database, step: (tx: Queryable) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(step);
    total += n;
    if (n === 0) return total;
  }
}

/** The access records' purposes: chained first, so that every hash covers the plain text. */
async function sealAuditPurposes(db: Database, keyring: Keyring): Promise<number> {
  await sealAudit(db);
  return inBatches(db, (tx) => sealPlainPurposes(tx, keyring, BATCH));
}

export async function sealExisting(db: Database, keyring: Keyring): Promise<SealReport> {
  const sealed: Record<string, number> = {
    persons: await inBatches(db, (tx) => sealPlainPersons(tx, keyring, BATCH)),
    // Only when there is something to seal: it needs the owner's rights on the append-only log.
    case_events: (await plainEventsLeft(db))
      ? await inBatches(db, (tx) => sealPlainEvents(tx, keyring, BATCH))
      : 0,
    cases: await dropPlainSnapshots(db),
    decision_drafts: await inBatches(db, (tx) => sealPlainDrafts(tx, keyring, BATCH)),
    disclosures: await inBatches(db, (tx) => sealPlainDisclosures(tx, keyring, BATCH)),
    audit_log: (await plainPurposesLeft(db)) ? await sealAuditPurposes(db, keyring) : 0,
  };
  const rewritten = Object.entries(sealed)
    .filter(([, n]) => n > 0)
    .map(([table]) => table);
  // Outside a transaction, as VACUUM must be: the table is written anew, without the dead rows.
  for (const table of rewritten) await db.query(`VACUUM FULL ${table}`);
  return { sealed, rewritten };
}
