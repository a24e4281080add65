/**
 * The national demo dataset: several years of fictional applications at Korea's national volume
 * (or a fraction of it), with histories through the procedure engine, calibrated so that each
 * year's recognitions and humanitarian stays come out near the public reference figures
 * (`calibration.ts`). Deterministic: same seed, same years, same end date, same calendar, same data.
 *
 * Every case's history is written with `Story` (events in date order, ending at the dataset's last
 * day); the loader plays each one through the engine's `decide` before it stores it.
 */
import { dateParts, type LegalDate } from "../../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../../kernel/calendar/holidays.ts";
import type { EventInput } from "../../profiles/kr-refugee-act/script.ts";
import { findOffice } from "../../kernel/offices.ts";
import type { Channel } from "../../kernel/procedure/profile.ts";
import { Dockets } from "../courts.ts";
import { drawChannel, drawOffice, examinerFor } from "../filing.ts";
import { runCase } from "../flows.ts";
import { NATIONALITIES } from "../names.ts";
import { makePerson, type DemoPerson, type PersonDraft } from "../persons.ts";
import { createRng } from "../random.ts";
import { Story, type StoryContext } from "../story.ts";
import {
  calibrateRates,
  FIRST_PASS_RATES,
  planYears,
  type YearOpportunities,
  type YearPlan,
  type YearRates,
} from "./calibration.ts";
import { nationalOdds, type GrantPolicy } from "./odds.ts";
import { drawReapplication, type DemoReapplication } from "./reapplications.ts";

export interface NationalCase {
  key: string;
  personKey: string;
  office: string;
  channel: Channel;
  kind: "first" | "subsequent";
  filedOn: LegalDate;
  priorCaseKeys: string[];
  /** The history after filing (application_filed is made by opening the case). */
  events: EventInput[];
  /** For a re-application: what it brought, as classified (`reapplications.ts`). */
  reapplication?: DemoReapplication;
}

export interface NationalDataset {
  persons: DemoPerson[];
  cases: NationalCase[];
  plans: YearPlan[];
  /** The calibrated grant rate per decision year. */
  rates: Map<number, YearRates>;
  /** No event is dated later. */
  end: LegalDate;
}

export interface NationalOptions {
  /** First year of filings. */
  from: number;
  /** The target year: the last year of filings; events end on its last day (or `today`). */
  year: number;
  /** Fraction of the national volume (1 = the national figures; tests use a few hundred cases). */
  scale?: number;
  seed?: number;
  /** The real today: no event is dated later. */
  today: LegalDate;
  calendar: HolidayCalendar;
}

export const NATIONAL_SEED = 20240101;

/** Examiners per office (other offices have four). */
const EXAMINERS: Record<string, number> = { seoul: 30, incheon: 8, busan: 6, "incheon-airport": 6 };

/** Shifts in the nationality mix over the years (relative to the weights of names.ts). */
function nationalityWeight(code: string, base: number, year: number): number {
  if (code === "RUS" && year >= 2022) return base * 2.5; // after the 2022 mobilization
  if (code === "KAZ" && year >= 2022) return base * 1.4;
  if (code === "EGY" && year >= 2018 && year <= 2020) return base * 2;
  if (code === "YEM" && year === 2018) return base * 6;
  if (code === "CHN" && year <= 2019) return base * 1.5;
  return base;
}

/** A seed for case `index`'s own generator, so that one case's draws never shift another's. */
function caseSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

interface Draft {
  seq: number;
  personId: number;
  office: string;
  channel: Channel;
  kind: "first" | "subsequent";
  filedOn: LegalDate;
  priorSeqs: number[];
  events: EventInput[];
  story: Story;
  /** Final refusal (or termination, non-referral) at the end of the dataset, and since when. */
  closedAgainst: LegalDate | null;
  /** For a re-application: when the earlier case it follows had become final. */
  priorFinalOn: LegalDate | null;
}

const CLOSED_AGAINST = new Set(["refused", "terminated", "not_referred"]);

interface Pass {
  drafts: Draft[];
  persons: Map<number, PersonDraft>;
}

function runPass(
  options: NationalOptions,
  plans: readonly YearPlan[],
  end: LegalDate,
  policy: GrantPolicy,
): Pass {
  const seed = options.seed ?? NATIONAL_SEED;
  const ctx: StoryContext = { today: end, calendar: options.calendar };
  const drafts: Draft[] = [];
  const persons = new Map<number, PersonDraft>();
  /** Each person's cases, latest last. */
  const casesOf = new Map<number, number[]>();
  const dockets = new Dockets();
  const odds = nationalOdds(policy);

  const addCase = (
    personDraft: PersonDraft,
    filing: { office: string; channel: Channel; kind: "first" | "subsequent"; filedOn: LegalDate },
    priorSeqs: number[],
    /** Fixes the case's own random draws, whatever happened to other cases. */
    caseNo: number,
    priorFinalOn: LegalDate | null = null,
  ) => {
    const seq = drafts.length;
    const rng = createRng(caseSeed(seed, caseNo));
    const story = new Story({ ...filing, occurredOn: filing.filedOn }, ctx, false);
    const { person } = personDraft;
    runCase({
      rng,
      story,
      dockets,
      nationality: person.nationality,
      sex: person.sex,
      languages: person.languages ?? [],
      examinerId: examinerFor(rng, filing.office, EXAMINERS),
      odds,
    });
    const now = story.view(end);
    const settled = now.finalSince && now.finalSince > story.last ? now.finalSince : story.last;
    drafts.push({
      seq,
      personId: personDraft.id,
      ...filing,
      priorSeqs,
      events: story.events,
      story,
      closedAgainst: now.final && now.finalSince && CLOSED_AGAINST.has(now.stage) ? settled : null,
      priorFinalOn,
    });
    casesOf.set(personDraft.id, [...(casesOf.get(personDraft.id) ?? []), seq]);
  };

  for (const plan of plans) {
    const planRng = createRng(caseSeed(seed, -plan.year));
    const yearStart = `${plan.year}-01-01`;
    const yearEnd = `${plan.year}-12-31` < end ? `${plan.year}-12-31` : end;
    const mix = NATIONALITIES.map((n) => [n.code, nationalityWeight(n.code, n.weight, plan.year)] as const);
    let firstNo = plan.year * 1_000_000;
    const firstCase = () => {
      const nationality = planRng.weighted(mix);
      const filedOn = planRng.date(yearStart, yearEnd);
      const channel = drawChannel(planRng);
      const office = drawOffice(planRng, channel, nationality);
      const person = makePerson(planRng, persons.size + 1, nationality, filedOn, channel);
      persons.set(person.id, person);
      addCase(person, { office, channel, kind: "first", filedOn }, [], firstNo++);
    };
    for (let i = 0; i < plan.applications - plan.subsequent; i++) firstCase();

    // Re-applications by persons whose latest case was finally refused (or terminated) before.
    const reRng = createRng(caseSeed(seed, -10_000 - plan.year));
    const eligible = drafts.filter(
      (d) =>
        d.closedAgainst !== null && d.closedAgainst < yearEnd && casesOf.get(d.personId)?.at(-1) === d.seq,
    );
    let made = 0;
    for (const prior of reRng.shuffle(eligible)) {
      if (made >= plan.subsequent) break;
      const settled = prior.closedAgainst as LegalDate;
      const from = settled >= yearStart ? addOneDay(settled) : yearStart;
      if (from > yearEnd) continue;
      const filedOn = reRng.date(from, yearEnd);
      const then = prior.story.view(filedOn);
      if (!then.final || !CLOSED_AGAINST.has(then.stage)) continue;
      const person = persons.get(prior.personId);
      if (!person) continue;
      const channel = reRng.weighted([
        ["in_country", 85],
        ["port_of_entry", 12],
        ["detention_centre", 3],
      ] as const);
      const office =
        channel === "in_country" && findOffice(prior.office)?.kind === "immigration_office"
          ? prior.office
          : drawOffice(reRng, channel, person.person.nationality);
      const priorSeqs = [...(casesOf.get(prior.personId) ?? [])];
      addCase(
        person,
        { office, channel, kind: "subsequent", filedOn },
        priorSeqs,
        plan.year * 1_000_000 + 900_000 + made,
        settled,
      );
      made += 1;
    }
    // Too few refused persons yet (the first years of a dataset): first applications instead.
    for (let i = made; i < plan.subsequent; i++) firstCase();
  }
  return { drafts, persons };
}

function addOneDay(d: LegalDate): LegalDate {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The last day of the dataset: the end of the target year, or today if that is earlier. */
export function datasetEnd(year: number, today: LegalDate): LegalDate {
  const last = `${year}-12-31`;
  return last < today ? last : today;
}

export function generateNationalDataset(options: NationalOptions): NationalDataset {
  const { from, year } = options;
  if (year > dateParts(options.today).year)
    throw new RangeError(`the target year ${year} is after today (${options.today})`);
  const end = datasetEnd(year, options.today);
  const plans = planYears(from, year, options.scale ?? 1);

  // Pass 1: the same cases with neutral rates; record each year's summed propensities.
  const seen = new Map<number, YearOpportunities>();
  const first: GrantPolicy = {
    chances(stage, on, w) {
      const y = Number(on.slice(0, 4));
      const o = seen.get(y) ?? { refugee: 0, humanitarian: 0, fixedRefugee: 0, fixedHumanitarian: 0 };
      seen.set(y, o);
      if (stage === "redecision") {
        o.fixedRefugee += w.refugee;
        o.fixedHumanitarian += w.humanitarian;
        return w;
      }
      o.refugee += w.refugee;
      o.humanitarian += w.humanitarian;
      return {
        refugee: FIRST_PASS_RATES.refugee * w.refugee,
        humanitarian: FIRST_PASS_RATES.humanitarian * w.humanitarian,
      };
    },
  };
  runPass(options, plans, end, first);
  const rates = calibrateRates(plans, seen);

  // Pass 2: the dataset, with each decision year's calibrated rate.
  const calibrated: GrantPolicy = {
    chances(stage, on, w) {
      if (stage === "redecision") return w;
      const r = rates.get(Number(on.slice(0, 4))) ?? FIRST_PASS_RATES;
      return { refugee: r.refugee * w.refugee, humanitarian: r.humanitarian * w.humanitarian };
    },
  };
  const { drafts, persons } = runPass(options, plans, end, calibrated);

  // Keys in filing order: a re-application always comes after the cases it follows.
  const ordered = [...drafts].sort((x, y) =>
    x.filedOn < y.filedOn ? -1 : x.filedOn > y.filedOn ? 1 : x.seq - y.seq,
  );
  const width = String(ordered.length).length;
  const caseKey = new Map<number, string>();
  ordered.forEach((d, i) => caseKey.set(d.seq, `case-${String(i + 1).padStart(width, "0")}`));
  const personKey = new Map<number, string>();
  for (const d of ordered) {
    if (!personKey.has(d.personId))
      personKey.set(d.personId, `person-${String(personKey.size + 1).padStart(width, "0")}`);
  }
  const cases: NationalCase[] = ordered.map((d) => ({
    key: caseKey.get(d.seq) ?? "",
    personKey: personKey.get(d.personId) ?? "",
    office: d.office,
    channel: d.channel,
    kind: d.kind,
    filedOn: d.filedOn,
    priorCaseKeys: d.priorSeqs.map((s) => caseKey.get(s) ?? ""),
    events: d.events,
    ...(d.kind === "subsequent"
      ? {
          reapplication: drawReapplication(
            caseSeed(options.seed ?? NATIONAL_SEED, 50_000_000 + d.seq),
            d.filedOn,
            d.priorFinalOn,
            d.events,
          ),
        }
      : {}),
  }));
  const personList: DemoPerson[] = [...personKey.entries()].map(([id, key]) => {
    const draft = persons.get(id);
    if (!draft) throw new Error(`national demo: no person ${id}`);
    return { key, ...draft.person };
  });
  return { persons: personList, cases, plans, rates, end };
}
