import type { CaseView } from "../../contracts/api.ts";
import type { LegalDate } from "../../domain/calendar/dates.ts";
import { getCaseHeader, loadCase } from "../../store/cases.ts";
import { readEvents, type StoredEvent } from "../../store/event-store.ts";
import { presentCase, toCaseEvents } from "../case-view.ts";
import { today, type AppContext } from "../context.ts";
import { AppError, notFound } from "../errors.ts";

/** The case as it stood on `asOf` (default: today in Asia/Seoul). */
export async function getCase(ctx: AppContext, caseId: string, asOf?: LegalDate): Promise<CaseView> {
  const loaded = await loadCase(ctx.db, caseId);
  if (!loaded) throw notFound(`case ${caseId}`);
  const { header, events: stored } = loaded;
  const date = asOf ?? today(ctx);
  const filedOn = stored[0]?.occurredOn;
  if (filedOn && date < filedOn) {
    throw new AppError("invalid_input", `asOf ${date} is before the case was filed (${filedOn})`, {
      issues: [{ path: "asOf", message: "before filing" }],
    });
  }
  return presentCase(header, toCaseEvents(stored), date, ctx.calendar()).view;
}

export async function getTimeline(ctx: AppContext, caseId: string): Promise<StoredEvent[]> {
  const header = await getCaseHeader(ctx.db, caseId);
  if (!header) throw notFound(`case ${caseId}`);
  return readEvents(ctx.db, header.officeId, caseId);
}
