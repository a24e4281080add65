/**
 * The words of each rule of the Korean procedure that can refuse an event as entered (decide.ts),
 * in English and Korean, with `{name}` placeholders for what the refusal fills in (dates as
 * YYYY-MM-DD, court levels, a party: `applicant` or `authority`, shown in the reader's words). The
 * API's `detail` is the English text; `rule` names the key and its values, so the workspace says
 * it in the reader's language. A new rule gets its words here in both languages; the types refuse
 * to compile until it has them.
 */
export const RULES_EN = {
  non_referral_ground_missing: "a non-referral must name its ground (nonReferralGround, an item of RD 5(1))",
  non_referral_ground_only: "nonReferralGround applies only to a non-referral",
  committee_conflict:
    "RA 26: {examiner} decided the case under review as its examiner and may not sit on the hearing of its objection",
  interview_before_summons: "the interview ({interviewOn}) cannot be before the summons ({on})",
  interview_missed_early: "the interview was summoned for {interviewOn}; it cannot be missed on {on}",
  decision_extension_notice_late:
    "RA 18(5): the extension must be notified at least {days} days before the due date {due}, i.e. by {latest}",
  decision_extension_range:
    "RA 18(5): the new due date must be after {due} and no later than {max} (6 more months)",
  exclusion_ground_missing: "an exclusion must name its ground (exclusionGround, an item of RA 19)",
  exclusion_ground_only: "exclusionGround applies only to an exclusion",
  humanitarian_with_recognition: "a humanitarian stay is granted only with a refusal (RA 2(3), RD 2)",
  no_objection_pending: "no objection is pending",
  objection_extension_notice_late:
    "RA 21(8): the extension must be notified at least {days} days before the due date {due}, i.e. by {latest}",
  objection_extension_range:
    "RA 21(8): the new due date must be after {due} and no later than {max} (6 more months)",
  objection_humanitarian_with_recognition:
    "a humanitarian stay is granted only when the objection is not upheld (RD 2(1))",
  no_judgment_at_level: "no judgment has been issued at level {level}",
  judgment_already_served: "the level {level} judgment was already served on the {party} ({servedOn})",
  no_judgment_to_appeal: "there is no level {level} judgment to appeal",
  court_already_ruled: "the level {level} court has already ruled; an appeal now goes to level {next}",
  already_appealed: "the {party} already appealed on {on}",
  appeal_already_waived: "the {party} waived the appeal on {on}",
  appeal_period_ended: "the {party}'s appeal period ended on {due} (CPA 396, 425)",
  record_only_supreme: "the record can be received only by the Supreme Court (level 3)",
  no_appeal_pending: "the {party} has no appeal pending at level {level}",
  not_appealed_to_supreme: "the {party} has not appealed to the Supreme Court",
  record_notice_already: "the {party} was already notified of the record's receipt on {on}",
  record_notice_missing: "the {party} has not yet been notified that the record was received (CPA 426)",
  grounds_already_filed: "the {party} already filed grounds on {on}",
  living_support_not_applicable: "living-cost support does not apply to this case",
  living_support_ended: "RD 17(1): support ended on {end}; it can be extended only before it ends",
  living_support_extension_short: "RD 17(1): the extension must end after the current end, {end}",
  wrong_court_level: "the case is before the level {current} court, not level {level}",
  remand_first_instance: "only an appellate court (level 2 or 3) can remand",
  summary_dismissal_level: "summary dismissal (SCA 4) is a Supreme Court (level 3) outcome",
  summary_dismissal_record_missing:
    "summary dismissal needs the date the record was received (record_received)",
  summary_dismissal_late: "SCA 6(2): summary dismissal was possible only until {until}",
  no_grounds_level: "dismissal for want of grounds (CPA 429) is a Supreme Court (level 3) outcome",
  no_grounds_notice_missing:
    "CPA 429: the notice of the record's receipt to the {party} is not recorded (CPA 426)",
  no_grounds_filed_in_time: "CPA 429: the {party} filed its grounds in time",
  no_grounds_period_open: "CPA 429: the {party} may file grounds until {due}",
  false_documents_only_refusal:
    "falseDocuments (RA 8(5) 1) is recorded only on a refusal, not on a recognition",
  eligibility_trigger_not_met:
    "{policy} reviews a re-application only when the earlier case ended as one of: {endings}; it ended as {ending}",
  eligibility_bar:
    "{policy} is a bar: a re-application it applies to is ineligible whatever is new (an exception, if any, is not the examiner's)",
  eligibility_needs_material:
    "an eligible outcome names at least one element found material, with its reason",
  eligibility_material_means_eligible:
    "an element is found material ({kind} {ref}): under {policy} the re-application is then eligible",
  eligibility_already_considered:
    "an element already considered in the earlier case ({kind} {ref}) cannot be material",
  eligibility_not_compared: "{policy} does not compare elements of the kind {kind}",
  eligibility_element_twice: "the element {kind} {ref} is listed twice",
} as const;

export type RuleKey = keyof typeof RULES_EN;

export const RULES_KO: Record<RuleKey, string> = {
  non_referral_ground_missing: "불회부 결정에는 그 사유(난민법 시행령 제5조제1항의 각 호)를 적어야 합니다",
  non_referral_ground_only: "불회부 사유는 불회부 결정에만 적습니다",
  committee_conflict:
    "난민법 제26조: {examiner}은(는) 심사 대상 결정을 한 난민심사관이므로 그 이의신청의 심의에 참여할 수 없습니다",
  interview_before_summons: "면접일({interviewOn})은 출석요구일({on})보다 앞설 수 없습니다",
  interview_missed_early: "면접은 {interviewOn}로 요구되었으므로 {on}에 불출석으로 기록할 수 없습니다",
  decision_extension_notice_late:
    "난민법 제18조제5항: 연장은 처리기한 {due}의 {days}일 전, 곧 {latest}까지 통지해야 합니다",
  decision_extension_range: "난민법 제18조제5항: 새 처리기한은 {due} 뒤, {max}(6개월 연장) 이전이어야 합니다",
  exclusion_ground_missing: "난민인정 제한 결정에는 그 사유(난민법 제19조의 각 호)를 적어야 합니다",
  exclusion_ground_only: "제한 사유는 난민인정 제한 결정에만 적습니다",
  humanitarian_with_recognition:
    "인도적 체류 허가는 불인정 결정과 함께만 합니다(난민법 제2조제3호, 시행령 제2조)",
  no_objection_pending: "계류 중인 이의신청이 없습니다",
  objection_extension_notice_late:
    "난민법 제21조제8항: 연장은 처리기한 {due}의 {days}일 전, 곧 {latest}까지 통지해야 합니다",
  objection_extension_range:
    "난민법 제21조제8항: 새 처리기한은 {due} 뒤, {max}(6개월 연장) 이전이어야 합니다",
  objection_humanitarian_with_recognition:
    "인도적 체류 허가는 이의신청이 받아들여지지 않을 때만 합니다(시행령 제2조제1항)",
  no_judgment_at_level: "{level}심 판결이 선고되지 않았습니다",
  judgment_already_served: "{level}심 판결은 이미 {party}에게 송달되었습니다({servedOn})",
  no_judgment_to_appeal: "상소할 {level}심 판결이 없습니다",
  court_already_ruled: "{level}심 법원은 이미 판결하였습니다. 이제 상소는 {next}심으로 합니다",
  already_appealed: "{party}은(는) 이미 {on}에 상소하였습니다",
  appeal_already_waived: "{party}은(는) {on}에 상소를 포기하였습니다",
  appeal_period_ended: "{party}의 상소기간은 {due}에 끝났습니다(민사소송법 제396조, 제425조)",
  record_only_supreme: "소송기록 접수는 대법원(3심)에서만 합니다",
  no_appeal_pending: "{party}의 {level}심 상소가 계류 중이 아닙니다",
  not_appealed_to_supreme: "{party}은(는) 대법원에 상고하지 않았습니다",
  record_notice_already: "{party}에게는 이미 {on}에 소송기록접수통지가 되었습니다",
  record_notice_missing: "{party}에게 아직 소송기록접수통지가 되지 않았습니다(민사소송법 제426조)",
  grounds_already_filed: "{party}은(는) 이미 {on}에 상고이유서를 제출하였습니다",
  living_support_not_applicable: "이 사건에는 생계비 지원이 적용되지 않습니다",
  living_support_ended: "시행령 제17조제1항: 지원은 {end}에 끝났습니다. 끝나기 전에만 연장할 수 있습니다",
  living_support_extension_short: "시행령 제17조제1항: 연장 종료일은 현재 종료일 {end} 뒤여야 합니다",
  wrong_court_level: "사건은 {level}심이 아니라 {current}심 법원에 계속 중입니다",
  remand_first_instance: "환송은 상소심(2심 또는 3심)만 할 수 있습니다",
  summary_dismissal_level: "심리불속행 기각(상고심절차에 관한 특례법 제4조)은 대법원(3심)의 판결입니다",
  summary_dismissal_record_missing: "심리불속행 기각에는 소송기록 접수일(소송기록 접수)이 기록되어야 합니다",
  summary_dismissal_late:
    "상고심절차에 관한 특례법 제6조제2항: 심리불속행 기각은 {until}까지만 할 수 있었습니다",
  no_grounds_level: "상고이유서 부제출 기각(민사소송법 제429조)은 대법원(3심)의 판결입니다",
  no_grounds_notice_missing:
    "민사소송법 제429조: {party}에 대한 소송기록접수통지가 기록되지 않았습니다(제426조)",
  no_grounds_filed_in_time: "민사소송법 제429조: {party}은(는) 기간 안에 상고이유서를 제출하였습니다",
  no_grounds_period_open: "민사소송법 제429조: {party}은(는) {due}까지 상고이유서를 제출할 수 있습니다",
  false_documents_only_refusal: "거짓 서류 제출 등(난민법 제8조제5항제1호)은 불인정 결정에만 기록합니다",
  eligibility_trigger_not_met:
    "{policy}은(는) 종전 사건이 다음 중 하나로 끝난 경우에만 재신청을 심사합니다: {endings}. 종전 사건은 {ending}(으)로 끝났습니다",
  eligibility_bar:
    "{policy}은(는) 재신청 금지 규정입니다: 적용되는 재신청은 새로운 요소와 관계없이 부적격입니다(예외가 있더라도 심사관의 권한이 아닙니다)",
  eligibility_needs_material: "적격 결정에는 중대하다고 본 요소를 하나 이상 그 이유와 함께 적어야 합니다",
  eligibility_material_means_eligible:
    "중대하다고 본 요소({kind} {ref})가 있으므로 {policy}에 따라 재신청은 적격입니다",
  eligibility_already_considered:
    "종전 사건에서 이미 고려된 요소({kind} {ref})는 중대한 변경이 될 수 없습니다",
  eligibility_not_compared: "{policy}은(는) {kind} 요소를 비교하지 않습니다",
  eligibility_element_twice: "요소 {kind} {ref}이(가) 두 번 적혀 있습니다",
};

export type RuleParams = Readonly<Record<string, string | number>>;

/** A rule's refusal: its key, the values it fills in, and its English words. */
export interface RuleProblem {
  key: RuleKey;
  params: RuleParams;
  message: string;
}

/** Fill a template's `{name}` placeholders. */
export function fillRule(template: string, params: RuleParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export function ruleProblem(key: RuleKey, params: RuleParams = {}): RuleProblem {
  return { key, params, message: fillRule(RULES_EN[key], params) };
}
