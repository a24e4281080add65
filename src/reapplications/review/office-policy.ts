/**
 * The re-application policy an office runs, by date (docs/eligibility-review.md, "The office's
 * policy"): the latest change on or before the date, else the profile's default (the law in
 * force). An administrator sets a change from a date on, never back in time; running a bill or a
 * comparison is allowed (a training office, a pilot) and always carries a warning.
 */
import type { OfficePolicy } from "../../contracts/eligibility.ts";
import { actorName, audit, type Actor } from "../../app/actor.ts";
import { today, type AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { findOffice } from "../../kernel/offices.ts";
import type { ReapplicationHook } from "../../kernel/procedure/profile.ts";
import type { ReapplicationPolicy } from "../../kernel/reapplication/policy.ts";
import type { Queryable } from "../../store/db.ts";
import { insertPolicyChange, policyChanges, type PolicyChangeRow } from "./db.ts";

/** The re-application hook of the deployment's profile (the Korean profile's policies). */
export function reapplicationHook(ctx: AppContext): ReapplicationHook {
  const hook = ctx.profiles.defaultProfile.reapplication;
  if (!hook)
    throw new AppError(
      "not_found",
      "this deployment's procedure profile has no re-application policies",
      {},
      404,
    );
  return hook;
}

function policyOf(hook: ReapplicationHook, id: string): ReapplicationPolicy | undefined {
  return hook.policies.find((p) => p.id === id);
}

/** Why running `policy` on `on` needs care, or null when it is the law in force then. */
export function policyWarning(policy: ReapplicationPolicy, on: LegalDate): string | null {
  const { from, to } = policy.inForce;
  if (policy.standing === "bill")
    return `${policy.title.en} is a bill, not law: a review under it has no legal effect and is for trial or training only`;
  if (policy.standing === "comparison")
    return `${policy.title.en} is another jurisdiction's rule, applied here for comparison only: a review under it has no legal effect`;
  if ((from !== null && on < from) || (to !== null && on > to))
    return `${policy.title.en} is not in force on ${on}`;
  return null;
}

function inForceOn(changes: readonly PolicyChangeRow[], on: LegalDate): PolicyChangeRow | null {
  let found: PolicyChangeRow | null = null;
  for (const c of changes) if (c.from <= on) found = c;
  return found;
}

/** The policy the office runs on `on`, and since when (null: never set, the default). */
export async function policyInForce(
  ctx: AppContext,
  db: Queryable,
  officeId: string,
  on: LegalDate,
): Promise<{ policy: ReapplicationPolicy; from: LegalDate | null; changes: PolicyChangeRow[] }> {
  const hook = reapplicationHook(ctx);
  const changes = await policyChanges(db, officeId);
  const change = inForceOn(changes, on);
  const policy = (change && policyOf(hook, change.policy)) ?? policyOf(hook, hook.defaultPolicy);
  if (!policy)
    throw new Error(`the default policy ${hook.defaultPolicy} is not among the profile's policies`);
  return { policy, from: change?.from ?? null, changes };
}

function requireOffice(officeId: string): void {
  if (!findOffice(officeId)) throw notFound(`office ${officeId}`);
}

export async function getOfficePolicy(
  ctx: AppContext,
  officeId: string,
  on?: LegalDate,
): Promise<OfficePolicy> {
  requireOffice(officeId);
  const date = on ?? today(ctx);
  const { policy, from, changes } = await policyInForce(ctx, ctx.db, officeId, date);
  return {
    office: officeId,
    on: date,
    policy: policy.id,
    from,
    isDefault: from === null,
    warning: policyWarning(policy, date),
    history: changes,
  };
}

/** Set the policy an office runs from `from` on. Audited; refused when it would reach back in time. */
export async function setOfficePolicy(
  ctx: AppContext,
  actor: Actor,
  officeId: string,
  input: { policy: string; from: LegalDate; reason: string },
): Promise<OfficePolicy> {
  requireOffice(officeId);
  const hook = reapplicationHook(ctx);
  const policy = policyOf(hook, input.policy);
  if (!policy)
    throw new AppError(
      "invalid_input",
      `unknown policy ${input.policy}; the policies are ${hook.policies.map((p) => p.id).join(", ")}`,
      {
        issues: [{ path: "policy", message: "unknown policy" }],
      },
    );
  const now = today(ctx);
  if (input.from < now)
    throw new AppError("invalid_input", `a policy is set from today (${now}) on, never back in time`, {
      issues: [{ path: "from", message: "before today" }],
    });
  const inserted = await ctx.db.transaction(async (tx) => {
    const ok = await insertPolicyChange(tx, officeId, {
      policy: policy.id,
      from: input.from,
      reason: input.reason,
      setBy: actorName(actor),
      setAt: ctx.clock(),
    });
    if (ok)
      await audit(tx, actor, ctx.clock(), {
        action: "reapplication_policy.set",
        outcome: "ok",
        details: { office: officeId, policy: policy.id, from: input.from },
      });
    return ok;
  });
  if (!inserted)
    throw new AppError("conflict", `office ${officeId} already has a policy set from ${input.from}`, {}, 409);
  return getOfficePolicy(ctx, officeId, input.from);
}
