/**
 * Who does something, from where, and for what: every command and query of a case takes an
 * Actor, checks what the actor may reach, and leaves an access record in the same transaction
 * (SECURITY.md items 5, 12 and 14). If the access record cannot be written, the action fails.
 */
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { reachesCase, type Principal } from "../security/access/policy.ts";
import type { Right } from "../security/access/rights.ts";
import { appendAudit } from "../security/audit/append.ts";
import { loadCase, type CaseHeaderRow } from "../cases/db/cases.ts";
import type { StoredEvent } from "../cases/db/event-store.ts";
import type { Database, Queryable } from "../store/db.ts";
import { AppError } from "./errors.ts";

export interface Actor {
  principal: Principal;
  /** The client's address, for the access record. */
  address: string;
  /** The task, where the role must give one. */
  purpose?: string;
}

/** The name events and records carry for who did something. */
export function actorName(actor: Actor): string {
  return actor.principal.username;
}

export interface AuditFields {
  action: string;
  outcome: "ok" | "denied" | "failed";
  caseId?: string | null;
  officeId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export async function audit(tx: Queryable, actor: Actor, at: Date, f: AuditFields): Promise<void> {
  await appendAudit(tx, {
    at: at.toISOString(),
    actor: actor.principal.username,
    actorRole: actor.principal.role,
    address: actor.address,
    officeId: f.officeId ?? null,
    caseId: f.caseId ?? null,
    action: f.action,
    purpose: actor.purpose ?? null,
    outcome: f.outcome,
    details: f.details ?? {},
  });
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

/**
 * A write refused after the case was reached (a stale version, an event the procedure does not
 * allow, a draft already waiting) rolls its transaction back, and the access record with it; yet
 * the answer told the actor something about the case: its version, stage or allowed events. Record
 * the attempt in a transaction of its own (SECURITY.md item 12). If even that fails, so does the
 * request.
 */
export async function auditRefusedWrite(
  db: Database,
  actor: Actor,
  at: Date,
  action: string,
  c: { id: string; officeId: string } | null,
  error: unknown,
): Promise<void> {
  if (!c || !(error instanceof AppError)) return;
  await db.transaction((tx) =>
    audit(tx, actor, at, {
      action,
      outcome: "failed",
      caseId: c.id,
      officeId: c.officeId,
      details: { refused: error.kind },
    }),
  );
}
