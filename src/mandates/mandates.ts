import { v7 as uuidv7 } from "uuid";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { staffReachesOffice } from "../security/access/policy.ts";
import { actorName, audit, type Actor } from "../app/actor.ts";
import { accessCase } from "../cases/access.ts";
import { writeCase } from "../cases/write.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";

export interface Mandate {
  id: string;
  caseId: string;
  representativeId: string;
  validFrom: LegalDate;
  validUntil: LegalDate | null;
  revokedAt: string | null;
}

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
      const rep = await tx.query<{ role: string }>(
        `SELECT role FROM accounts WHERE id = $1 AND disabled_at IS NULL`,
        [input.representativeId],
      );
      if (rep[0]?.role !== "representative") {
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
      await tx.query(
        `INSERT INTO mandates (office_id, id, case_id, representative_id, valid_from, valid_until, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          header.officeId,
          id,
          input.caseId,
          input.representativeId,
          input.validFrom,
          input.validUntil ?? null,
          at.toISOString(),
          actorName(actor),
        ],
      );
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
    const rows = await tx.query<{ office_id: string; case_id: string }>(
      `SELECT office_id, case_id FROM mandates WHERE id = $1 AND revoked_at IS NULL FOR UPDATE`,
      [mandateId],
    );
    const row = rows[0];
    const allowed = row !== undefined && staffReachesOffice(actor.principal, row.office_id);
    await audit(tx, actor, at, {
      action: "mandate.revoke",
      outcome: allowed ? "ok" : "denied",
      caseId: row?.case_id ?? null,
      officeId: row?.office_id ?? null,
      details: { mandateId },
    });
    if (allowed) {
      await tx.query(`UPDATE mandates SET revoked_at = $2, revoked_by = $3 WHERE id = $1`, [
        mandateId,
        at.toISOString(),
        actorName(actor),
      ]);
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
    return tx.query<Mandate>(
      `SELECT id, case_id AS "caseId", representative_id AS "representativeId", valid_from AS "validFrom",
              valid_until AS "validUntil", revoked_at AS "revokedAt"
         FROM mandates WHERE office_id = $1 AND case_id = $2 ORDER BY created_at`,
      [c.header.officeId, caseId],
    );
  });
  if (!rows) throw notFound(`case ${caseId}`);
  return rows;
}
