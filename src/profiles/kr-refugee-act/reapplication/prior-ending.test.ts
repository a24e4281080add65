import { describe, expect, it } from "vitest";
import { createKoreanCalendar } from "../calendar.ts";
import type { CaseEvent } from "../events.ts";
import { decide } from "../decide.ts";
import { fold } from "../index.ts";
import { priorEnding } from "./prior-ending.ts";

const calendar = createKoreanCalendar([]);

function refusedCase(falseDocuments?: boolean): CaseEvent[] {
  return [
    {
      type: "application_filed",
      occurredOn: "2024-01-10",
      channel: "in_country",
      office: "seoul",
      kind: "first",
      priorCaseIds: [],
    },
    {
      type: "decision_issued",
      occurredOn: "2024-03-04",
      outcome: "not_recognized",
      humanitarianStay: false,
      reasons: "The claimed facts were not found credible.",
      ...(falseDocuments === undefined ? {} : { falseDocuments }),
    },
    { type: "notice_served", occurredOn: "2024-03-06", method: "in_person" },
  ];
}

describe("how an earlier Korean case ended", () => {
  it("a refusal resting on false documents or statements (RA 8(5) 1) ends as refused_false_documents", () => {
    // Served 2024-03-06: objection by 2024-04-05 (30 days), suit by 2024-06-04 (90 days); final after.
    expect(priorEnding(refusedCase(true), "2024-07-01", calendar)?.ending).toBe("refused_false_documents");
    expect(priorEnding(refusedCase(), "2024-07-01", calendar)?.ending).toBe("refused_on_merits");
    expect(priorEnding(refusedCase(false), "2024-07-01", calendar)?.ending).toBe("refused_on_merits");
    // not final while the periods to challenge run
    expect(priorEnding(refusedCase(true), "2024-04-01", calendar)).toBeNull();
  });

  it("falseDocuments is recorded only on a refusal", () => {
    const [filed] = refusedCase();
    const state = fold([filed!]);
    const r = decide(
      state,
      { type: "decision_issued", occurredOn: "2024-03-04", outcome: "recognized", falseDocuments: true },
      { today: "2024-03-05", calendar },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.rule?.key).toBe("false_documents_only_refusal");
  });
});
