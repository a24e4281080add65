/**
 * Pure helpers on legal dates (`YYYY-MM-DD`). All arithmetic is done on UTC day numbers, so no
 * result ever depends on the host's time zone or clock. The only function that looks at an instant
 * is `todayIn` in its time zone, and the caller supplies that instant.
 */

/** A calendar date as the law counts it, `YYYY-MM-DD`. Never a timestamp. */
export type LegalDate = string;

/** 0 = Sunday … 6 = Saturday (as `Date.prototype.getUTCDay`). */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

const MS_PER_DAY = 86_400_000;
const FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1..12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year must be an integer between ${MIN_YEAR} and ${MAX_YEAR}, got ${year}`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Month must be an integer between 1 and 12, got ${month}`);
  }
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `s` is a string in strict `YYYY-MM-DD` form naming a real Gregorian date (years 0001–9999). */
export function isLegalDate(s: unknown): s is LegalDate {
  if (typeof s !== "string") return false;
  const m = FORMAT.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

/** Returns `s` unchanged if it is a valid legal date; otherwise throws a `RangeError` saying why. */
export function parseLegalDate(s: unknown): LegalDate {
  if (isLegalDate(s)) return s;
  const shown = typeof s === "string" ? JSON.stringify(s) : String(s);
  throw new RangeError(`Invalid legal date ${shown}: expected a real calendar date in the form YYYY-MM-DD`);
}

/** Splits a legal date into numeric year, month (1..12) and day. */
export function dateParts(d: LegalDate): DateParts {
  const m = FORMAT.exec(parseLegalDate(d));
  // parseLegalDate guarantees the match.
  return { year: Number(m?.[1]), month: Number(m?.[2]), day: Number(m?.[3]) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Builds a legal date from parts, throwing a `RangeError` if they do not name a real date. */
export function fromParts(year: number, month: number, day: number): LegalDate {
  return parseLegalDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** Days since 1970-01-01 (UTC). */
function toDayNumber(d: LegalDate): number {
  const { year, month, day } = dateParts(d);
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years < 100 as given
  return Math.round(t.getTime() / MS_PER_DAY);
}

function fromDayNumber(n: number): LegalDate {
  const t = new Date(n * MS_PER_DAY);
  const year = t.getUTCFullYear();
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
    throw new RangeError(`Date arithmetic left the supported range ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return fromParts(year, t.getUTCMonth() + 1, t.getUTCDate());
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** `d` plus `n` days (`n` may be negative). */
export function addDays(d: LegalDate, n: number): LegalDate {
  requireInteger(n, "Number of days");
  return fromDayNumber(toDayNumber(d) + n);
}

/**
 * `d` plus `n` calendar months (`n` may be negative). When the target month is shorter than
 * `d`'s day of month, the result is clamped to that month's last day (2023-01-31 + 1 → 2023-02-28).
 */
export function addMonths(d: LegalDate, n: number): LegalDate {
  requireInteger(n, "Number of months");
  const { year, month, day } = dateParts(d);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new RangeError(`Date arithmetic left the supported range ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return fromParts(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: LegalDate): DayOfWeek {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(d) + 4) % 7) + 7) % 7) as DayOfWeek;
}

/** Signed number of days from `a` to `b` (positive when `b` is later): `addDays(a, daysBetween(a, b)) === b`. */
export function daysBetween(a: LegalDate, b: LegalDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Comparator for sorting: negative when `a` is earlier than `b`, 0 when equal, positive when later. */
export function compareDates(a: LegalDate, b: LegalDate): -1 | 0 | 1 {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** The last day of `month` (1..12) of `year`, e.g. `lastDayOfMonth(2024, 2) === "2024-02-29"`. */
export function lastDayOfMonth(year: number, month: number): LegalDate {
  return fromParts(year, month, daysInMonth(year, month));
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date in `timeZone` (an IANA name such as Asia/Seoul) at the instant `now`, supplied
 * by the caller: nothing here reads a clock. Each jurisdiction's "today" is this in its time zone.
 */
export function todayIn(timeZone: string, now: Date): LegalDate {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError("todayIn needs a valid Date instant");
  }
  let format = FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    FORMATS.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: "year" | "month" | "day"): number => Number(parts.find((p) => p.type === type)?.value);
  return fromParts(get("year"), get("month"), get("day"));
}
