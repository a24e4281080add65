/**
 * Policies for the simulation's tests: written here so that the tests say, in one place, the rule
 * their hand-counted answers rest on (the real policies' own tests check them against their texts).
 */
import type { ReapplicationPolicy } from "../../kernel/reapplication/policy.ts";

/** Like a bill requiring substantial changes: refused, no-show and false-document endings; status lost. */
export const TEST_SCREENING_POLICY: ReapplicationPolicy = {
  id: "test-screening",
  title: { en: "Test eligibility review", ko: "시험용 적격심사" },
  jurisdiction: "KR",
  standing: "bill",
  inForce: { from: null, to: null },
  sources: [{ cite: "test", provides: "a policy for the simulation's tests" }],
  assumptions: [],
  trigger: {
    priorEndings: ["refused_on_merits", "terminated_no_show", "refused_false_documents"],
    channels: null,
    description:
      "an earlier application refused, terminated for missed interviews, or refused for false documents",
  },
  elementsCompared: ["fact", "evidence", "audience", "coi", "foreign_state_action"],
  test: "material_change",
  noFault: null,
  decisionPeriodDays: 21,
  interview: "optional",
  statusDuring: "applicant",
  onIneligible: { outcome: "ineligible", applicantStatus: "lost", removal: "after_notice" },
  remedy: { kind: "objection_and_suit", days: 30, suspensive: false, description: "objection or suit" },
};

/** The same test, but an ineligible re-applicant stays an applicant (a simplified procedure). */
export const TEST_SIMPLIFIED_POLICY: ReapplicationPolicy = {
  ...TEST_SCREENING_POLICY,
  id: "test-simplified",
  title: { en: "Test simplified procedure", ko: "시험용 간이절차" },
  standing: "law",
  onIneligible: {
    outcome: "simplified_procedure",
    applicantStatus: "kept",
    removal: "barred_until_decided_on_merits",
  },
};
