/**
 * Korea, the bill introduced on 12 August 2025 by Rep. Yoo Sang-beom and others: an eligibility
 * review (적격심사) comparing the circumstances with those of the earlier application, also after
 * an examination ended for missed interviews or an application resting on false documents. A bill:
 * what its summary leaves open is a named assumption below.
 */
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";
import { KR_BILL_REMEDY, KR_BILL_REMEDY_SOURCES } from "./kr-bill-remedy.ts";

export const KR_2025_BILL: ReapplicationPolicy = {
  id: "kr-2025-bill",
  title: {
    en: "Korea, bill of 12 August 2025 (Rep. Yoo Sang-beom): eligibility review of re-applications",
    ko: "2025년 8월 12일 난민법 개정안(유상범 의원 대표발의): 재신청 적격심사",
  },
  jurisdiction: "KR",
  standing: "bill",
  inForce: { from: null, to: null },
  sources: [
    {
      cite: "Refugee Act amendment bill (난민법 일부개정법률안), Rep. Yoo Sang-beom and others, introduced 12 August 2025",
      provides:
        "before a re-application after a refusal is examined, a prior review (적격심사) of whether the circumstances changed materially compared with those at the earlier application; the review also expressly covers a person whose earlier examination was ended ex officio after three or more missed appearances, and a person who submitted false documents; an applicant who leaves Korea without a re-entry permit is deemed to have withdrawn; the Refugee Committee enlarged from 15 to up to 50 members",
    },
    {
      cite: "RA 8(6)",
      provides:
        "the examination may be ended when the applicant fails to appear for interviews (three times in a row, as the profile counts)",
    },
    {
      cite: "RA 8(5) 1",
      provides:
        "an application made by submitting false documents or making false statements, concealing facts (the ground OpenRSD records on a refusal as `falseDocuments`)",
    },
    ...KR_BILL_REMEDY_SOURCES,
  ],
  assumptions: [
    {
      key: "bill-text",
      text: "The bill's text is not kept in the repository: this policy follows the bill's public summary as reported on 13 August 2025. Check every field against the bill as filed (its number and articles) before relying on a result.",
    },
    {
      key: "false-documents",
      text: "'False documents' is read as: the earlier application was refused on the ground that it rested on false documents or false statements (RA 8(5) 1), as recorded on the refusal.",
    },
    {
      key: "trigger",
      text: "Besides missed interviews and false documents, OpenRSD takes a refusal on the merits, a non-referral or earlier ineligibility, and cancelled or withdrawn recognition; not the withdrawal of the earlier application (the deemed withdrawal on departure concerns a pending application, not the review's trigger).",
    },
    {
      key: "status-after",
      text: "The summary does not say what becomes of a person found ineligible. OpenRSD reads it like the government bill of December 2021: they are no longer an applicant (RA 2(4)), from service of the decision, and with that the bar on removal of RA 3 and RA 5(6) ends.",
    },
    {
      key: "status-during-review",
      text: "The person stays an applicant while the review is pending.",
    },
    {
      key: "decision-period",
      text: "The summary sets no period for the review: none is counted.",
    },
    {
      key: "remedy",
      text: "The summary names no remedy of the review's own. OpenRSD assumes the general one: a suit within 90 days of service (ALA 20(1)), not suspensive of itself (ALA 23(1)); a court stay (ALA 23(2)) is not modelled.",
    },
    {
      key: "interview",
      text: "The summary requires no interview in the review: optional.",
    },
    {
      key: "earlier-elements",
      text: "The comparison is with the circumstances 'at the earlier application'. Whether an element that existed then but was not raised counts is open; the text says nothing of fault (noFault: null), and the simulation reports both readings as bounds.",
    },
  ],
  trigger: {
    priorEndings: [
      "refused_on_merits",
      "refused_false_documents",
      "terminated_no_show",
      "protection_ended",
      "not_referred",
    ],
    channels: null,
    description:
      "an earlier application was refused (including for false documents), ended after three missed interviews, not referred or found ineligible, or recognition was cancelled or withdrawn",
  },
  elementsCompared: ["fact", "evidence", "audience", "coi", "law", "foreign_state_action"],
  test: "material_change",
  noFault: null,
  decisionPeriodDays: null,
  interview: "optional",
  statusDuring: "applicant",
  onIneligible: { outcome: "ineligible", applicantStatus: "lost", removal: "after_notice" },
  remedy: KR_BILL_REMEDY,
};
