import { describe, expect, it } from "vitest";
import { simulate, simulatePolicy, proportion, type HistoricalReapplication } from "./replay.ts";
import { TEST_SCREENING_POLICY, TEST_SIMPLIFIED_POLICY } from "./testing.ts";

/**
 * A hand-made history of eight re-applications. The policy reviews those whose earlier case was
 * refused, terminated for missed interviews or refused for false documents, compares facts,
 * evidence, audience, COI and foreign-state actions (not law), and takes applicant status away.
 *
 *      earlier ending      elements                      in fact        strict     generous
 *   A  refused             fact arose after              recognized     eligible   eligible
 *   B  refused             evidence existed, not relied  humanitarian   OUT (FN)   eligible
 *   C  refused             fact already considered       -              OUT        OUT
 *   D  missed interviews   none recorded                 annulled       OUT (FN)   eligible
 *   E  withdrawn           none recorded                 -              not reviewed
 *   F  (none ended)        fact arose after              -              not reviewed
 *   G  refused             COI, not classified           recognized     OUT (FN)   eligible
 *   H  refused             law arose after (not compared)-              OUT        OUT
 */
const base = { filedOn: "2023-05-02", channel: "in_country" as const, surPlace: false, represented: false };
const HISTORY: HistoricalReapplication[] = [
  {
    ...base,
    caseId: "A",
    nationality: "KHM",
    priorEnding: "refused_on_merits",
    elements: [{ kind: "fact", tag: "arose_after" }],
    surPlace: true,
    represented: true,
    outcome: "recognized",
  },
  {
    ...base,
    caseId: "B",
    nationality: "KHM",
    priorEnding: "refused_on_merits",
    elements: [{ kind: "evidence", tag: "existed_not_relied_on", withoutFault: true }],
    surPlace: true,
    outcome: "humanitarian",
  },
  {
    ...base,
    caseId: "C",
    nationality: "KHM",
    priorEnding: "refused_on_merits",
    elements: [{ kind: "fact", tag: "already_considered" }],
    outcome: null,
  },
  {
    ...base,
    caseId: "D",
    nationality: "NGA",
    priorEnding: "terminated_no_show",
    elements: [],
    surPlace: null,
    represented: true,
    outcome: "annulled",
  },
  { ...base, caseId: "E", nationality: "NGA", priorEnding: "withdrawn", elements: [], outcome: null },
  {
    ...base,
    caseId: "F",
    nationality: null,
    priorEnding: null,
    elements: [{ kind: "fact", tag: "arose_after" }],
    outcome: null,
  },
  {
    ...base,
    caseId: "G",
    nationality: "RUS",
    priorEnding: "refused_on_merits",
    elements: [{ kind: "coi", tag: null }],
    outcome: "recognized",
  },
  {
    ...base,
    caseId: "H",
    nationality: "RUS",
    priorEnding: "refused_on_merits",
    elements: [{ kind: "law", tag: "arose_after" }],
    outcome: null,
  },
];

describe("replaying a policy on a hand-made history", () => {
  const sim = simulatePolicy(TEST_SCREENING_POLICY, HISTORY);

  it("counts re-applications, reviews and what the record leaves unknown", () => {
    expect(sim.total.reapplications).toBe(8);
    expect(sim.total.withoutPriorEnding).toBe(1); // F
    expect(sim.total.reviewed).toBe(6); // all but E (withdrawn) and F
    expect(sim.total.unclassified).toBe(3); // D, E (nothing recorded), G (COI not classified)
    expect(sim.total.laterProtectedOrAnnulled).toBe(4); // A, B, D, G
  });

  it("screens out B, C, D, G and H under the strict bound, with B, D and G false negatives", () => {
    expect(sim.total.strict.screenedOut).toBe(5);
    expect(sim.total.strict.falseNegatives).toEqual({
      total: 3,
      recognized: 1,
      humanitarian: 1,
      annulled: 1,
    });
    expect(sim.total.strict.screenedOutShare.count).toBe(5);
    expect(sim.total.strict.screenedOutShare.of).toBe(8);
    // Wilson 95 % for 3 of 5: 0.231 to 0.882
    const fn = sim.total.strict.falseNegativeShare;
    expect(fn.share).toBeCloseTo(0.6, 10);
    expect(fn.low).toBeCloseTo(0.2307, 3);
    expect(fn.high).toBeCloseTo(0.8824, 3);
  });

  it("screens out only C and H under the generous bound, and no false negative", () => {
    expect(sim.total.generous.screenedOut).toBe(2);
    expect(sim.total.generous.falseNegatives.total).toBe(0);
    expect(sim.total.generous.falseNegativeShare.share).toBe(0);
    // Wilson 95 % for 0 of 2: 0 to 0.658
    expect(sim.total.generous.falseNegativeShare.high).toBeCloseTo(0.6576, 3);
  });

  it("breaks the figures down by nationality, sur place and representation", () => {
    const nat = Object.fromEntries(sim.breakdowns.nationality.map((r) => [r.category, r.figures]));
    expect(Object.keys(nat)).toEqual(["KHM", "NGA", "RUS", "unknown"]);
    expect(nat.KHM?.strict.screenedOut).toBe(2); // B, C
    expect(nat.KHM?.strict.falseNegatives.total).toBe(1); // B
    expect(nat.NGA?.reviewed).toBe(1); // D (E withdrawn)
    expect(nat.RUS?.generous.screenedOut).toBe(1); // H
    const sur = Object.fromEntries(sim.breakdowns.surPlace.map((r) => [r.category, r.figures]));
    expect(sur.sur_place?.reapplications).toBe(2); // A, B
    expect(sur.sur_place?.strict.falseNegatives.humanitarian).toBe(1); // B
    expect(sur.unknown?.reapplications).toBe(1); // D
    const rep = Object.fromEntries(sim.breakdowns.representation.map((r) => [r.category, r.figures]));
    expect(rep.represented?.reapplications).toBe(2); // A, D
    expect(rep.represented?.strict.falseNegatives.annulled).toBe(1); // D
    expect(rep.not_represented?.strict.screenedOut).toBe(4); // B, C, G, H
  });

  it("finds the same re-applications ineligible under a policy that keeps status, but screens out nobody", () => {
    const [screening, simplified] = simulate([TEST_SCREENING_POLICY, TEST_SIMPLIFIED_POLICY], HISTORY);
    expect(simplified?.screensOut).toBe(false);
    expect(simplified?.total.strict.ineligible).toBe(screening?.total.strict.ineligible);
    expect(simplified?.total.strict.ineligible).toBe(5);
    expect(simplified?.total.strict.screenedOut).toBe(0);
    expect(simplified?.total.strict.falseNegatives.total).toBe(0);
    expect(simplified?.total.strict.falseNegativeShare.share).toBeNull();
  });

  it("has the generous bound never screen out more than the strict one", () => {
    for (const row of sim.breakdowns.nationality)
      expect(row.figures.generous.screenedOut).toBeLessThanOrEqual(row.figures.strict.screenedOut);
  });

  it("gives no interval for an empty denominator", () => {
    expect(proportion(0, 0)).toEqual({ count: 0, of: 0, share: null, low: null, high: null });
  });
});
