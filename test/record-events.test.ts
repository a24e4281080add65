/**
 * Record events (src/kernel/procedure/record-events.ts): evidence attached, corrected, withdrawn
 * and audience observations are folded by the kernel, never by the case's profile. They change
 * neither the stage nor the deadlines; a foreign state's action recorded as evidence holds the
 * removal of the applicant until it is withdrawn, whatever the procedure says.
 */
import { describe, expect, it } from "vitest";
import { deriveCase, procedureEvents } from "../src/kernel/procedure/case-fold.ts";
import { deriveOn, type ProfileEvent } from "../src/kernel/procedure/profile.ts";
import { createRegistry } from "../src/kernel/procedure/registry.ts";
import {
  HOLD_BASIS,
  isRecordEvent,
  recordEvent,
  RECORD_EVENT_TYPES,
} from "../src/kernel/procedure/record-events.ts";
import { RECORD_LABELS, withRecordLabels } from "../src/kernel/procedure/record-labels.ts";
import { toyProfile } from "./support/toy-profile.ts";

const calendar = toyProfile.calendar([]);
const ITEM = "0190a6e0-0000-7000-8000-000000000001";
const FILE = "0190a6e0-0000-7000-8000-0000000000f1";

const filed: ProfileEvent = {
  type: "application_filed",
  occurredOn: "2025-01-06",
  channel: "in_country",
  office: "ZZ-1",
  kind: "first",
  priorCaseIds: [],
};
// A refusal, notified, and no review asked in time: final on 2025-03-08, removal no longer barred.
const refused: ProfileEvent[] = [
  filed,
  { type: "hearing_held", occurredOn: "2025-01-08", chair: "A. Chair", languageOfHearing: "en" },
  { type: "determination_made", occurredOn: "2025-02-03", outcome: "refused" },
  { type: "determination_notified", occurredOn: "2025-02-20" },
];
const hold = recordEvent("evidence_attached", "2025-04-01", {
  itemId: ITEM,
  number: 1,
  kind: "foreign_state_action",
  supplier: "foreign_state",
  channel: "post",
  files: [{ fileId: FILE, role: "original", sha256: "a".repeat(64), size: 10, mediaType: "application/pdf" }],
  foreignStateAction: { action: "repatriation_request", state: "KHM", actedOn: "2025-03-28" },
});

describe("record events", () => {
  it("are the kernel's five, and no profile may define one", () => {
    expect(RECORD_EVENT_TYPES).toEqual([
      "evidence_attached",
      "evidence_corrected",
      "evidence_withdrawn",
      "audience_observed",
      "document_issued",
      "translation_requested",
      "translation_changed",
      "translation_finalized",
      "translation_cancelled",
    ]);
    const clash = {
      ...toyProfile,
      eventSchemas: { ...toyProfile.eventSchemas, evidence_attached: toyProfile.filingSchema },
    };
    expect(() =>
      createRegistry([{ ...clash, acts: { ...clash.acts, evidence_attached: "intake" } }]),
    ).toThrow(/record event/);
  });

  it("refuse a payload that does not fit their schema", () => {
    expect(() => recordEvent("evidence_withdrawn", "2025-04-01", { itemId: "nope", reason: "x" })).toThrow();
    expect(() =>
      recordEvent("audience_observed", "2025-13-01", { itemId: ITEM, metric: "followers", value: 3 }),
    ).toThrow();
  });

  it("hold removal while a foreign state's action stands, and only then", () => {
    const before = deriveOn(toyProfile, refused, "2025-04-02", calendar);
    expect(before).toMatchObject({ stage: "refused", removalBarred: false, removalBarBasis: null });

    const history = [...refused, hold];
    const held = deriveCase(toyProfile, history, "2025-04-02", calendar);
    expect(held.removalBarred).toBe(true);
    expect(held.removalBarBasis).toBe(HOLD_BASIS);
    expect(held.removalHolds).toEqual([
      {
        itemId: ITEM,
        action: "repatriation_request",
        state: "KHM",
        actedOn: "2025-03-28",
        since: "2025-04-01",
      },
    ]);
    // Nothing else of the procedure moves: same stage, deadlines, allowed events.
    expect({ ...held, removalBarred: false, removalBarBasis: null, removalHolds: undefined }).toEqual({
      ...before,
      removalHolds: undefined,
    });
    // Before the item was received, no hold.
    expect(deriveCase(toyProfile, history, "2025-03-31", calendar).removalHolds).toEqual([]);

    const withdrawn = [
      ...history,
      recordEvent("evidence_withdrawn", "2025-04-10", { itemId: ITEM, reason: "a forgery" }),
    ];
    const lifted = deriveCase(toyProfile, withdrawn, "2025-04-10", calendar);
    expect(lifted).toMatchObject({ removalBarred: false, removalHolds: [] });
    expect(procedureEvents(withdrawn)).toEqual(refused);
    expect(withdrawn.filter(isRecordEvent)).toHaveLength(2);
  });

  it("keep the procedure's own basis when it bars removal too", () => {
    const pending = deriveCase(
      toyProfile,
      [filed, { ...hold, occurredOn: "2025-01-07" }],
      "2025-01-07",
      calendar,
    );
    expect(pending.removalBarred).toBe(true);
    expect(pending.removalBarBasis).toBe("Toy Act s. 2: no removal while an application is pending");
    expect(pending.removalHolds).toHaveLength(1);
  });

  it("are named in English and Korean beneath every profile's own words", () => {
    for (const t of RECORD_EVENT_TYPES) {
      expect(RECORD_LABELS.en.events?.[t], t).toBeTruthy();
      expect(RECORD_LABELS.ko?.events?.[t], t).toBeTruthy();
    }
    expect(Object.keys(RECORD_LABELS.ko?.values ?? {}).sort()).toEqual(
      Object.keys(RECORD_LABELS.en.values ?? {}).sort(),
    );
    expect(RECORD_LABELS.ko?.bases?.[HOLD_BASIS]).toMatch(/송환/);
    const merged = withRecordLabels(toyProfile.labels);
    expect(merged.en.events?.["hearing_held"]).toBe("Hearing held");
    expect(merged.en.events?.["evidence_attached"]).toBe("Evidence attached");
    expect(merged.en.values?.["outcome"]).toEqual(toyProfile.labels.en.values?.["outcome"]);
  });
});
