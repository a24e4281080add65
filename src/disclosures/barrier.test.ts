import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRecipient, type Origins, type RecipientKind } from "./barrier.ts";

const HOME = "KOR";
const known: Origins = { nationality: "MMR", feared: ["MMR", "CHN"], formerResidences: ["THA"] };
const verdict = (o: Origins, kind: RecipientKind, country: string) =>
  checkRecipient(o, { kind, country }, HOME).kind;

describe("the country-of-origin barrier", () => {
  it("bars every recipient in the nationality, a feared country or a former residence", () => {
    for (const country of ["MMR", "CHN", "THA"])
      for (const kind of ["authority", "court", "unhcr", "other"] as const)
        expect(verdict(known, kind, country), `${kind} ${country}`).toBe("barred");
    expect(verdict(known, "authority", "JPN")).toBe("clear");
  });

  it("holds a foreign state for confirmation when the countries of origin are not known", () => {
    const cases: [string, Origins][] = [
      ["stateless", { nationality: "XXA", feared: ["SYR"], formerResidences: ["SYR"] }],
      ["nationality unknown", { nationality: "XXX", feared: ["SYR"], formerResidences: [] }],
      ["a refugee's document", { nationality: "XXB", feared: ["SYR"], formerResidences: [] }],
      ["no feared country recorded", { nationality: "MMR", feared: [], formerResidences: [] }],
      ["the feared country unknown", { nationality: "MMR", feared: ["XXX"], formerResidences: [] }],
    ];
    for (const [what, o] of cases) {
      for (const kind of ["authority", "court", "other"] as const)
        expect(verdict(o, kind, "JPN"), `${what}: ${kind}`).toBe("unconfirmed");
      // Not a state: UNHCR; not foreign: the jurisdiction's own courts and authorities.
      expect(verdict(o, "unhcr", "CHE"), what).toBe("clear");
      expect(verdict(o, "court", HOME), what).toBe("clear");
    }
    // A known country of origin is barred even when the rest is uncertain.
    expect(verdict({ nationality: "XXA", feared: [], formerResidences: ["SYR"] }, "authority", "SYR")).toBe(
      "barred",
    );
  });

  it("holds a recipient whose own country is not known", () => {
    expect(verdict(known, "authority", "XXX")).toBe("unconfirmed");
  });

  it("never clears a recipient in a country of origin, whatever else is recorded", () => {
    const code = fc.constantFrom("MMR", "CHN", "THA", "SYR", "KOR", "JPN", "XXA", "XXX", "CHE");
    fc.assert(
      fc.property(
        code,
        fc.array(code, { maxLength: 4 }),
        fc.array(code, { maxLength: 4 }),
        fc.constantFrom<RecipientKind>("authority", "court", "unhcr", "other"),
        code,
        (nationality, feared, formerResidences, kind, country) => {
          const o = { nationality, feared, formerResidences };
          const v = verdict(o, kind, country);
          if ([nationality, ...feared, ...formerResidences].includes(country) && !country.startsWith("XX"))
            expect(v).toBe("barred");
          if (v === "clear" && kind !== "unhcr" && country !== HOME) {
            expect(nationality.startsWith("XX")).toBe(false);
            expect(feared.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("a state whose action against the applicant is recorded", () => {
  it("is barred as a recipient, whatever the applicant's countries of origin", () => {
    const acted: Origins = { ...known, actingStates: ["VNM"] };
    for (const kind of ["authority", "court", "other"] as const)
      expect(verdict(acted, kind, "VNM"), kind).toBe("barred");
    expect(checkRecipient(acted, { kind: "authority", country: "VNM" }, HOME)).toMatchObject({
      reason: expect.stringMatching(/recorded as evidence/),
    });
    // UNHCR in that country is not that state; other states are as before.
    expect(verdict(acted, "unhcr", "VNM")).toBe("clear");
    expect(verdict(acted, "authority", "JPN")).toBe("clear");
  });
});
