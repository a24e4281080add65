/**
 * For comparison: Canada's ineligibility of repeat claims (Immigration and Refugee Protection Act,
 * s. 101(1)(b)-(c)). A claim after one rejected, withdrawn, abandoned or found ineligible is not
 * referred to the Refugee Protection Division, whatever is new.
 */
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";

export const CA_IRPA_101: ReapplicationPolicy = {
  id: "ca-irpa-101",
  title: {
    en: "Canada, IRPA s. 101(1)(b)-(c): repeat claims ineligible",
    ko: "캐나다 이민난민보호법 제101조 제1항 (b)-(c)호: 반복 청구의 부적격",
  },
  jurisdiction: "CA",
  standing: "comparison",
  inForce: { from: "2002-06-28", to: null },
  sources: [
    {
      cite: "IRPA s. 101(1)(b)",
      provides:
        "a claim is ineligible to be referred to the Refugee Protection Division if a claim for refugee protection by the claimant has been rejected by the Board",
    },
    {
      cite: "IRPA s. 101(1)(c)",
      provides:
        "a claim is ineligible if a prior claim by the claimant was determined to be ineligible to be referred, or to have been withdrawn or abandoned",
    },
    {
      cite: "IRPA s. 100(1)",
      provides: "an officer determines eligibility within three working days after receipt of the claim",
    },
    {
      cite: "IRPA s. 72(1), 72(2)(b)",
      provides:
        "judicial review by the Federal Court, with leave; the application for leave is filed within 15 days after notice of the decision for a matter arising in Canada",
    },
    {
      cite: "IRPA s. 112, 113(a)",
      provides:
        "a pre-removal risk assessment, in which a person whose claim was rejected may present only new evidence that arose after the rejection or was not reasonably available",
    },
  ],
  assumptions: [
    {
      key: "working-days",
      text: "The three days of s. 100(1) are working days; OpenRSD shows 3 and counts them as calendar days rolled forward past holidays, which can be shorter than the Act's period.",
    },
    {
      key: "abandoned",
      text: "A Korean termination for missed interviews (RA 8(6)) is read as an abandoned claim, and a non-referral or earlier ineligibility as a claim determined ineligible (s. 101(1)(c)).",
    },
    {
      key: "protection-ended",
      text: "Ended protection is not read as a trigger: s. 101(1)(a) concerns protection conferred, and how a person whose protection ceased or was vacated is treated is not modelled.",
    },
    {
      key: "prra",
      text: "New evidence goes to a pre-removal risk assessment (s. 112-113), not to the eligibility decision; OpenRSD does not model that assessment, so nothing is compared here.",
    },
  ],
  trigger: {
    priorEndings: [
      "refused_on_merits",
      "refused_false_documents",
      "withdrawn",
      "terminated_no_show",
      "not_referred",
    ],
    channels: null,
    description: "a prior claim was rejected, withdrawn, abandoned or determined ineligible",
  },
  elementsCompared: [],
  test: "bar",
  noFault: null,
  decisionPeriodDays: 3,
  interview: "not_required",
  statusDuring: "applicant",
  onIneligible: { outcome: "ineligible", applicantStatus: "lost", removal: "after_notice" },
  remedy: {
    kind: "judicial_review",
    days: 15,
    suspensive: false,
    description:
      "judicial review by the Federal Court with leave, applied for within 15 days (s. 72(2)(b)); it does not of itself stay removal",
  },
};
