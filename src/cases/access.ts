/**
 * Reading a case: load it, check that the actor reaches it for a right (docs/security.md
 * requirement 5), and leave the access record in the same transaction (requirement 12). A plain
 * read is one statement (`readCase`); a read that goes on to query more in the same transaction
 * uses `accessCase`. Writes go through `write.ts`, which does the same once for every command
 * that changes a case.
 */
import { audit, auditInput, type Actor, type AuditFields } from "../app/actor.ts";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { caseReach, reachesCase } from "../security/access/policy.ts";
import type { Right } from "../security/access/rights.ts";
import { auditRow } from "../security/audit/append.ts";
import { normalizeAuditInput } from "../security/audit/chain.ts";
import type { Queryable } from "../store/db.ts";
import { loadCase, type CaseHeaderRow, type LoadedCase } from "./db/cases.ts";
import type { StoredEvent } from "./db/event-store.ts";
import { readCaseRecorded } from "./db/read.ts";

/**
 * Read a case for `right` if the actor reaches it, and record the access, in one statement: one
 * round trip, one transaction (src/cases/db/read.ts). A case out of reach is reported exactly like
 * one that does not exist (null), and recorded as denied; if the record cannot be written, the
 * read fails.
 */
export async function readCase(
  db: Queryable,
  actor: Actor,
  caseId: string,
  right: Right,
  action: string,
  now: { at: Date; today: LegalDate },
): Promise<LoadedCase | null> {
  const record = normalizeAuditInput(auditInput(actor, now.at, { action, outcome: "ok", caseId }));
  return readCaseRecorded(db, caseId, caseReach(actor.principal, right), now.today, auditRow(record));
}

export interface AccessedCase {
  header: CaseHeaderRow;
  events: StoredEvent[];
  /**
   * Write the access record. Call it last in the transaction: the audit chain is appended one
   * writer at a time, so its lock should be held for as short a time as possible.
   */
  record(details?: AuditFields["details"]): Promise<void>;
}

/**
 * Load a case for `right` if the actor reaches it. A case out of reach is reported exactly like
 * one that does not exist (null), so its existence is not revealed; the refusal is recorded at
 * once, a permitted access when the caller calls `record()`.
 */
export async function accessCase(
  tx: Queryable,
  actor: Actor,
  caseId: string,
  right: Right,
  action: string,
  now: { at: Date; today: LegalDate },
): Promise<AccessedCase | null> {
  const loaded = await loadCase(tx, caseId);
  const reached =
    loaded &&
    (await reachesCase(
      tx,
      actor.principal,
      right,
      { id: caseId, officeId: loaded.header.officeId },
      now.today,
    ));
  if (!reached) {
    await audit(tx, actor, now.at, {
      action,
      outcome: "denied",
      caseId: loaded ? caseId : null,
      officeId: loaded?.header.officeId ?? null,
      details: loaded ? {} : { requested: caseId },
    });
    return null;
  }
  return {
    ...loaded,
    record: (details) =>
      audit(tx, actor, now.at, {
        action,
        outcome: "ok",
        caseId,
        officeId: loaded.header.officeId,
        details: details ?? {},
      }),
  };
}
