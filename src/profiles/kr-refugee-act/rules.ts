/**
 * The Korean refugee procedure's periods and bars, with the law behind each.
 * This is the one table to read (and to change) when the law changes: the engine
 * takes every number and every article it shows from here.
 *
 * RA = Refugee Act, RD = its Enforcement Decree, ALA = Administrative Litigation Act,
 * CPA = Civil Procedure Act, SCA = Act on Special Cases concerning Appeal Procedure,
 * CA = Civil Act (period counting: CA 157 first day not counted, CA 160 calendar
 * months and weeks, CA 161 end on a Saturday or public holiday moves to the next day).
 */
import type { Obligation, PassOutcome } from "../../kernel/procedure/deadlines.ts";

/** Every kind of deadline the Korean procedure produces. */
export const DEADLINE_KINDS = [
  "referral_decision",
  "first_instance_decision",
  "objection_filing",
  "objection_decision",
  "suit_filing",
  "suit_filing_outer",
  "appeal_filing",
  "supreme_court_grounds",
  "summary_dismissal",
  "work_permission",
  "living_support_end",
  "status_objection_filing",
  "eligibility_remedy",
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export type PeriodUnit = "days" | "weeks" | "months" | "years";

export interface PeriodRule {
  amount: number;
  unit: PeriodUnit;
  /** Article that sets the period, followed by the Civil Act counting rules applied. */
  basis: string;
  obligation: Obligation;
  /** CA 161 applies to periods within which something must be done, not to dates on which a right begins or ends. */
  rollForward: boolean;
}

const COUNT = "CA 157, 160, 161";
const COUNT_NO_ROLL = "CA 157, 160";

export const PERIODS = {
  referral_decision: {
    amount: 7,
    unit: "days",
    basis: `RA 6(3), RD 5(1): referral decision within 7 days of a port-of-entry application, else the applicant is deemed admitted; ${COUNT}`,
    obligation: "duty",
    rollForward: true,
  },
  first_instance_decision: {
    amount: 6,
    unit: "months",
    basis: `RA 18(4): decision within 6 months of receipt of the application; ${COUNT}`,
    obligation: "duty",
    rollForward: true,
  },
  first_instance_extension: {
    amount: 6,
    unit: "months",
    basis: `RA 18(5): one extension of up to 6 months, notified at least 7 days before the original due date; ${COUNT}`,
    obligation: "duty",
    rollForward: true,
  },
  objection_filing: {
    amount: 30,
    unit: "days",
    basis: `RA 21(1): objection within 30 days of service of the notice of non-recognition; ${COUNT}`,
    obligation: "right",
    rollForward: true,
  },
  objection_decision: {
    amount: 6,
    unit: "months",
    basis: `RA 21(7): objection decided within 6 months of filing; ${COUNT}`,
    obligation: "duty",
    rollForward: true,
  },
  objection_extension: {
    amount: 6,
    unit: "months",
    basis: `RA 21(8): one extension of the objection decision period by up to 6 months, notified at least 7 days before the original due date; ${COUNT}`,
    obligation: "duty",
    rollForward: true,
  },
  suit_filing: {
    amount: 90,
    unit: "days",
    basis: `ALA 20(1): suit within 90 days of service of the decision (of the objection decision where a timely objection was filed); ${COUNT}`,
    obligation: "right",
    rollForward: true,
  },
  suit_filing_outer: {
    amount: 1,
    unit: "years",
    basis: `ALA 20(2): no suit more than 1 year after the decision took effect, on service of its notice (of the objection decision where a timely objection was filed); ${COUNT}`,
    obligation: "right",
    rollForward: true,
  },
  appeal_filing: {
    amount: 2,
    unit: "weeks",
    basis: `CPA 396 (High Court), CPA 425 (Supreme Court), ALA 8(2): appeal within 2 weeks of service of the judgment on that party; ${COUNT}`,
    obligation: "right",
    rollForward: true,
  },
  supreme_court_grounds: {
    amount: 20,
    unit: "days",
    basis: `CPA 427: grounds of appeal within 20 days of the notice, served on that appellant, that the record has been received (CPA 426); without grounds in time the appeal is dismissed (CPA 429); ${COUNT}`,
    obligation: "right",
    rollForward: true,
  },
  summary_dismissal: {
    amount: 4,
    unit: "months",
    basis: `SCA 6(2): summary dismissal (심리불속행) only within 4 months of receipt of the record; it takes effect on service to the appellant (SCA 5(2)); ${COUNT}`,
    obligation: "right",
    rollForward: true,
  },
  work_permission: {
    amount: 6,
    unit: "months",
    basis: `RA 40(2): the applicant may be permitted to work once 6 months have passed since filing; ${COUNT_NO_ROLL}`,
    obligation: "info",
    rollForward: false,
  },
  living_support_end: {
    amount: 6,
    unit: "months",
    basis: `RA 40(1), RD 17: living-cost support for up to 6 months from filing; ${COUNT_NO_ROLL}`,
    obligation: "info",
    rollForward: false,
  },
  status_objection_filing: {
    amount: 30,
    unit: "days",
    basis: `RA 22(3), RA 21(1): objection to a cancellation or cessation within 30 days of service of its notice; ${COUNT}`,
    obligation: "right",
    rollForward: true,
  },
} as const satisfies Record<string, PeriodRule>;

export type PeriodName = keyof typeof PERIODS;

/**
 * How the 7-day port-of-entry referral period (RA 6(3), RD 5(1)) is counted: the law is
 * ambiguous (docs/procedure.md §4, "Readings the law leaves open").
 * - `rights_restriction` (default): the period also bounds the applicant's stay in the port's
 *   waiting area, a restriction of liberty; the Framework Act on Administrative Affairs 6(2)
 *   counts such a period from its first day and ends it on its last day even when that is a
 *   Saturday or holiday (FAAA 6(2) items 1-2). The referral is due on the 7th day counting the
 *   day of the application.
 * - `civil_act`: the Civil Act's general rules (CA 157: the first day is not counted; CA 161:
 *   an end on a Saturday or holiday moves to the next working day).
 */
export type PortReferralCounting = "rights_restriction" | "civil_act";

/** Named settings of the profile where the law admits more than one reading. */
export interface KrSettings {
  portReferralCounting: PortReferralCounting;
}

export const DEFAULT_SETTINGS: KrSettings = { portReferralCounting: "rights_restriction" };

export const REFERRAL_BASIS: Record<PortReferralCounting, string> = {
  rights_restriction:
    "RA 6(3), RD 5(1): referral decision within 7 days of a port-of-entry application, else the applicant is deemed admitted; the period bounds a restriction of liberty, so it counts its first day and ends on its last day even on a Saturday or holiday (FAAA 6(2))",
  civil_act: PERIODS.referral_decision.basis,
};

/** RD 17(1): living-cost support may be extended beyond six months for special reasons. */
export const LIVING_SUPPORT_EXTENSION_BASIS =
  "RA 40(1), RD 17(1): living-cost support extended beyond 6 months from filing";

/** Deadline kinds whose passing means something began, not that something was missed. */
export const STATUS_WHEN_INFO_DATE_PASSES: Partial<Record<DeadlineKind, "met" | "lapsed">> = {
  work_permission: "met",
  living_support_end: "lapsed",
};

/**
 * What the passing of a due date means, with nothing having settled the deadline: a duty of the
 * authority or a court is missed, a party's right lapses; an information date (RA 40) marks when
 * something begins (work permission: met) or ends (living-cost support: lapsed).
 */
export function passMeaning(kind: DeadlineKind, obligation: Obligation): PassOutcome {
  if (obligation === "duty") return "missed";
  if (obligation === "info") return STATUS_WHEN_INFO_DATE_PASSES[kind] ?? "lapsed";
  return "lapsed";
}

/**
 * Minimum notice before the original due date for an extension of the first-instance period
 * (RA 18(5)) and of the objection decision period (RA 21(8)).
 */
export const EXTENSION_NOTICE_DAYS = 7;

/** Consecutive missed interviews after which the examination may be terminated (RA 8(6)). */
export const MISSED_INTERVIEWS_FOR_TERMINATION = 3;

/** Grounds for non-referral at a port of entry (RD 5(1) items 1 to 7). */
export const NON_REFERRAL_GROUNDS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Exclusion grounds (RA 19 items 1 to 4). */
export const EXCLUSION_GROUNDS = [1, 2, 3, 4] as const;

export const BARS = {
  applicant:
    "RA 3 (non-refoulement of applicants) and RA 5(6): an applicant may stay until the recognition procedure, including objection and litigation, is concluded",
  refugee: "RA 3: non-refoulement of recognized refugees (Refugee Convention Art. 33)",
  refugee_not_final:
    "RA 3: non-refoulement of recognized refugees (Refugee Convention Art. 33) (the cancellation or cessation is not yet final)",
  humanitarian: "RA 3: non-refoulement of humanitarian stay holders (Convention against Torture Art. 3)",
} as const;
