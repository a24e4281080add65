/**
 * A score in words, in English and Korean: "all name parts sound alike, written in another
 * script, same birth year, same nationality". One reason per field compared, with the weight it
 * added (docs/identity-matching.md, "Explanation").
 */
import type { Score } from "./score.ts";

export interface Words {
  en: string;
  ko: string;
}

export interface Reason {
  field: "identifier" | "name" | "birthDate" | "nationality" | "sex";
  level: string;
  weight: number;
  text: Words;
}

const NAME: Record<Score["comparison"]["name"], Words> = {
  exact: { en: "same name", ko: "이름이 같음" },
  alike: { en: "all name parts sound alike", ko: "이름의 모든 부분의 발음이 비슷함" },
  similar: { en: "names sound similar", ko: "이름의 발음이 대체로 비슷함" },
  part_alike: { en: "one name part sounds alike", ko: "이름의 일부만 발음이 비슷함" },
  different: { en: "names differ", ko: "이름이 다름" },
};
const BIRTH: Record<Score["comparison"]["birthDate"], Words> = {
  exact: { en: "same date of birth", ko: "생년월일이 같음" },
  day_month_swapped: { en: "date of birth with day and month swapped", ko: "생년월일의 일과 월이 뒤바뀜" },
  same_year: { en: "same birth year", ko: "출생 연도가 같음" },
  same_day_month: { en: "same day and month of birth, another year", ko: "출생 월일이 같고 연도가 다름" },
  missing: { en: "no date of birth on one record", ko: "한쪽 기록에 생년월일이 없음" },
  different: { en: "different date of birth", ko: "생년월일이 다름" },
};
const NATIONALITY: Record<Score["comparison"]["nationality"], Words> = {
  same: { en: "same nationality", ko: "국적이 같음" },
  different: { en: "another nationality", ko: "국적이 다름" },
};
const SEX: Record<Score["comparison"]["sex"], Words | null> = {
  same: { en: "same sex", ko: "성별이 같음" },
  different: { en: "different sex", ko: "성별이 다름" },
  missing: null,
};

/** The reasons of a score, strongest evidence first within the fixed order of fields. */
export function explain(
  s: Score,
  identifierKinds: readonly string[] = [],
): { reasons: Reason[]; explanation: Words } {
  const c = s.comparison;
  const reasons: Reason[] = [];
  if (c.identifier === "same") {
    const kinds = identifierKinds.join(", ");
    reasons.push({
      field: "identifier",
      level: "same",
      weight: s.weights.identifier,
      text: { en: `same identifier (${kinds})`, ko: `식별번호가 같음(${kinds})` },
    });
  }
  const name = { ...NAME[c.name] };
  if (c.name !== "exact" && c.name !== "different") {
    if (c.names.crossScript) {
      name.en += ", written in another script";
      name.ko += "(다른 문자로 표기)";
    }
    if (c.names.reordered) {
      name.en += ", in another order";
      name.ko += "(순서가 다름)";
    }
  }
  reasons.push({ field: "name", level: c.name, weight: s.weights.name, text: name });
  reasons.push({
    field: "birthDate",
    level: c.birthDate,
    weight: s.weights.birthDate,
    text: BIRTH[c.birthDate],
  });
  reasons.push({
    field: "nationality",
    level: c.nationality,
    weight: s.weights.nationality,
    text: NATIONALITY[c.nationality],
  });
  const sex = SEX[c.sex];
  if (sex) reasons.push({ field: "sex", level: c.sex, weight: s.weights.sex, text: sex });
  return {
    reasons,
    explanation: {
      en: reasons.map((r) => r.text.en).join(", "),
      ko: reasons.map((r) => r.text.ko).join(", "),
    },
  };
}
