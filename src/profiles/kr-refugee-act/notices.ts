/**
 * The notices of the Korean procedure's decisions (RA 18(2)-(3): the notice of a refusal states
 * its reasons and the objection route): which service event serves which decision, what each
 * notice says in Korean (the legal text), and the English translation of the outcome and the
 * remedies, reviewed by the project. The remedies' deadlines are the ones `derive` produced on the
 * service date (objection_filing: RA 21(1); suit_filing: ALA 20(1)), never counted again here.
 */
import type { DeadlineSpec } from "../../kernel/procedure/deadlines.ts";
import type {
  NoticeContent,
  NoticeRemedy,
  NoticeRules,
  NoticeText,
  NoticeTexts,
} from "../../kernel/procedure/notices.ts";
import type { ProfileEvent } from "../../kernel/procedure/profile.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { policyById } from "./reapplication/index.ts";

const ko: NoticeTexts = {
  language: "ko",
  reviewer: "OpenRSD",
  reviewedOn: "2026-12-06",
  texts: {
    "title.recognized": "난민인정 결정 통지서",
    "title.refused": "난민불인정 결정 통지서",
    "title.redecision": "난민인정 여부 재처분 결정 통지서",
    "title.objection": "이의신청에 대한 결정 통지서",
    "label.issuer": "{office}장",
    "label.case_number": "사건번호",
    "label.applicant": "신청인",
    "label.names": "성명",
    "label.nationality": "국적",
    "label.birth_date": "생년월일",
    "label.decision": "결정 주문",
    "label.basis": "근거 법령",
    "label.reasons": "결정 이유",
    "label.decided_on": "결정일",
    "label.served_on": "송달일",
    "label.remedies": "불복 방법 및 기한",
    "label.follows": "결정에 따른 안내",
    "label.due": "기한: {date}까지",
    "label.due_preview": "기한: 이 통지서를 송달받은 날부터 기산합니다",
    "label.preview": "미리보기: 송달 전의 초안으로 효력이 없습니다",
    "label.closing": "위와 같이 결정하였음을 통지합니다.",
    "label.translation": "번역 ({language}) · 검토: {reviewer}, {reviewedOn}",
    "label.translation_by": "번역 ({language}) · 번역: {translator} · 검토: {reviewer}, {reviewedOn}",
    "label.no_reasons": "(결정 이유가 기재되지 않았습니다)",
    "translation.note": "이 번역은 안내를 위한 것이며, 한국어 원문이 효력을 가집니다.",
    "outcome.recognized": "신청인을 난민으로 인정합니다.",
    "outcome.not_recognized": "신청인의 난민인정 신청을 받아들이지 않습니다(난민불인정).",
    "outcome.not_recognized_humanitarian":
      "신청인의 난민인정 신청을 받아들이지 않습니다(난민불인정). 다만, 신청인에게 인도적 체류를 허가합니다.",
    "outcome.excluded": "신청인은 난민법 제19조 제{ground}호에 해당하므로 난민으로 인정하지 않습니다.",
    "outcome.excluded_humanitarian":
      "신청인은 난민법 제19조 제{ground}호에 해당하므로 난민으로 인정하지 않습니다. 다만, 신청인에게 인도적 체류를 허가합니다.",
    "outcome.objection_recognized": "이의신청을 받아들여 신청인을 난민으로 인정합니다.",
    "outcome.objection_dismissed": "이의신청을 기각합니다.",
    "outcome.objection_dismissed_humanitarian":
      "이의신청을 기각합니다. 다만, 신청인에게 인도적 체류를 허가합니다.",
    "outcome.objection_rejected": "이의신청을 각하합니다.",
    "basis.ra18_1": "난민법 제18조 제1항 (난민인정 결정과 난민인정증명서의 교부)",
    "basis.ra18_2": "난민법 제18조 제2항·제3항 (난민불인정 결정과 그 사유의 통지)",
    "basis.ra19": "난민법 제19조 제{ground}호 (난민인정의 제한)",
    "basis.ra2_3": "난민법 제2조 제3호 (인도적 체류 허가)",
    "basis.ala30_2": "행정소송법 제30조 제2항 (취소판결에 따른 재처분)",
    "basis.ra21": "난민법 제21조 (이의신청과 그 결정)",
    "remedy.objection.title": "이의신청 (난민법 제21조 제1항)",
    "remedy.objection.text":
      "이 결정에 이의가 있으면 이 통지서를 송달받은 날부터 30일 이내에 법무부장관에게 이의신청을 할 수 있습니다. 이의신청서에 이의사유를 소명하는 자료를 첨부하여 이 통지서를 발급한 출입국·외국인관서의 장에게 제출합니다.",
    "remedy.suit.title": "행정소송 (행정소송법 제20조 제1항)",
    "remedy.suit.text":
      "이 결정의 취소를 구하는 행정소송은 이 통지서를 송달받은 날부터 90일 이내에 관할 행정법원(서울행정법원 또는 피고의 소재지를 관할하는 행정법원)에 소장을 제출하여 제기할 수 있습니다. 이의신청을 한 경우에는 이의신청에 대한 결정 통지서를 송달받은 날부터 90일 이내에 제기할 수 있습니다.",
    "remedy.suit_objection.text":
      "이의신청에 대한 이 결정에 불복하는 경우 이 통지서를 송달받은 날부터 90일 이내에 관할 행정법원(서울행정법원 또는 피고의 소재지를 관할하는 행정법원)에 소장을 제출하여 난민불인정결정의 취소를 구하는 행정소송을 제기할 수 있습니다.",
    "follows.recognized":
      "난민으로 인정된 사람에게는 난민인정증명서를 교부합니다(난민법 제18조 제1항). 체류자격(거주, F-2)의 변경을 신청할 수 있으며, 사회보장, 기초생활보장, 교육에서 대한민국 국민과 같은 수준의 보장을 받습니다(난민법 제31조부터 제33조까지).",
    "follows.humanitarian":
      "인도적 체류 허가를 받은 사람은 체류자격(기타, G-1)으로 체류할 수 있으며 취업활동 허가를 신청할 수 있습니다(난민법 제39조).",
    "title.eligibility": "재신청 적격심사 결정 통지서",
    "outcome.eligibility_eligible": "신청인의 재신청은 적격이므로 난민인정 심사를 진행합니다.",
    "outcome.eligibility_simplified":
      "신청인의 재신청에는 중대한 사정의 변경이 없으므로 심사절차의 일부를 생략하여 심사합니다. 신청인은 난민인정 여부에 관한 결정이 확정될 때까지 난민신청자의 지위를 유지합니다.",
    "outcome.eligibility_ineligible":
      "신청인의 재신청은 부적격입니다. 이 결정이 송달된 날부터 신청인은 난민신청자의 지위를 잃습니다.",
    "basis.eligibility": "적용 정책: {policy}",
    "basis.ra8_5_2": "난민법 제8조 제5항 제2호 (심사절차의 일부 생략)",
    "remedy.eligibility.title": "불복 방법",
    "remedy.eligibility.text": "{remedy}",
    "remedy.eligibility_suit.text":
      "이 결정의 취소를 구하는 행정소송은 이 통지서를 송달받은 날부터 90일 이내에 관할 행정법원에 소장을 제출하여 제기할 수 있습니다(행정소송법 제20조 제1항). 소의 제기는 이 결정의 효력이나 집행에 영향을 주지 않으며, 법원이 집행정지를 결정할 수 있습니다(같은 법 제23조).",
  },
};

const en: NoticeTexts = {
  language: "en",
  reviewer: "OpenRSD project",
  reviewedOn: "2026-12-06",
  texts: {
    "label.decision": "Decision",
    "label.reasons": "Reasons",
    "label.remedies": "How to challenge this decision, and by when",
    "label.follows": "What follows from this decision",
    "label.due": "Deadline: {date}",
    "label.due_preview": "Deadline: counted from the day this notice is served on you",
    "translation.note":
      "This translation is for your information; the Korean text is the authoritative notice.",
    "outcome.recognized": "You are recognized as a refugee.",
    "outcome.not_recognized": "Your application for refugee status is refused (not recognized).",
    "outcome.not_recognized_humanitarian":
      "Your application for refugee status is refused (not recognized). You are, however, granted humanitarian stay.",
    "outcome.excluded":
      "You are not recognized as a refugee because Article 19, item {ground}, of the Refugee Act applies to you.",
    "outcome.excluded_humanitarian":
      "You are not recognized as a refugee because Article 19, item {ground}, of the Refugee Act applies to you. You are, however, granted humanitarian stay.",
    "outcome.objection_recognized": "Your objection is granted: you are recognized as a refugee.",
    "outcome.objection_dismissed": "Your objection is dismissed.",
    "outcome.objection_dismissed_humanitarian":
      "Your objection is dismissed. You are, however, granted humanitarian stay.",
    "outcome.objection_rejected": "Your objection is rejected as inadmissible.",
    "remedy.objection.title": "Objection (Refugee Act, Article 21(1))",
    "remedy.objection.text":
      "If you disagree with this decision, you may object to the Minister of Justice within 30 days of the day this notice is served on you. Hand in a written objection with the material that supports it at the immigration office that issued this notice.",
    "remedy.suit.title": "Court action (Administrative Litigation Act, Article 20(1))",
    "remedy.suit.text":
      "You may ask the competent administrative court (the Seoul Administrative Court or the administrative court for the defendant's seat) to annul this decision by filing a complaint within 90 days of the day this notice is served on you. If you object first, the 90 days run from the day the notice of the decision on your objection is served on you.",
    "remedy.suit_objection.text":
      "If you disagree with this decision on your objection, you may ask the competent administrative court (the Seoul Administrative Court or the administrative court for the defendant's seat) to annul the refusal by filing a complaint within 90 days of the day this notice is served on you.",
    "follows.recognized":
      "You will receive a refugee recognition certificate (Refugee Act, Article 18(1)). You may apply for residence status F-2, and you are entitled to social security, basic livelihood support and education on the same terms as Korean nationals (Articles 31 to 33).",
    "follows.humanitarian":
      "With humanitarian stay you may stay in Korea with status G-1 and apply for permission to work (Refugee Act, Article 39).",
    "outcome.eligibility_eligible": "Your new application is eligible: it will be examined.",
    "outcome.eligibility_simplified":
      "Your new application shows no material change of circumstances: it will be examined with part of the procedure omitted. You remain an applicant until the decision on it is final.",
    "outcome.eligibility_ineligible":
      "Your new application is not eligible for examination. From the day this notice is served on you, you are no longer an applicant.",
    "remedy.eligibility.title": "How to challenge this decision",
    "remedy.eligibility.text": "{remedy}",
    "remedy.eligibility_suit.text":
      "You may ask the competent administrative court to annul this decision by filing a complaint within 90 days of the day this notice is served on you (Administrative Litigation Act, Article 20(1)). Filing it does not suspend this decision; the court may order a stay (Article 23).",
  },
};

const t = (key: string, params?: Record<string, string>): NoticeText => (params ? { key, params } : { key });

/** The last deadline of a kind the profile derived, due when served (null before service). */
function remedy(
  title: string,
  text: string,
  kind: string,
  deadlines: readonly DeadlineSpec[],
  servedOn: LegalDate | null,
): NoticeRemedy {
  const found = servedOn ? deadlines.filter((d) => d.kind === kind).at(-1) : undefined;
  return {
    title: t(title),
    text: t(text),
    deadlineKind: kind,
    dueOn: found?.dueOn ?? null,
    basis: found?.basis ?? null,
  };
}

function firstInstance(
  e: ProfileEvent,
  deadlines: readonly DeadlineSpec[],
  servedOn: LegalDate | null,
): NoticeContent {
  const outcome = String(e["outcome"]);
  const humanitarian = e["humanitarianStay"] === true;
  const redecision = e.type === "redecision_issued";
  const reasons = typeof e["reasons"] === "string" ? e["reasons"] : null;
  const tail = redecision ? [t("basis.ala30_2")] : [];
  if (outcome === "recognized") {
    return {
      title: t(redecision ? "title.redecision" : "title.recognized"),
      outcome: t("outcome.recognized"),
      basis: [t("basis.ra18_1"), ...tail],
      reasons,
      remedies: [],
      follows: [t("follows.recognized")],
    };
  }
  const ground = String(e["exclusionGround"] ?? "");
  const excluded = outcome === "excluded";
  const key = `outcome.${excluded ? "excluded" : "not_recognized"}${humanitarian ? "_humanitarian" : ""}`;
  return {
    title: t(redecision ? "title.redecision" : "title.refused"),
    outcome: excluded ? t(key, { ground }) : t(key),
    basis: [
      t("basis.ra18_2"),
      ...(excluded ? [t("basis.ra19", { ground })] : []),
      ...(humanitarian ? [t("basis.ra2_3")] : []),
      ...tail,
    ],
    reasons,
    remedies: [
      remedy("remedy.objection.title", "remedy.objection.text", "objection_filing", deadlines, servedOn),
      remedy("remedy.suit.title", "remedy.suit.text", "suit_filing", deadlines, servedOn),
    ],
    follows: humanitarian ? [t("follows.humanitarian")] : [],
  };
}

function objection(
  e: ProfileEvent,
  deadlines: readonly DeadlineSpec[],
  servedOn: LegalDate | null,
): NoticeContent {
  const outcome = String(e["outcome"]);
  const humanitarian = e["humanitarianStay"] === true;
  const reasons = typeof e["reasons"] === "string" ? e["reasons"] : null;
  if (outcome === "recognized") {
    return {
      title: t("title.objection"),
      outcome: t("outcome.objection_recognized"),
      basis: [t("basis.ra21"), t("basis.ra18_1")],
      reasons,
      remedies: [],
      follows: [t("follows.recognized")],
    };
  }
  const key =
    outcome === "dismissed"
      ? `outcome.objection_dismissed${humanitarian ? "_humanitarian" : ""}`
      : "outcome.objection_rejected";
  return {
    title: t("title.objection"),
    outcome: t(key),
    basis: [t("basis.ra21"), ...(humanitarian ? [t("basis.ra2_3")] : [])],
    reasons,
    remedies: [remedy("remedy.suit.title", "remedy.suit_objection.text", "suit_filing", deadlines, servedOn)],
    follows: humanitarian ? [t("follows.humanitarian")] : [],
  };
}

/**
 * The notice of an eligibility review (docs/eligibility-review.md): its outcome as the policy
 * names it, each compared element with whether it was found material and why, and the policy's
 * remedy with the deadline derived on the service date (eligibility_remedy).
 */
function eligibility(
  e: ProfileEvent,
  deadlines: readonly DeadlineSpec[],
  servedOn: LegalDate | null,
): NoticeContent | null {
  const policy = policyById(String(e["policy"]));
  if (!policy) return null;
  const outcome = String(e["outcome"]);
  const kept = policy.onIneligible.applicantStatus === "kept";
  const key =
    outcome === "eligible"
      ? "outcome.eligibility_eligible"
      : kept
        ? "outcome.eligibility_simplified"
        : "outcome.eligibility_ineligible";
  const elements = Array.isArray(e["elements"]) ? (e["elements"] as Record<string, unknown>[]) : [];
  const koreanBill = policy.jurisdiction === "KR" && policy.remedy.kind === "judicial_review";
  const remedies =
    outcome === "ineligible" && !kept && policy.remedy.kind !== "none"
      ? [
          koreanBill
            ? remedy(
                "remedy.eligibility.title",
                "remedy.eligibility_suit.text",
                "eligibility_remedy",
                deadlines,
                servedOn,
              )
            : {
                ...remedy(
                  "remedy.eligibility.title",
                  "remedy.eligibility.text",
                  "eligibility_remedy",
                  deadlines,
                  servedOn,
                ),
                text: t("remedy.eligibility.text", { remedy: policy.remedy.description }),
              },
        ]
      : [];
  return {
    title: t("title.eligibility"),
    outcome: t(key),
    basis: [
      t("basis.eligibility", { policy: policy.title.ko }),
      ...(policy.id === "kr-current" ? [t("basis.ra8_5_2")] : []),
    ],
    reasons: [
      typeof e["reasons"] === "string" ? e["reasons"] : "",
      ...elements.map(
        (el) =>
          `${String(el["refKind"])} ${String(el["refId"])}: ${el["material"] ? "material / 중대함" : "not material / 중대하지 않음"}: ${String(el["reason"])}`,
      ),
    ]
      .filter((x) => x)
      .join("\n\n"),
    remedies,
    follows: [],
  };
}

export const NOTICES: NoticeRules = {
  serves: {
    // A notice of non-referral, cancellation or cessation is served by notice_served too; OpenRSD
    // has no notice text for them yet (content is null), so none is issued.
    notice_served: [
      "decision_issued",
      "redecision_issued",
      "referral_decided",
      "recognition_cancelled",
      "cessation_decided",
    ],
    objection_notice_served: ["objection_decided"],
    eligibility_notice_served: ["eligibility_decided"],
  },
  content(decision, deadlines, servedOn) {
    if (decision.type === "decision_issued" || decision.type === "redecision_issued")
      return firstInstance(decision, deadlines, servedOn);
    if (decision.type === "objection_decided") return objection(decision, deadlines, servedOn);
    if (decision.type === "eligibility_decided") return eligibility(decision, deadlines, servedOn);
    return null;
  },
  legal: ko,
  translations: [en],
};
