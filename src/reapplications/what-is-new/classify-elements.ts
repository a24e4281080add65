/**
 * The examiner classifies elements of a subsequent case's what-is-new comparison (right
 * event.examination): each element named must be one the comparison shows now; its tag (or null,
 * to clear it) and, for an element that existed but was not relied on, whether the applicant could
 * not raise it earlier through no fault of their own. The rows (migration 0042) hold no applicant
 * text. The case's sur-place flag (reapplication_claims) is kept with it: whether any claimed fact
 * of the new application arose sur place. One write, audited; bad input changes nothing.
 */
import { actorName, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { loadCase } from "../../cases/db/cases.ts";
import { openEvents } from "../../cases/db/event-store.ts";
import { filingOf, toCaseEvents } from "../../cases/view.ts";
import { writeCase } from "../../cases/write.ts";
import type { ClassificationRequest, WhatIsNew } from "../../contracts/what-is-new.ts";
import { may } from "../../security/access/policy.ts";
import { compareCase } from "./compare-case.ts";
import { saveClassification, saveSurPlace } from "./db.ts";

export function classifyElements(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: ClassificationRequest,
): Promise<WhatIsNew> {
  return writeCase(ctx, actor, caseId, {
    action: "reapplication.what_is_new.classify",
    right: "event.examination",
    async run(c) {
      const loaded = await loadCase(c.tx, caseId);
      if (!loaded) throw new Error(`case ${caseId} vanished during its write`);
      const filing = filingOf(toCaseEvents(openEvents(ctx.keyring, loaded.events)));
      const before = await compareCase(
        c.tx,
        ctx,
        c.header,
        filing,
        c.today,
        may(actor.principal, "evidence.read"),
      );
      if (!before)
        throw new AppError(
          "conflict",
          "this case is not a subsequent application: there is nothing to classify",
          {},
          409,
        );
      const shown = new Map(before.value.elements.map((e) => [`${e.refKind}/${e.refId}`, e]));
      const issues: { path: string; message: string }[] = [];
      input.elements.forEach((e, i) => {
        if (!shown.has(`${e.refKind}/${e.refId}`))
          issues.push({ path: `elements.${i}.refId`, message: "not an element of this case's comparison" });
        if (e.withoutFault != null && e.tag !== "existed_not_relied_on")
          issues.push({
            path: `elements.${i}.withoutFault`,
            message: "only an element that existed but was not relied on is said to be without fault",
          });
      });
      if (issues.length > 0)
        throw new AppError("invalid_input", "some elements cannot be classified as sent", { issues });
      const at = ctx.clock().toISOString();
      const by = actorName(actor);
      for (const e of input.elements)
        await saveClassification(c.tx, {
          officeId: c.header.officeId,
          caseId,
          refKind: e.refKind,
          refId: e.refId,
          tag: e.tag,
          withoutFault: e.withoutFault ?? null,
          aroseOn: shown.get(`${e.refKind}/${e.refId}`)?.aroseOn ?? null,
          by,
          at,
        });
      await saveSurPlace(c.tx, {
        officeId: c.header.officeId,
        caseId,
        surPlace: before.value.surPlace,
        by,
        at,
      });
      const after = await compareCase(
        c.tx,
        ctx,
        c.header,
        filing,
        c.today,
        may(actor.principal, "evidence.read"),
      );
      return {
        result: after!.value,
        details: {
          classified: input.elements.length,
          tags: input.elements.map((e) => `${e.refKind}:${e.tag ?? "none"}`).join(","),
        },
      };
    },
  });
}
