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
import {
  insertDisclosure,
  insertDisclosureToOriginAlert,
  openAlerts,
  personCountries,
  type Alert,
  type DisclosureStatus,
  type RecipientKind,
} from "./db.ts";

export type { Alert } from "./db.ts";

export interface DisclosureRequest {
  recipientKind: RecipientKind;
  recipientCountry: string;
  purpose: string;
}

export interface Disclosure extends DisclosureRequest {
  id: string;
  caseId: string;
  status: DisclosureStatus;
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
      const person = await personCountries(tx, header.personId);
      const barred = new Set(
        [person?.nationality, ...(person?.feared ?? [])].filter((x): x is string => !!x),
      );
      const id = uuidv7();
      const toOrigin = barred.has(req.recipientCountry);
      const status = toOrigin ? "refused" : "pending_approval";
      const refusalReason = toOrigin
        ? "RA 17(3): no information about an application may be given to the applicant's country of nationality or a country they fear"
        : null;
      await insertDisclosure(tx, ctx.keyring, {
        officeId: header.officeId,
        id,
        caseId,
        recipientKind: req.recipientKind,
        recipientCountry: req.recipientCountry,
        purpose: req.purpose,
        status,
        refusalReason,
        requestedBy: actorName(actor),
        requestedAt: at,
      });
      const disclosure = { id, caseId, ...req, status, refusalReason } satisfies Disclosure;
      if (!toOrigin) return { result: disclosure, details: { disclosureId: id } };
      await insertDisclosureToOriginAlert(tx, {
        id: uuidv7(),
        at,
        details: { caseId, officeId: header.officeId, disclosureId: id, requestedBy: actorName(actor) },
      });
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

export async function listOpenAlerts(ctx: AppContext): Promise<Alert[]> {
  return openAlerts(ctx.db);
}
