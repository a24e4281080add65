/**
 * An examiner proposes the eligibility review of a re-application (docs/eligibility-review.md):
 * under the office's policy in force on the filing date, against how the earlier case ended, with
 * each compared element found material or not and why. The proposal is the profile's
 * `eligibility_decided` event, which needs a second person: it waits as a draft until a supervisor
 * approves it (the approvals API). Nothing here screens anyone out: the outcome is the examiner's.
 */
import type { z } from "zod";
import type { ReviewProposalInputSchema } from "../../contracts/eligibility.ts";
import type { Actor } from "../../app/actor.ts";
import { today, type AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { recordEvent, type Recorded } from "../../cases/record-event.ts";
import { reviewBasis } from "./get-review.ts";

export async function proposeEligibilityReview(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: z.output<typeof ReviewProposalInputSchema>,
): Promise<Recorded> {
  const { resource, policy, classified } = await reviewBasis(ctx, actor, caseId);
  if (!resource.subsequent)
    throw new AppError("invalid_input", "the eligibility review is for a subsequent application only", {
      issues: [{ path: "id", message: "a first application" }],
    });
  if (!resource.priorEnding)
    throw new AppError(
      "invalid_input",
      "none of the earlier cases the filing names had ended by the filing date: there is nothing to compare with",
      { issues: [{ path: "id", message: "no earlier ending" }] },
    );
  const byRef = new Map(classified.map((e) => [`${e.refKind}/${e.refId}`, e]));
  const event = {
    type: "eligibility_decided",
    occurredOn: input.occurredOn ?? today(ctx),
    policy: policy.id,
    priorEnding: resource.priorEnding,
    outcome: input.outcome,
    reasons: input.reasons,
    elements: input.elements.map((e) => {
      const c = byRef.get(`${e.refKind}/${e.refId}`);
      return { ...e, tag: c?.tag ?? null, withoutFault: c?.withoutFault ?? null };
    }),
  };
  return recordEvent(ctx, actor, caseId, expectedVersion, event);
}
