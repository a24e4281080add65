/**
 * The JSON export: the protected figures exactly as published (disclosure.ts PublishedFigures),
 * with their definitions, the date they describe and the rules applied, in one language (titles,
 * definitions and category names in `labels`; codes and numbers are the same in both). Every field
 * is copied by name in disclosure.ts, so nothing the computation attached beyond the declared
 * shape gets out.
 */
import { PUBLIC_JSON_FORMAT } from "../../contracts/public-statistics.ts";
import type { PublishedFigures } from "../../kernel/statistics/disclosure.ts";
import { TOTAL_CODE, totalLabel } from "./labels.ts";
import { PROTECTED, rulesText, type Lang } from "./messages.ts";

export { PUBLIC_JSON_FORMAT };

export interface PublicJson extends PublishedFigures {
  format: typeof PUBLIC_JSON_FORMAT;
  lang: Lang;
  /** How to read it: null is a suppressed count or a withheld rate; "_T" codes are totals. */
  notes: string[];
}

const NOTES: Record<Lang, (total: string) => string[]> = {
  ko: (total) => [
    "건수는 5 단위로 반올림했습니다.",
    `cells, rowTotals, columnTotals, total의 null은 ‘${PROTECTED.ko.suppressed}’으로, ${PROTECTED.ko.suppressedMeans}입니다.`,
    `비율은 step 퍼센트포인트 단위로 반올림했습니다. rate의 null은 ‘${PROTECTED.ko.withheld}’로, ${PROTECTED.ko.withheldMeans}입니다.`,
    `코드 ${TOTAL_CODE}는 ${total}입니다. 범주 이름은 각 차원의 labels에 있습니다.`,
  ],
  en: (total) => [
    "Counts are rounded to the nearest 5.",
    `null in cells, rowTotals, columnTotals or total is “${PROTECTED.en.suppressed}”: ${PROTECTED.en.suppressedMeans}.`,
    `A rate is a percentage rounded to \`step\` percentage points; null is “${PROTECTED.en.withheld}”: ${PROTECTED.en.withheldMeans}.`,
    `The code ${TOTAL_CODE} is the ${total.toLowerCase()}. Category names are in each dimension's labels.`,
  ],
};

/** `f`: figures localized for `lang` (localize.ts). */
export function publicJson(f: PublishedFigures, lang: Lang): PublicJson {
  return {
    format: PUBLIC_JSON_FORMAT,
    lang,
    asOf: f.asOf,
    notes: NOTES[lang](totalLabel(lang)),
    rules: { ...f.rules, text: [...rulesText(f.rules.text, lang)] },
    tables: f.tables,
    rates: f.rates,
  };
}
