/**
 * The zod schemas of the neutral vocabulary that every profile and the API share: a legal date,
 * and the filing's channel and kind.
 */
import { z } from "zod";

/**
 * The dates OpenRSD takes at all: birth dates and the procedure's dates fall in it, and every date
 * counted from them stays a four-digit year the database stores. A date outside (year 0000, which
 * PostgreSQL does not have, or 9999, whose periods run past year 9999) is bad input, refused with
 * 422 before it reaches any query.
 */
export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2100-12-31";

/** A calendar date as the law counts it (`YYYY-MM-DD`), never a timestamp. */
export const LegalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a real calendar date")
  .refine((s) => s >= EARLIEST_DATE && s <= LATEST_DATE, `a date from ${EARLIEST_DATE} to ${LATEST_DATE}`)
  .meta({ format: "date" });

export const PartySchema = z.enum(["applicant", "authority"]);
export const ChannelSchema = z.enum(["in_country", "port_of_entry", "detention_centre"]);
export const CaseKindSchema = z.enum(["first", "subsequent"]);
