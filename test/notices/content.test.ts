/**
 * What the Korean profile's notices say for each decision, and which decision a service serves:
 * a refusal names both remedies with the deadlines the profile derived on the service date; a
 * decision on an objection only the suit; a recognition what follows and no remedy.
 */
import { describe, expect, it } from "vitest";
import { deriveCase } from "../../src/kernel/procedure/case-fold.ts";
import { servedDecision } from "../../src/kernel/procedure/notices.ts";
import type { ProfileEvent } from "../../src/kernel/procedure/profile.ts";
import { krRefugeeAct } from "../../src/profiles/kr-refugee-act/profile.ts";

const rules = krRefugeeAct.notices!;
const calendar = krRefugeeAct.calendar([]);
const filed: ProfileEvent = {
  type: "application_filed",
  occurredOn: "2026-01-05",
  channel: "in_country",
  office: "seoul",
  kind: "first",
  priorCaseIds: [],
};
const refusal: ProfileEvent = {
  type: "decision_issued",
  occurredOn: "2026-05-04",
  outcome: "not_recognized",
  humanitarianStay: true,
  reasons: "Fictional reasons.",
};
const served: ProfileEvent = { type: "notice_served", occurredOn: "2026-05-08", method: "post" };

describe("the Korean profile's notices", () => {
  it("serve the last decision before the service", () => {
    const history = [filed, refusal];
    expect(servedDecision(rules, history, "notice_served")?.event).toBe(refusal);
    expect(servedDecision(rules, history, "objection_notice_served")).toBeNull();
    expect(servedDecision(rules, history, "interview_held")).toBeNull();
  });

  it("name both remedies of a refusal with the deadlines derived on the service date", () => {
    const history = [filed, refusal, served];
    const specs = deriveCase(krRefugeeAct, history, served.occurredOn, calendar).deadlineSpecs;
    const content = rules.content(refusal, specs, served.occurredOn)!;
    expect(content.outcome.key).toBe("outcome.not_recognized_humanitarian");
    expect(content.follows.map((f) => f.key)).toEqual(["follows.humanitarian"]);
    // Served Friday 2026-05-08; counted from 05-09 (CA 157).
    // Objection, RA 21(1): 30 days → Sunday 2026-06-07 → CA 161: Monday 2026-06-08.
    // Suit, ALA 20(1): 90 days → Thursday 2026-08-06.
    expect(content.remedies.map((r) => [r.deadlineKind, r.dueOn])).toEqual([
      ["objection_filing", "2026-06-08"],
      ["suit_filing", "2026-08-06"],
    ]);
    const view = deriveCase(krRefugeeAct, history, served.occurredOn, calendar).deadlines;
    for (const r of content.remedies)
      expect(view.find((d) => d.kind === r.deadlineKind)?.dueOn).toBe(r.dueOn);
  });

  it("leave the deadlines to be counted from service in a preview", () => {
    const content = rules.content(refusal, [], null)!;
    expect(content.remedies.every((r) => r.dueOn === null)).toBe(true);
  });

  it("give a dismissed objection only the suit, and a recognition no remedy", () => {
    const dismissed = rules.content(
      { type: "objection_decided", occurredOn: "2026-09-01", outcome: "dismissed", reasons: "x" },
      [],
      null,
    )!;
    expect(dismissed.title.key).toBe("title.objection");
    expect(dismissed.remedies.map((r) => r.deadlineKind)).toEqual(["suit_filing"]);
    const recognized = rules.content(
      { ...refusal, outcome: "recognized", humanitarianStay: false },
      [],
      null,
    )!;
    expect(recognized.remedies).toEqual([]);
    expect(recognized.follows.map((f) => f.key)).toEqual(["follows.recognized"]);
    const excluded = rules.content({ ...refusal, outcome: "excluded", exclusionGround: 2 }, [], null)!;
    expect(excluded.outcome).toEqual({ key: "outcome.excluded_humanitarian", params: { ground: "2" } });
  });

  it("have no notice for an act without its text, and English for every text a notice can need", () => {
    expect(
      rules.content({ type: "referral_decided", occurredOn: "2026-01-06", referred: false }, [], null),
    ).toBeNull();
    const en = rules.translations.find((t) => t.language === "en")!;
    for (const key of Object.keys(rules.legal.texts).filter((k) => /^(outcome|remedy|follows)\./.test(k)))
      expect(en.texts[key], key).toBeDefined();
  });
});
