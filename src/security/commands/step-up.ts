import { AppError } from "../../app/errors.ts";
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { consumeFreshFactor, FRESH_FACTOR_SECONDS } from "../identity/fresh-factor.ts";
import type { Queryable } from "../../store/db.ts";

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

/**
 * An action that needs its own fresh second factor (docs/security.md requirement 18): a step-up
 * made for it, within the last two minutes, and used by no other action (src/security/identity/
 * fresh-factor.ts). Call it inside the action's transaction (`tx`), so that a refused action gives
 * the proof back. Tokens (systems) never pass: only a signed-in person has a second factor.
 */
export async function requireFreshSecondFactor(ctx: AppContext, actor: Actor, tx: Queryable): Promise<void> {
  const p = actor.principal;
  if (p.via !== "session" || !p.sessionId)
    throw new AppError("forbidden", "this action needs a signed-in person, not a token");
  if (!(await consumeFreshFactor(tx, p.sessionId, ctx.clock()))) {
    throw new AppError(
      "step_up_required",
      `confirm your second factor for this action (POST /api/v1/auth/step-up) just before it: each such action needs its own, within ${FRESH_FACTOR_SECONDS / 60} minutes`,
    );
  }
}
