/** The page's own words, in Korean and English. Titles, labels and definitions come with the figures. */
export type Lang = "ko" | "en";
export const LANGS: readonly Lang[] = ["ko", "en"];

/** `lang` if it is one of ours, else Korean (the page's language). */
export function langOf(lang: string | undefined): Lang {
  return lang === "en" ? "en" : "ko";
}

/**
 * How a protected value reads, in every format and language, defined here only: the page's mark
 * and its spoken word, the CSV `status` column, the JSON-stat `status` of a value, and the notes of
 * the JSON. A suppressed value is a count; a withheld value is a rate (and its step and
 * denominator).
 */
export const PROTECTED = {
  ko: {
    suppressed: "가림",
    withheld: "비공개",
    suppressedMark: "x",
    withheldMark: "–",
    suppressedMeans: "개인이 드러나지 않도록 가린 건수",
    withheldMeans: "모수가 작거나 작은 건수가 드러날 수 있어 공개하지 않은 비율",
  },
  en: {
    suppressed: "suppressed",
    withheld: "withheld",
    suppressedMark: "x",
    withheldMark: "–",
    suppressedMeans: "a count suppressed so that no person can be identified",
    withheldMeans: "a rate withheld because its group is small or it would reveal a small count",
  },
} satisfies Record<Lang, Record<string, string>>;

export const MESSAGES = {
  ko: {
    lang: "ko" as Lang,
    title: "난민 심사 통계",
    skip: "본문으로 건너뛰기",
    asOf: (d: string) => `기준일 ${d}`,
    otherLang: "English",
    intro:
      "이 페이지는 OpenRSD 사건 기록에서 미리 계산한 고정 통계표입니다. 모든 비율에는 이름과 정의를 함께 표시합니다. 같은 해의 수치라도 정의가 다르면 비율이 크게 다를 수 있습니다.",
    rulesHeading: "공개 통계의 보호 규칙",
    howToRead: "읽는 법",
    howToReadItems: [
      "건수는 5 단위로 반올림했습니다. 합계도 실제 건수에서 계산한 뒤 반올림했으므로 항목의 합과 다를 수 있습니다.",
      `“${PROTECTED.ko.suppressedMark}”(${PROTECTED.ko.suppressed})은 ${PROTECTED.ko.suppressedMeans}입니다.`,
      `“${PROTECTED.ko.withheldMark}”(${PROTECTED.ko.withheld})는 ${PROTECTED.ko.withheldMeans}입니다.`,
      "비율 옆의 “±”는 반올림 단위(퍼센트포인트)입니다.",
    ],
    downloads: "내려받기",
    downloadJson: "JSON (전체, 정의 포함)",
    downloadJsonStat: "JSON-stat 2.0",
    downloadDefinitions: "정의 (CSV)",
    csv: "CSV",
    ratesHeading: "비율",
    comparedHeading: "같은 해, 다른 정의: 비율 비교",
    comparedIntro:
      "아래 비율은 모두 같은 사건 기록에서 계산했지만 서로 다른 사람들을 서로 다른 방식으로 나눈 것입니다. 언론의 ‘신청 건수 대비 인정률’은 그 해의 인정 건수를 그 해의 신청 건수로 나눈 것으로, 대부분 이전 해에 신청한 사람들의 인정을 포함합니다. 각 정의는 표 아래와 각 비율의 그림에 있습니다.",
    tablesHeading: "통계표",
    definition: "정의",
    filters: "조건",
    unit: { cases: "사건", persons: "사람", decisions: "결정" } as Record<string, string>,
    unitLabel: "단위",
    total: "합계",
    suppressed: PROTECTED.ko.suppressed,
    withheld: PROTECTED.ko.withheld,
    rate: "비율(%)",
    step: "반올림 단위",
    denominator: "모수(반올림)",
    lineChart: (title: string, dim: string) => `${title}: ${dim}별 꺾은선 그래프. 값은 아래 표에 있습니다.`,
    barChart: (title: string, dim: string) => `${title}: ${dim}별 막대 그래프. 값은 아래 표에 있습니다.`,
    gaps: "비공개 값은 그래프에서 빠져 있습니다.",
    footer: "OpenRSD — 공개 통계. 이 페이지는 JavaScript 없이 읽을 수 있습니다.",
  },
  en: {
    lang: "en" as Lang,
    title: "Refugee status determination statistics",
    skip: "Skip to content",
    asOf: (d: string) => `Figures as of ${d}`,
    otherLang: "한국어",
    intro:
      "This page shows fixed tables computed in advance from the OpenRSD case records. Every rate is shown with its name and definition: for the same year, rates under different definitions can differ widely.",
    rulesHeading: "How published figures are protected",
    howToRead: "How to read the figures",
    howToReadItems: [
      "Counts are rounded to the nearest 5. Totals are computed from the true counts and then rounded, so they may differ from the sum of the rounded items.",
      `“${PROTECTED.en.suppressedMark}” (${PROTECTED.en.suppressed}) marks ${PROTECTED.en.suppressedMeans}.`,
      `“${PROTECTED.en.withheldMark}” (${PROTECTED.en.withheld}) marks ${PROTECTED.en.withheldMeans}.`,
      "“±” after a rate gives its rounding step in percentage points.",
    ],
    downloads: "Downloads",
    downloadJson: "JSON (everything, with definitions)",
    downloadJsonStat: "JSON-stat 2.0",
    downloadDefinitions: "Definitions (CSV)",
    csv: "CSV",
    ratesHeading: "Rates",
    comparedHeading: "Same year, different definitions: the rates side by side",
    comparedIntro:
      "All of these rates come from the same case records, but each divides different people in a different way. The press's per-application rate divides the year's recognitions by the year's applications, although most of those recognized applied in earlier years. Each definition is given below the table and with each rate's chart.",
    tablesHeading: "Tables",
    definition: "Definition",
    filters: "Filters",
    unit: { cases: "cases", persons: "persons", decisions: "decisions" } as Record<string, string>,
    unitLabel: "Unit",
    total: "Total",
    suppressed: PROTECTED.en.suppressed,
    withheld: PROTECTED.en.withheld,
    rate: "Rate (%)",
    step: "Rounding step",
    denominator: "Denominator (rounded)",
    lineChart: (title: string, dim: string) =>
      `${title}: line chart by ${dim}. The values are in the table below.`,
    barChart: (title: string, dim: string) =>
      `${title}: bar chart by ${dim}. The values are in the table below.`,
    gaps: "Withheld values are left out of the chart.",
    footer: "OpenRSD — public statistics. This page reads without JavaScript.",
  },
} satisfies Record<Lang, unknown>;

export type Messages = (typeof MESSAGES)["en"];

/** Korean wording of the disclosure rules (the English text is DISCLOSURE_RULES.text). */
export const RULES_KO = [
  "건수는 합계를 포함해 5 단위로 반올림합니다. 0은 0으로 표시합니다.",
  "1~4건은 가립니다.",
  "합계가 1~4인 행이나 열은 0을 포함해 모두 가립니다.",
  "어떤 행이나 열에도 가린 값이 하나만 남지 않도록, 그리고 공개된 합계와 값으로 가린 값을 계산할 수 없도록 다른 값을 추가로 가립니다.",
  "비율은 모수가 20 이상이고 분자나 나머지가 1~4가 아닐 때만 공개합니다.",
  "비율은 모수의 5건 이상에 해당하는 단위로 반올림하고, 그 단위를 함께 표시합니다.",
];

/** The disclosure rules' text in `lang` (English is the figures' own). */
export function rulesText(english: readonly string[], lang: Lang): readonly string[] {
  return lang === "ko" && RULES_KO.length === english.length ? RULES_KO : english;
}
