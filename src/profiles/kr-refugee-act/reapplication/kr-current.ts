/**
 * Korea, the law in force: there is no eligibility review. A re-application without a material
 * change of circumstances may be examined in a simplified procedure (RA 8(5) 2) and, at a port of
 * entry, not referred (RD 5(1) 5); it is still decided, with every remedy, and the person stays an
 * applicant until the decision is final.
 */
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";

export const KR_CURRENT: ReapplicationPolicy = {
  id: "kr-current",
  title: {
    en: "Korea, law in force: simplified procedure for a re-application without a material change",
    ko: "현행법: 중대한 사정변경 없는 재신청에 대한 심사절차 일부 생략",
  },
  jurisdiction: "KR",
  standing: "law",
  inForce: { from: "2013-07-01", to: null },
  sources: [
    {
      cite: "RA 8(5) 2",
      provides:
        "the Minister of Justice may, as the Presidential Decree provides, omit part of the examination procedure of RA 8(1)-(4) for a person who was not recognized as a refugee, or whose recognition was cancelled under RA 22, and who applies again without a material change of circumstances (중대한 사정의 변경 없이)",
    },
    {
      cite: "RD 5(1) 5",
      provides:
        "at a port of entry, the Minister may decide not to refer to the recognition procedure a person who was not recognized, or whose recognition was cancelled, and who applies again without a material change of circumstances",
    },
    {
      cite: "RA 2(4)",
      provides:
        "an applicant is a person whose application is being examined, who was refused and for whom the periods to object or to sue have not passed, or whose administrative appeal or suit against a refusal is pending",
    },
    {
      cite: "RA 5(6)",
      provides: "an applicant may stay in Korea until the decision on their recognition is final",
    },
    {
      cite: "RA 21(1)",
      provides: "an objection to a refusal within 30 days of service of its notice",
    },
    {
      cite: "ALA 20(1)",
      provides:
        "a suit within 90 days of service of the decision (of the objection decision where an objection was filed)",
    },
  ],
  assumptions: [
    {
      key: "not-recognized",
      text: "RA 8(5) 2 and RD 5(1) 5 speak of a person who was 'not recognized' (난민인정을 받지 못한 사람). OpenRSD reads it as a person whose earlier application ended with a decision that did not recognize them: a refusal (on the merits, or resting on false documents), or a non-referral at a port. A withdrawal and a termination for missed interviews (RA 8(6)) end an application without such a decision and are not read as covered.",
    },
    {
      key: "cancelled-or-ceased",
      text: "RA 8(5) 2 names recognition 'cancelled under Article 22'; RA 22 provides both cancellation (22(1)) and withdrawal of recognition (22(2)), and OpenRSD's ending `protection_ended` does not tell them apart. This policy takes both.",
    },
    {
      key: "parts-omitted",
      text: "Which parts of the procedure may be omitted is left to the Presidential Decree. OpenRSD reads that the interview may be omitted (interview: optional) and that nothing else changes: the application is decided, and a refusal has every remedy.",
    },
    {
      key: "rd-wording",
      text: "RD 5(1) 5 is cited in the wording of Presidential Decree No. 31907 (promulgated 27 July 2021); whether earlier versions numbered the ground the same is not checked.",
    },
    {
      key: "port-remedy",
      text: "A non-referral at a port (RD 5(1) 5) is not open to objection under RA 21; it is challenged by suit (ALA 20), as the profile models it. The remedy below is that of a refusal.",
    },
  ],
  trigger: {
    priorEndings: ["refused_on_merits", "refused_false_documents", "protection_ended", "not_referred"],
    channels: null,
    description:
      "an earlier application ended without recognition by a decision, or recognition was cancelled or withdrawn; in the country (RA 8(5) 2) and at a port of entry (RD 5(1) 5)",
  },
  elementsCompared: ["fact", "evidence", "audience", "coi", "law", "foreign_state_action"],
  test: "material_change",
  noFault: null,
  decisionPeriodDays: null,
  interview: "optional",
  statusDuring: "applicant",
  onIneligible: {
    outcome: "simplified_procedure",
    applicantStatus: "kept",
    removal: "barred_until_decided_on_merits",
  },
  remedy: {
    kind: "objection_and_suit",
    days: 30,
    suspensive: true,
    description:
      "no remedy against the choice of the simplified procedure itself; the decision on the application is open to objection within 30 days of service (RA 21(1)) and to suit within 90 days (ALA 20(1)), and the person stays an applicant while they run (RA 2(4), RA 5(6))",
  },
};
