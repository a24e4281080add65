import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeBlindIndex, normalizeForBlindIndex } from "./blind-index.ts";

const key = randomBytes(32);

describe("blind index", () => {
  it("is stable across spacing, hyphen, case and width variants", () => {
    const variants = [
      "M12345678",
      "m12345678",
      "M 1234 5678",
      "M-1234-5678",
      " m1234‐5678 ",
      "Ｍ１２３４５６７８",
    ];
    const indexes = new Set(variants.map((value) => computeBlindIndex(key, "passport", value)));
    expect(indexes.size).toBe(1);
    expect(normalizeForBlindIndex("ｍ-12 34")).toBe("M1234");
  });

  it("is a 256-bit hex HMAC that differs by kind, value and key", () => {
    const index = computeBlindIndex(key, "passport", "M12345678");
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(computeBlindIndex(key, "alien_registration", "M12345678")).not.toBe(index);
    expect(computeBlindIndex(key, "passport", "M12345679")).not.toBe(index);
    expect(computeBlindIndex(randomBytes(32), "passport", "M12345678")).not.toBe(index);
  });

  it("keeps kind and value apart", () => {
    expect(computeBlindIndex(key, "AB", "C")).not.toBe(computeBlindIndex(key, "A", "BC"));
  });

  it("refuses an empty value or kind and a wrong-size key", () => {
    expect(() => computeBlindIndex(key, "passport", " - ")).toThrow(/nothing to index/);
    expect(() => computeBlindIndex(key, "", "M1")).toThrow(/kind/);
    expect(() => computeBlindIndex(randomBytes(16), "passport", "M1")).toThrow(/32 bytes/);
  });
});
