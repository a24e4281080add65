import type { ExtraHoliday } from "../kernel/calendar/holidays.ts";
import { insertHoliday } from "../store/holidays.ts";
import type { AppContext } from "../app/context.ts";
import { actorName, audit, type Actor } from "../app/actor.ts";
import { AppError } from "../app/errors.ts";
import { refreshProjections } from "../cases/refresh-projections.ts";
import { casesWithDeadlinesFrom } from "../cases/db/cases.ts";

/**
 * Add a temporary holiday or election day to a jurisdiction's calendar (in Korea: Regulation on
 * Holidays of Government Offices art. 2). Due dates on or after it are recomputed at once, so
 * every worklist shows the moved dates.
 */
export async function addHoliday(
  ctx: AppContext,
  actor: Actor,
  h: ExtraHoliday,
  jurisdiction: string = ctx.profiles.defaultProfile.jurisdiction,
): Promise<{ holiday: ExtraHoliday; casesUpdated: number }> {
  if (!ctx.profiles.jurisdictions().includes(jurisdiction)) {
    throw new AppError(
      "invalid_input",
      `no procedure profile of this deployment counts the holidays of ${jurisdiction}`,
      { issues: [{ path: "jurisdiction", message: "unknown jurisdiction" }] },
    );
  }
  const calendar = ctx.calendar(jurisdiction);
  if (calendar.isPublicHoliday(h.date)) {
    const names = calendar.holidayNames(h.date).join(", ");
    throw new AppError("conflict", `${h.date} is already a public holiday (${names})`, {}, 409);
  }
  const inserted = await ctx.db.transaction(async (tx) => {
    const ok = await insertHoliday(tx, {
      ...h,
      jurisdiction,
      addedAt: ctx.clock().toISOString(),
      addedBy: actorName(actor),
    });
    if (ok)
      await audit(tx, actor, ctx.clock(), {
        action: "holiday.add",
        outcome: "ok",
        details: { date: h.date, kind: h.kind, jurisdiction },
      });
    return ok;
  });
  if (!inserted) throw new AppError("conflict", `${h.date} has already been added`, {}, 409);
  await ctx.reloadCalendar();
  const profiles = ctx.profiles
    .all()
    .filter((p) => p.jurisdiction === jurisdiction)
    .map((p) => p.id);
  const affected = await casesWithDeadlinesFrom(ctx.db, h.date, profiles);
  await refreshProjections(ctx, affected);
  ctx.log?.info({ date: h.date, kind: h.kind, casesUpdated: affected.length }, "holiday added");
  return { holiday: h, casesUpdated: affected.length };
}

/** Put each profile's seed holidays (election days and temporary holidays) into a new database. */
export async function seedHolidays(ctx: AppContext): Promise<number> {
  let n = 0;
  for (const p of ctx.profiles.all()) {
    for (const h of p.seedHolidays) {
      const row = { ...h, jurisdiction: p.jurisdiction, addedAt: ctx.clock().toISOString(), addedBy: "seed" };
      if (await insertHoliday(ctx.db, row)) n++;
    }
  }
  if (n > 0) await ctx.reloadCalendar();
  return n;
}
