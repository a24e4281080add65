/**
 * For comparison: the EU Asylum Procedure Regulation (Regulation (EU) 2024/1348), Art. 55-56, which
 * applies from 12 June 2026 and replaces Directive 2013/32/EU.
 */
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";

export const EU_2024_1348: ReapplicationPolicy = {
  id: "eu-2024-1348",
  title: {
    en: "EU, Regulation 2024/1348: preliminary examination of subsequent applications",
    ko: "EU 망명절차규정(2024/1348): 후속 신청의 예비심사",
  },
  jurisdiction: "EU",
  standing: "comparison",
  inForce: { from: "2026-06-12", to: null },
  sources: [
    {
      cite: "Reg. 2024/1348 Art. 55(2)",
      provides:
        "a further application made in any Member State after a final decision on a previous application by the same applicant is a subsequent application",
    },
    {
      cite: "Reg. 2024/1348 Art. 55(3)",
      provides:
        "a preliminary examination of whether new elements have arisen or been presented that (a) significantly increase the likelihood of the applicant qualifying for international protection, or (b) relate to an inadmissibility ground previously applied",
    },
    {
      cite: "Reg. 2024/1348 Art. 55(4)",
      provides:
        "the preliminary examination rests on written submissions or a personal interview; the interview may be dispensed with where the written submissions show that there are no new elements",
    },
    {
      cite: "Reg. 2024/1348 Art. 55(5)",
      provides:
        "elements are new only where the applicant was unable, through no fault of their own, to present them in the earlier application; elements that could have been presented earlier need not be taken into account unless (as the paragraph goes on to provide) they still significantly increase the likelihood of qualifying",
    },
    {
      cite: "Reg. 2024/1348 Art. 55(7)",
      provides:
        "a subsequent application without such new elements is rejected as inadmissible, or as manifestly unfounded",
    },
    {
      cite: "Reg. 2024/1348 Art. 56",
      provides:
        "without prejudice to non-refoulement, Member States may make an exception to the right to remain where a first subsequent application was lodged merely to delay or frustrate imminent removal and is not examined further, or where a second or further subsequent application follows a final decision rejecting a previous subsequent application as inadmissible, unfounded or manifestly unfounded",
    },
    {
      cite: "Reg. 2024/1348 (date of application)",
      provides: "applies from 12 June 2026; Directive 2013/32/EU is repealed with effect from that date",
    },
  ],
  assumptions: [
    {
      key: "no-fault",
      text: "Art. 55(5) makes the fault condition part of the rule (noFault: true). Its second sentence still lets the authority count an element that could have been raised earlier where it significantly increases the likelihood of qualifying; an examiner may therefore mark such an element material, giving the reason.",
    },
    {
      key: "remedy-period",
      text: "The Regulation's time limits for an appeal against an inadmissibility decision are read as at least one week and at most two weeks (Art. 67); OpenRSD counts the shortest, 7 days. Check the paragraph before relying on it.",
    },
    {
      key: "remedy-suspensive",
      text: "An appeal against the inadmissibility of a subsequent application is read as not suspensive of itself (Art. 68, with the exceptions of Art. 56); a court's ruling on remaining is not modelled.",
    },
    {
      key: "decision-period",
      text: "No period for the preliminary examination is counted (none checked in the text).",
    },
    {
      key: "protection-ended",
      text: "An application after protection was withdrawn is not read as a subsequent application (Art. 55(2) speaks of a final decision on a previous application).",
    },
    {
      key: "korean-record",
      text: "Applied to a Korean record for comparison: a refusal, non-referral, withdrawal or termination for missed interviews stands for a final decision on a previous application.",
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
    description: "a further application after a final decision on a previous one (Art. 55(2))",
  },
  elementsCompared: ["fact", "evidence", "audience", "coi", "law", "foreign_state_action"],
  test: "significant_new_elements",
  noFault: true,
  decisionPeriodDays: null,
  interview: "optional",
  statusDuring: "applicant_limited",
  onIneligible: { outcome: "inadmissible", applicantStatus: "lost", removal: "after_notice" },
  remedy: {
    kind: "appeal",
    days: 7,
    suspensive: false,
    description:
      "an appeal to a court or tribunal within one to two weeks (Art. 67; OpenRSD counts 7 days), not suspensive of itself (Art. 68)",
  },
};
