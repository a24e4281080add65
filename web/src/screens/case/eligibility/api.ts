/** The eligibility review calls (src/reapplications/review/routes.ts), typed from the contract. */
import type { z } from "zod";
import type * as C from "../../../../../src/contracts/eligibility.ts";
import { request } from "../../../api.ts";

export type EligibilityReview = z.infer<typeof C.EligibilityReviewSchema>;
export type Policy = z.infer<typeof C.ReapplicationPolicySchema>;
export type PolicyList = z.infer<typeof C.ReapplicationPolicyListSchema>;
export type OfficePolicy = z.infer<typeof C.OfficePolicySchema>;
export type ProposalInput = z.input<typeof C.ReviewProposalInputSchema>;
export type OfficePolicyInput = z.input<typeof C.OfficePolicyInputSchema>;

const enc = encodeURIComponent;

export const eligibilityKey = (caseId: string) => ["cases", caseId, "eligibility-review"] as const;
export const policiesKey = ["reapplication-policies"] as const;
export const officePolicyKey = (office: string) => ["offices", office, "reapplication-policy"] as const;

export const eligibilityApi = {
  get: async (caseId: string, signal?: AbortSignal) =>
    (await request<EligibilityReview>("GET", `/cases/${enc(caseId)}/eligibility-review`, { signal })).data,
  propose: async (caseId: string, version: number, body: ProposalInput) =>
    (
      await request<{ id: string }>("POST", `/cases/${enc(caseId)}/eligibility-review`, {
        body,
        headers: { "if-match": `"${version}"` },
      })
    ).data,
  policies: async (signal?: AbortSignal) =>
    (await request<PolicyList>("GET", "/reapplication-policies", { signal })).data,
  officePolicy: async (office: string, signal?: AbortSignal) =>
    (await request<OfficePolicy>("GET", `/offices/${enc(office)}/reapplication-policy`, { signal })).data,
  setOfficePolicy: async (office: string, body: OfficePolicyInput) =>
    (await request<OfficePolicy>("PUT", `/offices/${enc(office)}/reapplication-policy`, { body })).data,
};
