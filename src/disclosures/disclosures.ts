/**
 * Disclosing a case file outside the authority (docs/security.md requirement 8, RA 17(3)): a request addressed
 * to an authority of the applicant's country of nationality, or of a country they fear, is refused
 * outright and raises a critical alert for administrators. Any other disclosure waits for a second
 * person's approval (four eyes), like a bulk export.
 */
import { v7 as uuidv7 } from "uuid";
import { actorName, audit, type Actor } from "../app/actor.ts";
import { writeCase } from "../cases/write.ts";
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import { requireRecentSecondFactor } from "../security/commands/step-up.ts";

export interface DisclosureRequest {
  recipientKind: "authority" | "court" | "unhcr" | "other";
  recipientCountry: string;
  purpose: string;
}

export interface Disclosure extends DisclosureRequest {
  id: string;
  caseId: string;
  status: "refused" | "pending_approval" | "approved" | "returned";
  refusalReason: string | null;
}

export async function requestDisclosure(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  req: DisclosureRequest,
): Promise<Disclosure> {
  requireRecentSecondFactor(ctx, actor);
  const at = ctx.clock();
  const result = await writeCase(ctx, actor, caseId, {
    action: "disclosure.request",
    right: "disclosure.request",
    async run({ tx, header }) {
      const rows = await tx.query<{ nationality: string; feared: string[] }>(
        `SELECT trim(p.nationality) AS nationality, p.countries_feared AS feared FROM persons p WHERE p.id = $1`,
        [header.personId],
      );
      const person = rows[0];
      const barred = new Set(
        [person?.nationality, ...(person?.feared ?? [])].filter((x): x is string => !!x),
      );
      const id = uuidv7();
      const toOrigin = barred.has(req.recipientCountry);
      const status = toOrigin ? "refused" : "pending_approval";
      const refusalReason = toOrigin
        ? "RA 17(3): no information about an application may be given to the applicant's country of nationality or a country they fear"
        : null;
      await tx.query(
        `INSERT INTO disclosures (office_id, id, case_id, recipient_kind, recipient_country, purpose, status, refusal_reason, requested_by, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          header.officeId,
          id,
          caseId,
          req.recipientKind,
          req.recipientCountry,
          req.purpose,
          status,
          refusalReason,
          actorName(actor),
          at.toISOString(),
        ],
      );
      const disclosure = { id, caseId, ...req, status, refusalReason } satisfies Disclosure;
      if (!toOrigin) return { result: disclosure, details: { disclosureId: id } };
      await tx.query(
        `INSERT INTO alerts (id, at, kind, severity, details) VALUES ($1, $2, 'disclosure_to_country_of_origin', 'critical', $3)`,
        [
          uuidv7(),
          at.toISOString(),
          JSON.stringify({
            caseId,
            officeId: header.officeId,
            disclosureId: id,
            requestedBy: actorName(actor),
          }),
        ],
      );
      await audit(tx, actor, at, {
        action: "export.refused",
        outcome: "denied",
        caseId,
        officeId: header.officeId,
        details: { disclosureId: id },
      });
      return { result: disclosure, record: false };
    },
  });
  if (result.status === "refused") {
    throw new AppError(
      "forbidden",
      `${result.refusalReason}. The request was refused and an administrator has been alerted.`,
    );
  }
  return result;
}

export interface Alert {
  id: string;
  at: string;
  kind: string;
  severity: string;
  details: Record<string, unknown>;
}

export async function listOpenAlerts(ctx: AppContext): Promise<Alert[]> {
  return ctx.db.query<Alert>(
    `SELECT id, at, kind, severity, details FROM alerts WHERE acknowledged_at IS NULL ORDER BY at DESC LIMIT 200`,
  );
}
