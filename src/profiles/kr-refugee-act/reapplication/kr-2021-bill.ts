/**
 * Korea, the government bill of December 2021 amending the Refugee Act: an eligibility review
 * (적격심사) before a re-application is examined. A bill, never enacted: an office runs it only to
 * try it out, and analysts simulate it.
 */
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";
import { KR_BILL_REMEDY, KR_BILL_REMEDY_SOURCES } from "./kr-bill-remedy.ts";

export const KR_2021_BILL: ReapplicationPolicy = {
  id: "kr-2021-bill",
  title: {
    en: "Korea, government bill of December 2021: eligibility review of re-applications",
    ko: "2021년 12월 정부 난민법 개정안: 재신청 적격심사",
  },
  jurisdiction: "KR",
  standing: "bill",
  inForce: { from: null, to: null },
  sources: [
    {
      cite: "Government bill amending the Refugee Act (난민법 일부개정법률안), December 2021",
      provides:
        "a person refused recognition who applies again first goes through a review of whether the application is eligible for examination, decided by the Minister of Justice in principle within 21 days; it is eligible only where a material change of circumstances (중대한 사정 변경) is shown; a person found ineligible is excluded from the persons who count as applicants, and from what applicants receive",
    },
    {
      cite: "Supreme Court Administration (법원행정처), National Assembly Legislation and Judiciary Committee, first bill review subcommittee, 22 March 2023",
      provides:
        "the bill names the Minister as the one who decides but says little about the review's criteria and procedure, or about the guarantees the applicant has in it; introducing the review 'should be considered carefully' (신중한 검토가 필요)",
    },
    ...KR_BILL_REMEDY_SOURCES,
  ],
  assumptions: [
    {
      key: "bill-text",
      text: "The bill's text is not kept in the repository: this policy follows its published summaries (the press reports of the committee session of 22 March 2023). Check every field against the bill as filed before relying on a result.",
    },
    {
      key: "trigger",
      text: "The summaries speak of persons refused recognition. OpenRSD takes a refusal (on the merits or resting on false documents), a non-referral or earlier ineligibility, and cancelled or withdrawn recognition; not a withdrawal of the earlier application or its termination for missed interviews, which the 2025 bill adds expressly.",
    },
    {
      key: "status-during-review",
      text: "The summaries do not say what the person is while the review is pending. OpenRSD reads that they stay an applicant (RA 2(4)) until an ineligibility decision is served.",
    },
    {
      key: "takes-effect-on-service",
      text: "An ineligibility decision takes effect, like any disposition, when its notice is served: applicant status and with it the bar on removal of RA 3 and RA 5(6) end then.",
    },
    {
      key: "remedy",
      text: "The summaries name no remedy of the review's own. OpenRSD assumes the general one: a suit within 90 days of service (ALA 20(1)), which does not of itself suspend the decision (ALA 23(1)); the court may stay it (ALA 23(2)), which OpenRSD does not model.",
    },
    {
      key: "interview",
      text: "The summaries require no interview in the review: optional.",
    },
    {
      key: "decision-period",
      text: "21 days 'in principle' is read as a duty of the office: a review decided late is still valid and does not make the application eligible.",
    },
  ],
  trigger: {
    priorEndings: ["refused_on_merits", "refused_false_documents", "protection_ended", "not_referred"],
    channels: null,
    description:
      "an earlier application was refused (or not referred, or found ineligible), or recognition was cancelled or withdrawn",
  },
  elementsCompared: ["fact", "evidence", "audience", "coi", "law", "foreign_state_action"],
  test: "material_change",
  noFault: null,
  decisionPeriodDays: 21,
  interview: "optional",
  statusDuring: "applicant",
  onIneligible: { outcome: "ineligible", applicantStatus: "lost", removal: "after_notice" },
  remedy: KR_BILL_REMEDY,
};
