import { describe, expect, it } from "vitest";
import { KR_2025_BILL } from "./kr-2025-bill.ts";
import { recordedOrUnknown, screen } from "../../../kernel/reapplication/policy.ts";

describe("a re-application nobody has classified yet", () => {
  const candidate = {
    priorEnding: "refused_on_merits" as const,
    channel: "in_country" as const,
    elements: recordedOrUnknown([]),
  };
  it("is eligible on the generous reading and not on the strict one: unknown is a bound, not a finding", () => {
    expect(screen(KR_2025_BILL, candidate, "generous")).toBe("eligible");
    expect(screen(KR_2025_BILL, candidate, "strict")).toBe("ineligible");
  });
  it("keeps what was recorded as it is", () => {
    const repeat = [{ kind: "fact" as const, tag: "already_considered" as const }];
    expect(recordedOrUnknown(repeat)).toEqual(repeat);
    expect(screen(KR_2025_BILL, { ...candidate, elements: recordedOrUnknown(repeat) }, "generous")).toBe(
      "ineligible",
    );
  });
});
