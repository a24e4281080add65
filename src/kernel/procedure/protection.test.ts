/**
 * The kernel's rule for events that take protection away, on a profile that declares none (the
 * toy profile of the tests): it finds them from what the profile derives, whatever the profile.
 */
import { describe, expect, it } from "vitest";
import { toyProfile } from "../../../test/support/toy-profile.ts";
import type { LegalDate } from "../calendar/dates.ts";
import { foldHistory, type ProfileEvent } from "./profile.ts";
import { protectionLost, takesProtection } from "./protection.ts";

const calendar = toyProfile.calendar([]);
const filed: ProfileEvent = {
  type: "application_filed",
  occurredOn: "2026-01-05",
  channel: "in_country",
  office: "capital",
  kind: "first",
  priorCaseIds: [],
};
const refusedAndAsked: ProfileEvent[] = [
  filed,
  { type: "hearing_held", occurredOn: "2026-01-08", chair: "C", languageOfHearing: "en" },
  { type: "determination_made", occurredOn: "2026-02-02", outcome: "refused" },
  { type: "determination_notified", occurredOn: "2026-02-03" },
  { type: "review_requested", occurredOn: "2026-02-10" },
];
const state = foldHistory(toyProfile, refusedAndAsked);
const on = (day: LegalDate, e: Omit<ProfileEvent, "occurredOn">) =>
  ({ ...e, occurredOn: day }) as ProfileEvent;

describe("which events take protection away", () => {
  it("finds an event the profile does not declare when it lifts the bar on removal on its day", () => {
    // Under review the person may not be removed (Toy Act s. 2); a review upholding the refusal
    // makes it final and ends that.
    const upheld = on("2026-03-02", { type: "review_decided", upheld: true });
    expect(takesProtection(toyProfile, state, upheld, "2026-03-02", calendar)).toBe(
      "review_decided lifts the bar on removal (Toy Act s. 2: no removal while an application is pending)",
    );
    // A review that grants takes nothing away.
    const granted = on("2026-03-02", { type: "review_decided", upheld: false });
    expect(takesProtection(toyProfile, state, granted, "2026-03-02", calendar)).toBeNull();
  });

  it("judges an event entered late on today too, not only on the day it happened", () => {
    // Notified on 3 February, entered on 1 April: the 15 days to ask for a review ran out on
    // 18 February, so entering the notice makes the refusal final today.
    const decided = foldHistory(toyProfile, refusedAndAsked.slice(0, 3));
    const notice = on("2026-02-03", { type: "determination_notified" });
    expect(takesProtection(toyProfile, decided, notice, "2026-02-03", calendar)).toBeNull();
    expect(takesProtection(toyProfile, decided, notice, "2026-04-01", calendar)).toMatch(
      /^determination_notified lifts the bar on removal/,
    );
  });

  it("always counts an event the profile declares, even when nothing is lost on that day", () => {
    const declaring = { ...toyProfile, removesProtection: new Set(["review_requested"]) };
    const notified = foldHistory(toyProfile, refusedAndAsked.slice(0, 4));
    const asked = on("2026-02-10", { type: "review_requested" });
    expect(takesProtection(toyProfile, notified, asked, "2026-02-10", calendar)).toBeNull();
    expect(takesProtection(declaring, notified, asked, "2026-02-10", calendar)).toBe(
      "review_requested takes protection away",
    );
  });

  it("counts a lower protection as a loss, and a higher one or the same as none", () => {
    const base = toyProfile.derive(state, "2026-03-02", calendar);
    const refugee = { ...base, protection: "refugee" as const, removalBarred: true };
    const humanitarian = { ...refugee, protection: "humanitarian" as const };
    expect(protectionLost(refugee, humanitarian)).toBe("reduces refugee protection to humanitarian");
    expect(protectionLost(humanitarian, { ...humanitarian, protection: null })).toBe(
      "ends humanitarian protection",
    );
    expect(protectionLost(humanitarian, refugee)).toBeNull();
    expect(protectionLost(refugee, refugee)).toBeNull();
  });
});
