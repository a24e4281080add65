/**
 * Re-application (eligibility review) policies: how a jurisdiction treats a later application by a
 * person whose earlier application ended. A policy is a value, dated, with the texts it rests on;
 * a profile lists the policies an office may run (`ReapplicationHook` in `../procedure/profile.ts`)
 * and the same values drive the review of a live case and the simulation of a policy on history.
 *
 * Nothing here does I/O. `screen` never decides a case: it tells an analyst what a policy would
 * have done under a stated reading (`Bound`), and tells an examiner which policy elements a
 * proposal must address. A person is never screened out by OpenRSD; an examiner proposes and a
 * second person approves.
 */
import type { LegalDate } from "../calendar/dates.ts";
import type { z } from "zod";
import type { ChannelSchema } from "../schemas.ts";

/** How an application reached the authority (the same words as the procedure profile's `Channel`). */
type Channel = z.output<typeof ChannelSchema>;

/** How the earlier application ended (the trigger of most policies depends on it). */
export const PRIOR_ENDINGS = [
  /** refused on the merits (first instance, objection or court), final */
  "refused_on_merits",
  /** withdrawn by the applicant (or deemed withdrawn) */
  "withdrawn",
  /** the review was terminated after missed interviews (Korea: RA 8(6)) */
  "terminated_no_show",
  /** refused because documents were false or facts misrepresented */
  "refused_false_documents",
  /** not referred to the procedure at a port of entry */
  "not_referred",
  /** recognition cancelled or ceased */
  "protection_ended",
] as const;
export type PriorEnding = (typeof PRIOR_ENDINGS)[number];

/** What kind of element a re-application brings (the "what is new" comparison). */
export const ELEMENT_KINDS = ["fact", "evidence", "audience", "coi", "law", "foreign_state_action"] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

/**
 * How an element stands against the earlier decision: it arose after it; it existed but was not
 * relied on (an "new element" in the sense of CJEU C-18/20); or it was already considered.
 */
export const ELEMENT_TAGS = ["arose_after", "existed_not_relied_on", "already_considered"] as const;
export type ElementTag = (typeof ELEMENT_TAGS)[number];

export type PolicyStanding =
  /** law in force in the jurisdiction (for its period) */
  | "law"
  /** a bill: not law; an office runs it only to try it out or to simulate it */
  | "bill"
  /** another jurisdiction's law, applied to this record for comparison */
  | "comparison";

/** The test a re-application must pass to be examined (again). */
export type PolicyTest =
  /** there is no screening: every re-application is examined (possibly in a simplified procedure) */
  | "none"
  /** a substantial / material change of circumstances since the earlier application */
  | "material_change"
  /** new elements or findings that significantly increase the likelihood of qualifying */
  | "significant_new_elements"
  /** submissions significantly different from what was considered, with a realistic prospect */
  | "realistic_prospect"
  /** a bar: no later claim may be made, whatever is new (a discretionary exception may exist) */
  | "bar";

export interface PolicySource {
  /** e.g. "RA 8(5) 2", "Reg. 2024/1348 Art. 55(3)" */
  cite: string;
  /** what the text provides, in the project's words (not a quotation unless quoted) */
  provides: string;
}

export interface PolicyAssumption {
  /** stable key, e.g. "status-during-review" */
  key: string;
  /** what the text leaves open and the reading this policy takes */
  text: string;
}

export interface ReapplicationPolicy {
  /** stable id, e.g. "kr-2025-bill" */
  id: string;
  title: { en: string; ko: string };
  jurisdiction: string;
  standing: PolicyStanding;
  /** when the rule applies (law) or would apply (a bill: null until enacted) */
  inForce: { from: LegalDate | null; to: LegalDate | null };
  sources: readonly PolicySource[];
  /** points the texts leave open, with the reading taken */
  assumptions: readonly PolicyAssumption[];
  trigger: {
    /** the earlier endings that make a later application subject to the review */
    priorEndings: readonly PriorEnding[];
    /** channels the review applies at; null = all */
    channels: readonly Channel[] | null;
    description: string;
  };
  /** the kinds of element compared with the earlier application */
  elementsCompared: readonly ElementKind[];
  test: PolicyTest;
  /**
   * Whether an element that existed before but was not relied on counts only if the applicant was,
   * through no fault of their own, unable to raise it earlier (e.g. APD Art. 40(4)). null: the
   * text says nothing.
   */
  noFault: boolean | null;
  /** days within which the review is decided (in principle); null when the text sets none */
  decisionPeriodDays: number | null;
  interview: "required" | "optional" | "not_required";
  /** the applicant's status while the review is pending */
  statusDuring: "applicant" | "applicant_limited" | "none";
  /** what a negative review does */
  onIneligible: {
    /** the name of the outcome, e.g. "simplified_procedure", "inadmissible", "ineligible" */
    outcome: string;
    /** whether the person stays an applicant (with its bar on removal) */
    applicantStatus: "kept" | "lost";
    /** when removal may proceed after a negative review */
    removal: "barred_until_decided_on_merits" | "after_remedy" | "after_notice";
  };
  remedy: {
    kind: "objection_and_suit" | "appeal" | "judicial_review" | "none";
    /** days to bring it from service, null if the text sets none */
    days: number | null;
    /** whether bringing it keeps the bar on removal */
    suspensive: boolean;
    description: string;
  };
}

/** One element of a re-application as the simulation or a proposal sees it. */
export interface ScreenElement {
  kind: ElementKind;
  /** null: not classified (an examiner has not said) */
  tag: ElementTag | null;
  /** for `existed_not_relied_on`: the applicant could not have raised it earlier; null = unknown */
  withoutFault?: boolean | null;
}

export interface ScreenCandidate {
  priorEnding: PriorEnding;
  channel: Channel;
  elements: readonly ScreenElement[];
}

/** What a re-application with no element recorded brings, as far as anyone has said: every kind, unknown. */
export const NOTHING_RECORDED: readonly ScreenElement[] = ELEMENT_KINDS.map((kind) => ({ kind, tag: null }));

/**
 * The elements `screen` reads: those recorded, or when none is, every kind unknown (so that the
 * generous reading counts what nobody has looked at yet as possibly new, and the strict one not).
 */
export function recordedOrUnknown(elements: readonly ScreenElement[]): readonly ScreenElement[] {
  return elements.length > 0 ? elements : NOTHING_RECORDED;
}

/**
 * The reading under which an analyst counts: `strict` counts only elements that arose after the
 * earlier decision and treats unclassified ones as not new; `generous` counts every element not
 * already considered (whatever the fault rule) and treats unclassified ones as new.
 */
export type Bound = "strict" | "generous";

export type ScreenResult =
  /** the policy does not review this re-application (its trigger does not apply) */
  | "not_reviewed"
  /** reviewed and passes: it goes on to (full) examination */
  | "eligible"
  /** reviewed and fails: the policy's `onIneligible` applies */
  | "ineligible";

function counts(policy: ReapplicationPolicy, e: ScreenElement, bound: Bound): boolean {
  if (!policy.elementsCompared.includes(e.kind)) return false;
  if (e.tag === null) return bound === "generous";
  if (e.tag === "already_considered") return false;
  if (e.tag === "arose_after") return true;
  // existed but not relied on
  if (bound === "strict") return false;
  return true;
}

/** What `policy` would do with `candidate` under `bound`. */
export function screen(policy: ReapplicationPolicy, candidate: ScreenCandidate, bound: Bound): ScreenResult {
  if (!policy.trigger.priorEndings.includes(candidate.priorEnding)) return "not_reviewed";
  if (policy.trigger.channels && !policy.trigger.channels.includes(candidate.channel)) return "not_reviewed";
  if (policy.test === "none") return "eligible";
  if (policy.test === "bar") return "ineligible";
  return candidate.elements.some((e) => counts(policy, e, bound)) ? "eligible" : "ineligible";
}
