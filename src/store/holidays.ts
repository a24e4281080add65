/** Temporary holidays and election days added by administrators (the official ones come from the library). */
import type { ExtraHoliday } from "../kernel/calendar/holidays.ts";
import type { Queryable } from "./db.ts";

export interface AddedHolidayRow extends ExtraHoliday {
  addedAt: string;
  addedBy: string;
}

export async function listAddedHolidays(db: Queryable): Promise<AddedHolidayRow[]> {
  const rows = await db.query<{
    date: string;
    name: string;
    kind: "temporary" | "election";
    source: string | null;
    addedAt: string;
    addedBy: string;
  }>(
    `SELECT date, name, kind, source, added_at AS "addedAt", added_by AS "addedBy" FROM holidays ORDER BY date`,
  );
  // An empty source means none was given.
  return rows.map(({ source, ...r }) => (source ? { ...r, source } : r));
}

/** Insert a holiday; returns false if that date was already added. */
export async function insertHoliday(
  db: Queryable,
  h: ExtraHoliday & { addedAt: string; addedBy: string },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO holidays (date, name, kind, source, added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (date) DO NOTHING RETURNING date`,
    [h.date, h.name, h.kind, h.source ?? "", h.addedAt, h.addedBy],
  );
  return rows.length === 1;
}
