import { SEED_EXTRA_HOLIDAYS, type ExtraHoliday } from "../../kernel/calendar/holidays.ts";
import { insertHoliday } from "../../store/holidays.ts";
import type { AppContext } from "../context.ts";
import { actorName, audit, type Actor } from "../actor.ts";
import { AppError } from "../errors.ts";
import { refreshProjections } from "./refresh-projections.ts";
import { casesWithDeadlinesFrom } from "../../store/cases.ts";

/**
 * Add a temporary holiday or election day (Regulation on Holidays of Government Offices art. 2).
 * Due dates on or after it are recomputed at once, so every worklist shows the moved dates.
 */
export async function addHoliday(
  ctx: AppContext,
  actor: Actor,
  h: ExtraHoliday,
): Promise<{ holiday: ExtraHoliday; casesUpdated: number }> {
  const calendar = ctx.calendar();
  if (calendar.isPublicHoliday(h.date)) {
    const names = calendar.holidayNames(h.date).join(", ");
    throw new AppError("conflict", `${h.date} is already a public holiday (${names})`, {}, 409);
  }
  const inserted = await ctx.db.transaction(async (tx) => {
    const ok = await insertHoliday(tx, {
      ...h,
      addedAt: ctx.clock().toISOString(),
      addedBy: actorName(actor),
    });
    if (ok)
      await audit(tx, actor, ctx.clock(), {
        action: "holiday.add",
        outcome: "ok",
        details: { date: h.date, kind: h.kind },
      });
    return ok;
  });
  if (!inserted) throw new AppError("conflict", `${h.date} has already been added`, {}, 409);
  await ctx.reloadCalendar();
  const affected = await casesWithDeadlinesFrom(ctx.db, h.date);
  await refreshProjections(ctx, affected);
  ctx.log?.info({ date: h.date, kind: h.kind, casesUpdated: affected.length }, "holiday added");
  return { holiday: h, casesUpdated: affected.length };
}

/** Put the election days and temporary holidays of PROCEDURE-KR.md section 3 into a new database. */
export async function seedHolidays(ctx: AppContext): Promise<number> {
  let n = 0;
  for (const h of SEED_EXTRA_HOLIDAYS) {
    if (await insertHoliday(ctx.db, { ...h, addedAt: ctx.clock().toISOString(), addedBy: "seed" })) n++;
  }
  if (n > 0) await ctx.reloadCalendar();
  return n;
}
