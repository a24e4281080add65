/**
 * Courts (ALA, CPA, SCA): a suit against a non-referral or a refusal and whatever follows, through
 * the three levels, for `flows.ts`. The odds of an annulment come from the case's `Odds`, which may
 * scale them by the bench that decides.
 */
import { addDays, type LegalDate } from "../kernel/calendar/dates.ts";
import type { EventInput } from "../profiles/kr-refugee-act/script.ts";
import type { Level } from "../profiles/kr-refugee-act/state.ts";
import type { Party } from "../kernel/procedure/deadlines.ts";
import { courtsFor } from "./courts.ts";
import type { CaseEnv } from "./case-env.ts";
import type { Rng } from "./random.ts";

type JudgmentOutcome = "annulled" | "claim_dismissed" | "suit_rejected" | "remanded" | "summary_dismissal";

export interface CourtResult {
  effect: "annulled" | "upheld";
  /** The day the last judgment became final (CPA 498). */
  finalOn: LegalDate;
}

const latest = (dates: readonly LegalDate[]): LegalDate => dates.reduce((a, b) => (a > b ? a : b));
const other = (party: Party): Party => (party === "applicant" ? "authority" : "applicant");
const drawBench = (rng: Rng): string => `Administrative Division ${rng.int(1, 8)}`;

/**
 * A suit and whatever follows: judgments served on both parties, appeals by the losing party
 * (waivers by the other), the Supreme Court's receipt of the record, summary dismissal or a
 * judgment, and a remand to the High Court. Returns how the litigation ended and when the last
 * judgment became final, or null while it is pending (or when the suit was withdrawn).
 *
 * When the odds depend on the decision-maker (`Odds.makerMatters`), the bench of a level is drawn
 * before its judgment and sits again after a remand; otherwise it is drawn as each judgment is
 * written. `annulFirst` is the chance that the first instance annuls, for an average bench.
 */
export function litigate(env: CaseEnv, suitOn: LegalDate, annulFirst: number): CourtResult | null {
  const { rng, story: s, dockets } = env;
  const courts = courtsFor(s.filing.office);
  let docketNo = dockets.next(1, suitOn);
  if (!s.add("suit_filed", suitOn, { court: courts.first, level: 1, docketNo })) return null;
  if (rng.chance(0.05)) {
    s.add("suit_withdrawn", s.after(rng, suitOn, 30, 240));
    return null;
  }

  let level: Level = 1;
  let court = courts.first;
  let on = s.after(rng, suitOn, 150, 420);
  const benchFirst = env.odds.makerMatters;
  let bench = benchFirst ? drawBench(rng) : "";
  let outcome: JudgmentOutcome = rng.chance(env.odds.annul(annulFirst, court, bench))
    ? "annulled"
    : rng.chance(0.05)
      ? "suit_rejected"
      : "claim_dismissed";
  /** Outcome of the judgment below, which a summary dismissal leaves standing. */
  let below: JudgmentOutcome = outcome;
  let appellant: Party = "applicant";

  for (let step = 0; step < 8; step++) {
    if (level !== 3 && !benchFirst) bench = drawBench(rng);
    const panel = level === 3 ? {} : { panel: bench };
    if (!s.add("judgment_issued", on, { court, level, docketNo, outcome, ...panel })) return null;

    if (level === 3) {
      const services: EventInput[] = (["applicant", "authority"] as const).map((party) => ({
        type: "judgment_served",
        occurredOn: addDays(on, rng.int(3, 14)),
        party,
        level: 3,
      }));
      if (!s.addAll(services)) return null;
      if (outcome !== "remanded") {
        const standing = outcome === "summary_dismissal" ? below : outcome;
        // A summary dismissal takes effect on service to the appellant (SCA 5(2)); any other
        // Supreme Court judgment on pronouncement.
        const appellantServed = services.find((e) => e.party === appellant)?.occurredOn ?? on;
        const finalOn = outcome === "summary_dismissal" ? appellantServed : on;
        return { effect: standing === "annulled" ? "annulled" : "upheld", finalOn };
      }
      // Remanded: the High Court hears the case again and rules at level 2.
      const forApplicant: boolean = appellant === "applicant";
      level = 2;
      court = courts.high;
      docketNo = dockets.next(2, on);
      const likely: JudgmentOutcome = forApplicant ? "annulled" : "claim_dismissed";
      const unlikely: JudgmentOutcome = forApplicant ? "claim_dismissed" : "annulled";
      outcome = rng.chance(0.75) ? likely : unlikely;
      on = s.after(rng, on, 120, 330);
      continue;
    }

    // Levels 1 and 2: service on both parties, then an appeal or finality.
    const served: Record<Party, LegalDate> = {
      applicant: s.after(rng, on, 2, 10),
      authority: s.after(rng, on, 2, 10),
    };
    const services: EventInput[] = (["applicant", "authority"] as const).map((party) => ({
      type: "judgment_served",
      occurredOn: served[party],
      party,
      level,
    }));
    if (!s.addAll(services)) return null;
    const lastService = latest([served.applicant, served.authority]);
    const dueFor = (party: Party) => s.due("appeal_filing", served[party]);
    const loser: Party = outcome === "annulled" ? "authority" : "applicant";
    const next = (level + 1) as 2 | 3;
    const acts: EventInput[] = [];
    const waived: Partial<Record<Party, LegalDate>> = {};
    const waive = (party: Party) => {
      const d = s.within(rng, lastService, dueFor(party));
      if (!d) return;
      waived[party] = d;
      acts.push({ type: "appeal_waived", occurredOn: d, by: party, level: next });
    };

    if (rng.chance(0.2)) waive(other(loser));
    const pAppeal = loser === "applicant" ? (level === 1 ? 0.45 : 0.35) : level === 1 ? 0.7 : 0.55;
    let appealOn: LegalDate | null = null;
    if (rng.chance(pAppeal)) {
      const earliest = latest([lastService, addDays(served[loser], 3)]);
      appealOn = s.within(rng, earliest, dueFor(loser));
    } else if (rng.chance(0.25)) {
      waive(loser);
    }
    const nextCourt = next === 2 ? courts.high : courts.supreme;
    const nextDocket = appealOn ? dockets.next(next, appealOn) : "";
    if (appealOn) {
      acts.push({
        type: "appeal_filed",
        occurredOn: appealOn,
        by: loser,
        level: next,
        court: nextCourt,
        docketNo: nextDocket,
      });
    }
    if (!s.addAll(acts)) return null;
    if (!appealOn) {
      // Final when every party has waived or let its two weeks pass (CPA 498).
      const parties: Party[] = ["applicant", "authority"];
      const finalOn = latest(parties.map((party) => waived[party] ?? addDays(dueFor(party), 1)));
      return { effect: outcome === "annulled" ? "annulled" : "upheld", finalOn };
    }

    appellant = loser;
    below = outcome;
    level = next;
    court = nextCourt;
    docketNo = nextDocket;
    if (level === 2) {
      on = s.after(rng, appealOn, 150, 360);
      if (benchFirst) bench = drawBench(rng);
      outcome =
        appellant === "applicant"
          ? rng.chance(env.odds.annul(0.1, court, bench))
            ? "annulled"
            : "claim_dismissed"
          : rng.chance(0.65)
            ? "annulled"
            : "claim_dismissed";
      continue;
    }

    const recordOn = s.after(rng, appealOn, 10, 35);
    if (!s.add("record_received", recordOn, { level: 3 })) return null;
    // The appellant is notified of the record's receipt (CPA 426) and files its grounds within
    // 20 days of that notice (CPA 427).
    const noticeOn = s.after(rng, recordOn, 0, 4);
    if (!s.add("record_receipt_notified", noticeOn, { party: appellant, level: 3 })) return null;
    const groundsOn = s.within(rng, addDays(noticeOn, 7), s.due("supreme_court_grounds", noticeOn));
    if (!groundsOn || !s.add("appeal_grounds_filed", groundsOn, { by: appellant, level: 3 })) return null;
    const summaryUntil = s.due("summary_dismissal", recordOn);
    const r = rng.next();
    const summary = appellant === "applicant" ? r < 0.85 : r < 0.5;
    const summaryFrom = latest([addDays(recordOn, 25), addDays(groundsOn, 3)]);
    const summaryOn = summary ? s.within(rng, summaryFrom, summaryUntil) : null;
    if (summaryOn) {
      outcome = "summary_dismissal";
      on = summaryOn;
    } else {
      on = s.after(rng, groundsOn, 130, 330);
      outcome =
        appellant === "applicant"
          ? r < 0.95
            ? "claim_dismissed"
            : "remanded"
          : r < 0.65
            ? "annulled"
            : r < 0.9
              ? "remanded"
              : "claim_dismissed";
    }
  }
  return null;
}
