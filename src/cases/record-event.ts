/**
 * Record an event on a case: the case's profile decides whether the procedure allows it now, and
 * whether it takes effect at once or only when a second person approves it (four eyes): then it is
 * kept as a draft for a supervisor (`decision-drafts.ts`). An event that would take protection away
 * (docs/security.md requirement 18) always waits for a second person, whoever records it, and a
 * token may not record it at all.
 */
import type { CaseView } from "../contracts/api.ts";
import type { Act, ProcedureProfile } from "../kernel/procedure/profile.ts";
import { may } from "../security/access/policy.ts";
import { rightOfAct, type Right } from "../security/access/rights.ts";
import { type Actor } from "../app/actor.ts";
import { writeCase, type WriteDone } from "./write.ts";
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import { approveDraft, insertDraft, type DecisionDraft } from "../approvals/decision-drafts.ts";
import { prepareNotice } from "../notices/notices.ts";
import { requireExaminationCheck } from "../examination/check.ts";

export type Recorded = { kind: "recorded"; view: CaseView } | { kind: "drafted"; draft: DecisionDraft };

/** The case view after an event that took effect at once (in-process work, which never drafts). */
export function recordedView(r: Recorded): CaseView {
  if (r.kind !== "recorded") throw new Error("the event was kept as a draft awaiting approval");
  return r.view;
}

function typeOf(input: unknown): string | undefined {
  const type = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  return typeof type === "string" ? type : undefined;
}

/**
 * The right that records this event on a case of `profile`. An unknown type needs the lowest
 * event right; the profile then refuses it, naming the events allowed.
 */
export function rightFor(profile: ProcedureProfile, input: unknown): Right {
  const type = typeOf(input);
  const act = type !== undefined && Object.hasOwn(profile.acts, type) ? profile.acts[type] : undefined;
  return rightOfAct(act ?? "intake");
}

/** Every act any registered profile gives this event type. */
function actsOf(ctx: AppContext, type: string | undefined): Act[] {
  if (type === undefined) return [];
  return ctx.profiles
    .all()
    .flatMap((p) => (Object.hasOwn(p.acts, type) ? [p.acts[type]] : []))
    .filter((a): a is Act => a !== undefined);
}

/**
 * Record one event on a case, if the actor may and the procedure allows it, against the version
 * the user last saw. A refused or stale request changes nothing (its access record stays).
 */
export async function recordEvent(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: unknown,
): Promise<Recorded> {
  // A role that may record this kind of event in no profile is told so before any case is read.
  const acts = actsOf(ctx, typeOf(input));
  if (acts.length > 0 && !acts.some((a) => may(actor.principal, rightOfAct(a)))) {
    throw new AppError("forbidden", `your role (${actor.principal.role}) may not record this event`);
  }
  // An event that serves a decision's notice: the notice is typeset and stored first (docs/notices.md).
  const notice = await prepareNotice(ctx, actor, caseId, expectedVersion, input, (p) => rightFor(p, input));
  return writeCase<Recorded>(ctx, actor, caseId, {
    action: "case.event.record",
    right: (profile) => rightFor(profile, input),
    expectedVersion,
    async run(c): Promise<WriteDone<Recorded>> {
      const event = c.decide(input);
      const takes = c.takesProtection(event);
      if (takes !== null && actor.principal.via === "token") {
        throw new AppError(
          "forbidden",
          `a token may not record ${event.type}: it takes protection away (${takes}); a person records it and another approves it`,
        );
      }
      // In-process work (loading demo data, imports) records decisions taken elsewhere directly,
      // but never an event that takes protection away: that waits for a second name too.
      if (takes !== null || (c.profile.approvals.has(event.type) && !actor.principal.system)) {
        // A decision goes to a supervisor only once its assessment passes the check (issue 15).
        if (c.profile.acts[event.type] === "decision" && !actor.principal.system)
          await requireExaminationCheck(c.tx, ctx.keyring, { officeId: c.header.officeId, caseId });
        const draft = await insertDraft(c.tx, ctx.keyring, actor, c.header, event, ctx.clock(), takes);
        const drafted: Recorded = { kind: "drafted", draft };
        return {
          result: drafted,
          details: { type: event.type, draftId: draft.id, takesProtection: takes !== null },
        };
      }
      const served = await c.append([event]);
      const view = notice ? await c.record([notice.event(served.version)]) : served;
      return {
        result: { kind: "recorded", view },
        details: {
          type: event.type,
          sequence: served.version,
          ...(notice ? { documentId: notice.documentId, sha256: notice.sha256 } : {}),
        },
      };
    },
  });
}

/**
 * Record an event in-process (loading demo data, benchmarks, imports): an event that needs a
 * second person is drafted by `author` and approved by `approver`, through the same commands a
 * person's request goes through, so that the record names both. The two must be different.
 */
export async function recordInProcess(
  ctx: AppContext,
  by: { author: Actor; approver: Actor },
  caseId: string,
  expectedVersion: number,
  input: unknown,
): Promise<CaseView> {
  const done = await recordEvent(ctx, by.author, caseId, expectedVersion, input);
  if (done.kind === "recorded") return done.view;
  return approveDraft(ctx, by.approver, done.draft.id);
}
