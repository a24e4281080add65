/**
 * The check's rules on their own (pure): a COI citation a fact relies on needs both its
 * publication and access dates; a rejection on an inconsistency passes once the segment where the
 * applicant explained it is named; a withdrawn fact needs no finding; a recognition needs no remedy.
 */
import { describe, expect, it } from "vitest";
import { AssessmentContentSchema } from "../contracts/examination.ts";
import { checkExamination, type CheckInput } from "./check.ts";
import type { FactRow } from "./db.ts";
import type { CaseCitation, SegmentRef } from "./sources.ts";

const fact = (id: string, position: number, status: FactRow["status"] = "active"): FactRow => ({
  officeId: "seoul",
  caseId: "c",
  id,
  position,
  status,
  version: 1,
  content: {
    statement: `statement ${position}`,
    occurredOn: null,
    period: null,
    place: null,
    grounds: [],
    actor: null,
    surPlace: false,
  },
  withdrawal: null,
  recordedBy: "e",
  recordedAt: "2026-11-20T00:00:00Z",
  updatedBy: "e",
  updatedAt: "2026-11-20T00:00:00Z",
});

const citation = (id: string, publishedOn: string | null, accessedOn: string | null): CaseCitation => ({
  id,
  passageId: "p",
  documentId: "d",
  quote: "q",
  quoteSha256: "0".repeat(64),
  title: `Report ${id}`,
  source: "A fictional NGO",
  author: null,
  url: null,
  country: "KHM",
  publishedOn,
  accessedOn,
  locator: "p. 3",
  citedAt: "2026-11-20T00:00:00Z",
  citedBy: "e",
  newerDocument: null,
  translations: [],
});

const F1 = "01900000-0000-7000-8000-0000000000f1";
const F2 = "01900000-0000-7000-8000-0000000000f2";

const segment: SegmentRef = {
  id: "s1",
  interviewId: "i",
  interviewOn: "2026-11-10",
  position: 7,
  question: "Why?",
};

function input(over: Omit<Partial<CheckInput>, "assessment"> & { assessment?: unknown }): CheckInput {
  return {
    facts: [fact(F1, 1)],
    links: [],
    citations: [],
    segments: new Map(),
    ...over,
    assessment:
      over.assessment === null
        ? null
        : AssessmentContentSchema.parse(
            over.assessment ?? {
              facts: [{ factId: F1, finding: "accepted" }],
              conclusion: { outcome: "recognized" },
            },
          ),
  };
}

describe("the check before a decision draft", () => {
  it("passes a complete recognition", () => {
    expect(checkExamination(input({}))).toEqual([]);
  });

  it("names an undated citation that a fact relies on, and only those", () => {
    const issues = checkExamination(
      input({
        links: [
          { factId: F1, kind: "citation", targetId: "c1", stance: "supports" },
          { factId: F1, kind: "citation", targetId: "c2", stance: "supports" },
        ],
        citations: [
          citation("c1", "2025-01-01", null),
          citation("c2", "2025-01-01", "2026-11-01"),
          citation("c3", null, null),
        ],
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: "citation_undated",
        citationId: "c1",
        message: expect.stringContaining("access"),
      }),
    ]);
  });

  it("asks for the segment of a rejection on an inconsistency, and is satisfied by one of the case", () => {
    const rejected = {
      facts: [
        {
          factId: F1,
          finding: "rejected",
          indicators: { coiConsistency: { rating: "negative" } },
          explanationSegmentId: "01900000-0000-7000-8000-000000000001",
        },
      ],
      conclusion: { outcome: "not_recognized", remedy: "Objection within 30 days." },
    };
    expect(checkExamination(input({ assessment: rejected })).map((i) => i.code)).toEqual([
      "inconsistency_without_segment",
    ]);
    const known = new Map([["01900000-0000-7000-8000-000000000001", segment]]);
    expect(checkExamination(input({ assessment: rejected, segments: known }))).toEqual([]);
    // Rejected on plausibility alone: no segment is asked for.
    const implausible = {
      ...rejected,
      facts: [{ factId: F1, finding: "rejected", indicators: { plausibility: { rating: "negative" } } }],
    };
    expect(checkExamination(input({ assessment: implausible }))).toEqual([]);
  });

  it("needs no finding for a withdrawn fact, and a remedy for every refusal", () => {
    const facts = [fact(F1, 1), fact(F2, 2, "withdrawn")];
    expect(checkExamination(input({ facts }))).toEqual([]);
    for (const outcome of ["not_recognized", "humanitarian_stay", "excluded"]) {
      const issues = checkExamination(
        input({
          facts,
          assessment: { facts: [{ factId: F1, finding: "accepted" }], conclusion: { outcome } },
        }),
      );
      expect(issues.map((i) => i.code)).toEqual(["remedy_missing"]);
    }
  });

  it("reports a missing assessment together with every fact's missing finding", () => {
    expect(
      checkExamination(input({ assessment: null, facts: [fact(F1, 1), fact(F2, 2)] })).map((i) => i.path),
    ).toEqual(["assessment", `facts.${F1}.finding`, `facts.${F2}.finding`]);
  });
});
