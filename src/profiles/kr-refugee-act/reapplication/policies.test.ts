/**
 * Each policy against the texts it cites: one test per rule (trigger, test, fault, period,
 * interview, status, remedy), each naming the provision it checks. `screen` is the kernel's reading
 * of a policy; a candidate is a re-application with its earlier ending and what is new in it.
 */
import { describe, expect, it } from "vitest";
import {
  PRIOR_ENDINGS,
  screen,
  type PriorEnding,
  type ReapplicationPolicy,
  type ScreenCandidate,
  type ScreenElement,
} from "../../../kernel/reapplication/policy.ts";
import { krRefugeeAct } from "../profile.ts";
import {
  AU_S48A,
  CA_IRPA_101,
  DEFAULT_POLICY,
  EU_2024_1348,
  EU_APD_2013,
  isLawOn,
  KR_2021_BILL,
  KR_2025_BILL,
  KR_CURRENT,
  POLICY_IDS,
  policyById,
  REAPPLICATION_POLICIES,
  UK_PARA_353,
} from "./index.ts";

const arose: ScreenElement = { kind: "fact", tag: "arose_after" };
const existed: ScreenElement = { kind: "evidence", tag: "existed_not_relied_on", withoutFault: false };
const considered: ScreenElement = { kind: "fact", tag: "already_considered" };

function candidate(
  priorEnding: PriorEnding,
  elements: ScreenElement[] = [],
  channel = "in_country" as const,
) {
  return { priorEnding, channel, elements } satisfies ScreenCandidate;
}

/** The earlier endings that make `policy` review a re-application. */
function triggers(policy: ReapplicationPolicy): PriorEnding[] {
  return PRIOR_ENDINGS.filter((e) => screen(policy, candidate(e, [arose]), "strict") !== "not_reviewed");
}

/** Whether a source of `policy` cites `cite` (exactly, or as the start of a longer citation). */
function cites(policy: ReapplicationPolicy, cite: string): boolean {
  return policy.sources.some((s) => s.cite === cite || s.cite.startsWith(cite));
}

describe("every policy", () => {
  it("is listed once, under its id, and the profile offers them all with kr-current as default", () => {
    expect(REAPPLICATION_POLICIES.map((p) => p.id)).toEqual([...POLICY_IDS]);
    for (const id of POLICY_IDS) expect(policyById(id)?.id).toBe(id);
    expect(krRefugeeAct.reapplication?.policies).toBe(REAPPLICATION_POLICIES);
    expect(krRefugeeAct.reapplication?.defaultPolicy).toBe(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toBe("kr-current");
  });

  it("rests on sources, names its assumptions once each, and has titles in both languages", () => {
    for (const p of REAPPLICATION_POLICIES) {
      expect(p.sources.length, p.id).toBeGreaterThan(0);
      const keys = p.assumptions.map((a) => a.key);
      expect(new Set(keys).size, p.id).toBe(keys.length);
      expect(p.title.en, p.id).toBeTruthy();
      expect(p.title.ko, p.id).toMatch(/[\uAC00-\uD7A3]/);
    }
  });

  it("states the remedy's days only where it has one, and a bill is never law", () => {
    for (const p of REAPPLICATION_POLICIES) {
      if (p.remedy.kind === "none") expect(p.remedy.days, p.id).toBeNull();
      if (p.standing === "bill") expect(p.inForce, p.id).toEqual({ from: null, to: null });
    }
    expect(isLawOn(KR_CURRENT, "2026-12-06")).toBe(true);
    expect(isLawOn(KR_2025_BILL, "2026-12-06")).toBe(false);
    expect(isLawOn(EU_2024_1348, "2026-12-06")).toBe(false); // a comparison, not Korean law
  });

  it("with nothing new, screens out only where the person loses applicant status", () => {
    for (const p of REAPPLICATION_POLICIES) {
      const r = screen(p, candidate(triggers(p)[0]!, [considered]), "generous");
      expect(r, p.id).toBe(p.test === "none" ? "eligible" : "ineligible");
    }
    expect(KR_CURRENT.onIneligible.applicantStatus).toBe("kept");
  });
});

describe("kr-current: RA 8(5) 2, RD 5(1) 5", () => {
  it("RA 8(5) 2 / RD 5(1) 5: a person not recognized, or whose recognition was cancelled (RA 22)", () => {
    expect(cites(KR_CURRENT, "RA 8(5) 2")).toBe(true);
    expect(cites(KR_CURRENT, "RD 5(1) 5")).toBe(true);
    expect(triggers(KR_CURRENT).sort()).toEqual(
      ["not_referred", "protection_ended", "refused_false_documents", "refused_on_merits"].sort(),
    );
    // a withdrawal or a termination for missed interviews ends without a decision (named reading)
    expect(screen(KR_CURRENT, candidate("withdrawn"), "strict")).toBe("not_reviewed");
    expect(screen(KR_CURRENT, candidate("terminated_no_show"), "strict")).toBe("not_reviewed");
    expect(KR_CURRENT.assumptions.map((a) => a.key)).toContain("not-recognized");
  });

  it("RD 5(1) 5 applies at a port as RA 8(5) 2 does in the country: every channel", () => {
    expect(KR_CURRENT.trigger.channels).toBeNull();
    expect(
      screen(KR_CURRENT, candidate("refused_on_merits", [arose], "port_of_entry" as never), "strict"),
    ).toBe("eligible");
  });

  it("'without a material change of circumstances': the test is a material change", () => {
    expect(KR_CURRENT.test).toBe("material_change");
    expect(screen(KR_CURRENT, candidate("refused_on_merits", [arose]), "strict")).toBe("eligible");
    expect(screen(KR_CURRENT, candidate("refused_on_merits", [considered]), "strict")).toBe("ineligible");
  });

  it("RA 8(5): only part of the procedure is omitted; the person stays an applicant (RA 2(4), 5(6))", () => {
    expect(KR_CURRENT.onIneligible).toEqual({
      outcome: "simplified_procedure",
      applicantStatus: "kept",
      removal: "barred_until_decided_on_merits",
    });
    expect(KR_CURRENT.statusDuring).toBe("applicant");
    expect(KR_CURRENT.decisionPeriodDays).toBeNull();
    expect(KR_CURRENT.interview).toBe("optional");
  });

  it("RA 21(1), ALA 20(1): the decision keeps every remedy, and they keep the bar on removal", () => {
    expect(KR_CURRENT.remedy).toMatchObject({ kind: "objection_and_suit", days: 30, suspensive: true });
    expect(cites(KR_CURRENT, "RA 21(1)") && cites(KR_CURRENT, "ALA 20(1)")).toBe(true);
  });
});

describe("kr-2021-bill: the government bill of December 2021", () => {
  it("is a bill, and the Supreme Court Administration's warning is kept with it", () => {
    expect(KR_2021_BILL.standing).toBe("bill");
    expect(KR_2021_BILL.sources.some((s) => s.cite.includes("Supreme Court Administration"))).toBe(true);
    expect(KR_2021_BILL.assumptions.map((a) => a.key)).toContain("bill-text");
  });

  it("a refused (or cancelled) person who applies again: not after withdrawal or missed interviews", () => {
    expect(triggers(KR_2021_BILL)).toContain("refused_on_merits");
    expect(triggers(KR_2021_BILL)).toContain("protection_ended");
    expect(triggers(KR_2021_BILL)).not.toContain("terminated_no_show");
    expect(triggers(KR_2021_BILL)).not.toContain("withdrawn");
  });

  it("decided in principle within 21 days; eligible only on a material change", () => {
    expect(KR_2021_BILL.decisionPeriodDays).toBe(21);
    expect(KR_2021_BILL.test).toBe("material_change");
  });

  it("a person found ineligible loses applicant status", () => {
    expect(KR_2021_BILL.onIneligible.applicantStatus).toBe("lost");
    expect(screen(KR_2021_BILL, candidate("refused_on_merits", [considered]), "strict")).toBe("ineligible");
  });

  it("the remedy the text leaves open is the general suit (ALA 20(1)), not suspensive (ALA 23(1))", () => {
    expect(KR_2021_BILL.remedy).toMatchObject({ kind: "judicial_review", days: 90, suspensive: false });
    expect(KR_2021_BILL.assumptions.map((a) => a.key)).toContain("remedy");
  });
});

describe("kr-2025-bill: the bill of 12 August 2025 (Rep. Yoo Sang-beom)", () => {
  it("also reviews after three missed interviews (RA 8(6)) and after false documents (RA 8(5) 1)", () => {
    expect(triggers(KR_2025_BILL)).toContain("terminated_no_show");
    expect(triggers(KR_2025_BILL)).toContain("refused_false_documents");
    expect(triggers(KR_2025_BILL)).toContain("refused_on_merits");
    expect(triggers(KR_2025_BILL)).not.toContain("withdrawn");
    expect(cites(KR_2025_BILL, "RA 8(6)") && cites(KR_2025_BILL, "RA 8(5) 1")).toBe(true);
  });

  it("compares the circumstances with those of the earlier application: a material change", () => {
    expect(KR_2025_BILL.test).toBe("material_change");
    expect(screen(KR_2025_BILL, candidate("terminated_no_show", [arose]), "strict")).toBe("eligible");
    expect(screen(KR_2025_BILL, candidate("terminated_no_show", [considered]), "strict")).toBe("ineligible");
  });

  it("an element that existed but was not raised: the text is silent, so the bounds differ", () => {
    expect(KR_2025_BILL.noFault).toBeNull();
    expect(screen(KR_2025_BILL, candidate("refused_on_merits", [existed]), "strict")).toBe("ineligible");
    expect(screen(KR_2025_BILL, candidate("refused_on_merits", [existed]), "generous")).toBe("eligible");
  });

  it("what the text leaves open is named: status after, period, remedy, interview", () => {
    const keys = KR_2025_BILL.assumptions.map((a) => a.key);
    for (const k of ["bill-text", "status-after", "decision-period", "remedy", "interview"])
      expect(keys).toContain(k);
    expect(KR_2025_BILL.decisionPeriodDays).toBeNull();
    expect(KR_2025_BILL.onIneligible).toEqual({
      outcome: "ineligible",
      applicantStatus: "lost",
      removal: "after_notice",
    });
  });
});

describe("eu-apd-2013: Directive 2013/32/EU", () => {
  it("Art. 2(q): after a final decision, also after explicit or implicit withdrawal (Art. 28(1))", () => {
    expect(triggers(EU_APD_2013)).toEqual(
      expect.arrayContaining(["refused_on_merits", "withdrawn", "terminated_no_show", "not_referred"]),
    );
    expect(triggers(EU_APD_2013)).not.toContain("protection_ended");
  });

  it("Art. 40(2)-(3): new elements or findings that significantly add to the likelihood", () => {
    expect(EU_APD_2013.test).toBe("significant_new_elements");
    expect(screen(EU_APD_2013, candidate("withdrawn", [arose]), "strict")).toBe("eligible");
  });

  it("Art. 40(4) is an option; without it (C-18/20) an element that existed counts", () => {
    expect(EU_APD_2013.noFault).toBe(false);
    expect(cites(EU_APD_2013, "CJEU C-18/20")).toBe(true);
    expect(screen(EU_APD_2013, candidate("refused_on_merits", [existed]), "generous")).toBe("eligible");
  });

  it("Art. 40(5), 33(2)(d): otherwise inadmissible; Art. 34(1), 42(2)(b): interview optional", () => {
    expect(EU_APD_2013.onIneligible.outcome).toBe("inadmissible");
    expect(EU_APD_2013.interview).toBe("optional");
  });

  it("Art. 9(1), 41: the right to remain may be limited; Art. 46(6)(b): remedy not suspensive of itself", () => {
    expect(EU_APD_2013.statusDuring).toBe("applicant_limited");
    expect(EU_APD_2013.remedy).toMatchObject({ kind: "appeal", days: null, suspensive: false });
  });

  it("applies from 20 July 2015 (Art. 51(1)) until the Regulation replaces it on 12 June 2026", () => {
    expect(EU_APD_2013.inForce).toEqual({ from: "2015-07-20", to: "2026-06-11" });
    expect(EU_2024_1348.inForce.from).toBe("2026-06-12");
  });
});

describe("eu-2024-1348: Regulation 2024/1348 Art. 55-56", () => {
  it("Art. 55(2): any further application after a final decision", () => {
    expect(triggers(EU_2024_1348)).toEqual(
      expect.arrayContaining(["refused_on_merits", "withdrawn", "terminated_no_show", "not_referred"]),
    );
  });

  it("Art. 55(3): new elements that significantly increase the likelihood of qualifying", () => {
    expect(EU_2024_1348.test).toBe("significant_new_elements");
    expect(screen(EU_2024_1348, candidate("refused_on_merits", [arose]), "strict")).toBe("eligible");
    expect(screen(EU_2024_1348, candidate("refused_on_merits", [considered]), "strict")).toBe("ineligible");
  });

  it("Art. 55(5): new only if the applicant could not, through no fault, present them earlier", () => {
    expect(EU_2024_1348.noFault).toBe(true);
    expect(screen(EU_2024_1348, candidate("refused_on_merits", [existed]), "strict")).toBe("ineligible");
  });

  it("Art. 55(4): written submissions or an interview; Art. 55(7): otherwise inadmissible", () => {
    expect(EU_2024_1348.interview).toBe("optional");
    expect(EU_2024_1348.onIneligible.outcome).toBe("inadmissible");
  });

  it("Art. 56: exceptions to the right to remain; the appeal's period is a named reading", () => {
    expect(EU_2024_1348.statusDuring).toBe("applicant_limited");
    expect(EU_2024_1348.remedy).toMatchObject({ kind: "appeal", days: 7, suspensive: false });
    expect(EU_2024_1348.assumptions.map((a) => a.key)).toContain("remedy-period");
  });
});

describe("uk-para-353: fresh claims", () => {
  it("after a claim refused or withdrawn (also treated as withdrawn, para 333C)", () => {
    expect(triggers(UK_PARA_353).sort()).toEqual(
      ["refused_false_documents", "refused_on_merits", "terminated_no_show", "withdrawn"].sort(),
    );
  });

  it("significantly different: not already considered, and a realistic prospect of success", () => {
    expect(UK_PARA_353.test).toBe("realistic_prospect");
    expect(screen(UK_PARA_353, candidate("withdrawn", [considered]), "generous")).toBe("ineligible");
    expect(screen(UK_PARA_353, candidate("withdrawn", [existed]), "generous")).toBe("eligible");
    expect(UK_PARA_353.noFault).toBeNull();
  });

  it("para 353A: not removed before the submissions are considered; Robinson: no appeal, only judicial review", () => {
    expect(UK_PARA_353.statusDuring).toBe("applicant_limited");
    expect(UK_PARA_353.remedy).toMatchObject({ kind: "judicial_review", suspensive: false });
    expect(cites(UK_PARA_353, "R (Robinson)")).toBe(true);
  });
});

describe("ca-irpa-101: IRPA s. 101(1)(b)-(c)", () => {
  it("(b) rejected by the Board; (c) withdrawn, abandoned or determined ineligible", () => {
    expect(triggers(CA_IRPA_101).sort()).toEqual(
      [
        "not_referred",
        "refused_false_documents",
        "refused_on_merits",
        "terminated_no_show",
        "withdrawn",
      ].sort(),
    );
  });

  it("ineligible whatever is new: a bar", () => {
    expect(CA_IRPA_101.test).toBe("bar");
    expect(screen(CA_IRPA_101, candidate("refused_on_merits", [arose]), "generous")).toBe("ineligible");
  });

  it("s. 100(1): determined within three working days; s. 72(2)(b): leave sought within 15 days", () => {
    expect(CA_IRPA_101.decisionPeriodDays).toBe(3);
    expect(CA_IRPA_101.assumptions.map((a) => a.key)).toContain("working-days");
    expect(CA_IRPA_101.remedy).toMatchObject({ kind: "judicial_review", days: 15, suspensive: false });
  });
});

describe("au-s48a: Migration Act 1958 s48A", () => {
  it("after a refusal or a cancellation only", () => {
    expect(triggers(AU_S48A).sort()).toEqual(
      ["protection_ended", "refused_false_documents", "refused_on_merits"].sort(),
    );
  });

  it("no further application whatever is new; no applicant status for it; only the Minister (s48B)", () => {
    expect(AU_S48A.test).toBe("bar");
    expect(screen(AU_S48A, candidate("refused_on_merits", [arose]), "generous")).toBe("ineligible");
    expect(AU_S48A.statusDuring).toBe("none");
    expect(AU_S48A.remedy).toMatchObject({ kind: "none", days: null });
    expect(cites(AU_S48A, "Migration Act 1958 s48B")).toBe(true);
  });
});
