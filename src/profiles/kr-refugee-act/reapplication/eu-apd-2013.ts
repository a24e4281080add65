/**
 * For comparison: the EU recast Asylum Procedures Directive (2013/32/EU), Art. 33(2)(d), 40, 41,
 * applied to applications lodged from 20 July 2015 until it is repealed by Regulation 2024/1348
 * on 12 June 2026.
 */
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";

export const EU_APD_2013: ReapplicationPolicy = {
  id: "eu-apd-2013",
  title: {
    en: "EU, Directive 2013/32/EU: preliminary examination of subsequent applications",
    ko: "EU 절차지침(2013/32/EU): 후속 신청의 예비심사",
  },
  jurisdiction: "EU",
  standing: "comparison",
  inForce: { from: "2015-07-20", to: "2026-06-11" },
  sources: [
    {
      cite: "APD 2013/32 Art. 2(q)",
      provides:
        "a subsequent application is a further application made after a final decision on a previous one, including where the previous one was explicitly withdrawn or rejected after its implicit withdrawal (Art. 28(1))",
    },
    {
      cite: "APD 2013/32 Art. 40(2)-(3)",
      provides:
        "a subsequent application is first examined for whether new elements or findings have arisen or been presented; if they significantly add to the likelihood of the applicant qualifying, the application is examined further",
    },
    {
      cite: "APD 2013/32 Art. 40(4)",
      provides:
        "Member States may provide that the application is examined further only if the applicant was, through no fault of their own, unable to assert those elements in the previous procedure",
    },
    {
      cite: "APD 2013/32 Art. 40(5), 33(2)(d)",
      provides: "a subsequent application not examined further is inadmissible",
    },
    {
      cite: "APD 2013/32 Art. 34(1), 42(2)(b)",
      provides:
        "an admissibility interview, from which a subsequent application may be exempted: the preliminary examination may rest on written submissions alone",
    },
    {
      cite: "APD 2013/32 Art. 9(1), 41",
      provides:
        "applicants may remain pending the examination; Member States may make exceptions for a first subsequent application lodged merely to delay or frustrate removal, and for a second or further one after a final decision",
    },
    {
      cite: "APD 2013/32 Art. 46(1)(a)(ii), 46(4), 46(6)(b), 46(8)",
      provides:
        "an effective remedy against an inadmissibility decision, within reasonable time limits set by the Member State; against an inadmissibility under Art. 33(2)(d) the remedy does not suspend removal of itself, but a court rules on request or of its own motion whether the applicant may remain, and the applicant may remain pending that ruling",
    },
    {
      cite: "CJEU C-18/20 (XY), 20 October 2021",
      provides:
        "'new elements or findings' include those that existed before the final decision but were not relied on; the fault condition of Art. 40(4) applies only where the Member State has transposed it",
    },
    {
      cite: "APD 2013/32 Art. 51(1), 52; Regulation 2024/1348",
      provides:
        "transposition by 20 July 2015, applying to applications lodged after that date; repealed with effect from 12 June 2026",
    },
  ],
  assumptions: [
    {
      key: "no-fault-option",
      text: "The fault condition of Art. 40(4) is a Member State's option; this policy is the Directive without it (noFault: false), as C-18/20 requires where it was not transposed.",
    },
    {
      key: "protection-ended",
      text: "An application after protection was withdrawn is not read as a subsequent application (Art. 2(q) speaks of a final decision on a previous application).",
    },
    {
      key: "remedy-period",
      text: "The Directive sets no number of days for the remedy (Art. 46(4)): none is counted. The remedy is not suspensive of itself (Art. 46(6)(b)); the right to remain pending a ruling on an interim request (Art. 46(8)) is not modelled.",
    },
    {
      key: "decision-period",
      text: "The Directive sets no period for the preliminary examination: none is counted.",
    },
    {
      key: "korean-record",
      text: "Applied to a Korean record for comparison: a refusal, non-referral, withdrawal or termination for missed interviews stands for the Directive's final decision on a previous application.",
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
    description:
      "a further application after a final decision on a previous one, including one explicitly or implicitly withdrawn (Art. 2(q))",
  },
  elementsCompared: ["fact", "evidence", "audience", "coi", "law", "foreign_state_action"],
  test: "significant_new_elements",
  noFault: false,
  decisionPeriodDays: null,
  interview: "optional",
  statusDuring: "applicant_limited",
  onIneligible: { outcome: "inadmissible", applicantStatus: "lost", removal: "after_notice" },
  remedy: {
    kind: "appeal",
    days: null,
    suspensive: false,
    description:
      "an appeal to a court or tribunal within the time limit the Member State sets (Art. 46(1)(a)(ii), 46(4)); not suspensive of itself, a court rules on whether the applicant may remain (Art. 46(6)(b))",
  },
};
