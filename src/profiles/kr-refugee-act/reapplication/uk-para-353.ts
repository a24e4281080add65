/**
 * For comparison: the United Kingdom's fresh-claim test (Immigration Rules, paragraph 353). Further
 * submissions after a refused or withdrawn claim are a fresh claim only if significantly different
 * from what was considered, with a realistic prospect of success.
 */
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";

export const UK_PARA_353: ReapplicationPolicy = {
  id: "uk-para-353",
  title: {
    en: "United Kingdom, Immigration Rules para 353: fresh claims",
    ko: "영국 이민규칙 제353항: 새로운 청구(fresh claim) 심사",
  },
  jurisdiction: "GB",
  standing: "comparison",
  inForce: { from: null, to: null },
  sources: [
    {
      cite: "Immigration Rules para 353",
      provides:
        "when a protection or human rights claim has been refused or withdrawn (or treated as withdrawn) and no appeal is pending, further submissions, if rejected, are a fresh claim only if significantly different from the material previously considered: their content had not already been considered and, taken together with that material, creates a realistic prospect of success despite its rejection; the paragraph does not apply to claims made overseas",
    },
    {
      cite: "Immigration Rules para 353A",
      provides: "a person who has made further submissions is not removed before they have been considered",
    },
    {
      cite: "Immigration Rules para 333C",
      provides:
        "a claim may be treated as impliedly withdrawn, among other cases, when the applicant fails to attend the personal interview",
    },
    {
      cite: "R (Robinson) v Secretary of State for the Home Department [2019] UKSC 11",
      provides:
        "a decision that further submissions are not a fresh claim carries no right of appeal; it can be challenged only by judicial review",
    },
  ],
  assumptions: [
    {
      key: "in-force-date",
      text: "OpenRSD records no start date for this comparison (the paragraph has stood in the Rules, as amended, for many years); it is treated as in force on any date.",
    },
    {
      key: "jr-time-limit",
      text: "Judicial review must be sought promptly and in any event within three months; OpenRSD counts no days for it.",
    },
    {
      key: "not-referred",
      text: "A Korean non-referral at a port, and ended protection, have no counterpart in paragraph 353 (a claim 'refused or withdrawn'); they are not read as triggers.",
    },
    {
      key: "interview",
      text: "The paragraph decides on the further submissions as made; no interview is required.",
    },
    {
      key: "fault",
      text: "The paragraph says nothing about why material was not raised before (noFault: null); content 'not already considered' counts whenever it arose.",
    },
  ],
  trigger: {
    priorEndings: ["refused_on_merits", "refused_false_documents", "withdrawn", "terminated_no_show"],
    channels: null,
    description: "an earlier claim was refused, withdrawn or treated as withdrawn, and no appeal is pending",
  },
  elementsCompared: ["fact", "evidence", "audience", "coi", "law", "foreign_state_action"],
  test: "realistic_prospect",
  noFault: null,
  decisionPeriodDays: null,
  interview: "not_required",
  statusDuring: "applicant_limited",
  onIneligible: { outcome: "not_a_fresh_claim", applicantStatus: "lost", removal: "after_notice" },
  remedy: {
    kind: "judicial_review",
    days: null,
    suspensive: false,
    description:
      "no appeal; judicial review, sought promptly and in any event within three months, which does not of itself stop removal",
  },
};
