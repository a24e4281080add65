import * as official from "@hyunbinseo/holidays-kr/all";
import { describe, expect, it } from "vitest";
import { dateParts, dayOfWeek } from "../../kernel/calendar/dates.ts";
import { createKoreanCalendar, SEED_EXTRA_HOLIDAYS } from "./calendar.ts";

/** The library's own data, read directly so that the seed check does not go through our code. */
const officialNames = (d: string): readonly string[] | undefined => {
  const presets: Record<string, Readonly<Record<string, readonly string[]>>> = official;
  return presets[`y${dateParts(d).year}`]?.[d];
};

describe("createKoreanCalendar", () => {
  const cal = createKoreanCalendar();

  it("derives the covered years from the library's exports", () => {
    const years = Object.keys(official)
      .filter((k) => /^y\d{4}$/.test(k))
      .map((k) => Number(k.slice(1)));
    expect(cal.coveredYears).toEqual({ from: Math.min(...years), to: Math.max(...years) });
    expect(cal.coveredYears.from).toBeLessThanOrEqual(2018);
    expect(cal.coveredYears.to).toBeGreaterThanOrEqual(2027);
    expect(cal.covers("2018-01-01")).toBe(true);
    expect(cal.covers("2027-12-31")).toBe(true);
    expect(cal.covers("2015-08-14")).toBe(false);
  });

  it("treats Sundays, national, lunar and substitute holidays as public holidays", () => {
    expect(cal.isPublicHoliday("2024-02-11")).toBe(true); // Sunday (and Seollal)
    expect(cal.isPublicHoliday("2023-03-12")).toBe(true); // an ordinary Sunday
    expect(cal.holidayNames("2023-03-12")).toEqual(["Sunday"]);
    expect(cal.isPublicHoliday("2024-02-10")).toBe(true); // Seollal
    expect(cal.holidayNames("2024-02-12")).toEqual(["대체공휴일(설날)"]); // substitute holiday
    expect(cal.isPublicHoliday("2024-10-03")).toBe(true); // National Foundation Day
    expect(cal.isPublicHoliday("2035-01-07")).toBe(true); // Sunday, outside the data
  });

  it("does not treat Saturdays or ordinary weekdays as public holidays", () => {
    expect(cal.isPublicHoliday("2024-02-17")).toBe(false); // Saturday
    expect(cal.isPublicHoliday("2024-02-13")).toBe(false);
    expect(cal.holidayNames("2024-02-13")).toEqual([]);
  });

  it("adds administrator-entered extra holidays and validates them", () => {
    expect(createKoreanCalendar([]).isPublicHoliday("2015-08-14")).toBe(false);
    const custom = createKoreanCalendar([{ date: "2031-06-04", name: "Some election", kind: "election" }]);
    expect(custom.isPublicHoliday("2031-06-04")).toBe(true);
    expect(custom.holidayNames("2031-06-04")).toEqual(["Some election"]);
    expect(() => createKoreanCalendar([{ date: "2031-02-30", name: "x", kind: "temporary" }])).toThrow(
      RangeError,
    );
    expect(() => createKoreanCalendar([{ date: "2031-02-03", name: " ", kind: "temporary" }])).toThrow(
      RangeError,
    );
  });
});

describe("SEED_EXTRA_HOLIDAYS", () => {
  const cal = createKoreanCalendar();

  it("lists the dates of docs/procedure.md §3, each once, with a name and source", () => {
    expect(SEED_EXTRA_HOLIDAYS.map((h) => h.date)).toEqual([
      "2015-08-14",
      "2016-05-06",
      "2017-05-09",
      "2017-10-02",
      "2018-06-13",
      "2020-04-15",
      "2020-08-17",
      "2022-03-09",
      "2022-06-01",
      "2023-10-02",
      "2024-04-10",
      "2024-10-01",
      "2025-01-27",
      "2025-06-03",
      "2026-06-03",
    ]);
    for (const h of SEED_EXTRA_HOLIDAYS) {
      expect(h.name.length).toBeGreaterThan(0);
      expect(h.source?.length ?? 0).toBeGreaterThan(0);
      expect(cal.isPublicHoliday(h.date)).toBe(true);
      expect(cal.holidayNames(h.date)).toContain(h.name);
    }
  });

  it.each(SEED_EXTRA_HOLIDAYS.filter((h) => cal.covers(h.date)))(
    "$date ($name) is listed by the official almanac data",
    (h) => {
      const names = officialNames(h.date);
      expect(names, `${h.date} missing from @hyunbinseo/holidays-kr`).toBeDefined();
      // The kind must match what the almanac calls the day.
      const joined = (names ?? []).join(" ");
      expect(joined).toContain(h.kind === "election" ? "선거" : "임시공휴일");
    },
  );

  /*
   * The 2015–2017 days precede the library's data. They come from these proclamations (each an amendment
   * to, or designation under art. 2 item 11 of, the Regulation on Holidays of Government Offices, published in
   * the Official Gazette, gwanbo.go.kr):
   *   2015-08-14 (Fri): temporary holiday for the 70th anniversary of Liberation, Cabinet decision of August 2015;
   *   2016-05-06 (Fri): temporary holiday between Children's Day and the weekend, Cabinet decision of April 2016;
   *   2017-05-09 (Tue): 19th (early) presidential election, designated a temporary holiday in 2017, since
   *                     item 10 covers only term-expiry elections;
   *   2017-10-02 (Mon): temporary holiday joining the weekend, Armed Forces Day and Chuseok, Cabinet decision of
   *                     September 2017.
   * The months of the Cabinet decisions are given from memory: these entries could not be checked offline
   * against the Gazette. A second public source (python-holidays' SouthKoreaStaticHolidays) lists the same
   * four dates. Verify each against the Gazette before relying on it.
   */
  it.each(SEED_EXTRA_HOLIDAYS.filter((h) => !cal.covers(h.date)))(
    "$date ($name), before the official data, falls on a weekday",
    (h) => {
      expect(dateParts(h.date).year).toBeLessThan(cal.coveredYears.from);
      expect(dayOfWeek(h.date)).toBeGreaterThanOrEqual(1);
      expect(dayOfWeek(h.date)).toBeLessThanOrEqual(5);
    },
  );
});
