/**
 * Temporary holidays and election days added by administrators, per jurisdiction (the official
 * ones come from each profile's holiday library).
 */
import type { ExtraHoliday } from "../kernel/calendar/holidays.ts";
import type { Queryable } from "./db.ts";

export interface AddedHolidayRow extends ExtraHoliday {
  jurisdiction: string;
  addedAt: string;
  addedBy: string;
}

export async function listAddedHolidays(db: Queryable, jurisdiction?: string): Promise<AddedHolidayRow[]> {
  const rows = await db.query<{
    jurisdiction: string;
    date: string;
    name: string;
    kind: "temporary" | "election";
    source: string | null;
    addedAt: string;
    addedBy: string;
  }>(
    `SELECT jurisdiction, date, name, kind, source, added_at AS "addedAt", added_by AS "addedBy" FROM holidays
      WHERE $1::text IS NULL OR jurisdiction = $1 ORDER BY jurisdiction, date`,
    [jurisdiction ?? null],
  );
  // An empty source means none was given.
  return rows.map(({ source, ...r }) => (source ? { ...r, source } : r));
}

/** Insert a holiday; returns false if that date was already added for the jurisdiction. */
export async function insertHoliday(
  db: Queryable,
  h: ExtraHoliday & { jurisdiction: string; addedAt: string; addedBy: string },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO holidays (jurisdiction, date, name, kind, source, added_at, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (jurisdiction, date) DO NOTHING RETURNING date`,
    [h.jurisdiction, h.date, h.name, h.kind, h.source ?? "", h.addedAt, h.addedBy],
  );
  return rows.length === 1;
}
