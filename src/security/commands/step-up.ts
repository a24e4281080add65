import { AppError } from "../../app/errors.ts";
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";

/** How long a proven second factor counts for a sensitive action (docs/security.md requirement 3). */
export const STEP_UP_MINUTES = 5;

/**
 * Final decisions, exports and key changes ask for the second factor again: the session must have
 * proven it within the last few minutes. Bearer tokens (systems) cannot do these at all.
 */
export function requireRecentSecondFactor(ctx: AppContext, actor: Actor): void {
  const p = actor.principal;
  if (p.via !== "session")
    throw new AppError("forbidden", "this action needs a signed-in person, not a token");
  const mfaAt = p.mfaAt ? Date.parse(p.mfaAt) : NaN;
  if (!(ctx.clock().getTime() - mfaAt <= STEP_UP_MINUTES * 60_000)) {
    throw new AppError(
      "step_up_required",
      `confirm your second factor again (POST /api/v1/auth/step-up) within ${STEP_UP_MINUTES} minutes before this action`,
    );
  }
}
