/** The examination's calls (src/examination/routes.ts), typed from the contract. */
import type { z } from "zod";
import type * as C from "../../../../../src/contracts/api.ts";
import { request, type CaseView, type DecisionDraft } from "../../../api.ts";

type Of<S extends z.ZodType> = z.infer<S>;
type In<S extends z.ZodType> = z.input<S>;

export type Fact = Of<typeof C.FactSchema>;
export type FactInput = In<typeof C.FactInputSchema>;
export type LinkInput = In<typeof C.LinkInputSchema>;
export type Assessment = Of<typeof C.AssessmentSchema>;
export type AssessmentContent = Of<typeof C.AssessmentContentSchema>;
export type FactFinding = AssessmentContent["facts"][number];
export type CheckResult = Of<typeof C.CheckResultSchema>;
export type Sources = Of<typeof C.ExaminationSourcesSchema>;
export type Ground = Of<typeof C.ConventionGroundSchema>;

export const GROUNDS: readonly Ground[] = [
  "race",
  "religion",
  "nationality",
  "particular_social_group",
  "political_opinion",
];
export const INDICATORS = [
  "detail",
  "internalConsistency",
  "externalConsistency",
  "coiConsistency",
  "plausibility",
] as const;
export const FINDINGS = ["accepted", "rejected", "benefit_of_doubt"] as const;
export const OUTCOMES = ["recognized", "not_recognized", "humanitarian_stay", "excluded"] as const;

const seg = encodeURIComponent;
const base = (caseId: string) => `/cases/${seg(caseId)}`;

export const examKeys = {
  facts: (caseId: string) => ["cases", caseId, "examination", "facts"] as const,
  assessment: (caseId: string) => ["cases", caseId, "examination", "assessment"] as const,
  check: (caseId: string) => ["cases", caseId, "examination", "check"] as const,
  sources: (caseId: string) => ["cases", caseId, "examination", "sources"] as const,
  all: (caseId: string) => ["cases", caseId, "examination"] as const,
};

export const exam = {
  facts: async (caseId: string, signal?: AbortSignal) =>
    (await request<{ items: Fact[] }>("GET", `${base(caseId)}/facts`, { signal })).data.items,
  addFact: async (caseId: string, body: FactInput) =>
    (await request<Fact>("POST", `${base(caseId)}/facts`, { body })).data,
  reviseFact: async (caseId: string, fact: Fact, body: FactInput) =>
    (
      await request<Fact>("PUT", `${base(caseId)}/facts/${seg(fact.id)}`, {
        body,
        headers: { "if-match": `"${fact.version}"` },
      })
    ).data,
  withdrawFact: async (caseId: string, factId: string, reason: string) =>
    (await request<Fact>("POST", `${base(caseId)}/facts/${seg(factId)}/withdrawal`, { body: { reason } }))
      .data,
  setLinks: async (caseId: string, factId: string, links: LinkInput[]) =>
    (await request<Fact>("PUT", `${base(caseId)}/facts/${seg(factId)}/links`, { body: { links } })).data,
  sources: async (caseId: string, signal?: AbortSignal) =>
    (await request<Sources>("GET", `${base(caseId)}/examination/sources`, { signal })).data,
  assessment: async (caseId: string, signal?: AbortSignal) =>
    (await request<Assessment>("GET", `${base(caseId)}/assessment`, { signal })).data,
  saveAssessment: async (caseId: string, version: number, body: AssessmentContent) =>
    (
      await request<Assessment>("PUT", `${base(caseId)}/assessment`, {
        body,
        ...(version > 0 ? { headers: { "if-match": `"${version}"` } } : {}),
      })
    ).data,
  check: async (caseId: string, signal?: AbortSignal) =>
    (await request<CheckResult>("GET", `${base(caseId)}/assessment/check`, { signal })).data,
  draft: async (caseId: string, caseVersion: number, language: "ko" | "en") =>
    (
      await request<DecisionDraft | CaseView>("POST", `${base(caseId)}/assessment/draft`, {
        body: { language },
        headers: { "if-match": `"${caseVersion}"` },
      })
    ).data,
};
