import type { CaseView } from "../contracts/api.ts";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { openEvents, type StoredEvent } from "./db/event-store.ts";
import type { Actor } from "../app/actor.ts";
import { readCase } from "./access.ts";
import { presentCase, toCaseEvents } from "./view.ts";
import { calendarOf, today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";

/** The case as it stood on `asOf` (default: today in its profile's time zone), if the actor reaches it. */
export async function getCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  asOf?: LegalDate,
): Promise<CaseView> {
  const at = ctx.clock();
  const date = asOf ?? today(ctx);
  const loaded = await readCase(ctx.db, actor, caseId, "case.read", "case.read", { at, today: today(ctx) });
  if (!loaded) throw notFound(`case ${caseId}`);
  const filedOn = loaded.events[0]?.occurredOn;
  if (filedOn && date < filedOn) {
    throw new AppError("invalid_input", `asOf ${date} is before the case was filed (${filedOn})`, {
      issues: [{ path: "asOf", message: "before filing" }],
    });
  }
  const profile = ctx.profiles.require(loaded.header.profile);
  // Decrypted only now, for an actor who reaches the case (docs/security.md requirement 20).
  const events = toCaseEvents(openEvents(ctx.keyring, loaded.events));
  return presentCase(profile, loaded.header, events, date, calendarOf(ctx, profile)).view;
}

export async function getTimeline(ctx: AppContext, actor: Actor, caseId: string): Promise<StoredEvent[]> {
  const at = ctx.clock();
  const loaded = await readCase(ctx.db, actor, caseId, "case.read", "case.timeline", {
    at,
    today: today(ctx),
  });
  if (!loaded) throw notFound(`case ${caseId}`);
  return openEvents(ctx.keyring, loaded.events);
}
