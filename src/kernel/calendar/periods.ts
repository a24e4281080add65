/**
 * Period arithmetic of the Civil Act (민법) arts. 157, 160 and 161, which apply to public-law periods
 * (Refugee Act, Administrative Litigation Act, Civil Procedure Act) unless those say otherwise.
 */
import {
  addDays,
  dateParts,
  dayOfWeek,
  daysInMonth,
  fromParts,
  parseLegalDate,
  type LegalDate,
} from "./dates.ts";
import type { HolidayCalendar } from "./holidays.ts";

export type PeriodUnit = "days" | "weeks" | "months" | "years";

export interface PeriodOptions {
  /** Apply CA 161 (move a last day falling on a Saturday or public holiday to the next working day). Default true. */
  rollForward?: boolean;
}

export interface PeriodEnd {
  /** The last day on which the act can be done: `nominalEnd`, moved forward under CA 161. */
  dueOn: LegalDate;
  /** The last day of the period by CA 157 and 160 alone. */
  nominalEnd: LegalDate;
  /** The days skipped under CA 161, in order, starting with `nominalEnd`; empty when `dueOn === nominalEnd`. */
  rolledOver: LegalDate[];
}

const UNITS: readonly PeriodUnit[] = ["days", "weeks", "months", "years"];

/** More consecutive non-working days than this means the calendar data is broken. */
const MAX_ROLL = 60;

/**
 * CA 160(2)-(3): a period of `months` calendar months whose first counted day is `first` ends on the day
 * before the day in the last month that corresponds to `first`; if that month has no such day
 * (e.g. 31 February), it ends on that month's last day.
 */
function endOfCalendarMonths(first: LegalDate, months: number): LegalDate {
  const { year, month, day } = dateParts(first);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = daysInMonth(y, m);
  return day <= last ? addDays(fromParts(y, m, day), -1) : fromParts(y, m, last);
}

/** CA 161: Saturdays and public holidays do not end a period. */
function isNonWorkingDay(d: LegalDate, calendar: HolidayCalendar): boolean {
  return dayOfWeek(d) === 6 || calendar.isPublicHoliday(d);
}

/**
 * The end of a period of `amount` `unit`s that starts to run on the event date `from`
 * (service, filing, receipt…).
 *
 * - CA 157: the first day (`from`) is not counted; counting starts on `from + 1`.
 *   A 30-day period from service on 2023-02-10 runs 2023-02-11 to 2023-03-12.
 * - CA 160(1)-(2): weeks, months and years follow the calendar, ending on the day before the day that
 *   corresponds to the first counted day in the last week, month or year.
 * - CA 160(3): where the last month has no corresponding day, the period ends on its last day.
 * - CA 161: if the last day is a Saturday or a public holiday, the period ends on the next day that is
 *   neither (only when `options.rollForward`, the default).
 *
 * Not modelled: the CA 157 proviso for periods that start at 00:00, which this system's event-driven
 * periods never do. Beyond `calendar.coveredYears` only Sundays and extra holidays are known; callers
 * that care should check `calendar.covers(dueOn)`.
 */
export function periodEnd(
  from: LegalDate,
  amount: number,
  unit: PeriodUnit,
  calendar: HolidayCalendar,
  options: PeriodOptions = {},
): PeriodEnd {
  const start = parseLegalDate(from);
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`Period length must be a positive integer, got ${amount}`);
  }
  if (!UNITS.includes(unit)) {
    throw new RangeError(`Period unit must be one of ${UNITS.join(", ")}, got ${JSON.stringify(unit)}`);
  }

  const first = addDays(start, 1); // CA 157
  let nominalEnd: LegalDate;
  switch (unit) {
    case "days":
      nominalEnd = addDays(first, amount - 1);
      break;
    case "weeks":
      nominalEnd = addDays(first, 7 * amount - 1); // CA 160(2): weekday before the first counted day's
      break;
    case "months":
      nominalEnd = endOfCalendarMonths(first, amount);
      break;
    case "years":
      nominalEnd = endOfCalendarMonths(first, 12 * amount);
      break;
  }

  const rolledOver: LegalDate[] = [];
  let dueOn = nominalEnd;
  if (options.rollForward ?? true) {
    while (isNonWorkingDay(dueOn, calendar)) {
      if (rolledOver.length >= MAX_ROLL) {
        throw new RangeError(`More than ${MAX_ROLL} consecutive non-working days after ${nominalEnd}`);
      }
      rolledOver.push(dueOn);
      dueOn = addDays(dueOn, 1);
    }
  }
  return { dueOn, nominalEnd, rolledOver };
}
