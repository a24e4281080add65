/**
 * Public holidays of the Republic of Korea, as counted by the Regulation on Holidays of Government
 * Offices (관공서의 공휴일에 관한 규정, art. 2): Sundays, national holidays, lunar-calendar holidays,
 * substitute holidays (art. 3), election days and temporary holidays designated by the government.
 *
 * Regular holidays come from `@hyunbinseo/holidays-kr`, which transcribes the official almanac
 * (월력요항, KASI / Official Gazette). Election days and temporary holidays are also added as data
 * (`ExtraHoliday`), so an administrator can record a newly proclaimed one before the library ships it,
 * and so the system knows those outside the library's years.
 *
 * Saturday is not a public holiday; the Civil Act treats it like one for periods (see `periods.ts`).
 */
import * as official from "@hyunbinseo/holidays-kr/all";
import {
  dateParts,
  dayOfWeek,
  fromParts,
  parseLegalDate,
  type LegalDate,
} from "../../kernel/calendar/dates.ts";
import type { ExtraHoliday, HolidayCalendar } from "../../kernel/calendar/holidays.ts";

export type { ExtraHoliday, HolidayCalendar };

const ELECTION_DAY = "Election day: Regulation on Holidays of Government Offices art. 2 item 10";
const DESIGNATED =
  "Temporary holiday designated by the Government (Cabinet decision): Regulation on Holidays of Government Offices art. 2 item 11";
const ALMANAC = "also listed in the KASI almanac (월력요항) via @hyunbinseo/holidays-kr";

/**
 * Election days and temporary holidays since 2015 (docs/procedure.md §3).
 * Those from 2018 on are cross-checked in tests against the official almanac data; the 2015–2017 ones
 * precede that data and must be checked against the Official Gazette (gwanbo.go.kr) — see holidays.test.ts.
 * Early (non-term-expiry) elections, 2017-05-09 and 2025-06-03, are not covered by item 10 and were
 * designated as temporary holidays; they are recorded here as elections.
 */
export const SEED_EXTRA_HOLIDAYS: readonly ExtraHoliday[] = [
  {
    date: "2015-08-14",
    name: "Temporary public holiday (70th Liberation anniversary)",
    kind: "temporary",
    source: DESIGNATED,
  },
  {
    date: "2016-05-06",
    name: "Temporary public holiday (Children's Day long weekend)",
    kind: "temporary",
    source: DESIGNATED,
  },
  {
    date: "2017-05-09",
    name: "19th presidential election",
    kind: "election",
    source: `Early presidential election; ${DESIGNATED}`,
  },
  {
    date: "2017-10-02",
    name: "Temporary public holiday (Chuseok long weekend)",
    kind: "temporary",
    source: DESIGNATED,
  },
  {
    date: "2018-06-13",
    name: "7th nationwide local elections",
    kind: "election",
    source: `${ELECTION_DAY}; ${ALMANAC}`,
  },
  {
    date: "2020-04-15",
    name: "21st National Assembly election",
    kind: "election",
    source: `${ELECTION_DAY}; ${ALMANAC}`,
  },
  {
    date: "2020-08-17",
    name: "Temporary public holiday (Liberation Day long weekend)",
    kind: "temporary",
    source: `${DESIGNATED}; ${ALMANAC}`,
  },
  {
    date: "2022-03-09",
    name: "20th presidential election",
    kind: "election",
    source: `${ELECTION_DAY}; ${ALMANAC}`,
  },
  {
    date: "2022-06-01",
    name: "8th nationwide local elections",
    kind: "election",
    source: `${ELECTION_DAY}; ${ALMANAC}`,
  },
  {
    date: "2023-10-02",
    name: "Temporary public holiday (Chuseok long weekend)",
    kind: "temporary",
    source: `${DESIGNATED}; ${ALMANAC}`,
  },
  {
    date: "2024-04-10",
    name: "22nd National Assembly election",
    kind: "election",
    source: `${ELECTION_DAY}; ${ALMANAC}`,
  },
  {
    date: "2024-10-01",
    name: "Temporary public holiday (76th Armed Forces Day)",
    kind: "temporary",
    source: `${DESIGNATED}; ${ALMANAC}`,
  },
  {
    date: "2025-01-27",
    name: "Temporary public holiday (Seollal long weekend)",
    kind: "temporary",
    source: `${DESIGNATED}; ${ALMANAC}`,
  },
  {
    date: "2025-06-03",
    name: "21st presidential election",
    kind: "election",
    source: `Early presidential election; ${DESIGNATED}; ${ALMANAC}`,
  },
  {
    date: "2026-06-03",
    name: "9th nationwide local elections",
    kind: "election",
    source: `${ELECTION_DAY}; ${ALMANAC}`,
  },
];

/** The official data as one map `date → names`, and the set of years it covers (from the `yYYYY` exports). */
function loadOfficial(): { byDate: Map<LegalDate, readonly string[]>; years: Set<number> } {
  const byDate = new Map<LegalDate, readonly string[]>();
  const years = new Set<number>();
  const presets: Record<string, Readonly<Record<string, readonly string[]>>> = official;
  for (const [key, preset] of Object.entries(presets)) {
    const m = /^y(\d{4})$/.exec(key);
    if (!m) continue;
    years.add(Number(m[1]));
    for (const [date, names] of Object.entries(preset)) byDate.set(parseLegalDate(date), names);
  }
  if (years.size === 0) throw new Error("@hyunbinseo/holidays-kr/all exported no yearly holiday data");
  return { byDate, years };
}

const OFFICIAL = loadOfficial();

/** Builds the Korean public-holiday calendar from the official data plus `extra` election/temporary days. */
export function createKoreanCalendar(extra: readonly ExtraHoliday[] = SEED_EXTRA_HOLIDAYS): HolidayCalendar {
  const extras = new Map<LegalDate, string[]>();
  for (const h of extra) {
    const date = parseLegalDate(h.date);
    if (typeof h.name !== "string" || h.name.trim() === "") {
      throw new RangeError(`Extra holiday on ${date} needs a name`);
    }
    if (h.kind !== "temporary" && h.kind !== "election") {
      throw new RangeError(`Extra holiday on ${date} has unknown kind ${JSON.stringify(h.kind)}`);
    }
    extras.set(date, [...(extras.get(date) ?? []), h.name]);
  }
  const years = [...OFFICIAL.years];
  const coveredYears = { from: Math.min(...years), to: Math.max(...years) };

  function holidayNames(d: LegalDate): string[] {
    const names = [...(OFFICIAL.byDate.get(parseLegalDate(d)) ?? []), ...(extras.get(d) ?? [])];
    if (dayOfWeek(d) === 0) names.push("Sunday");
    return [...new Set(names)];
  }

  return {
    isPublicHoliday: (d) => dayOfWeek(d) === 0 || OFFICIAL.byDate.has(d) || extras.has(d),
    holidayNames,
    covers: (d) => OFFICIAL.years.has(dateParts(d).year),
    coveredYears,
  };
}

/** Korea's time zone: "today", as the law counts it, is the current date in Asia/Seoul. */
export const TIME_ZONE = "Asia/Seoul";

const SEOUL = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  calendar: "gregory",
  numberingSystem: "latn",
  year: "numeric",
  month: "numeric",
  day: "numeric",
});

/** The calendar date in Asia/Seoul at the instant `now` (supplied by the caller; nothing here reads a clock). */
export function todayInSeoul(now: Date): LegalDate {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError("todayInSeoul needs a valid Date instant");
  }
  const parts = SEOUL.formatToParts(now);
  const get = (type: "year" | "month" | "day"): number => Number(parts.find((p) => p.type === type)?.value);
  return fromParts(get("year"), get("month"), get("day"));
}
