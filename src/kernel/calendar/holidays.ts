/**
 * A jurisdiction's public holidays, as its law counts them for periods. Each procedure profile
 * builds its own calendar (official data from a well-kept library plus the days an administrator
 * adds, such as temporary holidays and election days); period arithmetic (`periods.ts`) asks only
 * this interface.
 */
import type { LegalDate } from "./dates.ts";

export interface HolidayCalendar {
  /** A weekly rest day or a public holiday (official data or added days). */
  isPublicHoliday(d: LegalDate): boolean;
  /** Names of the holidays on `d` (official names, then added ones); "Sunday" for a Sunday. Empty if none. */
  holidayNames(d: LegalDate): string[];
  /** Whether the official holiday data covers `d`'s year. Outside it only rest days and added days are known. */
  covers(d: LegalDate): boolean;
  /** First and last year of the official holiday data. */
  readonly coveredYears: { from: number; to: number };
}

/** A holiday added as data by an administrator: a temporary holiday or an election day. */
export interface ExtraHoliday {
  date: LegalDate;
  name: string;
  /** `temporary`: designated by the government; `election`: an election day. */
  kind: "temporary" | "election";
  /** Where the designation was published. */
  source?: string;
}
