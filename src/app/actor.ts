/**
 * Who does something, from where, and for what: every command and query takes an Actor and
 * leaves an access record in the same transaction (docs/security.md requirements 12 and 14). If
 * the access record cannot be written, the action fails.
 */
import type { Principal } from "../security/access/policy.ts";
import { appendAudit } from "../security/audit/append.ts";
import type { AuditInput } from "../security/audit/chain.ts";
import type { Database, Queryable } from "../store/db.ts";
import { AppError } from "./errors.ts";

export interface Actor {
  principal: Principal;
  /** The client's address, for the access record. */
  address: string;
  /** The task, where the role must give one: sealed (src/security/audit/purpose.ts), never plain text. */
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

/** The access record of an action by `actor`, as the audit log takes it. */
export function auditInput(actor: Actor, at: Date, f: AuditFields): AuditInput {
  return {
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
  };
}

export async function audit(tx: Queryable, actor: Actor, at: Date, f: AuditFields): Promise<void> {
  await appendAudit(tx, auditInput(actor, at, f));
}

/**
 * A write refused after the case was reached (a stale version, an event the procedure does not
 * allow, a draft already waiting) rolls its transaction back, and the access record with it; yet
 * the answer told the actor something about the case: its version, stage or allowed events. Record
 * the attempt in a transaction of its own (docs/security.md requirement 12). If even that fails, so does the
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
