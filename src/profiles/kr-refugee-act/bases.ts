/**
 * The legal basis of every deadline and of the bar on removal, in Korean. The API keeps the
 * English text of `rules.ts` (`basis`, `removalBarBasis`); the profile publishes these words keyed
 * by that text (`labels.ko.bases`), and the workspace shows them to a Korean reader. The types
 * below refuse to compile while a rule has no Korean text, and `bases.test.ts` checks that every
 * basis the engine can produce has one.
 */
import {
  BARS,
  LIVING_SUPPORT_EXTENSION_BASIS,
  PERIODS,
  REFERRAL_BASIS,
  type PeriodName,
  type PortReferralCounting,
} from "./rules.ts";

/** The Civil Act's counting rules (CA 157, 160, 161), as `rules.ts` cites them. */
const COUNT = "민법 제157조·제160조·제161조";
const COUNT_NO_ROLL = "민법 제157조·제160조";
const REFERRAL =
  "난민법 제6조제3항, 시행령 제5조제1항: 출입국항에서 신청한 날부터 7일 이내에 회부 여부를 결정하며, 그때까지 결정하지 않으면 입국을 허가함";

const PERIODS_KO: Record<PeriodName, string> = {
  referral_decision: `${REFERRAL}; ${COUNT}`,
  first_instance_decision: `난민법 제18조제4항: 신청서를 접수한 날부터 6개월 이내에 결정; ${COUNT}`,
  first_instance_extension: `난민법 제18조제5항: 6개월 이내에서 한 차례 연장, 원래 기간이 끝나기 7일 전까지 통지; ${COUNT}`,
  objection_filing: `난민법 제21조제1항: 난민불인정결정 통지를 받은 날부터 30일 이내에 이의신청; ${COUNT}`,
  objection_decision: `난민법 제21조제7항: 이의신청서를 제출한 날부터 6개월 이내에 결정; ${COUNT}`,
  objection_extension: `난민법 제21조제8항: 이의신청 결정 기간을 6개월 이내에서 한 차례 연장, 원래 기간이 끝나기 7일 전까지 통지; ${COUNT}`,
  suit_filing: `행정소송법 제20조제1항: 처분(적법한 이의신청을 한 때에는 이의신청 결정)이 있음을 안 날부터 90일 이내에 제소; ${COUNT}`,
  suit_filing_outer: `행정소송법 제20조제2항: 처분(적법한 이의신청을 한 때에는 이의신청 결정)이 있은 날부터 1년이 지나면 제소할 수 없음(처분은 통지의 송달로 효력 발생); ${COUNT}`,
  appeal_filing: `민사소송법 제396조(항소)·제425조(상고), 행정소송법 제8조제2항: 판결서가 그 당사자에게 송달된 날부터 2주 이내에 상소; ${COUNT}`,
  supreme_court_grounds: `민사소송법 제427조: 소송기록 접수 통지(민사소송법 제426조)를 받은 날부터 20일 이내에 상고이유서 제출, 기간 안에 내지 않으면 상고 기각(민사소송법 제429조); ${COUNT}`,
  summary_dismissal: `상고심절차에 관한 특례법 제6조제2항: 심리불속행 기각은 기록을 받은 날부터 4개월 이내에만 가능하며, 상고인에게 송달되면 효력 발생(같은 법 제5조제2항); ${COUNT}`,
  work_permission: `난민법 제40조제2항: 신청일부터 6개월이 지나면 취업을 허가할 수 있음; ${COUNT_NO_ROLL}`,
  living_support_end: `난민법 제40조제1항, 시행령 제17조: 신청일부터 6개월 이내에서 생계비 지원; ${COUNT_NO_ROLL}`,
  status_objection_filing: `난민법 제22조제3항·제21조제1항: 난민인정 취소·철회 통지를 받은 날부터 30일 이내에 이의신청; ${COUNT}`,
};

const REFERRAL_KO: Record<PortReferralCounting, string> = {
  rights_restriction: `${REFERRAL}; 신체의 자유를 제한하는 기간이므로 첫날을 산입하고, 말일이 토요일이나 공휴일이어도 그날 만료(행정기본법 제6조제2항)`,
  civil_act: PERIODS_KO.referral_decision,
};

const BARS_KO: Record<keyof typeof BARS, string> = {
  applicant:
    "난민법 제3조(신청자 강제송환 금지), 제5조제6항: 신청자는 이의신청과 소송을 포함한 난민인정 절차가 끝날 때까지 체류할 수 있음",
  refugee: "난민법 제3조: 난민인정자 강제송환 금지(난민협약 제33조)",
  refugee_not_final:
    "난민법 제3조: 난민인정자 강제송환 금지(난민협약 제33조) (취소·철회가 아직 확정되지 않음)",
  humanitarian: "난민법 제3조: 인도적체류자 강제송환 금지(고문방지협약 제3조)",
};

const LIVING_SUPPORT_EXTENSION_KO =
  "난민법 제40조제1항, 시행령 제17조제1항: 생계비 지원을 신청일부터 6개월을 넘어 연장";

/** Every English basis text the profile produces, with its Korean text. */
const PAIRS: [string, string][] = [
  ...(Object.keys(PERIODS) as PeriodName[]).map((n): [string, string] => [PERIODS[n].basis, PERIODS_KO[n]]),
  ...(Object.keys(REFERRAL_BASIS) as PortReferralCounting[]).map((n): [string, string] => [
    REFERRAL_BASIS[n],
    REFERRAL_KO[n],
  ]),
  ...(Object.keys(BARS) as (keyof typeof BARS)[]).map((n): [string, string] => [BARS[n], BARS_KO[n]]),
  [LIVING_SUPPORT_EXTENSION_BASIS, LIVING_SUPPORT_EXTENSION_KO],
];

/** Every basis text of the profile (English, as the API gives it). */
export const BASES: readonly string[] = [...new Set(PAIRS.map(([en]) => en))];

/** The Korean text of each basis, keyed by its English text. */
export const BASES_KO: Readonly<Record<string, string>> = Object.fromEntries(PAIRS);
