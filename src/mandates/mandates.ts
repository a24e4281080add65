import { v7 as uuidv7 } from "uuid";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { staffReachesOffice } from "../security/access/policy.ts";
import { actorName, audit, type Actor } from "../app/actor.ts";
import { accessCase } from "../cases/access.ts";
import { writeCase } from "../cases/write.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { activeAccountRole } from "../security/identity/accounts.ts";
import { findMandate, insertMandate, mandatesOfCase, revokeMandateRow, type Mandate } from "./db.ts";

export type { Mandate } from "./db.ts";

/**
 * Record that a representative (lawyer) acts for the applicant in a case (RA 12). The mandate
 * opens the case to the representative through the portal, from `validFrom` while not revoked.
 */
export async function grantMandate(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: string; representativeId: string; validFrom: LegalDate; validUntil?: LegalDate },
): Promise<Mandate> {
  const at = ctx.clock();
  return writeCase(ctx, actor, input.caseId, {
    action: "mandate.grant",
    right: "mandate.manage",
    async run({ tx, header }) {
      if ((await activeAccountRole(tx, input.representativeId)) !== "representative") {
        throw new AppError(
          "invalid_input",
          "representativeId must be the account of an active representative",
          {
            issues: [{ path: "representativeId", message: "not a representative" }],
          },
        );
      }
      if (input.validUntil && input.validUntil < input.validFrom) {
        throw new AppError("invalid_input", "validUntil is before validFrom", {
          issues: [{ path: "validUntil", message: "before validFrom" }],
        });
      }
      const id = uuidv7();
      await insertMandate(tx, {
        officeId: header.officeId,
        id,
        caseId: input.caseId,
        representativeId: input.representativeId,
        validFrom: input.validFrom,
        validUntil: input.validUntil ?? null,
        createdAt: at,
        createdBy: actorName(actor),
      });
      const mandate: Mandate = {
        id,
        caseId: input.caseId,
        representativeId: input.representativeId,
        validFrom: input.validFrom,
        validUntil: input.validUntil ?? null,
        revokedAt: null,
      };
      return { result: mandate, details: { mandateId: id } };
    },
  });
}

/** Revoke a mandate: the representative loses the case on their very next request. */
export async function revokeMandate(ctx: AppContext, actor: Actor, mandateId: string): Promise<void> {
  const at = ctx.clock();
  const found = await ctx.db.transaction(async (tx) => {
    const row = await findMandate(tx, mandateId);
    const allowed = row !== null && staffReachesOffice(actor.principal, row.officeId);
    await audit(tx, actor, at, {
      action: "mandate.revoke",
      outcome: allowed ? "ok" : "denied",
      caseId: row?.caseId ?? null,
      officeId: row?.officeId ?? null,
      details: { mandateId },
    });
    if (allowed) {
      await revokeMandateRow(tx, { id: mandateId, revokedAt: at, revokedBy: actorName(actor) });
    }
    return allowed;
  });
  if (!found) throw notFound(`mandate ${mandateId}`);
}

export async function listMandates(ctx: AppContext, actor: Actor, caseId: string): Promise<Mandate[]> {
  const at = ctx.clock();
  const rows = await ctx.db.transaction(async (tx) => {
    const c = await accessCase(tx, actor, caseId, "mandate.manage", "mandate.list", {
      at,
      today: today(ctx),
    });
    if (!c) return null;
    await c.record();
    return mandatesOfCase(tx, c.header.officeId, caseId);
  });
  if (!rows) throw notFound(`case ${caseId}`);
  return rows;
}
