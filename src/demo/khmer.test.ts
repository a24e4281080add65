/** The demo translator's Khmer: aligned with the Korean notice sentence by sentence, placeholders kept. */
import { describe, expect, it } from "vitest";
import { NOTICES } from "../profiles/kr-refugee-act/notices.ts";
import { khmerSentences, KHMER_DEMO_REASONS, KHMER_NOTICE_TEXTS, sentences } from "./khmer.ts";

const korean = NOTICES.legal.texts;
const placeholders = (s: string) => [...s.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();

describe("the demo's Khmer notice texts", () => {
  it("translate keys of the Korean notice, each with as many sentences and the same placeholders", () => {
    for (const [key, km] of Object.entries(KHMER_NOTICE_TEXTS)) {
      const ko = korean[key];
      expect(ko, key).toBeDefined();
      expect(sentences(km, "km").length, key).toBe(sentences(ko ?? "", "ko").length);
      expect(placeholders(km), key).toEqual(placeholders(ko ?? ""));
      expect(km, key).toMatch(/[\u1780-\u17ff]/);
    }
  });

  it("cover every text of a first-instance refusal's and an objection's notice", () => {
    for (const key of [
      "title.refused",
      "title.objection",
      "outcome.not_recognized",
      "outcome.objection_dismissed",
      "basis.ra18_2",
      "basis.ra21",
      "remedy.objection.title",
      "remedy.objection.text",
      "remedy.suit.title",
      "remedy.suit.text",
      "remedy.suit_objection.text",
      "label.remedies",
      "label.due",
    ])
      expect(KHMER_NOTICE_TEXTS[key], key).toBeDefined();
  });

  it("pair each Korean sentence with its Khmer, and each demo reason with its own", () => {
    const map = khmerSentences(korean);
    const [first, second] = sentences(korean["remedy.objection.text"] ?? "", "ko");
    expect(map.get(first ?? "")).toMatch(/^ប្រសិនបើអ្នកមិនយល់ស្រប.*៣០ ថ្ងៃ/);
    expect(map.get(second ?? "")).toMatch(/^សូមដាក់លិខិតបណ្ដឹងជំទាស់/);
    for (const [reason, km] of Object.entries(KHMER_DEMO_REASONS)) {
      expect(sentences(reason, "en")).toHaveLength(1);
      expect(map.get(reason)).toBe(km);
    }
  });
});
