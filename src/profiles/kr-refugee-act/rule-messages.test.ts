/**
 * The words of the procedure's rules: each rule has them in English and Korean with the same
 * placeholders, and a refusal by a rule names it with the values its words need, its English text
 * being the words filled in.
 */
import { describe, expect, it } from "vitest";
import { createKoreanCalendar } from "./calendar.ts";
import { decide } from "./index.ts";
import { LABELS } from "./labels.ts";
import { fillRule, RULES_EN, RULES_KO, type RuleKey } from "./rule-messages.ts";
import { play } from "./script.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const calendar = createKoreanCalendar();
const ctx = { today: "2026-11-24", calendar };

describe("the words of the procedure's rules", () => {
  it.each(Object.keys(RULES_EN) as RuleKey[])("%s has Korean words with the same placeholders", (key) => {
    expect(RULES_KO[key].trim()).not.toBe("");
    expect(placeholders(RULES_KO[key])).toEqual(placeholders(RULES_EN[key]));
  });

  it("are the profile's labels in each language", () => {
    expect(LABELS.en.rules).toEqual(RULES_EN);
    expect(LABELS.ko?.rules).toEqual(RULES_KO);
  });

  it("a refusal names its rule and values; its message is the English words filled in", () => {
    // A summons served on 2024-02-01 for an interview on 2024-01-25: the interview cannot come first.
    const { state } = play(
      { office: "seoul", channel: "in_country", kind: "first", occurredOn: "2024-01-10" },
      [],
      ctx,
    );
    const r = decide(
      state,
      { type: "summons_served", occurredOn: "2024-02-01", interviewOn: "2024-01-25", method: "post" },
      ctx,
    );
    if (r.ok) throw new Error("the summons was accepted");
    expect(r.refusal.code).toBe("rule");
    expect(r.refusal.rule).toEqual({
      key: "interview_before_summons",
      params: { interviewOn: "2024-01-25", on: "2024-02-01" },
    });
    expect(r.refusal.message).toBe("the interview (2024-01-25) cannot be before the summons (2024-02-01)");
    expect(fillRule(RULES_KO.interview_before_summons, r.refusal.rule?.params ?? {})).toBe(
      "면접일(2024-01-25)은 출석요구일(2024-02-01)보다 앞설 수 없습니다",
    );
  });
});
