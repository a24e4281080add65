import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameKeys, namesMatch, queryWords } from "./name-keys.ts";

const names = (...values: string[]) => values.map((value) => ({ value }));
const finds = (query: string, ...values: string[]) => namesMatch(queryWords(query), names(...values));

describe("name search keys", () => {
  it("finds a name by the beginning of each word, whatever the case, width or accents", () => {
    expect(finds("sokha", "Chan Sokha")).toBe(true);
    expect(finds("CHAN sok", "Chan Sokha")).toBe(true);
    expect(finds("ｓｏｋｈａ", "Chan Sokha")).toBe(true);
    expect(finds("nguyen van", "Nguyễn Văn An")).toBe(true);
    expect(finds("o'brien", "Siobhan O'Brien")).toBe(true);
    // Every word must match, and only from the beginning of a word.
    expect(finds("chan dara", "Chan Sokha")).toBe(false);
    expect(finds("okha", "Chan Sokha")).toBe(false);
    expect(finds("nobody-here", "Chan Sokha", "찬 속하")).toBe(false);
  });

  it("finds a Korean given name written without a space after the family name", () => {
    expect(finds("민수", "김민수")).toBe(true);
    expect(finds("김", "김민수")).toBe(true);
    expect(finds("민지", "김민수")).toBe(false);
  });

  it("finds a name spelled in another script", () => {
    // The Latin spelling by the Hangul transcription's sound, and the other way round.
    expect(finds("속하", "Chan Sokha")).toBe(true);
    expect(finds("찬 속하", "Chan Sokha")).toBe(true);
    expect(finds("sokha", "찬 속하")).toBe(true);
    // By the romanization's beginning: Han and Hangul parts, and the given name's ending.
    expect(finds("wang", "王小明")).toBe(true);
    expect(finds("xiaoming", "王小明")).toBe(true);
    expect(finds("chan", "찬 속하")).toBe(true);
    expect(finds("mukhammad", "Мухаммад")).toBe(true);
    expect(finds("meas", "មាស វណ្ណៈ")).toBe(true);
    expect(finds("dara", "찬 속하")).toBe(false);
  });

  it("keeps a phonetic match between scripts only, not between two Latin spellings", () => {
    expect(finds("sakha", "Chan Sokha")).toBe(false);
    expect(finds("sakha", "찬 속하")).toBe(true);
  });

  it("gives every word that narrows a search a key that each name it matches carries", () => {
    const letters = fc.constantFrom(
      ..."abcdefghijklmnopqrstuvwxyzéü",
      ..."가나다라마바사아자차카타파하속찬민수김",
      ..."王小明李",
      ..."абвгдежзиклмнопрстух",
      ..."កខគឃងចឆជ",
    );
    const word = fc.array(letters, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(""));
    const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 3 }), fc.nat(), fc.nat(), (values, i, cut) => {
        const stored = names(...values);
        const keys = new Set(nameKeys(stored));
        // A query made from a stored word's beginning, and one made at random.
        const words = values.flatMap((v) => v.split(" "));
        const source = words[i % words.length] ?? "";
        for (const query of [source.slice(0, 1 + (cut % source.length)), values[cut % values.length] ?? ""]) {
          const q = queryWords(query);
          if (!namesMatch(q, stored)) continue;
          for (const w of q)
            if (w.keys.length > 0)
              expect(
                w.keys.some((k) => keys.has(k)),
                query,
              ).toBe(true);
        }
        // A stored word's own beginning always finds the name.
        expect(namesMatch(queryWords(source), stored)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("makes coarse keys: first letters and sounds, never a whole long name", () => {
    const keys = nameKeys(names("Bartholomew Nkemdirim"));
    expect(keys).toContain("p:bar");
    expect(keys.every((k) => k.length <= 12)).toBe(true);
    expect(keys.join(" ")).not.toMatch(/bartholomew|nkemdirim/);
  });
});
