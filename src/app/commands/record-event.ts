import type { CaseView } from "../../contracts/api.ts";
import { decide, fold } from "../../domain/procedure/kr-refugee-act/index.ts";
import { appendEvents, VersionConflictError } from "../../store/event-store.ts";
import { loadCase } from "../../store/cases.ts";
import { presentCase, toCaseEvents } from "../case-view.ts";
import { today, type AppContext } from "../context.ts";
import { AppError, notFound } from "../errors.ts";
import { saveProjection } from "./save-projection.ts";

/**
 * Record one event on a case, if the procedure allows it, against the version the user last saw.
 * A refused or stale request changes nothing.
 */
export async function recordEvent(
  ctx: AppContext,
  actor: string,
  caseId: string,
  expectedVersion: number,
  input: unknown,
): Promise<CaseView> {
  const now = today(ctx);
  const calendar = ctx.calendar();
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, caseId);
    if (!loaded) throw notFound(`case ${caseId}`);
    const { header, events: stored } = loaded;
    if (stored.length !== expectedVersion) {
      throw new AppError(
        "version_mismatch",
        `the case has changed since version ${expectedVersion} (now ${stored.length}); reload it and try again`,
      );
    }
    const history = toCaseEvents(stored);
    const result = decide(fold(history), input, { today: now, calendar });
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
    const { type, occurredOn, ...payload } = result.event;
    try {
      await appendEvents(tx, {
        officeId: header.officeId,
        caseId,
        expectedVersion,
        events: [{ type, occurredOn, payload }],
        recordedBy: actor,
        recordedAt: ctx.clock().toISOString(),
      });
    } catch (e) {
      if (e instanceof VersionConflictError) {
        throw new AppError(
          "version_mismatch",
          `the case was changed by someone else just now; reload it and try again`,
        );
      }
      throw e;
    }
    const presented = presentCase(header, [...history, result.event], now, calendar);
    await saveProjection(tx, header, header.nationality, presented.derived, presented.view, now);
    return presented.view;
  });
}
