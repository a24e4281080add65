import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  compareDates,
  dateParts,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  type LegalDate,
} from "../../kernel/calendar/dates.ts";
import { createKoreanCalendar, SEED_EXTRA_HOLIDAYS } from "./calendar.ts";
import { periodEnd, type PeriodUnit } from "../../kernel/calendar/periods.ts";

const cal = createKoreanCalendar();

describe("periodEnd: worked examples (docs/procedure.md §3)", () => {
  it("CA 160: 6 months from filing on 2022-05-10 end on 2022-11-10", () => {
    expect(periodEnd("2022-05-10", 6, "months", cal)).toEqual({
      dueOn: "2022-11-10",
      nominalEnd: "2022-11-10",
      rolledOver: [],
    });
  });

  it("CA 157 + 161: 30 days from service on 2023-02-10 run to Sunday 2023-03-12, due Monday 03-13", () => {
    expect(periodEnd("2023-02-10", 30, "days", cal)).toEqual({
      dueOn: "2023-03-13",
      nominalEnd: "2023-03-12",
      rolledOver: ["2023-03-12"],
    });
  });

  it("CA 160(3): no 2024-02-31, so 6 months from 2023-08-30 end on 2024-02-29", () => {
    expect(periodEnd("2023-08-30", 6, "months", cal).nominalEnd).toBe("2024-02-29");
    expect(periodEnd("2023-08-30", 6, "months", cal).dueOn).toBe("2024-02-29"); // a Thursday
  });

  it("CA 160(3): no 2023-02-31, so 1 month from 2023-01-30 ends on 2023-02-28", () => {
    expect(periodEnd("2023-01-30", 1, "months", cal).dueOn).toBe("2023-02-28");
  });

  it("CA 160(2): 2 weeks from service of a judgment on 2024-09-10 end on 2024-09-24", () => {
    expect(periodEnd("2024-09-10", 2, "weeks", cal)).toEqual({
      dueOn: "2024-09-24",
      nominalEnd: "2024-09-24",
      rolledOver: [],
    });
  });

  it("CA 161: ending on Seollal 2024-02-10 (Sat) rolls over Sunday 02-11 and the substitute 02-12", () => {
    // 30 days from 2024-01-11 end on 2024-02-10.
    expect(periodEnd("2024-01-11", 30, "days", cal)).toEqual({
      dueOn: "2024-02-13",
      nominalEnd: "2024-02-10",
      rolledOver: ["2024-02-10", "2024-02-11", "2024-02-12"],
    });
  });

  it("CA 161: ending on election day 2024-04-10 moves to 2024-04-11", () => {
    const r = periodEnd("2024-03-11", 30, "days", cal);
    expect(r.nominalEnd).toBe("2024-04-10");
    expect(r.dueOn).toBe("2024-04-11");
  });

  it("CA 161 applies to Saturdays", () => {
    // 7 days from 2024-03-09 end Saturday 2024-03-16 → Monday 03-18.
    expect(periodEnd("2024-03-09", 7, "days", cal).rolledOver).toEqual(["2024-03-16", "2024-03-17"]);
  });

  it("without rollForward the nominal end is the due date", () => {
    expect(periodEnd("2023-02-10", 30, "days", cal, { rollForward: false })).toEqual({
      dueOn: "2023-03-12",
      nominalEnd: "2023-03-12",
      rolledOver: [],
    });
  });

  it("years follow the calendar, including 29 February", () => {
    expect(periodEnd("2023-02-27", 1, "years", cal).nominalEnd).toBe("2024-02-27");
    expect(periodEnd("2023-02-28", 1, "years", cal).nominalEnd).toBe("2024-02-29");
    expect(periodEnd("2024-02-28", 1, "years", cal).nominalEnd).toBe("2025-02-28"); // no 2025-02-29
  });

  it("uses extra holidays outside the official data", () => {
    // 3 days from 2015-08-11 end Friday 2015-08-14 (temporary holiday) → Sat, Sun → Monday 08-17.
    expect(periodEnd("2015-08-11", 3, "days", cal).dueOn).toBe("2015-08-17");
    expect(periodEnd("2015-08-11", 3, "days", createKoreanCalendar([])).dueOn).toBe("2015-08-14");
  });

  it("rejects invalid input with RangeErrors", () => {
    expect(() => periodEnd("2023-02-30", 1, "days", cal)).toThrow(/Invalid legal date/);
    expect(() => periodEnd("2023-02-10", 0, "days", cal)).toThrow(/positive integer/);
    expect(() => periodEnd("2023-02-10", -3, "days", cal)).toThrow(RangeError);
    expect(() => periodEnd("2023-02-10", 1.5, "months", cal)).toThrow(RangeError);
    expect(() => periodEnd("2023-02-10", Number.NaN, "weeks", cal)).toThrow(RangeError);
    expect(() => periodEnd("2023-02-10", 1, "fortnights" as PeriodUnit, cal)).toThrow(/unit/);
  });
});

describe("periodEnd: properties", () => {
  const RUNS = { numRuns: 300 };
  const span = daysBetween("2018-01-01", "2027-12-31");
  const date = fc.integer({ min: 0, max: span }).map((n) => addDays("2018-01-01", n));
  const period = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constant<PeriodUnit>("days")),
    fc.tuple(fc.integer({ min: 1, max: 60 }), fc.constant<PeriodUnit>("weeks")),
    fc.tuple(fc.integer({ min: 1, max: 24 }), fc.constant<PeriodUnit>("months")),
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constant<PeriodUnit>("years")),
  );
  const nonWorking = (d: LegalDate): boolean => dayOfWeek(d) === 6 || cal.isPublicHoliday(d);

  it("the due date is never a Saturday, Sunday or public holiday", () => {
    fc.assert(
      fc.property(date, period, (from, [n, unit]) => {
        const { dueOn } = periodEnd(from, n, unit, cal);
        expect(dayOfWeek(dueOn)).not.toBe(6);
        expect(dayOfWeek(dueOn)).not.toBe(0);
        expect(cal.isPublicHoliday(dueOn)).toBe(false);
      }),
      RUNS,
    );
  });

  it("nominalEnd > from, dueOn >= nominalEnd, and only non-working days are skipped", () => {
    fc.assert(
      fc.property(date, period, (from, [n, unit]) => {
        const { dueOn, nominalEnd, rolledOver } = periodEnd(from, n, unit, cal);
        expect(compareDates(nominalEnd, from)).toBe(1);
        expect(compareDates(dueOn, nominalEnd)).toBeGreaterThanOrEqual(0);
        const gap = daysBetween(nominalEnd, dueOn);
        expect(rolledOver).toEqual(Array.from({ length: gap }, (_, i) => addDays(nominalEnd, i)));
        for (const d of rolledOver) expect(nonWorking(d)).toBe(true);
      }),
      RUNS,
    );
  });

  it("is monotonic: a later start never gives an earlier due date", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), period, (from, delta, [n, unit]) => {
        const earlier = periodEnd(from, n, unit, cal);
        const later = periodEnd(addDays(from, delta), n, unit, cal);
        expect(compareDates(later.nominalEnd, earlier.nominalEnd)).toBeGreaterThanOrEqual(0);
        expect(compareDates(later.dueOn, earlier.dueOn)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("adding a holiday never moves a due date earlier", () => {
    fc.assert(
      fc.property(date, period, fc.integer({ min: 0, max: 1200 }), (from, [n, unit], offset) => {
        const extraDay = addDays(from, offset);
        const more = createKoreanCalendar([
          ...SEED_EXTRA_HOLIDAYS,
          { date: extraDay, name: "Test holiday", kind: "temporary" },
        ]);
        const before = periodEnd(from, n, unit, cal);
        const after = periodEnd(from, n, unit, more);
        expect(after.nominalEnd).toBe(before.nominalEnd);
        expect(compareDates(after.dueOn, before.dueOn)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("day periods: nominalEnd = from + amount days (CA 157)", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 1000 }), (from, n) => {
        expect(periodEnd(from, n, "days", cal).nominalEnd).toBe(addDays(from, n));
        expect(periodEnd(from, n, "weeks", cal).nominalEnd).toBe(addDays(from, 7 * n));
      }),
      RUNS,
    );
  });

  it("month periods end the day before the corresponding day, or on the month's last day (CA 160)", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 36 }), (from, n) => {
        const first = dateParts(addDays(from, 1));
        const end = periodEnd(from, n, "months", cal).nominalEnd;
        const next = dateParts(addDays(end, 1));
        const e = dateParts(end);
        const monthsApart = (x: { year: number; month: number }) =>
          (x.year - first.year) * 12 + (x.month - first.month);
        if (next.day === first.day) {
          expect(monthsApart(next)).toBe(n); // the corresponding day exists
        } else {
          expect(monthsApart(e)).toBe(n);
          expect(e.day).toBe(daysInMonth(e.year, e.month));
          expect(first.day).toBeGreaterThan(e.day); // the corresponding day is missing
        }
      }),
      RUNS,
    );
  });
});
