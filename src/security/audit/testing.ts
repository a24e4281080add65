/** Helpers for the audit tests: entries to append, and tampering that is rolled back afterwards. */
import type { Database, Queryable } from "../../store/db.ts";
import type { AuditInput } from "./chain.ts";
import { sealAudit, unsealedEntries } from "./seal.ts";

export const CASE_A = "0190a1b2-0000-7000-8000-00000000000a";
export const CASE_B = "0190a1b2-0000-7000-8000-00000000000b";

export function entry(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    at: "2024-05-02T01:00:00.000Z",
    actor: "examiner-7",
    actorRole: "examiner",
    address: "10.0.0.7",
    officeId: "seoul",
    caseId: CASE_A,
    action: "case.read",
    purpose: "examination",
    outcome: "ok",
    details: {},
    ...overrides,
  };
}

class Rollback extends Error {}

const TABLES = ["audit_log", "audit_chain", "case_events"];

/**
 * What someone with the table owner's rights could do: switch the guards off, change rows and
 * switch them on again. Runs `check` on the tampered database, then rolls everything back.
 */
export async function whileTampered<T>(
  db: Database,
  tamper: (tx: Queryable) => Promise<unknown>,
  check: (tx: Queryable) => Promise<T>,
): Promise<T> {
  let result: { value: T } | undefined;
  await db
    .transaction(async (tx) => {
      for (const table of TABLES) {
        await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_no_update_delete`);
      }
      await tamper(tx);
      for (const table of TABLES) {
        await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_no_update_delete`);
      }
      result = { value: await check(tx) };
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  if (!result) throw new Error("whileTampered: check did not run");
  return result.value;
}

/**
 * Seal until every committed entry is in the chain. On a shared PostgreSQL a transaction of
 * another test (in any schema or database of the cluster) may hold sealing back for a moment.
 */
export async function sealAll(db: Database, waitMs = 20_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    await sealAudit(db);
    const left = await unsealedEntries(db);
    if (left.count === 0) return;
    if (Date.now() > deadline) throw new Error(`sealAll: ${left.count} entries stayed unsealed`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
