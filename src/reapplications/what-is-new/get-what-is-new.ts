/**
 * Read the what-is-new comparison of a subsequent case (right case.read). The read is recorded on
 * the case, and each earlier case whose file it compares with gets an access record of its own
 * naming the subsequent case. A case that is not a subsequent application answers 409.
 */
import { audit, type Actor } from "../../app/actor.ts";
import { today, type AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import { accessCase } from "../../cases/access.ts";
import { openEvents } from "../../cases/db/event-store.ts";
import { filingOf, toCaseEvents } from "../../cases/view.ts";
import type { WhatIsNew } from "../../contracts/what-is-new.ts";
import { may } from "../../security/access/policy.ts";
import { compareCase } from "./compare-case.ts";

export const READ_ACTION = "reapplication.what_is_new.read";

export async function getWhatIsNew(ctx: AppContext, actor: Actor, caseId: string): Promise<WhatIsNew> {
  const at = ctx.clock();
  const out = await ctx.db.transaction(async (tx) => {
    const c = await accessCase(tx, actor, caseId, "case.read", READ_ACTION, { at, today: today(ctx) });
    if (!c) return null;
    const profile = ctx.profiles.require(c.header.profile);
    const compared = await compareCase(
      tx,
      ctx,
      c.header,
      filingOf(toCaseEvents(openEvents(ctx.keyring, c.events))),
      today(ctx, profile),
      may(actor.principal, "evidence.read"),
    );
    for (const e of compared?.earlier ?? [])
      await audit(tx, actor, at, {
        action: "reapplication.what_is_new.earlier",
        outcome: "ok",
        caseId: e.id,
        officeId: e.officeId,
        details: { subsequentCaseId: caseId },
      });
    await c.record(compared ? { elements: compared.value.elements.length } : { subsequent: false });
    return { compared };
  });
  if (!out) throw notFound(`case ${caseId}`);
  if (!out.compared)
    throw new AppError(
      "conflict",
      "this case is not a subsequent application: there is no earlier case to compare it with",
      {},
      409,
    );
  return out.compared.value;
}
