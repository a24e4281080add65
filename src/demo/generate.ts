/**
 * A pure, deterministic demo dataset: fictional applicants and their cases under the Korean
 * Refugee Act, every one of them accepted by the procedure engine. Same seed, same `today`, same
 * calendar: same dataset. Nothing here reads a clock, the network or `Math.random`.
 *
 * The dataset has hand-written showcase cases (`showcase.ts`: one for every stage, and a sur-place
 * case shaped like the Seoul High Court's 2025 ruling) and random cases (`flows.ts`) filed from
 * 2019-01-01 to `today`, in yearly volumes, nationalities, channels and offices roughly like
 * Korea's, about a tenth of them re-applications by persons refused before.
 */
import { addDays, dateParts, isLegalDate, type LegalDate } from "../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../kernel/calendar/holidays.ts";
import { play, ProcedureRefusedError, type EventInput } from "../profiles/kr-refugee-act/script.ts";
import { findOffice } from "../kernel/offices.ts";
import type { Channel } from "../kernel/procedure/profile.ts";
import { Dockets } from "./courts.ts";
import { drawChannel, drawOffice, examinerFor } from "./filing.ts";
import { runCase } from "./flows.ts";
import { NATIONALITIES } from "./names.ts";
import { DEMO_ODDS } from "./odds.ts";
import { makePerson, type DemoPerson, type PersonDraft } from "./persons.ts";
import { createRng, type Rng } from "./random.ts";
import { MIN_TODAY, SHOWCASES } from "./showcase.ts";
import { RETURNING_ACTIVIST_SHOWCASE } from "./returning-activist.ts";
import { Story, type StoryContext } from "./story.ts";

export type { DemoPerson } from "./persons.ts";
export type { DemoName } from "./names.ts";
export { NATIONALITIES, NATIONALITY_CODES, FAMOUS_NAMES, isFamousName } from "./names.ts";
export { SUR_PLACE_LABEL, MIN_TODAY } from "./showcase.ts";
export { RETURNING_ACTIVIST_LABEL } from "./returning-activist.ts";

export interface DemoCase {
  key: string;
  personKey: string;
  office: string;
  channel: "in_country" | "port_of_entry" | "detention_centre";
  kind: "first" | "subsequent";
  filedOn: string;
  /** Earlier cases of the same person that this re-application follows. */
  priorCaseKeys: string[];
  /** The history after filing (application_filed is made by opening the case). */
  events: EventInput[];
  label?: string;
}

export interface DemoDataset {
  persons: DemoPerson[];
  cases: DemoCase[];
}

export interface DemoOptions {
  seed?: number;
  /** Total number of cases, showcase cases included (default 400; never fewer than the showcase cases). */
  cases?: number;
  /** YYYY-MM-DD, no earlier than MIN_TODAY. No event is dated later. */
  today: string;
  calendar: HolidayCalendar;
}

export const DEFAULT_SEED = 20130701;
export const DEFAULT_CASES = 400;
export const FIRST_FILING_DATE = "2019-01-01";

/** Share of re-applications (about 9.4% of all applications to 2024, 11% in 2025). */
const SUBSEQUENT_SHARE = 0.1;

/** Applications per year (Ministry of Justice statistics, rounded); later years assume 15,000. */
const APPLICATIONS_BY_YEAR: Record<number, number> = {
  2019: 15_452,
  2020: 6_684,
  2021: 2_341,
  2022: 11_539,
  2023: 18_837,
  2024: 18_336,
  2025: 14_626,
};

interface CaseDraft {
  seq: number;
  personId: number;
  office: string;
  channel: Channel;
  kind: "first" | "subsequent";
  filedOn: LegalDate;
  events: EventInput[];
  priorSeqs: number[];
  label?: string;
  /** Stage and finality on `today`, to choose which cases a re-application can follow. */
  stage: string;
  finalSince: LegalDate | null;
  /** The case as recorded, on a date after its latest event. */
  viewAfter(asOf: LegalDate): { stage: string; final: boolean };
  lastEventOn: LegalDate;
}

/** Examiners per office (other offices have four). */
const EXAMINERS: Record<string, number> = { seoul: 14 };

function drawFilingDate(rng: Rng, today: LegalDate): LegalDate {
  const last = dateParts(today).year;
  const years: [number, number][] = [];
  for (let y = dateParts(FIRST_FILING_DATE).year; y <= last; y++) {
    const volume = APPLICATIONS_BY_YEAR[y] ?? 15_000;
    const share = y === last ? (dateParts(today).month - 1 + dateParts(today).day / 31) / 12 : 1;
    years.push([y, volume * share]);
  }
  const year = rng.weighted(years);
  const end = `${year}-12-31` < today ? `${year}-12-31` : today;
  return rng.date(`${year}-01-01`, end);
}

class Builder {
  readonly persons = new Map<number, PersonDraft>();
  readonly drafts: CaseDraft[] = [];
  private nextPerson = 1;
  private readonly dockets = new Dockets();

  constructor(
    private readonly rng: Rng,
    private readonly ctx: StoryContext,
  ) {}

  newPerson(nationality: string, filedOn: LegalDate, channel: Channel): PersonDraft {
    const draft = makePerson(this.rng, this.nextPerson++, nationality, filedOn, channel);
    this.persons.set(draft.id, draft);
    return draft;
  }

  addHandWritten(person: Omit<DemoPerson, "key">): PersonDraft {
    const draft = { id: this.nextPerson++, person };
    this.persons.set(draft.id, draft);
    return draft;
  }

  /** Open a case for `personId` and let `write` record its history. */
  addCase(
    personId: number,
    filing: { office: string; channel: Channel; kind: "first" | "subsequent"; filedOn: LegalDate },
    write: (story: Story, dockets: Dockets) => void,
    extra: { label?: string; priorSeqs?: number[] } = {},
  ): CaseDraft {
    const story = new Story(
      { office: filing.office, channel: filing.channel, kind: filing.kind, occurredOn: filing.filedOn },
      this.ctx,
      false, // `verify` plays every finished history through the engine
    );
    write(story, this.dockets);
    const now = story.view(this.ctx.today);
    const draft: CaseDraft = {
      seq: this.drafts.length,
      personId,
      ...filing,
      events: story.events,
      priorSeqs: extra.priorSeqs ?? [],
      ...(extra.label ? { label: extra.label } : {}),
      stage: now.stage,
      finalSince: now.finalSince,
      viewAfter: (asOf) => story.view(asOf),
      lastEventOn: story.last,
    };
    this.drafts.push(draft);
    return draft;
  }

  addRandomCase(
    personDraft: PersonDraft,
    filing: { office: string; channel: Channel; kind: "first" | "subsequent"; filedOn: LegalDate },
    priorSeqs: number[] = [],
  ): CaseDraft {
    const { person } = personDraft;
    return this.addCase(
      personDraft.id,
      filing,
      (story, dockets) =>
        runCase({
          rng: this.rng,
          story,
          dockets,
          nationality: person.nationality,
          sex: person.sex,
          languages: person.languages ?? [],
          examinerId: examinerFor(this.rng, filing.office, EXAMINERS),
          odds: DEMO_ODDS,
        }),
      { priorSeqs },
    );
  }
}

function addShowcases(b: Builder, today: LegalDate): void {
  for (const sc of [...SHOWCASES, RETURNING_ACTIVIST_SHOWCASE]) {
    const filedOn = typeof sc.filed === "number" ? addDays(today, -sc.filed) : sc.filed;
    if (filedOn > today) continue;
    const person = sc.person ? b.addHandWritten(sc.person) : b.newPerson(sc.nationality, filedOn, sc.channel);
    b.addCase(
      person.id,
      { office: sc.office, channel: sc.channel, kind: "first", filedOn },
      (story, dockets) => sc.write({ story, dockets, ago: (n) => addDays(today, -n) }),
      { label: sc.label },
    );
  }
}

function addFirstCase(b: Builder, rng: Rng, today: LegalDate): void {
  const nationality = rng.weighted(NATIONALITIES.map((n) => [n.code, n.weight] as const));
  const filedOn = drawFilingDate(rng, today);
  const channel = drawChannel(rng);
  const office = drawOffice(rng, channel, nationality);
  const person = b.newPerson(nationality, filedOn, channel);
  b.addRandomCase(person, { office, channel, kind: "first", filedOn });
}

/** Re-applications by persons whose earlier case ended in a final refusal (or was terminated). */
function addSubsequentCases(b: Builder, rng: Rng, today: LegalDate, wanted: number): number {
  const latestPrior = addDays(today, -20);
  const eligible = b.drafts.filter(
    (d) =>
      !d.label &&
      d.kind === "first" &&
      (d.stage === "refused" || d.stage === "terminated" || d.stage === "not_referred") &&
      d.finalSince !== null &&
      d.finalSince <= latestPrior,
  );
  let made = 0;
  const used = new Set<number>();
  for (const prior of rng.shuffle(eligible)) {
    if (made >= wanted) break;
    if (used.has(prior.personId) || !prior.finalSince) continue;
    used.add(prior.personId);
    const person = b.persons.get(prior.personId);
    if (!person) continue;
    // After the prior case became final and after its last event (a late objection can still be
    // pending after the decision became final; the person re-applies once it is closed too).
    const settled = prior.finalSince > prior.lastEventOn ? prior.finalSince : prior.lastEventOn;
    const from = addDays(settled, 1);
    if (from > today) continue;
    const until = addDays(from, 540) < today ? addDays(from, 540) : today;
    const filedOn = rng.date(from, until);
    const then = prior.viewAfter(filedOn);
    if (!then.final || !["refused", "terminated", "not_referred"].includes(then.stage)) continue;
    const channel = rng.weighted([
      ["in_country", 85],
      ["port_of_entry", 12],
      ["detention_centre", 3],
    ] as const);
    const office =
      channel === "in_country" && findOffice(prior.office)?.kind === "immigration_office"
        ? prior.office
        : drawOffice(rng, channel, person.person.nationality);
    b.addRandomCase(person, { office, channel, kind: "subsequent", filedOn }, [prior.seq]);
    made += 1;
  }
  return made;
}

/** Check every case against the engine from scratch, as a store would replay it. */
function verify(cases: readonly DemoCase[], ctx: StoryContext): void {
  for (const c of cases) {
    for (const e of c.events) {
      if (e.occurredOn > ctx.today) throw new Error(`demo case ${c.key}: ${e.type} is dated after today`);
    }
    try {
      play({ office: c.office, channel: c.channel, kind: c.kind, occurredOn: c.filedOn }, c.events, ctx);
    } catch (err) {
      if (err instanceof ProcedureRefusedError) {
        throw new Error(
          `demo case ${c.key} (${c.label ?? "random"}) is refused by the engine: ${err.message}`,
        );
      }
      throw err;
    }
  }
}

export function generateDemoDataset(options: DemoOptions): DemoDataset {
  const { today, calendar } = options;
  if (!isLegalDate(today))
    throw new RangeError(`today must be a date as YYYY-MM-DD, got ${JSON.stringify(today)}`);
  if (today < MIN_TODAY) {
    throw new RangeError(
      `today (${today}) must be ${MIN_TODAY} or later: the showcase cases reach back 1,400 days`,
    );
  }
  const total = options.cases ?? DEFAULT_CASES;
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError(`cases must be a whole number, got ${total}`);

  const rng = createRng(options.seed ?? DEFAULT_SEED);
  const ctx: StoryContext = { today, calendar };
  const b = new Builder(rng, ctx);

  addShowcases(b, today);
  const remaining = Math.max(0, total - b.drafts.length);
  const subsequentWanted = Math.round(remaining * SUBSEQUENT_SHARE);
  for (let i = 0; i < remaining - subsequentWanted; i++) addFirstCase(b, rng, today);
  const made = addSubsequentCases(b, rng, today, subsequentWanted);
  for (let i = made; i < subsequentWanted; i++) addFirstCase(b, rng, today);

  // Keys in filing order: a re-application always comes after the case it follows.
  const ordered = [...b.drafts].sort((x, y) =>
    x.filedOn < y.filedOn ? -1 : x.filedOn > y.filedOn ? 1 : x.seq - y.seq,
  );
  const caseKey = new Map<number, string>();
  ordered.forEach((d, i) => caseKey.set(d.seq, `case-${String(i + 1).padStart(4, "0")}`));
  const personKey = new Map<number, string>();
  for (const d of ordered) {
    if (!personKey.has(d.personId))
      personKey.set(d.personId, `person-${String(personKey.size + 1).padStart(4, "0")}`);
  }

  const cases: DemoCase[] = ordered.map((d) => ({
    key: caseKey.get(d.seq) ?? "",
    personKey: personKey.get(d.personId) ?? "",
    office: d.office,
    channel: d.channel,
    kind: d.kind,
    filedOn: d.filedOn,
    priorCaseKeys: d.priorSeqs.map((s) => caseKey.get(s) ?? ""),
    events: d.events,
    ...(d.label ? { label: d.label } : {}),
  }));
  const persons: DemoPerson[] = [...personKey.entries()]
    .sort((x, y) => (x[1] < y[1] ? -1 : 1))
    .map(([id, key]) => {
      const draft = b.persons.get(id);
      if (!draft) throw new Error(`demo generator: no person ${id}`);
      return { key, ...draft.person };
    });

  verify(cases, ctx);
  return { persons, cases };
}
