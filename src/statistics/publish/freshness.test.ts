import { describe, expect, it } from "vitest";
import { FALLBACK_MAX_AGE, notModified, secondsToNextPublication, startOfNextDay } from "./freshness.ts";

describe("freshness of a publication", () => {
  it("the next day starts at midnight in the time zone, across daylight saving time", () => {
    expect(new Date(startOfNextDay("2026-01-05", "Asia/Seoul")).toISOString()).toBe(
      "2026-01-05T15:00:00.000Z",
    );
    expect(new Date(startOfNextDay("2026-12-31", "Asia/Seoul")).toISOString()).toBe(
      "2026-12-31T15:00:00.000Z",
    );
    // New York: daylight saving time starts at 02:00 on 8 March 2026
    expect(new Date(startOfNextDay("2026-03-07", "America/New_York")).toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
    expect(new Date(startOfNextDay("2026-03-08", "America/New_York")).toISOString()).toBe(
      "2026-03-09T04:00:00.000Z",
    );
  });

  it("max-age is the seconds to that midnight, or the fallback when the clock is on another day", () => {
    const t = (iso: string) => Date.parse(iso);
    expect(secondsToNextPublication("2026-01-05", "Asia/Seoul", t("2026-01-05T11:00:00Z"))).toBe(4 * 3600);
    expect(secondsToNextPublication("2026-01-05", "Asia/Seoul", t("2026-01-05T14:59:59.500Z"))).toBe(1);
    expect(secondsToNextPublication("2026-01-05", "Asia/Seoul", t("2026-01-05T15:00:00Z"))).toBe(
      FALLBACK_MAX_AGE,
    );
    expect(secondsToNextPublication("2026-01-05", "UTC", t("2026-01-05T11:00:00Z"))).toBe(13 * 3600);
  });

  it("If-None-Match decides when present (lists, weak tags, *); else If-Modified-Since", () => {
    const made = new Date("2026-01-05T02:00:00Z");
    const tag = '"abc-json-ko"';
    expect(notModified({ "if-none-match": tag }, tag, made)).toBe(true);
    expect(notModified({ "if-none-match": `"x", W/${tag}` }, tag, made)).toBe(true);
    expect(notModified({ "if-none-match": "*" }, tag, made)).toBe(true);
    expect(notModified({ "if-none-match": '"x"', "if-modified-since": made.toUTCString() }, tag, made)).toBe(
      false,
    );
    expect(notModified({ "if-modified-since": made.toUTCString() }, tag, made)).toBe(true);
    expect(notModified({ "if-modified-since": "Mon, 05 Jan 2026 01:59:59 GMT" }, tag, made)).toBe(false);
    expect(notModified({ "if-modified-since": "yesterday" }, tag, made)).toBe(false);
    expect(notModified({}, tag, made)).toBe(false);
  });
});
