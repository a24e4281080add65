import { addDays, dayOfWeek } from "../kernel/calendar/dates.ts";
import { listAddedHolidays } from "../store/holidays.ts";
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";

export interface HolidayEntry {
  date: string;
  names: string[];
  origin: "official" | "added";
  kind: "official" | "temporary" | "election";
  source: string | null;
}

/**
 * The public holidays of a year other than plain Sundays: official ones (from the almanac data) and
 * those an administrator added. A date in both shows once, as official, with every name.
 */
export async function listHolidays(
  ctx: AppContext,
  year: number,
  jurisdiction: string = ctx.profiles.defaultProfile.jurisdiction,
): Promise<{ year: number; covered: boolean; items: HolidayEntry[] }> {
  if (!ctx.profiles.jurisdictions().includes(jurisdiction)) {
    throw new AppError(
      "invalid_input",
      `no procedure profile of this deployment counts the holidays of ${jurisdiction}`,
      { issues: [{ path: "jurisdiction", message: "unknown jurisdiction" }] },
    );
  }
  const calendar = ctx.calendar(jurisdiction);
  const added = new Map((await listAddedHolidays(ctx.db, jurisdiction)).map((h) => [h.date, h]));
  const items: HolidayEntry[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    if (!calendar.isPublicHoliday(d)) continue;
    const names = calendar.holidayNames(d).filter((n) => n !== "Sunday");
    const extra = added.get(d);
    if (names.length === 0 && dayOfWeek(d) === 0) continue;
    const onlyAdded = extra && names.every((n) => n === extra.name);
    items.push({
      date: d,
      names,
      origin: onlyAdded ? "added" : "official",
      kind: onlyAdded ? extra.kind : "official",
      source: extra?.source ?? null,
    });
  }
  return { year, covered: calendar.covers(`${year}-06-30`), items };
}
