/**
 * The notice as a PDF, read back with poppler's tools: the Korean legal text, the reasons as
 * written (markup in them stays text), the remedies with their dates, PDF/A-2b with its fonts
 * embedded, the same bytes for the same notice, and a Khmer translation drawn in a Khmer font.
 */
import { describe, expect, it } from "vitest";
import type { DeadlineSpec } from "../../src/kernel/procedure/deadlines.ts";
import type { NoticeTexts } from "../../src/kernel/procedure/notices.ts";
import { noticeModel, type NoticeFacts } from "../../src/notices/model.ts";
import { createRenderer } from "../../src/notices/render.ts";
import { findFontDirs, FontsMissing, requireKoreanFonts } from "../../src/notices/fonts.ts";
import { krRefugeeAct } from "../../src/profiles/kr-refugee-act/profile.ts";
import { embeddedFonts, pdfaMarker, pdfText } from "./pdf-text.ts";

const rules = krRefugeeAct.notices!;
const renderer = createRenderer();

const spec = (kind: string, from: string, dueOn: string): DeadlineSpec => ({
  kind,
  from,
  dueOn,
  basis: kind,
  obligation: "right",
  onPass: "lapsed",
  resolution: null,
});
// Served 2026-11-23 (values as the profile derives them; counted in test/notices/notices.test.ts).
const DEADLINES = [
  spec("objection_filing", "2026-11-23", "2026-12-23"),
  spec("suit_filing", "2026-11-23", "2027-02-22"),
];

const INJECTION = 'The applicant said: #panic("boom") ] " *not bold* $x^2$ <label> @ref `raw` \\ #{1+1}';
const REASONS = `첫째, 신청인의 진술은 일관되지 않습니다.\n\n${INJECTION}\n\n셋째, 결론.`;

const facts = (languages: string[], servedOn: string | null = "2026-11-23"): NoticeFacts => ({
  caseNumber: "SEOUL-2026-000042",
  officeName: "서울출입국·외국인청",
  names: ["SOK Dara"],
  nationality: "KHM",
  birthDate: "1990-04-02",
  decidedOn: "2026-11-20",
  servedOn,
  languages,
});

const refusal = {
  type: "decision_issued",
  occurredOn: "2026-11-20",
  outcome: "not_recognized",
  humanitarianStay: false,
  reasons: REASONS,
};

function render(
  languages: string[],
  translations: NoticeTexts[] = [],
  servedOn: string | null = "2026-11-23",
) {
  const content = rules.content(refusal, servedOn ? DEADLINES : [], servedOn)!;
  const model = noticeModel(
    content,
    facts(languages, servedOn),
    rules.legal,
    [...translations, ...rules.translations],
    servedOn ?? "2026-11-24",
  );
  return renderer.render(model, servedOn ?? "2026-11-24");
}

describe("the notice PDF", () => {
  it("states the refusal, the reasons, the legal basis and both deadlines in Korean", () => {
    const text = pdfText(render(["ko"]));
    expect(text).toContain("난민불인정 결정 통지서");
    expect(text).toContain("사건번호: SEOUL-2026-000042");
    expect(text).toContain("SOK Dara");
    expect(text).toContain("캄보디아 (KHM)");
    expect(text).toContain("1990년 4월 2일");
    expect(text).toContain("신청인의 난민인정 신청을 받아들이지 않습니다(난민불인정).");
    expect(text).toContain("난민법 제18조 제2항·제3항");
    expect(text).toContain("첫째, 신청인의 진술은 일관되지 않습니다.");
    expect(text).toContain("셋째, 결론.");
    expect(text).toContain("이의신청 (난민법 제21조 제1항)");
    expect(text).toContain("기한: 2026년 12월 23일까지");
    expect(text).toContain("행정소송 (행정소송법 제20조 제1항)");
    expect(text).toContain("기한: 2027년 2월 22일까지");
    expect(text).toContain("송달일 2026년 11월 23일");
    expect(text).toContain("서울출입국·외국인청장");
    // A Korean-speaking applicant gets no translation block.
    expect(text).not.toContain("번역");
  });

  it("prints markup in the reasons as the text it is", () => {
    const text = pdfText(render(["ko"]));
    expect(text).toContain('#panic("boom") ] " *not bold* $x^2$ <label> @ref `raw` \\ #{1+1}');
  });

  it("is PDF/A-2b with its fonts embedded, and the same notice gives the same bytes", () => {
    const pdf = render(["ko"]);
    expect(pdfaMarker(pdf)).toBe("2B");
    const fonts = embeddedFonts(pdf);
    expect(fonts.some((f) => /NotoSerifCJKkr/.test(f))).toBe(true);
    expect(Buffer.compare(pdf, render(["ko"]))).toBe(0);
  });

  it("adds the outcome and remedies in English, reviewed by the project, for an English speaker", () => {
    const text = pdfText(render(["en"]));
    expect(text).toContain("번역 (영어) · 검토: OpenRSD project, 2026-12-06");
    expect(text).toContain("Your application for refugee status is refused (not recognized).");
    expect(text).toContain("Deadline: 2026-12-23");
    expect(text).toContain("Deadline: 2027-02-22");
  });

  it("draws a reviewed Khmer translation in a Khmer font", () => {
    const en = rules.translations.find((t) => t.language === "en")!;
    const outcome = "ពាក្យសុំឋានៈជាជនភៀសខ្លួនរបស់អ្នកត្រូវបានបដិសេធ។";
    const km: NoticeTexts = {
      language: "km",
      reviewer: "Test reviewer",
      reviewedOn: "2026-12-01",
      texts: { ...en.texts, "outcome.not_recognized": outcome },
    };
    const pdf = render(["km", "en"], [km]);
    expect(embeddedFonts(pdf).some((f) => /KhmerOS/i.test(f))).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain("번역 (크메르어) · 검토: Test reviewer, 2026-12-01");
    // pdftotext repeats some Khmer clusters it extracts; every letter is there, in its words.
    expect(text).toContain("ពាក្យសុំឋានៈ");
    for (const ch of new Set(outcome)) expect(text).toContain(ch);
  });

  it("skips a translation that lacks a text the notice needs", () => {
    const partial: NoticeTexts = { language: "km", reviewer: "x", reviewedOn: "2026-12-01", texts: {} };
    const text = pdfText(render(["km"], [partial]));
    expect(text).not.toContain("번역");
  });

  it("marks a preview before service, with the deadlines counted from service", () => {
    const text = pdfText(render(["ko"], [], null));
    expect(text).toContain("미리보기: 송달 전의 초안으로 효력이 없습니다");
    expect(text).toContain("기한: 이 통지서를 송달받은 날부터 기산합니다");
    expect(text).not.toContain("송달일 ");
  });

  it("says what to install when no Korean font is found", () => {
    const none = findFontDirs("/nonexistent-fonts");
    expect(none.korean).toBe(false);
    expect(() => requireKoreanFonts(none)).toThrow(FontsMissing);
    expect(() => requireKoreanFonts(none)).toThrow(/fonts-noto-cjk/);
  });
});
