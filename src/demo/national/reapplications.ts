/**
 * What each re-application of the national demo brought, as an examiner would have classified it
 * (docs/reapplication-simulation.md, "The national demo data"): its what-is-new elements, whether a
 * claimed fact arose sur place, and whether a representative acted for the applicant at filing.
 * Pure and deterministic (a seed per case).
 *
 * No public figure says what Korean re-applications bring. The mix below is an assumption, stated
 * here and in the doc, shaped after the public debate: most re-applications bring nothing the
 * earlier decision had not considered (filed to stay longer), a minority bring something that
 * arose after it (a sur-place activity, a new threat); those later recognized, given humanitarian
 * stay or that won in court mostly brought something new, but not all of it had arisen after the
 * earlier decision, and some files were never fully classified. The share of re-applications among
 * filings, and their outcomes, are the calibrated ones of `calibration.ts` and `generate.ts`.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { addDays } from "../../kernel/calendar/dates.ts";
import type { ElementKind, ElementTag } from "../../kernel/reapplication/policy.ts";
import type { EventInput } from "../../profiles/kr-refugee-act/script.ts";
import { createRng, type Rng } from "../random.ts";

export interface DemoElement {
  refKind: ElementKind;
  /** Stable per case; the national demo keeps no record behind it (no evidence files, no COI). */
  refId: string;
  tag: ElementTag | null;
  withoutFault: boolean | null;
  aroseOn: LegalDate | null;
}

export interface DemoReapplication {
  elements: DemoElement[];
  /** null: nobody recorded it (no claims row) */
  surPlace: boolean | null;
  /** a representative's mandate from the filing day */
  represented: boolean;
}

/** The kind of re-application, as the classification shows it. */
export type Profile = "arose_after" | "not_relied_on" | "repeat" | "unclassified" | "nothing_recorded";

/**
 * Assumed shares of each profile, by what became of the re-application in fact. The demo doc
 * shows them; change them there too.
 */
export const PROFILE_SHARES: Record<"protected" | "other", readonly (readonly [Profile, number])[]> = {
  // later recognized, given humanitarian stay, or the refusal annulled by a court
  protected: [
    ["arose_after", 55],
    ["not_relied_on", 20],
    ["repeat", 10],
    ["unclassified", 10],
    ["nothing_recorded", 5],
  ],
  other: [
    ["arose_after", 12],
    ["not_relied_on", 8],
    ["repeat", 65],
    ["unclassified", 10],
    ["nothing_recorded", 5],
  ],
};

/** Assumed share represented at filing. */
export const REPRESENTED_SHARE = { protected: 0.4, other: 0.12 } as const;

/** Whether the re-application's history ends in protection, or a court annulled its refusal. */
export function laterProtectedOrAnnulled(events: readonly EventInput[]): boolean {
  return events.some((e) => {
    if (e.type === "judgment_issued") return e.outcome === "annulled";
    if (e.type === "decision_issued" || e.type === "objection_decided" || e.type === "redecision_issued")
      return e.outcome === "recognized" || e.humanitarianStay === true;
    return false;
  });
}

const NEW_KINDS: readonly (readonly [ElementKind, number])[] = [
  ["fact", 35],
  ["evidence", 25],
  ["audience", 15],
  ["coi", 15],
  ["foreign_state_action", 7],
  ["law", 3],
];

function between(rng: Rng, from: LegalDate, to: LegalDate): LegalDate {
  return from < to ? rng.date(from, to) : from;
}

/**
 * What the re-application filed on `filedOn` brought, the earlier decision having become final on
 * `earlierFinalOn` (null when not known).
 */
export function drawReapplication(
  seed: number,
  filedOn: LegalDate,
  earlierFinalOn: LegalDate | null,
  events: readonly EventInput[],
): DemoReapplication {
  const rng = createRng(seed);
  const group = laterProtectedOrAnnulled(events) ? "protected" : "other";
  const profile = rng.weighted(PROFILE_SHARES[group]);
  const after = earlierFinalOn ? addDays(earlierFinalOn, 1) : filedOn;
  const before = earlierFinalOn ?? filedOn;
  const elements: DemoElement[] = [];
  const add = (
    refKind: ElementKind,
    tag: ElementTag | null,
    aroseOn: LegalDate | null,
    withoutFault: boolean | null = null,
  ) =>
    elements.push({ refKind, refId: `demo-${refKind}-${elements.length + 1}`, tag, withoutFault, aroseOn });
  let surPlace = false;
  // Most re-applications repeat some of what was said before.
  const repeated = profile === "repeat" ? rng.int(1, 3) : rng.int(0, 2);
  for (let i = 0; i < repeated; i++) add(rng.chance(0.7) ? "fact" : "evidence", "already_considered", null);
  switch (profile) {
    case "arose_after": {
      for (let i = rng.int(1, 3); i > 0; i--) {
        const kind = rng.weighted(NEW_KINDS);
        add(kind, "arose_after", between(rng, after, filedOn));
        if (kind === "fact" || kind === "audience") surPlace ||= rng.chance(0.6);
      }
      break;
    }
    case "not_relied_on":
      add(rng.chance(0.6) ? "evidence" : "fact", "existed_not_relied_on", before, rng.chance(0.5));
      break;
    case "unclassified":
      add(rng.weighted(NEW_KINDS), null, null);
      surPlace = rng.chance(0.2);
      break;
    case "repeat":
      break;
    case "nothing_recorded":
      elements.length = 0;
      break;
  }
  return {
    elements,
    surPlace: profile === "nothing_recorded" ? null : surPlace,
    represented: rng.chance(REPRESENTED_SHARE[group]),
  };
}
