/**
 * The re-application policies an office of the Korean profile may run, and the simulation of a
 * policy on history (docs/eligibility-review.md): Korea's law in force (the default), the two
 * Korean bills, and, for comparison, the EU, the United Kingdom, Canada and Australia. Each policy
 * is a value in a file of its own, with the texts it rests on and the readings it takes.
 */
import type { LegalDate } from "../../../kernel/calendar/dates.ts";
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";
import { AU_S48A } from "./au-s48a.ts";
import { CA_IRPA_101 } from "./ca-irpa-101.ts";
import { EU_2024_1348 } from "./eu-2024-1348.ts";
import { EU_APD_2013 } from "./eu-apd-2013.ts";
import { KR_2021_BILL } from "./kr-2021-bill.ts";
import { KR_2025_BILL } from "./kr-2025-bill.ts";
import { KR_CURRENT } from "./kr-current.ts";
import { UK_PARA_353 } from "./uk-para-353.ts";

export {
  AU_S48A,
  CA_IRPA_101,
  EU_2024_1348,
  EU_APD_2013,
  KR_2021_BILL,
  KR_2025_BILL,
  KR_CURRENT,
  UK_PARA_353,
};

export const REAPPLICATION_POLICIES: readonly ReapplicationPolicy[] = [
  KR_CURRENT,
  KR_2021_BILL,
  KR_2025_BILL,
  EU_APD_2013,
  EU_2024_1348,
  UK_PARA_353,
  CA_IRPA_101,
  AU_S48A,
];

export const POLICY_IDS = [
  "kr-current",
  "kr-2021-bill",
  "kr-2025-bill",
  "eu-apd-2013",
  "eu-2024-1348",
  "uk-para-353",
  "ca-irpa-101",
  "au-s48a",
] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

/** The policy an office runs until an administrator sets another: the law in force. */
export const DEFAULT_POLICY: PolicyId = "kr-current";

export function policyById(id: string): ReapplicationPolicy | undefined {
  return REAPPLICATION_POLICIES.find((p) => p.id === id);
}

/**
 * Whether `policy` is law on `on`: a law in force then (a comparison from another jurisdiction or a
 * bill never is, in Korea). An office may still run another policy, with a warning.
 */
export function isLawOn(policy: ReapplicationPolicy, on: LegalDate): boolean {
  if (policy.standing !== "law") return false;
  const { from, to } = policy.inForce;
  return (from === null || from <= on) && (to === null || on <= to);
}
