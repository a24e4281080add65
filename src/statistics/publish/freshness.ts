/**
 * How long a publication stays fresh, and whether a client's copy is current: the pure parts of
 * the public routes' HTTP caching (Cache-Control max-age up to the next publication, ETag and
 * Last-Modified validators). A publication is made once per day, at midnight in the deployment's
 * time zone (publication.ts), so a copy is fresh until then.
 */
import { todayIn } from "../../kernel/calendar/dates.ts";

/** When the deployment's day and our idea of its time zone disagree: revalidate often. */
export const FALLBACK_MAX_AGE = 300;

const PARTS = new Map<string, Intl.DateTimeFormat>();

/** The offset of `timeZone` from UTC at the instant `t`, in milliseconds. */
function offsetAt(timeZone: string, t: number): number {
  let format = PARTS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    PARTS.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return local - Math.floor(t / 1000) * 1000;
}

/** The instant the day after `day` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfNextDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split("-").map(Number);
  const midnight = Date.UTC(y!, m! - 1, d! + 1);
  let t = midnight - offsetAt(timeZone, midnight);
  t = midnight - offsetAt(timeZone, t);
  return t;
}

/**
 * Seconds until the next publication: from `now` to the start of the day after `day` in
 * `timeZone`. If `now` is not within `day` there (another time zone, or a clock set elsewhere),
 * FALLBACK_MAX_AGE.
 */
export function secondsToNextPublication(day: string, timeZone: string, now: number): number {
  if (String(todayIn(timeZone, new Date(now))) !== day) return FALLBACK_MAX_AGE;
  return Math.max(0, Math.min(86_400, Math.ceil((startOfNextDay(day, timeZone) - now) / 1000)));
}

/** Whether the request's validators match (RFC 9110 13.1.2 and 13.1.3; If-None-Match first). */
export function notModified(
  headers: { "if-none-match"?: string | undefined; "if-modified-since"?: string | undefined },
  etag: string,
  lastModified: Date,
): boolean {
  const inm = headers["if-none-match"];
  if (inm !== undefined) {
    return inm
      .split(",")
      .map((s) => s.trim().replace(/^W\//, ""))
      .some((tag) => tag === "*" || tag === etag);
  }
  const ims = headers["if-modified-since"];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}
