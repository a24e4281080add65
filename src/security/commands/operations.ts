/**
 * Operators' checks and key changes: the integrity of the case chains and the audit chain,
 * signed checkpoints, the monthly access review, and key rotation.
 */
import { createCheckpoint, type AuditCheckpoint } from "../audit/checkpoint.ts";
import { auditReport, type AuditReport } from "../audit/report.ts";
import { officeOfCase, searchAudit, type AuditEntryRow, type AuditSearch } from "../audit/search.ts";
import { verifyAudit, type AuditChainReport } from "../audit/verify.ts";
import { keyStatus, rotateKeys, type KeyStatus } from "../crypto/rotate.ts";
import { verifyChains, type ChainReport } from "../../cases/db/event-store.ts";
import { audit, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";

export interface IntegrityReport {
  ok: boolean;
  cases: ChainReport;
  audit: AuditChainReport;
}

export async function verifyIntegrity(ctx: AppContext): Promise<IntegrityReport> {
  const cases = await verifyChains(ctx.db, ctx.keyring);
  const auditChain = await verifyAudit(ctx.db, { keyring: ctx.keyring });
  return { ok: cases.ok && auditChain.ok, cases, audit: auditChain };
}

export async function checkpoint(ctx: AppContext, actor: Actor): Promise<AuditCheckpoint> {
  if (!ctx.signingKey)
    throw new AppError("conflict", "this server has no audit signing key configured", {}, 409);
  const cp = await createCheckpoint(ctx.db, ctx.signingKey, { at: ctx.clock() });
  await ctx.db.transaction((tx) =>
    audit(tx, actor, ctx.clock(), { action: "audit.checkpoint", outcome: "ok", details: { seq: cp.seq } }),
  );
  return cp;
}

export async function monthlyReport(ctx: AppContext, actor: Actor, month: string): Promise<AuditReport> {
  const report = await auditReport(ctx.db, { month, now: ctx.clock(), keyring: ctx.keyring });
  await ctx.db.transaction((tx) =>
    audit(tx, actor, ctx.clock(), { action: "audit.report", outcome: "ok", details: { month } }),
  );
  return report;
}

/**
 * The access records searched (by case, person, account, period), a page at a time; the search
 * is itself recorded, with what was searched for (ids only).
 */
export async function searchAuditEntries(
  ctx: AppContext,
  actor: Actor,
  search: AuditSearch,
): Promise<{ items: AuditEntryRow[]; more: boolean }> {
  const page = await searchAudit(ctx.db, search, { keyring: ctx.keyring });
  // The record names the case searched for when there is such a case; any other id searched for
  // (none, or a person's) stays in its details, which the search never shows.
  const office = search.caseId ? await officeOfCase(ctx.db, search.caseId) : null;
  const details: Record<string, string> = {};
  if (search.caseId && !office) details.caseId = search.caseId;
  for (const k of ["caseNumber", "personId", "account", "from", "to"] as const) {
    const v = search[k];
    if (v) details[k] = v;
  }
  await ctx.db.transaction((tx) =>
    audit(tx, actor, ctx.clock(), {
      action: "audit.search",
      outcome: "ok",
      ...(search.caseId && office ? { caseId: search.caseId, officeId: office } : {}),
      details,
    }),
  );
  return page;
}

/** Re-wrap every data key under a new key-encryption key; no data is re-encrypted, nothing stops. */
export async function rotate(
  ctx: AppContext,
  actor: Actor,
): Promise<{ kekVersion: number; rewrapped: number }> {
  const result = await rotateKeys(ctx.db, ctx.masterKey);
  await ctx.keyring.refresh();
  await ctx.db.transaction((tx) =>
    audit(tx, actor, ctx.clock(), {
      action: "keys.rotate",
      outcome: "ok",
      details: { kekVersion: result.kekVersion, rewrapped: result.rewrapped },
    }),
  );
  return { kekVersion: result.kekVersion, rewrapped: result.rewrapped };
}

export async function keys(ctx: AppContext): Promise<KeyStatus> {
  return keyStatus(ctx.db);
}
