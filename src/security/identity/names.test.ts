import { describe, expect, it } from "vitest";
import { confusableUsername, nameTextProblem, usernameSkeleton } from "./names.ts";

describe("names that cannot deceive", () => {
  it("refuses every bidirectional control character, and control characters", () => {
    for (const c of [
      "\u202a",
      "\u202b",
      "\u202c",
      "\u202d",
      "\u202e",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
    ])
      expect(nameTextProblem(`Kim${c}Min`), c.codePointAt(0)?.toString(16)).toMatch(/bidirectional/);
    for (const c of ["\u200e", "\u200f", "\u061c"])
      expect(nameTextProblem(`a${c}b`)).toMatch(/bidirectional/);
    expect(nameTextProblem("Kim\nMin")).toMatch(/control/);
  });

  it("takes names in any script, with the joiners some scripts need", () => {
    for (const name of [
      "김민준",
      "Sok Dara",
      "សុខ ដារ៉ា",
      "محمد علي",
      "Иван Петров",
      "می\u200cخواهم",
      "O'Brien-Smith",
    ])
      expect(nameTextProblem(name), name).toBeNull();
  });

  it("finds usernames that look alike across letters, digits and scripts (UTS #39 skeletons)", () => {
    const existing = ["admin", "kim.j", "sup.seoul", "o.park"];
    expect(confusableUsername("аdmin", existing)).toBe("admin"); // Cyrillic а
    expect(confusableUsername("adrnin", existing)).toBe("admin");
    expect(confusableUsername("kirn.j", existing)).toBe("kim.j");
    expect(confusableUsername("sup.seou1", existing)).toBe("sup.seoul");
    expect(confusableUsername("0.park", existing)).toBe("o.park");
    expect(confusableUsername("kim.h", existing)).toBeNull();
    expect(confusableUsername("admin", existing)).toBeNull(); // the same name is "taken", not "confusable"
    expect(usernameSkeleton("kіm.j")).toBe(usernameSkeleton("kim.j")); // Ukrainian і
  });
});
