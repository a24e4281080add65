/**
 * The words of the record events (record-events.ts), in English and Korean: every profile's
 * published labels include them (a profile's own words win where both name something), so the web
 * names them in a case's timeline like the procedure's events.
 */
import { HOLD_BASIS } from "./record-events.ts";
import type { ProfileLabels, VocabularyLabels } from "./labels.ts";

const en: VocabularyLabels = {
  events: {
    evidence_attached: "Evidence attached",
    evidence_corrected: "Evidence corrected",
    evidence_withdrawn: "Evidence withdrawn",
    audience_observed: "Audience observed",
    document_issued: "Document issued",
    translation_requested: "Translation requested",
    translation_changed: "Translation changed",
    translation_finalized: "Translation final",
    translation_cancelled: "Translation cancelled",
  },
  descriptions: {
    evidence_attached: "An evidence item and its files were added to the case's record",
    evidence_corrected: "What an evidence item says was corrected; its files are unchanged",
    evidence_withdrawn: "An evidence item was withdrawn; its files are kept",
    audience_observed: "A dated audience figure of a social-media capture",
    document_issued: "A document the authority issued (a decision's notice) was stored with its SHA-256",
    translation_requested: "A text of the case was sent for translation into a language, cut into segments",
    translation_changed:
      "Segments of a translation were translated, reviewed, returned, drafted or reset by a change of their source",
    translation_finalized: "Every segment was reviewed by a second person, and the translation made final",
    translation_cancelled: "A translation was cancelled; its segments are kept",
  },
  fields: {
    itemId: "Evidence item",
    number: "Item number",
    supplier: "Supplied by",
    files: "Files",
    fileId: "File",
    role: "Role",
    sha256: "SHA-256",
    size: "Size (bytes)",
    mediaType: "Type",
    derivedFrom: "Derived from",
    foreignStateAction: "Foreign-state action",
    action: "Action",
    state: "State",
    actedOn: "Acted on",
    reason: "Reason",
    changes: "Changes",
    metric: "Measure",
    value: "Value",
    note: "Note",
    documentId: "Document",
    forSequence: "Issued for event",
    jobId: "Translation",
    ref: "Text",
    sourceLanguage: "From",
    targetLanguage: "Into",
    segments: "Segments",
    proposed: "Proposed by the memory",
    segmentId: "Segment",
    version: "Version",
    origin: "Origin",
    removed: "Removed",
    targetDigest: "Target digest",
    translatorId: "Translator",
    reviewerId: "Reviewer",
    reopened: "Reopened",
  },
  values: {
    kind: {
      document: "Document",
      social_media_capture: "Social-media capture",
      foreign_state_action: "Foreign-state action",
      decision_notice: "Decision notice",
      evidence_text: "Evidence text",
      fact_statement: "Statement of a material fact",
      interview_transcript: "Interview transcript",
      coi_passage: "Country information passage",
    },
    origin: {
      none: "None",
      memory: "Translation memory",
      engine: "Machine draft",
      person: "A person",
      import: "Imported file",
    },
    reason: {
      saved: "Saved",
      reviewed: "Reviewed",
      returned: "Returned",
      machine_draft: "Machine draft",
      imported: "Imported",
      source_changed: "Source changed",
      assigned: "Assigned",
    },
    supplier: {
      applicant: "Applicant",
      representative: "Representative",
      office: "Office",
      unhcr: "UNHCR",
      foreign_state: "Foreign state",
      court: "Court",
      other: "Other",
    },
    role: {
      original: "Original",
      text: "Extracted text",
      thumbnail: "Thumbnail",
      disclosure_copy: "Disclosure copy",
    },
    metric: {
      followers: "Followers",
      subscribers: "Subscribers",
      views: "Views",
      likes: "Likes",
      shares: "Shares",
      comments: "Comments",
    },
    action: {
      extradition_request: "Extradition request",
      repatriation_request: "Request to repatriate",
      interpol_notice: "INTERPOL notice",
      diplomatic_note: "Diplomatic note",
      passport_cancellation: "Passport cancellation",
      summons_or_charge: "Summons or charge",
      other: "Other",
    },
  },
};

const ko: VocabularyLabels = {
  events: {
    evidence_attached: "증거 제출",
    evidence_corrected: "증거 정정",
    evidence_withdrawn: "증거 철회",
    audience_observed: "구독자·조회 수 기록",
    document_issued: "문서 발급",
    translation_requested: "번역 요청",
    translation_changed: "번역 변경",
    translation_finalized: "번역 확정",
    translation_cancelled: "번역 취소",
  },
  descriptions: {
    evidence_attached: "증거와 그 파일이 사건 기록에 추가되었습니다",
    evidence_corrected: "증거의 기재 사항이 정정되었습니다. 파일은 바뀌지 않습니다",
    evidence_withdrawn: "증거가 철회되었습니다. 파일은 보관됩니다",
    audience_observed: "소셜미디어 캡처의 날짜별 구독자·조회 수",
    document_issued: "기관이 발급한 문서(결정 통지서)가 SHA-256과 함께 보관되었습니다",
    translation_requested: "사건의 문서가 한 언어로의 번역에 부쳐졌고, 분절로 나뉘었습니다",
    translation_changed:
      "번역의 분절이 번역·검토·반려·기계 초안 작성되었거나, 원문이 바뀌어 초기화되었습니다",
    translation_finalized: "모든 분절을 다른 사람이 검토했고, 번역이 확정되었습니다",
    translation_cancelled: "번역이 취소되었습니다. 분절은 보관됩니다",
  },
  fields: {
    itemId: "증거",
    number: "증거 번호",
    supplier: "제출자",
    files: "파일",
    fileId: "파일",
    role: "구분",
    sha256: "SHA-256",
    size: "크기(바이트)",
    mediaType: "형식",
    derivedFrom: "원본",
    foreignStateAction: "외국 정부의 조치",
    action: "조치",
    state: "국가",
    actedOn: "조치일",
    reason: "사유",
    changes: "변경 내용",
    metric: "항목",
    value: "값",
    note: "비고",
    documentId: "문서",
    forSequence: "발급 대상 기록",
    jobId: "번역",
    ref: "대상 문서",
    sourceLanguage: "원문 언어",
    targetLanguage: "번역 언어",
    segments: "분절",
    proposed: "번역 메모리 제안",
    segmentId: "분절",
    version: "버전",
    origin: "출처",
    removed: "삭제됨",
    targetDigest: "번역문 요약값",
    translatorId: "번역자",
    reviewerId: "검토자",
    reopened: "다시 열림",
  },
  values: {
    kind: {
      document: "문서",
      social_media_capture: "소셜미디어 캡처",
      foreign_state_action: "외국 정부의 조치",
      decision_notice: "결정 통지서",
      evidence_text: "증거 텍스트",
      fact_statement: "사실 진술",
      interview_transcript: "면접 녹취록",
      coi_passage: "출신국 정보 발췌",
    },
    origin: {
      none: "없음",
      memory: "번역 메모리",
      engine: "기계 초안",
      person: "사람",
      import: "가져온 파일",
    },
    reason: {
      saved: "저장",
      reviewed: "검토",
      returned: "반려",
      machine_draft: "기계 초안",
      imported: "가져오기",
      source_changed: "원문 변경",
      assigned: "배정",
    },
    supplier: {
      applicant: "신청인",
      representative: "대리인",
      office: "사무소",
      unhcr: "UNHCR",
      foreign_state: "외국 정부",
      court: "법원",
      other: "기타",
    },
    role: {
      original: "원본",
      text: "추출 텍스트",
      thumbnail: "미리보기",
      disclosure_copy: "공개용 사본",
    },
    metric: {
      followers: "팔로워",
      subscribers: "구독자",
      views: "조회",
      likes: "좋아요",
      shares: "공유",
      comments: "댓글",
    },
    action: {
      extradition_request: "범죄인 인도 청구",
      repatriation_request: "송환 요청",
      interpol_notice: "인터폴 수배",
      diplomatic_note: "외교 공한",
      passport_cancellation: "여권 취소",
      summons_or_charge: "소환 또는 기소",
      other: "기타",
    },
  },
  bases: {
    [HOLD_BASIS]: "송환 보류: 신청인에 관한 외국 정부의 조치가 증거로 기록되어 있음(강제송환 금지)",
  },
};

export const RECORD_LABELS: ProfileLabels = { en, ko };

type Part = Exclude<keyof VocabularyLabels, "values">;
/** Every part of a language's words but `values` (merged a level deeper): a new part must be named here. */
const EACH_PART: Record<Part, true> = {
  events: true,
  descriptions: true,
  stages: true,
  deadlineKinds: true,
  fields: true,
  hints: true,
  bases: true,
  rules: true,
};
const PARTS = Object.keys(EACH_PART) as Part[];

function mergeWords(under: VocabularyLabels | undefined, over: VocabularyLabels): VocabularyLabels {
  const merged: Record<string, unknown> = {};
  for (const part of PARTS) {
    const words = { ...under?.[part], ...over[part] };
    if (Object.keys(words).length > 0) merged[part] = words;
  }
  const values: Record<string, Record<string, string>> = {};
  for (const [field, v] of Object.entries(under?.values ?? {})) values[field] = { ...v };
  for (const [field, v] of Object.entries(over.values ?? {})) values[field] = { ...values[field], ...v };
  if (Object.keys(values).length > 0) merged["values"] = values;
  return merged as VocabularyLabels;
}

/** A profile's labels with the record events' words beneath them (the profile's own win). */
export function withRecordLabels(labels: ProfileLabels): ProfileLabels {
  const out: Record<string, VocabularyLabels> = {};
  for (const [locale, words] of Object.entries(labels))
    if (words) out[locale] = mergeWords(RECORD_LABELS[locale], words);
  for (const [locale, words] of Object.entries(RECORD_LABELS))
    if (words && !out[locale]) out[locale] = mergeWords(undefined, words);
  return out as unknown as ProfileLabels;
}
