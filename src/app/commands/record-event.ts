import type { CaseView } from "../../contracts/api.ts";
import {
  decide,
  fold,
  isEventType,
  type ProcedureEvent,
} from "../../profiles/kr-refugee-act/index.ts";
import { EVENT_RIGHT, NEEDS_APPROVAL } from "../../security/access/rights.ts";
import { may } from "../../security/access/policy.ts";
import { appendEvents, VersionConflictError, type StoredEvent } from "../../store/event-store.ts";
import type { CaseHeaderRow } from "../../store/cases.ts";
import type { Queryable } from "../../store/db.ts";
import { accessCase, actorName, auditRefusedWrite, type Actor } from "../actor.ts";
import { presentCase, toCaseEvents } from "../case-view.ts";
import { today, type AppContext } from "../context.ts";
import { AppError, notFound } from "../errors.ts";
import { saveProjection } from "./save-projection.ts";

/** The right that records an event of this type (or the first one's, for an unknown type: decide refuses it). */
export function rightFor(input: unknown) {
  const type = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  return typeof type === "string" && isEventType(type) ? EVENT_RIGHT[type] : null;
}

/** Check an event against the procedure on the case's current history; throws the refusal. */
export function decideOrThrow(
  stored: readonly StoredEvent[],
  input: unknown,
  ctx: AppContext,
): ProcedureEvent {
  const result = decide(fold(toCaseEvents(stored)), input, { today: today(ctx), calendar: ctx.calendar() });
  if (!result.ok) {
    const { code, message, stage, allowedEvents, issues } = result.refusal;
    const status = code === "not_allowed" || code === "out_of_order" ? 409 : 422;
    throw new AppError(
      "procedure_refused",
      message,
      { stage, allowedEvents, ...(issues ? { issues } : {}) },
      status,
    );
  }
  return result.event;
}

/** Append an accepted event and save the projection, in the caller's transaction. */
export async function appendAccepted(
  tx: Queryable,
  ctx: AppContext,
  recordedBy: string,
  header: CaseHeaderRow,
  stored: readonly StoredEvent[],
  event: ProcedureEvent,
): Promise<CaseView> {
  const { type, occurredOn, ...payload } = event;
  try {
    await appendEvents(tx, {
      officeId: header.officeId,
      caseId: header.id,
      expectedVersion: stored.length,
      events: [{ type, occurredOn, payload }],
      recordedBy,
      recordedAt: ctx.clock().toISOString(),
    });
  } catch (e) {
    if (e instanceof VersionConflictError) {
      throw new AppError(
        "version_mismatch",
        "the case was changed by someone else just now; reload it and try again",
      );
    }
    throw e;
  }
  const now = today(ctx);
  const events = [...toCaseEvents(stored), event];
  const presented = presentCase(header, events, now, ctx.calendar());
  await saveProjection(tx, header, header.nationality, events, presented.derived, presented.view, now);
  return presented.view;
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
): Promise<CaseView> {
  const right = rightFor(input) ?? "event.intake";
  if (!may(actor.principal, right)) {
    throw new AppError("forbidden", `your role (${actor.principal.role}) may not record this event`);
  }
  const type = (input as { type?: unknown }).type;
  if (typeof type === "string" && isEventType(type) && NEEDS_APPROVAL.has(type) && !actor.principal.system) {
    throw new AppError(
      "forbidden",
      `${type} takes effect only when a supervisor approves it: record it as a draft`,
    );
  }
  const at = ctx.clock();
  let denied = false;
  const reached: { c: { id: string; officeId: string } | null } = { c: null };
  const view = await ctx.db
    .transaction(async (tx) => {
      const loaded = await accessCase(tx, actor, caseId, right, "case.event.record", {
        at,
        today: today(ctx),
      });
      if (!loaded) {
        denied = true;
        return null;
      }
      reached.c = { id: caseId, officeId: loaded.header.officeId };
      if (loaded.events.length !== expectedVersion) {
        throw new AppError(
          "version_mismatch",
          `the case has changed since version ${expectedVersion} (now ${loaded.events.length}); reload it and try again`,
        );
      }
      const event = decideOrThrow(loaded.events, input, ctx);
      const view = await appendAccepted(tx, ctx, actorName(actor), loaded.header, loaded.events, event);
      await loaded.record({ type: event.type, sequence: view.version });
      return view;
    })
    .catch(async (e: unknown) => {
      await auditRefusedWrite(ctx.db, actor, at, "case.event.record", reached.c, e);
      throw e;
    });
  if (denied || !view) throw notFound(`case ${caseId}`);
  return view;
}
