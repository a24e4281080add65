/**
 * For comparison: Australia's bar on further protection visa applications (Migration Act 1958,
 * s48A), lifted only by the Minister personally (s48B).
 */
import type { ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";

export const AU_S48A: ReapplicationPolicy = {
  id: "au-s48a",
  title: {
    en: "Australia, Migration Act 1958 s48A: no further protection visa application",
    ko: "호주 이민법(1958) 제48A조: 보호비자 재신청 금지",
  },
  jurisdiction: "AU",
  standing: "comparison",
  inForce: { from: null, to: null },
  sources: [
    {
      cite: "Migration Act 1958 s48A",
      provides:
        "subject to s48B, a non-citizen in the migration zone whose application for a protection visa was refused (whether or not finally determined), or whose protection visa was cancelled, may not make a further application for a protection visa while in the migration zone",
    },
    {
      cite: "Migration Act 1958 s48B",
      provides:
        "the Minister may, personally and if he or she thinks it is in the public interest, determine that s48A does not apply to a non-citizen; the Minister has no duty to consider whether to do so",
    },
  ],
  assumptions: [
    {
      key: "in-force-date",
      text: "OpenRSD records no start date for this comparison (the section has stood, as amended, since the 1990s); it is treated as in force on any date.",
    },
    {
      key: "status",
      text: "A further application made despite the bar is read as not validly made: the person never has an applicant's status for it (statusDuring: none).",
    },
    {
      key: "triggers",
      text: "Only a refusal and a cancellation bar (the section's words); a withdrawn application, one ended for missed interviews and a non-referral are not refusals and are not read as triggers.",
    },
    {
      key: "remedy",
      text: "There is no merits review of the bar; the Minister's power under s48B is not a remedy the person can invoke (remedy: none). Judicial review of whether the bar applies at all is not modelled.",
    },
  ],
  trigger: {
    priorEndings: ["refused_on_merits", "refused_false_documents", "protection_ended"],
    channels: null,
    description: "an earlier protection visa application was refused, or a protection visa was cancelled",
  },
  elementsCompared: [],
  test: "bar",
  noFault: null,
  decisionPeriodDays: null,
  interview: "not_required",
  statusDuring: "none",
  onIneligible: { outcome: "application_barred", applicantStatus: "lost", removal: "after_notice" },
  remedy: {
    kind: "none",
    days: null,
    suspensive: false,
    description: "none; only the Minister's personal, non-compellable power to lift the bar (s48B)",
  },
};
