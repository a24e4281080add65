/**
 * Identity matching, pure (docs/identity-matching.md): one person's name written in Khmer, Korean,
 * Cyrillic, Arabic and Latin spellings, parts in any order, is alike; the date-of-birth levels;
 * the explanation in words; and the blocking keys that bring the same person back.
 */
import { describe, expect, it } from "vitest";
import { RETURNING_ACTIVIST_PERSON } from "../../src/demo/returning-activist.ts";
import { queryMatchKeys, storedMatchKeys } from "../../src/persons/matching/keys.ts";
import { explain } from "../../src/persons/matching/explain.ts";
import { compareNames, matchName, skeleton } from "../../src/persons/matching/names.ts";
import {
  birthLevel,
  M_U,
  PROPOSAL_THRESHOLD,
  prepare,
  score,
  weightOf,
  type MatchRecord,
} from "../../src/persons/matching/score.ts";

const earlier: MatchRecord = {
  names: [{ value: "Chan Sokha" }, { value: "ចាន់ សុខា" }],
  birthDate: "1991-04-17",
  nationality: "KHM",
  sex: "male",
};
const as = (value: string, change: Partial<MatchRecord> = {}): MatchRecord => ({
  ...earlier,
  names: [{ value }],
  ...change,
});
const shareKey = (a: MatchRecord, b: MatchRecord) => {
  const stored = new Set(storedMatchKeys(a));
  return queryMatchKeys(b).some((k) => stored.has(k));
};

describe("names across scripts", () => {
  it.each([
    ["Korean", "찬 속하"],
    ["Khmer", "ចាន់ សុខា"],
    ["Cyrillic", "Чан Сокха"],
    ["another Latin spelling", "Chan Sokhaa"],
    ["the parts swapped", "Sokha Chan"],
    ["Korean, swapped", "속하 찬"],
  ])("finds Chan Sokha written in %s (%s)", (_how, value) => {
    const later = as(value, { birthDate: undefined });
    const onlyLatin: MatchRecord = { ...earlier, names: [{ value: "Chan Sokha" }] };
    const s = score(prepare(later), prepare(onlyLatin));
    expect(["exact", "alike"]).toContain(s.comparison.name);
    expect(shareKey(onlyLatin, later)).toBe(true);
  });

  it("reads an Arabic name without its vowels as the Latin one", () => {
    const c = compareNames(matchName("محمد"), matchName("Mohammed"));
    expect(c.alike).toBe(1);
    expect(c.crossScript).toBe(true);
  });

  it("gives one skeleton to spellings that sound alike, and another to other names", () => {
    expect(skeleton("sokha")).toBe(skeleton("sogha"));
    expect(skeleton("vannak")).toBe(skeleton("bannag"));
    expect(skeleton("sreymom")).toBe(skeleton("seuleimom"));
    expect(skeleton("dara")).not.toBe(skeleton("sokha"));
  });

  it("finds a name written without spaces (김민수 against Kim Min Su)", () => {
    const c = compareNames(matchName("김민수"), matchName("Kim Min Su"));
    expect(c.similarity).toBeGreaterThanOrEqual(0.9);
  });

  it("tells another person of the same nationality apart", () => {
    const other = as("Sok Dara", { birthDate: "1985-02-03" });
    const s = score(prepare(other), prepare(earlier));
    expect(s.proposed).toBe(false);
    expect(s.comparison.birthDate).toBe("different");
  });
});

describe("the score", () => {
  it("proposes the same person under a Korean name with only the birth year right", () => {
    const s = score(prepare(as("찬 속하", { birthDate: "1991-01-01" })), prepare(earlier));
    expect(s.comparison).toMatchObject({ name: "alike", birthDate: "same_year", nationality: "same" });
    expect(s.total).toBeGreaterThanOrEqual(PROPOSAL_THRESHOLD);
    expect(s.proposed).toBe(true);
  });

  it("adds the weights of the levels, each log2(m/u)", () => {
    const s = score(prepare(as("Chan Sokha")), prepare(earlier));
    const expected =
      weightOf(M_U.name.exact) +
      weightOf(M_U.birthDate.exact) +
      weightOf(M_U.nationality.same) +
      weightOf(M_U.sex.same);
    expect(s.total).toBeCloseTo(expected, 1);
    // Agreement adds, disagreement takes away, a missing field weighs (almost) nothing.
    expect(weightOf(M_U.birthDate.exact)).toBeGreaterThan(0);
    expect(weightOf(M_U.birthDate.different)).toBeLessThan(0);
    expect(Math.abs(weightOf(M_U.birthDate.missing))).toBeLessThan(1);
  });

  it.each([
    ["1991-04-17", "1991-04-17", "exact"],
    ["1991-04-07", "1991-07-04", "day_month_swapped"],
    ["1991-01-01", "1991-04-17", "same_year"],
    ["1990-04-17", "1991-04-17", "same_day_month"],
    [undefined, "1991-04-17", "missing"],
    ["1985-02-03", "1991-04-17", "different"],
  ] as const)("compares %s with %s as %s", (a, b, level) => {
    expect(birthLevel(a, b)).toBe(level);
  });

  it("finds a later registration by its date of birth and nationality even when the name romanizes badly", () => {
    const burmese: MatchRecord = {
      names: [{ value: "Aung Phyo Thura" }],
      birthDate: "1997-03-29",
      nationality: "MMR",
    };
    const later: MatchRecord = {
      names: [{ value: "အောင်ဖြိုးသူရ" }],
      birthDate: "1997-03-29",
      nationality: "MMR",
    };
    expect(shareKey(burmese, later)).toBe(true);
    expect(score(prepare(later), prepare(burmese)).proposed).toBe(true);
  });

  it("counts an identifier in common above everything else", () => {
    const s = score(prepare(as("Sok Dara", { birthDate: "1985-02-03" })), prepare(earlier), true);
    expect(s.comparison.identifier).toBe("same");
    expect(s.proposed).toBe(true);
  });
});

describe("the explanation", () => {
  it("says in English and Korean why a pair is proposed", () => {
    const s = score(prepare(as("속하 찬", { birthDate: "1991-01-01" })), prepare(earlier));
    const { explanation, reasons } = explain(s);
    expect(explanation.en).toBe(
      "all name parts sound alike, written in another script, in another order, same birth year, same nationality, same sex",
    );
    expect(explanation.ko).toContain("출생 연도가 같음");
    expect(explanation.ko).toContain("국적이 같음");
    expect(reasons.map((r) => r.field)).toEqual(["name", "birthDate", "nationality", "sex"]);
    expect(reasons.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(s.total, 1);
  });

  it("names the identifier kinds in common", () => {
    const s = score(prepare(as("Chan Sokha")), prepare(earlier), true);
    expect(explain(s, ["passport"]).explanation.en).toMatch(/^same identifier \(passport\), same name/);
  });
});

describe("the demo's returning activist", () => {
  it.each([
    ["the parts swapped", "Chandara Sok", "1994-08-22"],
    ["the given name split, only the year known", "Sok Chan Dara", "1994-01-01"],
    ["another Latin spelling", "Sokh Chantdara", "1994-08-22"],
    ["another Korean transcription, no date of birth", "소크 찬다라", undefined],
    ["Cyrillic", "Сок Чандара", "1994-08-22"],
    ["Khmer, swapped", "ចាន់ដារ៉ា សុខ", "1994-08-22"],
  ])("proposes the earlier person registered again under %s (%s)", (_how, value, birthDate) => {
    const earlierPerson: MatchRecord = RETURNING_ACTIVIST_PERSON;
    const again: MatchRecord = { names: [{ value }], birthDate, nationality: "KHM", sex: "female" };
    expect(shareKey(earlierPerson, again)).toBe(true);
    expect(score(prepare(again), prepare(earlierPerson)).proposed).toBe(true);
  });
});
