/**
 * A procedure profile ships its own words (src/kernel/procedure/labels.ts): the Korean profile
 * names every event, stage and deadline kind in English and Korean, and the registry refuses a
 * profile that leaves an event or a deadline kind without an English label, or labels one it does
 * not have.
 */
import { describe, expect, it } from "vitest";
import { createRegistry } from "../src/kernel/procedure/registry.ts";
import type { ProcedureProfile } from "../src/kernel/procedure/profile.ts";
import { EVENT_TYPES } from "../src/profiles/kr-refugee-act/events.ts";
import { krRefugeeAct } from "../src/profiles/kr-refugee-act/profile.ts";
import { DEADLINE_KINDS } from "../src/profiles/kr-refugee-act/rules.ts";
import { toyProfile } from "./support/toy-profile.ts";

/** The stages of the Korean procedure (derive.ts), spelled out so that a label can't go missing unseen. */
const KR_STAGES = [
  "port_screening",
  "examination",
  "decision_notice",
  "challenge_period",
  "objection",
  "objection_notice",
  "objection_and_litigation",
  "litigation",
  "redecision",
  "recognized",
  "refused",
  "not_referred",
  "cancelled",
  "ceased",
  "withdrawn",
  "terminated",
  "eligibility_notice",
  "eligibility_remedy",
  "ineligible",
];

describe("the Korean profile's labels", () => {
  const { en, ko } = krRefugeeAct.labels;

  it.each([
    ["en", en],
    ["ko", ko],
  ])("name every event, stage and deadline kind in %s", (_, words) => {
    const unnamed = [
      ...["application_filed", ...EVENT_TYPES].filter((t) => !words?.events?.[t]?.trim()),
      ...KR_STAGES.filter((s) => !words?.stages?.[s]?.trim()),
      ...DEADLINE_KINDS.filter((k) => !words?.deadlineKinds?.[k]?.trim()),
    ];
    expect(unnamed).toEqual([]);
    expect(Object.keys(words?.stages ?? {}).sort()).toEqual([...KR_STAGES].sort());
  });

  it("give Korean and English the same names, Korean in Hangul", () => {
    for (const part of ["events", "stages", "deadlineKinds", "fields", "hints"] as const)
      expect(Object.keys(ko?.[part] ?? {}).sort(), part).toEqual(Object.keys(en[part] ?? {}).sort());
    expect(Object.keys(ko?.values ?? {}).sort()).toEqual(Object.keys(en.values ?? {}).sort());
    for (const [field, values] of Object.entries(en.values ?? {}))
      expect(Object.keys(ko?.values?.[field] ?? {}).sort(), field).toEqual(Object.keys(values).sort());
    expect(ko?.events?.decision_issued).toBe("난민인정 여부 결정");
    expect(ko?.stages?.challenge_period).toBe("불복 기간");
    expect(ko?.values?.exclusionGround?.["2"]).toBe("법 제19조 제2호");
    expect(en.values?.nonReferralGround?.["7"]).toBe("RD 5(1) item 7");
  });

  it("label every field and value the events' forms offer, in both languages", () => {
    const missing: string[] = [];
    const generic = new Set(["type", "occurredOn", "sex"]);
    const walk = (schema: Record<string, unknown>) => {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, raw] of Object.entries(props)) {
        const s = ((raw.anyOf as Record<string, unknown>[] | undefined)?.find((o) => o.type !== "null") ??
          raw) as Record<string, unknown>;
        if (!generic.has(name))
          for (const words of [en, ko]) {
            if (!words?.fields?.[name]) missing.push(`field ${name}`);
            const values = (s.enum ?? (s.anyOf as { const?: unknown }[] | undefined)?.map((o) => o.const)) as
              unknown[] | undefined;
            for (const v of values ?? [])
              if (v !== undefined && !words?.values?.[name]?.[String(v)])
                missing.push(`${name} = ${String(v)}`);
          }
        walk(s);
      }
    };
    for (const e of Object.values(krRefugeeAct.eventSchemas))
      walk(e.toJSONSchema({ io: "input", unrepresentable: "any" }) as Record<string, unknown>);
    expect(missing).toEqual([]);
  });
});

describe("the registry checks a profile's English labels", () => {
  const withLabels = (labels: ProcedureProfile["labels"]): ProcedureProfile =>
    ({ ...toyProfile, labels }) as ProcedureProfile;
  const en = toyProfile.labels.en;

  it("accepts the toy profile, whose labels are in English only", () => {
    expect(createRegistry([krRefugeeAct, toyProfile as ProcedureProfile]).all()).toHaveLength(2);
  });

  it("refuses an event, the filing or a deadline kind without an English label", () => {
    const { hearing_held: _, ...events } = en.events ?? {};
    expect(() => createRegistry([withLabels({ en: { ...en, events } })])).toThrow(
      "event hearing_held has no English label",
    );
    const { application_filed: __, ...noFiling } = en.events ?? {};
    expect(() => createRegistry([withLabels({ en: { ...en, events: noFiling } })])).toThrow(
      "event application_filed has no English label",
    );
    const { review_request: ___, ...kinds } = en.deadlineKinds ?? {};
    expect(() => createRegistry([withLabels({ en: { ...en, deadlineKinds: kinds } })])).toThrow(
      "deadline kind review_request has no English label",
    );
    // A Korean label does not stand in for the English one.
    expect(() =>
      createRegistry([withLabels({ en: { ...en, events }, ko: { events: { hearing_held: "심문" } } })]),
    ).toThrow("event hearing_held has no English label");
  });

  it("refuses a label for an event or a deadline kind the profile does not have", () => {
    expect(() => createRegistry([withLabels({ en, ko: { events: { hearing_hled: "심문" } } })])).toThrow(
      "ko labels an event hearing_hled that the profile does not have",
    );
    expect(() =>
      createRegistry([
        withLabels({ en: { ...en, deadlineKinds: { ...en.deadlineKinds, appeal: "Appeal" } } }),
      ]),
    ).toThrow("en labels a deadline kind appeal that the profile does not have");
  });
});
