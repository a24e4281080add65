/**
 * Where and through which channel a demo application is filed, and which examiner takes it:
 * shared by the small demo (`generate.ts`) and the national one (`national/generate.ts`).
 */
import type { Channel } from "../kernel/procedure/profile.ts";
import type { Rng } from "./random.ts";

const IN_COUNTRY_OFFICES: readonly (readonly [string, number])[] = [
  ["seoul", 52],
  ["incheon", 9],
  ["busan", 8],
  ["gwangju", 6],
  ["suwon", 6],
  ["daegu", 5],
  ["seoul-south", 4],
  ["daejeon", 3],
  ["cheongju", 2],
  ["ulsan", 2],
  ["jeju", 3],
];

export function drawChannel(rng: Rng): Channel {
  return rng.weighted([
    ["in_country", 88],
    ["port_of_entry", 9],
    ["detention_centre", 3],
  ] as const);
}

export function drawOffice(rng: Rng, channel: Channel, nationality: string): string {
  if (channel === "port_of_entry") return rng.chance(0.92) ? "incheon-airport" : "jeju";
  if (channel === "detention_centre") return rng.chance(0.7) ? "hwaseong-detention" : "cheongju-detention";
  // Yemeni applicants have often come through Jeju's visa waiver.
  if (nationality === "YEM" && rng.chance(0.4)) return "jeju";
  return rng.weighted(IN_COUNTRY_OFFICES);
}

/** Offices without an entry in `examiners` have four examiners. */
const DEFAULT_EXAMINERS = 4;

/** One of the office's examiners, `examiner-<office>-NN`; `examiners` counts them per office. */
export function examinerFor(rng: Rng, office: string, examiners: Readonly<Record<string, number>>): string {
  const n = rng.int(1, examiners[office] ?? DEFAULT_EXAMINERS);
  return `examiner-${office}-${String(n).padStart(2, "0")}`;
}
