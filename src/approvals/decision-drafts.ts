/**
 * Four eyes (docs/security.md requirement 7): an event the case's profile says needs approval
 * (in Korea, a first-instance decision or redecision) is kept as a draft, checked against the
 * procedure, and takes effect only when a supervisor of the same office approves it. Nobody
 * approves their own draft. Approval asks for the second factor again.
 */
import { v7 as uuidv7 } from "uuid";
import type { CaseView } from "../contracts/api.ts";
import type { ProfileEvent } from "../kernel/procedure/profile.ts";
import { staffReachesOffice } from "../security/access/policy.ts";
import type { Queryable } from "../store/db.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import {
  findDraft,
  insertPendingDraft,
  markDraftApproved,
  markDraftReturned,
  pendingDraftExists,
  pendingDrafts,
  type DecisionDraft,
} from "./db.ts";
import { actorName, audit, auditRefusedWrite, type Actor } from "../app/actor.ts";
import { writeCase } from "../cases/write.ts";
import type { AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { requireRecentSecondFactor } from "../security/commands/step-up.ts";

export type { DecisionDraft } from "./db.ts";

/**
 * Keep an event the profile has accepted as a draft awaiting a second person's approval, in the
 * transaction of the write that decided it (`recordEvent`). One draft per case at a time.
 */
export async function insertDraft(
  tx: Queryable,
  keyring: Keyring,
  actor: Actor,
  header: { id: string; officeId: string },
  event: ProfileEvent,
  at: Date,
): Promise<DecisionDraft> {
  if (await pendingDraftExists(tx, { officeId: header.officeId, caseId: header.id })) {
    throw new AppError("conflict", "a decision for this case is already waiting for approval", {}, 409);
  }
  const id = uuidv7();
  const row = await insertPendingDraft(tx, keyring, {
    officeId: header.officeId,
    id,
    caseId: header.id,
    event,
    draftedBy: actorName(actor),
    draftedAt: at,
  });
  if (!row) throw new Error("the draft was not stored");
  return row;
}

/**
 * The pending draft `id`, if the actor reaches it and may decide it. Every refusal is recorded:
 * a draft out of reach as denied (like a case out of reach, without naming it), a draft already
 * decided or the actor's own as a failed attempt on its case.
 */
async function loadDraft(ctx: AppContext, actor: Actor, id: string, action: string): Promise<DecisionDraft> {
  const at = ctx.clock();
  const draft = await findDraft(ctx.db, ctx.keyring, id);
  if (!draft || !staffReachesOffice(actor.principal, draft.office)) {
    await ctx.db.transaction((tx) =>
      audit(tx, actor, at, { action, outcome: "denied", details: { requested: id } }),
    );
    throw notFound(`draft ${id}`);
  }
  let refusal: AppError | null = null;
  if (draft.status !== "pending") {
    refusal = new AppError("conflict", `this draft was already ${draft.status}`, {}, 409);
  } else if (draft.draftedBy === actorName(actor)) {
    refusal = new AppError(
      "forbidden",
      "nobody approves or returns their own draft: another supervisor must decide",
    );
  }
  if (refusal) {
    await auditRefusedWrite(ctx.db, actor, at, action, { id: draft.caseId, officeId: draft.office }, refusal);
    throw refusal;
  }
  return draft;
}

/** Approve: the decision is checked again against the case as it is now, then recorded. */
export async function approveDraft(ctx: AppContext, actor: Actor, id: string): Promise<CaseView> {
  requireRecentSecondFactor(ctx, actor);
  const draft = await loadDraft(ctx, actor, id, "decision.approve");
  const at = ctx.clock();
  return writeCase(ctx, actor, draft.caseId, {
    action: "decision.approve",
    right: "decision.approve",
    async run(c) {
      const event = c.decide(draft.event);
      const approved = await markDraftApproved(c.tx, {
        officeId: draft.office,
        id,
        decidedBy: actorName(actor),
        decidedAt: at,
      });
      if (!approved) throw new AppError("conflict", "this draft was decided meanwhile", {}, 409);
      const view = await c.append([event]);
      return { result: view, details: { draftId: id, draftedBy: draft.draftedBy, sequence: view.version } };
    },
  });
}

/** Return a draft to its examiner with a reason; nothing is recorded on the case. */
export async function returnDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reason: string,
): Promise<DecisionDraft> {
  const draft = await loadDraft(ctx, actor, id, "decision.return");
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    await audit(tx, actor, at, {
      action: "decision.return",
      outcome: "ok",
      caseId: draft.caseId,
      officeId: draft.office,
      details: { draftId: id },
    });
    const row = await markDraftReturned(tx, ctx.keyring, {
      officeId: draft.office,
      id,
      decidedBy: actorName(actor),
      decidedAt: at,
      reason,
    });
    if (!row) throw new AppError("conflict", "this draft was decided meanwhile", {}, 409);
    return row;
  });
}

/** Drafts waiting for approval in the offices the actor reaches. */
export async function listPendingDrafts(ctx: AppContext, actor: Actor): Promise<DecisionDraft[]> {
  const office = actor.principal.officeId;
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    await audit(tx, actor, at, { action: "decision.queue", outcome: "ok", officeId: office });
    return pendingDrafts(tx, ctx.keyring, office);
  });
}
