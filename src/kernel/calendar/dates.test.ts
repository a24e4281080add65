import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isLegalDate,
  lastDayOfMonth,
  parseLegalDate,
  todayIn,
} from "./dates.ts";

describe("isLegalDate / parseLegalDate", () => {
  it("accepts real dates in strict YYYY-MM-DD form", () => {
    for (const d of ["2024-02-29", "2000-02-29", "2023-12-31", "0001-01-01", "9999-12-31"]) {
      expect(isLegalDate(d)).toBe(true);
      expect(parseLegalDate(d)).toBe(d);
    }
  });

  it("rejects impossible dates and loose formats", () => {
    const bad = [
      "2023-02-29",
      "1900-02-29",
      "2023-04-31",
      "2023-13-01",
      "2023-00-10",
      "2023-01-00",
      "0000-01-01",
      "2023-2-1",
      " 2023-01-01",
      "2023-01-01T00:00:00Z",
      "20230101",
      "",
      undefined,
      20230101,
    ];
    for (const d of bad) {
      expect(isLegalDate(d)).toBe(false);
      expect(() => parseLegalDate(d)).toThrow(RangeError);
    }
    expect(() => parseLegalDate("2023-02-29")).toThrow(/Invalid legal date "2023-02-29"/);
  });
});

describe("arithmetic", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2023-02-10", 30)).toBe("2023-03-12");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("0050-03-01", -1)).toBe("0050-02-28");
    expect(() => addDays("2024-01-01", 1.5)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
  });

  it("adds months, clamping to the month's last day", () => {
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-08-31", 6)).toBe("2024-02-29");
    expect(addMonths("2023-03-15", -3)).toBe("2022-12-15");
    expect(addMonths("2023-03-15", 24)).toBe("2025-03-15");
  });

  it("knows weekdays and month lengths", () => {
    expect(dayOfWeek("1970-01-01")).toBe(4);
    expect(dayOfWeek("2023-03-12")).toBe(0);
    expect(dayOfWeek("2024-02-10")).toBe(6);
    expect(dayOfWeek("2024-04-10")).toBe(3);
    expect(lastDayOfMonth(2024, 2)).toBe("2024-02-29");
    expect(lastDayOfMonth(2023, 2)).toBe("2023-02-28");
    expect(lastDayOfMonth(2023, 4)).toBe("2023-04-30");
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(() => lastDayOfMonth(2023, 13)).toThrow(RangeError);
  });

  it("counts and compares", () => {
    expect(daysBetween("2023-02-10", "2023-03-12")).toBe(30);
    expect(daysBetween("2023-03-12", "2023-02-10")).toBe(-30);
    expect(compareDates("2023-01-01", "2023-01-02")).toBe(-1);
    expect(compareDates("2023-01-02", "2023-01-02")).toBe(0);
    expect(compareDates("2024-01-01", "2023-12-31")).toBe(1);
  });

  const anyDate = fc.integer({ min: 0, max: 2_500_000 }).map((n) => addDays("1900-01-01", n));

  it("addDays and daysBetween are inverse; compareDates agrees with string order", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -50_000, max: 50_000 }), anyDate, (d, n, e) => {
        const moved = addDays(d, n);
        expect(isLegalDate(moved)).toBe(true);
        expect(daysBetween(d, moved)).toBe(n);
        expect(addDays(moved, -n)).toBe(d);
        expect(dayOfWeek(moved)).toBe((((dayOfWeek(d) + n) % 7) + 7) % 7);
        expect(compareDates(d, e)).toBe(d < e ? -1 : d > e ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("todayIn", () => {
  it("uses the Asia/Seoul date (UTC+9) of the given instant", () => {
    expect(todayIn("Asia/Seoul", new Date("2024-01-01T14:59:59.999Z"))).toBe("2024-01-01");
    expect(todayIn("Asia/Seoul", new Date("2024-01-01T15:00:00Z"))).toBe("2024-01-02");
    expect(todayIn("Asia/Seoul", new Date("2023-12-31T23:00:00-05:00"))).toBe("2024-01-01");
    expect(todayIn("Asia/Seoul", new Date("2024-02-28T15:30:00Z"))).toBe("2024-02-29");
  });

  it("rejects an invalid instant", () => {
    expect(() => todayIn("Asia/Seoul", new Date("nope"))).toThrow(RangeError);
  });
});
