/**
 * The zod schemas of the neutral vocabulary that every profile and the API share: a legal date,
 * and the filing's channel and kind.
 */
import { z } from "zod";

/** A calendar date as the law counts it (`YYYY-MM-DD`), never a timestamp. */
export const LegalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a real calendar date")
  .meta({ format: "date" });

export const PartySchema = z.enum(["applicant", "authority"]);
export const ChannelSchema = z.enum(["in_country", "port_of_entry", "detention_centre"]);
export const CaseKindSchema = z.enum(["first", "subsequent"]);
