/**
 * The pure proposals of the what-is-new comparison (docs/what-is-new.md): how a claimed fact
 * compares with the earlier claim, and the tag proposed from dates and hashes, with its reason.
 */
import { describe, expect, it } from "vitest";
import {
  matchFact,
  normalizeStatement,
  proposeDated,
  proposeEvidence,
  proposeFact,
  statementSimilarity,
} from "../../src/reapplications/what-is-new/compare.ts";

const CUT = "2023-02-14";
const earlier = [
  { statement: "Since 2020 the applicant has run a public page criticising the government.", ref: 1 },
  { statement: "In October 2021 the police questioned the applicant's mother about the page.", ref: 2 },
];

describe("matching a claimed fact with the earlier claim", () => {
  it("finds the same statement whatever its case, spacing and punctuation", () => {
    expect(normalizeStatement("  Since 2020, the  APPLICANT…")).toBe("since 2020 the applicant");
    expect(
      matchFact("since 2020 the applicant has run a public page, criticising the government", earlier),
    ).toEqual({
      comparison: "already_considered",
      match: earlier[0],
    });
  });

  it("takes a statement sharing most words for a changed account, and others for new facts", () => {
    const changed =
      "In October 2021 the police questioned the applicant's mother and father about the page, twice.";
    expect(statementSimilarity(changed, earlier[1]!.statement)).toBeGreaterThanOrEqual(0.5);
    expect(matchFact(changed, earlier)).toEqual({ comparison: "changed", match: earlier[1] });
    expect(matchFact("The applicant's brother lost his job.", earlier)).toEqual({
      comparison: "new",
      match: null,
    });
    expect(matchFact("Anything at all", [])).toEqual({ comparison: "new", match: null });
  });
});

describe("the proposed tag", () => {
  it("for a fact: by how it compares and by its date against the earlier decision", () => {
    expect(proposeFact("already_considered", "2025-01-01", CUT)).toMatchObject({
      tag: "already_considered",
      code: "same_statement",
    });
    expect(proposeFact("new", "2023-02-15", CUT)).toMatchObject({
      tag: "arose_after",
      code: "occurred_after",
    });
    // The decision's own day is not after it.
    expect(proposeFact("new", CUT, CUT)).toMatchObject({
      tag: "existed_not_relied_on",
      code: "occurred_before",
    });
    expect(proposeFact("changed", "2021-10-14", CUT)).toMatchObject({
      tag: "existed_not_relied_on",
      code: "changed_before",
    });
    expect(proposeFact("changed", null, CUT)).toMatchObject({
      tag: "existed_not_relied_on",
      code: "changed_undated",
    });
    expect(proposeFact("new", null, CUT)).toMatchObject({ tag: null, code: "undated" });
  });

  it("for evidence: identical by hash first, then by the date of what it shows", () => {
    expect(proposeEvidence("item 2 of SEOUL-2021-000001", "2025-10-12", CUT)).toMatchObject({
      tag: "already_considered",
      code: "identical_hash",
    });
    expect(proposeEvidence(null, "2025-10-12", CUT)).toMatchObject({
      tag: "arose_after",
      code: "dated_after",
    });
    expect(proposeEvidence(null, "2021-11-20", CUT)).toMatchObject({
      tag: "existed_not_relied_on",
      code: "dated_before",
    });
    expect(proposeEvidence(null, null, CUT)).toMatchObject({ tag: null, code: "undated" });
  });

  it("for a dated element: after or before the earlier decision, none without one", () => {
    expect(proposeDated("2025-12-08", CUT, "the state acted").why).toBe(
      "the state acted on 2025-12-08, after the earlier decision of 2023-02-14",
    );
    expect(proposeDated("2022-01-01", CUT, "published").tag).toBe("existed_not_relied_on");
    expect(proposeDated("2025-12-08", null, "observed")).toMatchObject({ tag: null, code: "no_decision" });
  });
});
