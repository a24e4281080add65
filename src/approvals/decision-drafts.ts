/**
 * Four eyes (docs/security.md requirements 7 and 18): an event the case's profile says needs
 * approval (in Korea, a first-instance decision or redecision), and any event that would take
 * protection away, is kept as a draft, checked against the procedure, and takes effect only when
 * a supervisor of the same office approves it. Nobody approves their own draft. Approval asks for
 * the second factor again; approving an event that takes protection away asks for one proven for
 * that approval alone.
 */
import { v7 as uuidv7 } from "uuid";
import type { CaseView } from "../contracts/api.ts";
import type { ProfileEvent } from "../kernel/procedure/profile.ts";
import { staffReachesOffice } from "../security/access/policy.ts";
import type { Queryable } from "../store/db.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import {
  draftsOfCase,
  findDraft,
  insertPendingDraft,
  markDraftApproved,
  markDraftReturned,
  pendingDraftExists,
  pendingDrafts,
  returnedDrafts,
  type DecisionDraft,
  type ListedDraft,
} from "./db.ts";
import { accessCase } from "../cases/access.ts";
import { actorName, audit, auditRefusedWrite, type Actor } from "../app/actor.ts";
import { writeCase } from "../cases/write.ts";
import { today, type AppContext } from "../app/context.ts";
import { notifyApprovalWaiting, notifyDraftReturned } from "../notifications/outbox.ts";
import { AppError, notFound } from "../app/errors.ts";
import { requireFreshSecondFactor, requireRecentSecondFactor } from "../security/commands/step-up.ts";

export type { DecisionDraft, ListedDraft } from "./db.ts";

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
  takesProtection: string | null,
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
    takesProtection,
  });
  if (!row) throw new Error("the draft was not stored");
  await notifyApprovalWaiting(tx, {
    officeId: header.officeId,
    caseId: header.id,
    author: row.draftedBy,
    at,
  });
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

/**
 * The second factor an approval needs, checked in the approval's own transaction (so a refused
 * approval gives a proof back). A draft that takes protection away, or that would now (the case
 * having changed), needs a proof made for this one action (`requireFreshSecondFactor`: a step-up
 * of the last two minutes that no other action used; `POST /approvals/{id}/approve` makes one from
 * the `secondFactor` it is sent). Any other draft also accepts a step-up of the last few minutes.
 * In-process work (the system principal, never made from a request) has no person to ask.
 */
async function requireApprovalFactor(
  ctx: AppContext,
  actor: Actor,
  tx: Queryable,
  takesProtection: boolean,
): Promise<void> {
  if (actor.principal.system === true && actor.principal.via === "system") return;
  if (!takesProtection) {
    try {
      requireRecentSecondFactor(ctx, actor);
      return;
    } catch (e) {
      if (!(e instanceof AppError && e.kind === "step_up_required")) throw e;
    }
  }
  await requireFreshSecondFactor(ctx, actor, tx);
}

/**
 * Approve: the event is checked again against the case as it is now, then recorded, with the
 * second factor its effect needs (`requireApprovalFactor`).
 */
export async function approveDraft(ctx: AppContext, actor: Actor, id: string): Promise<CaseView> {
  if (actor.principal.via === "token")
    throw new AppError("forbidden", "this action needs a signed-in person, not a token");
  const draft = await loadDraft(ctx, actor, id, "decision.approve");
  const at = ctx.clock();
  return writeCase(ctx, actor, draft.caseId, {
    action: "decision.approve",
    right: "decision.approve",
    async run(c) {
      const event = c.decide(draft.event);
      const takes = c.takesProtection(event);
      await requireApprovalFactor(ctx, actor, c.tx, takes !== null || draft.takesProtection !== null);
      const approved = await markDraftApproved(c.tx, {
        officeId: draft.office,
        id,
        decidedBy: actorName(actor),
        decidedAt: at,
      });
      if (!approved) throw new AppError("conflict", "this draft was decided meanwhile", {}, 409);
      const view = await c.append([event]);
      return {
        result: view,
        details: {
          draftId: id,
          draftedBy: draft.draftedBy,
          sequence: view.version,
          takesProtection: takes !== null,
        },
      };
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
    await notifyDraftReturned(tx, {
      officeId: draft.office,
      caseId: draft.caseId,
      author: draft.draftedBy,
      at,
    });
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

/**
 * The latest drafts of a case the actor may read: the case page shows one waiting for approval, or
 * returned with its reason, instead of offering to record the decision again.
 */
export async function listCaseDrafts(ctx: AppContext, actor: Actor, caseId: string): Promise<ListedDraft[]> {
  const at = ctx.clock();
  const rows = await ctx.db.transaction(async (tx) => {
    const c = await accessCase(tx, actor, caseId, "case.read", "decision.case_drafts", {
      at,
      today: today(ctx),
    });
    if (!c) return null;
    await c.record();
    return draftsOfCase(tx, ctx.keyring, { officeId: c.header.officeId, caseId });
  });
  if (!rows) throw notFound(`case ${caseId}`);
  return rows;
}

/** The actor's own drafts that a supervisor returned and that no new draft has answered yet. */
export async function myReturnedDrafts(
  tx: Queryable,
  keyring: Keyring,
  actor: Actor,
): Promise<ListedDraft[]> {
  return returnedDrafts(tx, keyring, actorName(actor), actor.principal.officeId ?? null);
}

/** Drafts waiting for the actor's approval: their office's, except their own. */
export async function draftsAwaitingMe(
  tx: Queryable,
  keyring: Keyring,
  actor: Actor,
): Promise<ListedDraft[]> {
  const mine = actorName(actor);
  return (await pendingDrafts(tx, keyring, actor.principal.officeId ?? null)).filter(
    (d) => d.draftedBy !== mine,
  );
}
