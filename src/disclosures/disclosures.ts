/**
 * Disclosing a case file outside the authority (docs/security.md requirement 8, RA 17(3)). The
 * barrier (barrier.ts) checks the recipient against the applicant's nationality, every country
 * they fear and every country where they habitually lived:
 *
 * - a recipient in one of them is refused outright, with a critical alert;
 * - when those countries are not known well enough (stateless, nationality unknown, no feared
 *   country recorded), a recipient that is a foreign state is refused too, with an alert, and the
 *   request waits as `awaiting_confirmation` until a second supervisor confirms the recipient with
 *   a reason and a fresh second factor (`confirmRecipient`);
 * - any other disclosure waits for a second person's approval (four eyes), like a bulk export:
 *   another supervisor approves it, with a second factor proven for that approval alone, or
 *   returns it with a reason (`decideDisclosure`); the barrier is checked once more at approval.
 *
 * Every refusal leaves an access record (`export.refused`) and an alert that administrators, and
 * the supervisors of the case's office, see at GET /alerts.
 */
import countries from "i18n-iso-countries";
import { v7 as uuidv7 } from "uuid";
import { actorName, audit, type Actor } from "../app/actor.ts";
import { accessCase } from "../cases/access.ts";
import { writeCase } from "../cases/write.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import type { ProcedureProfile } from "../kernel/procedure/profile.ts";
import { requireFreshSecondFactor, requireRecentSecondFactor } from "../security/commands/step-up.ts";
import type { Queryable } from "../store/db.ts";
import { actingStates } from "../evidence/items/db.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import { checkRecipient, type Verdict } from "./barrier.ts";
import {
  caseDisclosures,
  confirmRecipientOf,
  decideDisclosure as storeDecision,
  holdDisclosure,
  insertDisclosure,
  insertDisclosureAlert,
  lockDisclosure,
  personCountries,
  refuseDisclosure,
  type DisclosureRow,
  type RecipientKind,
} from "./db.ts";

export interface DisclosureRequest {
  recipientKind: RecipientKind;
  recipientCountry: string;
  purpose: string;
}

export type Disclosure = DisclosureRow;

/** The jurisdiction's own country (alpha-3), whose courts and authorities are not foreign. */
function homeCountry(profile: ProcedureProfile): string {
  return countries.alpha2ToAlpha3(profile.jurisdiction) ?? "";
}

/** The barrier's verdict for a recipient of this case's applicant (no applicant: unconfirmed). */
async function verdictFor(
  tx: Queryable,
  keyring: Keyring,
  c: { personId: string; officeId: string; id: string },
  profile: ProcedureProfile,
  recipient: { recipientKind: RecipientKind; recipientCountry: string },
): Promise<Verdict> {
  const known = (await personCountries(tx, c.personId)) ?? {
    nationality: "XXX",
    feared: [],
    formerResidences: [],
  };
  const origins = { ...known, actingStates: await actingStates(tx, keyring, c.officeId, c.id) };
  return checkRecipient(
    origins,
    { kind: recipient.recipientKind, country: recipient.recipientCountry },
    homeCountry(profile),
  );
}

/** The alert and the access record of a refusal, in the refusing transaction. */
async function recordRefusal(
  tx: Queryable,
  actor: Actor,
  at: Date,
  r: {
    caseId: string;
    officeId: string;
    disclosureId: string;
    verdict: "barred" | "unconfirmed";
    /** Who asked for the disclosure, when the refusal comes at another's confirmation. */
    requestedBy?: string;
  },
): Promise<void> {
  await insertDisclosureAlert(tx, {
    id: uuidv7(),
    at,
    verdict: r.verdict,
    details: {
      caseId: r.caseId,
      officeId: r.officeId,
      disclosureId: r.disclosureId,
      requestedBy: r.requestedBy ?? actorName(actor),
      ...(r.requestedBy ? { refusedAtConfirmationBy: actorName(actor) } : {}),
    },
  });
  await audit(tx, actor, at, {
    action: "export.refused",
    outcome: "denied",
    caseId: r.caseId,
    officeId: r.officeId,
    details: { disclosureId: r.disclosureId, barrier: r.verdict },
  });
}

const refusal = (d: Disclosure) =>
  d.status === "awaiting_confirmation"
    ? new AppError(
        "forbidden",
        `${d.refusalReason}. The request was refused and an administrator has been alerted; it waits for another supervisor to confirm the recipient.`,
      )
    : new AppError(
        "forbidden",
        `${d.refusalReason}. The request was refused and an administrator has been alerted.`,
      );

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
    async run({ tx, header, profile }) {
      const verdict = await verdictFor(tx, ctx.keyring, header, profile, req);
      const id = uuidv7();
      const status =
        verdict.kind === "barred"
          ? "refused"
          : verdict.kind === "unconfirmed"
            ? "awaiting_confirmation"
            : "pending_approval";
      const refusalReason = verdict.kind === "clear" ? null : verdict.reason;
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
      const disclosure: Disclosure = {
        id,
        caseId,
        ...req,
        status,
        refusalReason,
        requestedBy: actorName(actor),
        requestedAt: at.toISOString(),
        recipientConfirmation: null,
        decision: null,
      };
      if (verdict.kind === "clear") return { result: disclosure, details: { disclosureId: id } };
      await recordRefusal(tx, actor, at, {
        caseId,
        officeId: header.officeId,
        disclosureId: id,
        verdict: verdict.kind,
      });
      return { result: disclosure, record: false };
    },
  });
  if (result.status !== "pending_approval") throw refusal(result);
  return result;
}

/**
 * A second supervisor confirms the recipient of a disclosure that waits for it, with a reason and
 * a second factor proven for this confirmation alone; the disclosure then waits for approval. The
 * barrier is checked again first: a recipient now in a country of origin is refused, and alerts.
 */
export async function confirmRecipient(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  disclosureId: string,
  input: { reason: string },
): Promise<Disclosure> {
  const at = ctx.clock();
  const result = await writeCase(ctx, actor, caseId, {
    action: "disclosure.confirm_recipient",
    right: "disclosure.confirm",
    async run({ tx, header, profile }) {
      const d = await lockDisclosure(tx, ctx.keyring, {
        officeId: header.officeId,
        caseId,
        id: disclosureId,
      });
      if (!d) throw notFound(`disclosure ${disclosureId}`);
      if (d.status !== "awaiting_confirmation")
        throw new AppError(
          "conflict",
          `the disclosure is ${d.status}: only one awaiting confirmation is confirmed`,
        );
      if (d.requestedBy === actorName(actor))
        throw new AppError(
          "forbidden",
          "the supervisor who requested a disclosure cannot confirm its recipient: another supervisor must",
        );
      await requireFreshSecondFactor(ctx, actor, tx);
      const verdict = await verdictFor(tx, ctx.keyring, header, profile, d);
      if (verdict.kind === "barred") {
        await refuseDisclosure(tx, {
          officeId: header.officeId,
          id: d.id,
          reason: verdict.reason,
          by: actorName(actor),
          at,
        });
        await recordRefusal(tx, actor, at, {
          caseId,
          officeId: header.officeId,
          disclosureId: d.id,
          verdict: "barred",
          requestedBy: d.requestedBy,
        });
        const refused: Disclosure = { ...d, status: "refused", refusalReason: verdict.reason };
        return { result: refused, record: false };
      }
      await confirmRecipientOf(tx, ctx.keyring, {
        officeId: header.officeId,
        id: d.id,
        by: actorName(actor),
        at,
        reason: input.reason,
      });
      const confirmed: Disclosure = {
        ...d,
        status: "pending_approval",
        recipientConfirmation: { by: actorName(actor), at: at.toISOString(), reason: input.reason },
      };
      return { result: confirmed, details: { disclosureId: d.id } };
    },
  });
  if (result.status !== "pending_approval") throw refusal(result);
  return result;
}

/**
 * A second supervisor approves a disclosure that waits for approval, or returns it with a reason.
 * Nobody decides their own request. Approving asks for a second factor proven for this approval
 * alone, and checks the barrier again: a recipient now in a country of origin (a nationality or a
 * feared country recorded since the request) is refused, and alerts. Returning asks for one
 * proven in the last minutes.
 */
export async function decideDisclosure(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  disclosureId: string,
  input: { outcome: "approved" } | { outcome: "returned"; reason: string },
): Promise<Disclosure> {
  const at = ctx.clock();
  const approving = input.outcome === "approved";
  if (!approving) requireRecentSecondFactor(ctx, actor);
  const result = await writeCase(ctx, actor, caseId, {
    action: approving ? "disclosure.approve" : "disclosure.return",
    right: "disclosure.confirm",
    async run({ tx, header, profile }) {
      const d = await lockDisclosure(tx, ctx.keyring, {
        officeId: header.officeId,
        caseId,
        id: disclosureId,
      });
      if (!d) throw notFound(`disclosure ${disclosureId}`);
      if (d.status !== "pending_approval")
        throw new AppError(
          "conflict",
          `the disclosure is ${d.status}: only one waiting for approval is approved or returned`,
        );
      if (d.requestedBy === actorName(actor))
        throw new AppError(
          "forbidden",
          "the supervisor who requested a disclosure cannot approve or return it: another supervisor must",
        );
      if (approving) {
        await requireFreshSecondFactor(ctx, actor, tx);
        const verdict = await verdictFor(tx, ctx.keyring, header, profile, d);
        // Since the request, a country of origin may have been recorded (barred), or the
        // applicant's countries may have become uncertain (held until a recipient is confirmed).
        const held = verdict.kind === "unconfirmed" && !d.recipientConfirmation;
        if (verdict.kind === "barred" || held) {
          const status = held ? "awaiting_confirmation" : "refused";
          await (held ? holdDisclosure : refuseDisclosure)(tx, {
            officeId: header.officeId,
            id: d.id,
            reason: verdict.reason,
            by: actorName(actor),
            at,
          });
          await recordRefusal(tx, actor, at, {
            caseId,
            officeId: header.officeId,
            disclosureId: d.id,
            verdict: verdict.kind,
            requestedBy: d.requestedBy,
          });
          const refused: Disclosure = { ...d, status, refusalReason: verdict.reason };
          return { result: refused, record: false };
        }
      }
      const reason = input.outcome === "returned" ? input.reason : null;
      await storeDecision(tx, ctx.keyring, {
        officeId: header.officeId,
        id: d.id,
        outcome: input.outcome,
        by: actorName(actor),
        at,
        reason,
      });
      const decided: Disclosure = {
        ...d,
        status: input.outcome,
        decision: { by: actorName(actor), at: at.toISOString(), reason },
      };
      return { result: decided, details: { disclosureId: d.id } };
    },
  });
  if (result.status === "refused" || result.status === "awaiting_confirmation") throw refusal(result);
  return result;
}

/** A case's disclosures and what became of them, for those who may request one; the read is recorded. */
export async function listDisclosures(ctx: AppContext, actor: Actor, caseId: string): Promise<Disclosure[]> {
  const at = ctx.clock();
  const items = await ctx.db.transaction(async (tx) => {
    const c = await accessCase(tx, actor, caseId, "disclosure.request", "disclosure.list", {
      at,
      today: today(ctx),
    });
    if (!c) return null;
    const rows = await caseDisclosures(tx, ctx.keyring, { officeId: c.header.officeId, caseId });
    await c.record({ count: rows.length });
    return rows;
  });
  if (!items) throw notFound(`case ${caseId}`);
  return items;
}
