import { describe, expect, it } from "vitest";
import { PersonInputSchema } from "../contracts/api.ts";
import { createKoreanCalendar } from "../profiles/kr-refugee-act/calendar.ts";
import { findOffice } from "../kernel/offices.ts";
import { view, type KrDerived } from "../profiles/kr-refugee-act/index.ts";
import { play } from "../profiles/kr-refugee-act/script.ts";
import {
  DEFAULT_SEED,
  generateDemoDataset,
  isFamousName,
  NATIONALITY_CODES,
  SUR_PLACE_LABEL,
  type DemoCase,
} from "./generate.ts";

const calendar = createKoreanCalendar();
const today = "2026-11-24";
const ctx = { today, calendar };
const dataset = generateDemoDataset({ today, calendar });

function replay(c: DemoCase) {
  return play({ office: c.office, channel: c.channel, kind: c.kind, occurredOn: c.filedOn }, c.events, ctx);
}

const views = new Map<string, KrDerived>(
  dataset.cases.map((c) => [c.key, view(replay(c).events, today, calendar)]),
);
const viewOf = (c: DemoCase): KrDerived => {
  const v = views.get(c.key);
  if (!v) throw new Error(`no view for ${c.key}`);
  return v;
};
const personOf = (c: DemoCase) => dataset.persons.find((p) => p.key === c.personKey);

describe("generateDemoDataset", () => {
  it("is deterministic for a seed, and differs between seeds", () => {
    expect(generateDemoDataset({ today, calendar, seed: DEFAULT_SEED })).toEqual(dataset);
    const a = generateDemoDataset({ today, calendar, seed: 7, cases: 40 });
    expect(generateDemoDataset({ today, calendar, seed: 7, cases: 40 })).toEqual(a);
    expect(generateDemoDataset({ today, calendar, seed: 8, cases: 40 })).not.toEqual(a);
    expect(a.cases).toHaveLength(40);
  });

  it("makes 400 cases by default, with unique keys, for several hundred persons", () => {
    expect(dataset.cases).toHaveLength(400);
    expect(new Set(dataset.cases.map((c) => c.key)).size).toBe(400);
    expect(new Set(dataset.persons.map((p) => p.key)).size).toBe(dataset.persons.length);
    expect(dataset.persons.length).toBeGreaterThan(300);
    for (const c of dataset.cases) expect(personOf(c), c.key).toBeDefined();
  });

  it("refuses a today before the showcase cases can start", () => {
    expect(() => generateDemoDataset({ today: "2020-05-01", calendar })).toThrow(RangeError);
  });

  it("gives every case a history the engine accepts, in date order, with no date after today", () => {
    for (const c of dataset.cases) {
      expect(() => replay(c), c.key).not.toThrow();
      expect(c.filedOn >= "2019-01-01" && c.filedOn <= today, c.key).toBe(true);
      expect(
        c.events.some((e) => e.type === "application_filed"),
        c.key,
      ).toBe(false);
      let last = c.filedOn;
      for (const e of c.events) {
        expect(e.occurredOn >= last, `${c.key} ${e.type} ${e.occurredOn}`).toBe(true);
        expect(e.occurredOn <= today, `${c.key} ${e.type} ${e.occurredOn}`).toBe(true);
        last = e.occurredOn;
      }
    }
  });

  it("shows every stage of the procedure as of today", () => {
    const stages = new Set([...views.values()].map((v) => v.stage));
    for (const stage of [
      "port_screening",
      "examination",
      "decision_notice",
      "challenge_period",
      "objection",
      "objection_notice",
      "litigation",
      "redecision",
      "recognized",
      "refused",
      "not_referred",
      "cancelled",
      "withdrawn",
      "terminated",
    ]) {
      expect(stages, stage).toContain(stage);
    }
    const all = [...views.values()];
    expect(all.some((v) => v.deemedAdmitted)).toBe(true);
    for (const level of [1, 2, 3])
      expect(
        all.some((v) => v.litigationLevel === level),
        `level ${level}`,
      ).toBe(true);
    expect(all.some((v) => v.protection === "humanitarian")).toBe(true);
    expect(all.some((v) => v.protection === "refugee")).toBe(true);
  });

  it("records litigation with service, appeals, waivers, the Supreme Court's record and a remand", () => {
    const types = new Set(dataset.cases.flatMap((c) => c.events.map((e) => e.type)));
    for (const t of [
      "referral_decided",
      "summons_served",
      "interview_held",
      "interview_missed",
      "review_terminated",
      "decision_extended",
      "objection_extended",
      "committee_hearing_held",
      "judgment_served",
      "appeal_filed",
      "appeal_waived",
      "record_received",
      "record_receipt_notified",
      "appeal_grounds_filed",
      "recognition_cancelled",
      "living_support_extended",
    ]) {
      expect(types, t).toContain(t);
    }
    expect(
      dataset.cases.some((c) =>
        c.events.some((e) => e.type === "judgment_issued" && e.outcome === "remanded"),
      ),
    ).toBe(true);
  });

  it("links about a tenth of the cases, re-applications, to an earlier final case of the same person", () => {
    const subsequent = dataset.cases.filter((c) => c.kind === "subsequent");
    expect(subsequent.length).toBeGreaterThanOrEqual(20);
    expect(subsequent.length).toBeLessThanOrEqual(60);
    const index = new Map(dataset.cases.map((c, i) => [c.key, i]));
    for (const c of subsequent) {
      expect(c.priorCaseKeys.length, c.key).toBeGreaterThan(0);
      for (const key of c.priorCaseKeys) {
        const prior = dataset.cases.find((p) => p.key === key);
        expect(prior, `${c.key} -> ${key}`).toBeDefined();
        if (!prior) continue;
        expect(prior.personKey).toBe(c.personKey);
        expect(index.get(key)).toBeLessThan(index.get(c.key) ?? -1);
        const then = view(replay(prior).events, c.filedOn, calendar);
        expect(then.final, `${key} final by ${c.filedOn}`).toBe(true);
        expect(["refused", "terminated", "not_referred"]).toContain(then.stage);
      }
    }
    for (const c of dataset.cases.filter((x) => x.kind === "first")) expect(c.priorCaseKeys).toEqual([]);
  });

  it("ends the sur-place case in a redecision after the High Court's final annulment", () => {
    const c = dataset.cases.find((x) => x.label === SUR_PLACE_LABEL);
    expect(c).toBeDefined();
    if (!c) return;
    expect(personOf(c)?.nationality).toBe("KHM");
    expect(c).toMatchObject({ office: "seoul", channel: "in_country", kind: "first" });
    expect(c.filedOn.startsWith("2021-")).toBe(true);
    const find = (type: string, extra: Record<string, unknown> = {}) =>
      c.events.find((e) => e.type === type && Object.entries(extra).every(([k, v]) => e[k] === v));
    const decision = find("decision_issued", { outcome: "not_recognized" });
    expect(decision?.occurredOn).toMatch(/^2023-02-0/);
    expect(find("notice_served")?.occurredOn).toMatch(/^2023-02-/);
    expect(find("objection_decided", { outcome: "dismissed" })).toBeDefined();
    expect(find("suit_filed", { court: "Seoul Administrative Court" })).toBeDefined();
    expect(find("judgment_issued", { level: 1, outcome: "claim_dismissed" })?.occurredOn).toMatch(/^2024-/);
    expect(find("appeal_filed", { by: "applicant", level: 2, court: "Seoul High Court" })).toBeDefined();
    expect(find("judgment_issued", { level: 2, outcome: "annulled" })?.occurredOn).toMatch(/^2025-06-/);
    expect(find("judgment_served", { level: 2, party: "applicant" })).toBeDefined();
    expect(find("judgment_served", { level: 2, party: "authority" })).toBeDefined();
    expect(find("appeal_filed", { by: "authority" })).toBeUndefined();
    expect(viewOf(c)).toMatchObject({ stage: "redecision", redecisionRequired: true, final: false });
  });

  it("spreads cases over plausible nationalities, channels and offices", () => {
    for (const p of dataset.persons) {
      expect(p.nationality).toMatch(/^[A-Z]{3}$/);
      expect(NATIONALITY_CODES).toContain(p.nationality);
    }
    const nationalities = new Set(dataset.persons.map((p) => p.nationality));
    expect(nationalities.size).toBeGreaterThanOrEqual(20);
    for (const code of ["KAZ", "RUS", "CHN", "KHM", "MMR", "EGY", "YEM"])
      expect(nationalities).toContain(code);

    const channels = dataset.cases.map((c) => c.channel);
    const share = (ch: string) => channels.filter((x) => x === ch).length / channels.length;
    expect(share("in_country")).toBeGreaterThan(0.75);
    expect(share("port_of_entry")).toBeGreaterThan(0.03);
    expect(share("detention_centre")).toBeGreaterThan(0);
    for (const c of dataset.cases) {
      const office = findOffice(c.office);
      expect(office, c.office).toBeDefined();
      if (c.office === "incheon-airport") expect(c.channel).toBe("port_of_entry");
      expect(office?.kind === "detention_centre", c.key).toBe(c.channel === "detention_centre");
    }
    expect(dataset.cases.filter((c) => c.office === "seoul").length).toBeGreaterThan(
      dataset.cases.length / 3,
    );
  });

  it("keeps outcomes roughly realistic: few recognitions, most refused applicants object, late decisions", () => {
    const decisions = dataset.cases.flatMap((c) => c.events.filter((e) => e.type === "decision_issued"));
    const recognized = decisions.filter((e) => e.outcome === "recognized").length;
    const refused = dataset.cases.filter((c) =>
      c.events.some((e) => e.type === "decision_issued" && e.outcome !== "recognized"),
    );
    const objected = refused.filter((c) => c.events.some((e) => e.type === "objection_filed")).length;
    const sued = refused.filter((c) => c.events.some((e) => e.type === "suit_filed")).length;
    expect(recognized / decisions.length).toBeGreaterThan(0.005);
    expect(recognized / decisions.length).toBeLessThan(0.04);
    expect(objected / refused.length).toBeGreaterThan(0.65);
    expect(objected / refused.length).toBeLessThan(0.9);
    expect(sued / refused.length).toBeLessThan(0.35);
    const late = dataset.cases.filter((c) =>
      viewOf(c).deadlines.some((d) => d.kind === "first_instance_decision" && d.status === "missed"),
    ).length;
    expect(late / decisions.length).toBeGreaterThan(0.4);
  });

  it("gives fictional persons names in native script and Latin, and fictional identifiers", () => {
    for (const p of dataset.persons) {
      const result = PersonInputSchema.safeParse((({ key: _key, ...rest }) => rest)(p));
      expect(result.success, `${p.key}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
      const latin = p.names.find((n) => n.script === "Latn" && n.kind !== "alias");
      expect(latin, p.key).toBeDefined();
      expect(isFamousName(latin?.value ?? ""), latin?.value).toBe(false);
      for (const id of p.identifiers ?? []) {
        if (id.kind === "passport") expect(id.value).toMatch(/^P\d{8}$/);
        if (id.kind === "alien_registration") expect(id.value).toMatch(/^\d{6}-[5-8]000\d{3}$/);
      }
    }
    const scripts = (code: string) =>
      new Set(
        dataset.persons.filter((p) => p.nationality === code).flatMap((p) => p.names.map((n) => n.script)),
      );
    expect(scripts("KHM")).toEqual(new Set(["Khmr", "Latn", "Hang"]));
    expect(scripts("RUS")).toContain("Cyrl");
    expect(scripts("CHN")).toContain("Hani");
    expect(scripts("EGY")).toContain("Arab");
    expect(dataset.persons.some((p) => p.names.some((n) => n.kind === "hangul_transcription"))).toBe(true);
    expect(isFamousName("Aung San Suu Kyi")).toBe(true);
  });
});
