import { describe, expect, it } from "vitest";
import { BASES, BASES_KO } from "./bases.ts";
import { LABELS } from "./labels.ts";
import { BARS, LIVING_SUPPORT_EXTENSION_BASIS, PERIODS, REFERRAL_BASIS } from "./rules.ts";

const HANGUL = /[\uAC00-\uD7A3]/;

describe("the legal bases in Korean", () => {
  it("gives every period, referral reading, bar and extension a Korean text", () => {
    const english = [
      ...Object.values(PERIODS).map((p) => p.basis),
      ...Object.values(REFERRAL_BASIS),
      ...Object.values(BARS),
      LIVING_SUPPORT_EXTENSION_BASIS,
    ];
    for (const en of english) {
      expect(BASES, en).toContain(en);
      const ko = LABELS.ko?.bases?.[en];
      expect(ko, `no Korean text for "${en}"`).toBeTruthy();
      expect(ko, en).toMatch(HANGUL);
      // No English words of the article left in the Korean text (e.g. "RA 18(4): decision within").
      expect(ko, en).not.toMatch(/\b(RA|RD|ALA|CPA|SCA|CA|FAAA)\s\d|within|decision|days/);
    }
  });

  it("cites the same articles as the English text", () => {
    // "RA 18(4)" is "난민법 제18조제4항": the numbers of the English and Korean texts are the same.
    const numbers = (s: string) => (s.match(/\d+/g) ?? []).map(Number).sort((a, b) => a - b);
    for (const en of BASES) {
      const ko = BASES_KO[en] ?? "";
      expect(numbers(ko), `${en} / ${ko}`).toEqual(numbers(en));
    }
  });

  it("publishes the Korean texts keyed by the English basis, and none in English", () => {
    expect(Object.keys(LABELS.ko?.bases ?? {}).sort()).toEqual([...BASES].sort());
    expect(LABELS.en.bases).toBeUndefined();
  });
});
