import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinTargets, separator } from "./final-text.ts";
import { missingPlaceholders, placeholdersOf } from "./placeholders.ts";
import {
  countStates,
  finalizeSegments,
  propose,
  reviewSegment,
  saveTarget,
  TranslationRuleError,
  type SegmentFacts,
} from "./rules.ts";
import { normalizeSentence, segmentUnits, splitSentences } from "./segments.ts";
import { planSync, withDigests, type CurrentSegment } from "./sync.ts";

const noSpace = (s: string) => s.replace(/\s+/gu, "");

describe("sentence segmentation", () => {
  it("cuts English, Korean, Khmer and Chinese into trimmed sentences", () => {
    expect(splitSentences("The applicant arrived in 2024.  She applied at once!\nNew line", "en")).toEqual([
      { text: "The applicant arrived in 2024.", gap: "  " },
      { text: "She applied at once!", gap: "\n" },
      { text: "New line", gap: "" },
    ]);
    expect(splitSentences("신청인은 2024년에 입국했다. 즉시 신청했다.", "ko").map((s) => s.text)).toEqual([
      "신청인은 2024년에 입국했다.",
      "즉시 신청했다.",
    ]);
    expect(splitSentences("ខ្ញុំឈ្មោះ សុខា។ ខ្ញុំមកពីកម្ពុជា។", "km").map((s) => s.text)).toEqual([
      "ខ្ញុំឈ្មោះ សុខា។",
      "ខ្ញុំមកពីកម្ពុជា។",
    ]);
    expect(splitSentences("这是第一句。这是第二句。", "zh").map((s) => s.gap)).toEqual(["", ""]);
    expect(splitSentences("   \n ", "en")).toEqual([]);
    expect(splitSentences("x", "not-a-real-tag-xx")).toEqual([{ text: "x", gap: "" }]);
  });

  it("keeps every character but white space: the sentences join back to the unit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(". ", "? ", "! ", "。", "។ ", "\n", "\n\n", " ", "Mr. ", "다. "),
          ),
          { maxLength: 30 },
        ),
        fc.constantFrom("en", "ko", "km", "zh", "ja", "ru"),
        (parts, lang) => {
          const text = parts.join("");
          const sentences = splitSentences(text, lang);
          expect(noSpace(sentences.map((s) => s.text).join(""))).toBe(noSpace(text));
          for (const s of sentences) {
            expect(s.text).toBe(s.text.trim());
            expect(s.text).not.toBe("");
            expect(s.gap.trim()).toBe("");
          }
        },
      ),
    );
  });

  it("numbers repeated sentences within a unit", () => {
    const units = [
      { unit: "a", text: "Yes. No. Yes." },
      { unit: "b", text: "Yes." },
    ];
    expect(segmentUnits(units, "en")).toEqual([
      { unit: "a", text: "Yes.", occurrence: 0, gap: " " },
      { unit: "a", text: "No.", occurrence: 0, gap: " " },
      { unit: "a", text: "Yes.", occurrence: 1, gap: "" },
      { unit: "b", text: "Yes.", occurrence: 0, gap: "" },
    ]);
    expect(normalizeSentence("  A\u00a0 b\n c ")).toBe("A b c");
  });
});

describe("placeholders", () => {
  it("are named once each, and a target must keep them all", () => {
    expect(placeholdersOf("Object by {date} at {office}, not after {date}. {not a placeholder}")).toEqual([
      "{date}",
      "{office}",
    ]);
    expect(missingPlaceholders("By {date} at {office}.", "{office} ... ")).toEqual(["{date}"]);
    expect(missingPlaceholders("By {date}.", "{date}까지")).toEqual([]);
  });
});

const seg = (over: Partial<SegmentFacts> = {}): SegmentFacts => ({
  source: "Object by {date}.",
  target: null,
  state: "initial",
  origin: "none",
  translatedBy: null,
  reviewedBy: null,
  returned: false,
  sourceChanged: false,
  removed: false,
  ...over,
});
const open = { state: "open" as const };
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof TranslationRuleError) return { kind: e.kind, message: e.message, missing: e.missing };
    throw e;
  }
  throw new Error("not refused");
};

describe("the review's rules", () => {
  it("save, review by another, finalize", () => {
    const t = saveTarget(open, seg(), "ana", "{date}까지 이의신청.");
    expect(t).toMatchObject({ state: "translated", translatedBy: "ana", origin: "person" });
    expect(refusal(() => reviewSegment(open, t!, "ana", "reviewed")).kind).toBe("conflict");
    const r = reviewSegment(open, t!, "bo", "reviewed");
    expect(r).toMatchObject({ state: "reviewed", reviewedBy: "bo" });
    expect(refusal(() => finalizeSegments(open, [r], "ana")).message).toMatch(/reviewer who did not/);
    expect(finalizeSegments(open, [r, seg({ removed: true })], "bo").map((s) => s.state)).toEqual([
      "final",
      "initial",
    ]);
    expect(refusal(() => saveTarget({ state: "final" }, r, "ana", "x {date}")).message).toMatch(/read-only/);
    expect(refusal(() => saveTarget({ state: "cancelled" }, r, "ana", "x {date}")).kind).toBe("conflict");
  });

  it("refuses a finalization until every live segment is reviewed, saying how many are", () => {
    const t = saveTarget(open, seg(), "ana", "{date}")!;
    const r = reviewSegment(open, t, "bo", "reviewed");
    expect(refusal(() => finalizeSegments(open, [r, t, seg()], "bo")).message).toMatch(/1 of 3 reviewed/);
    expect(refusal(() => finalizeSegments(open, [], "bo")).kind).toBe("conflict");
  });

  it("a return keeps the target, goes back to initial, and the next save answers it", () => {
    const t = saveTarget(open, seg(), "ana", "{date} draft")!;
    expect(refusal(() => reviewSegment(open, t, "bo", "returned")).kind).toBe("invalid");
    const back = reviewSegment(open, t, "bo", "returned", "the date is in the wrong place");
    expect(back).toMatchObject({
      state: "initial",
      target: "{date} draft",
      returned: true,
      reviewedBy: null,
    });
    const again = saveTarget(open, back, "ana", "{date} better")!;
    expect(again).toMatchObject({ state: "translated", returned: false });
  });

  it("saving a reviewed target again voids the review; the same save twice changes nothing", () => {
    const r = reviewSegment(open, saveTarget(open, seg(), "ana", "{date} a")!, "bo", "reviewed");
    expect(saveTarget(open, r, "ana", "{date} b")).toMatchObject({ state: "translated", reviewedBy: null });
    const t = saveTarget(open, seg(), "ana", "{date} a")!;
    expect(saveTarget(open, t, "ana", "{date} a")).toBeNull();
    expect(saveTarget(open, t, "cy", "{date} a")).toMatchObject({ translatedBy: "cy" });
  });

  it("refuses a target without the source's placeholders, naming them", () => {
    const e = refusal(() =>
      saveTarget(open, seg({ source: "By {date} at {office}." }), "ana", "at {office}"),
    );
    expect(e).toMatchObject({ kind: "invalid", missing: ["{date}"] });
    expect(e.message).toContain("{date}");
    expect(refusal(() => saveTarget(open, seg({ source: "Hi." }), "ana", "  ")).kind).toBe("invalid");
  });

  it("a proposal fills only an empty initial segment; accepting it keeps its origin", () => {
    const p = propose(open, seg(), "{date}까지", "memory")!;
    expect(p).toMatchObject({ state: "initial", origin: "memory", target: "{date}까지" });
    expect(propose(open, p, "other {date}", "engine")).toBeNull();
    expect(saveTarget(open, p, "ana", "{date}까지")).toMatchObject({ origin: "memory", state: "translated" });
    expect(saveTarget(open, p, "ana", "{date}까지 (edited)")).toMatchObject({ origin: "person" });
    expect(countStates([p, seg({ state: "translated", target: "x" }), seg({ removed: true })])).toEqual({
      initial: 1,
      translated: 1,
      reviewed: 0,
      final: 0,
    });
  });

  it("no sequence of actions reviews a segment by its own translator", () => {
    const people = ["ana", "bo", "cy"];
    const action = fc.oneof(
      fc.record({
        kind: fc.constant("save" as const),
        by: fc.constantFrom(...people),
        t: fc.constantFrom("{date} a", "{date} b"),
      }),
      fc.record({ kind: fc.constant("review" as const), by: fc.constantFrom(...people) }),
      fc.record({ kind: fc.constant("return" as const), by: fc.constantFrom(...people) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 20 }), (actions) => {
        let s = seg();
        for (const a of actions) {
          try {
            if (a.kind === "save") s = saveTarget(open, s, a.by, a.t) ?? s;
            else s = reviewSegment(open, s, a.by, a.kind === "review" ? "reviewed" : "returned", "why");
          } catch (e) {
            if (!(e instanceof TranslationRuleError)) throw e;
          }
          if (s.state === "reviewed") expect(s.reviewedBy).not.toBe(s.translatedBy);
          if (s.state !== "initial") expect(s.target).not.toBeNull();
        }
      }),
    );
  });
});

describe("the source-sync plan", () => {
  const digest = (t: string) => `d(${t})`;
  const segmentsOf = (units: { unit: string; text: string }[]) =>
    withDigests(segmentUnits(units, "en"), digest);
  const current = (units: { unit: string; text: string }[]): CurrentSegment[] =>
    segmentsOf(units).map((s, i) => ({
      id: `s${i + 1}`,
      unit: s.unit,
      digest: s.digest,
      position: i + 1,
      removed: false,
    }));

  it("keeps what is unchanged, resets what changed, adds and removes the rest", () => {
    const before = current([
      { unit: "reasons.1", text: "One. Two. Three." },
      { unit: "reasons.2", text: "Gone." },
    ]);
    const plan = planSync(
      before,
      segmentsOf([
        { unit: "reasons.1", text: "One.  Two changed. Three. Four." },
        { unit: "remedy", text: "New." },
      ]),
    );
    expect(plan.changed).toBe(true);
    expect(
      plan.steps.map((s) => [s.kind, "id" in s ? s.id : null, "position" in s ? s.position : null]),
    ).toEqual([
      ["keep", "s1", 1],
      ["reset", "s2", 2],
      ["keep", "s3", 3],
      ["add", null, 4],
      ["add", null, 5],
      ["remove", "s4", null],
    ]);
  });

  it("changes nothing when only white space changed; repeated sentences keep their own segment", () => {
    const units = [{ unit: "a", text: "Yes. No. Yes." }];
    expect(planSync(current(units), segmentsOf([{ unit: "a", text: "Yes.\nNo.   Yes." }])).changed).toBe(
      false,
    );
    const plan = planSync(current(units), segmentsOf([{ unit: "a", text: "Yes. No." }]));
    expect(plan.steps).toEqual([
      { kind: "keep", id: "s1", position: 1 },
      { kind: "keep", id: "s2", position: 2 },
      { kind: "remove", id: "s3" },
    ]);
  });

  it("every new sentence gets exactly one segment, and every old one is kept, reset or removed once", () => {
    const unit = fc.constantFrom("u1", "u2", "u3");
    const sentence = fc.constantFrom("A.", "B.", "C.", "D.", "A.");
    const units = fc.array(
      fc.record({ unit, text: fc.array(sentence, { maxLength: 5 }).map((s) => s.join(" ")) }),
      {
        maxLength: 4,
      },
    );
    fc.assert(
      fc.property(units, units, (a, b) => {
        const before = current(a);
        const next = segmentsOf(b);
        const plan = planSync(before, next);
        const placed = plan.steps.filter((s) => s.kind !== "remove");
        expect(placed.map((s) => ("position" in s ? s.position : 0))).toEqual(next.map((_, i) => i + 1));
        const ids = plan.steps.filter((s) => s.kind !== "add").map((s) => ("id" in s ? s.id : ""));
        expect([...ids].sort()).toEqual(before.map((s) => s.id).sort());
        if (JSON.stringify(a) === JSON.stringify(b)) expect(plan.changed).toBe(false);
        for (const s of plan.steps)
          if (s.kind === "keep") {
            const old = before.find((o) => o.id === s.id)!;
            expect(next[s.position - 1]!.digest).toBe(old.digest);
          }
      }),
    );
  });
});

describe("the final text of a unit", () => {
  it("joins translated sentences with the source's breaks and the target language's space", () => {
    const source = "First.  Second.\nThird.\n\nFourth.";
    expect(joinTargets(source, "en", "km", ["ទី១។", "ទី២។", "ទី៣។", "ទី៤។"])).toBe("ទី១។ ទី២។\nទី៣។\n\nទី៤។");
    expect(joinTargets("这是第一句。这是第二句。", "zh", "en", ["First.", "Second."])).toBe("First. Second.");
    expect(joinTargets("First. Second.", "en", "ja", ["一。", "二。"])).toBe("一。二。");
    expect(separator("\r\n", "en")).toBe("\n");
    expect(() => joinTargets("One. Two.", "en", "ko", ["하나."])).toThrow(/2 sentences/);
  });
});
