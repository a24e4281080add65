/**
 * The procedure profile: everything a jurisdiction's procedure brings to OpenRSD, behind one
 * contract. A profile is a value registered by id (`registry.ts`); the store, the server and the
 * web know profiles only through this contract, so a new jurisdiction touches its own folder
 * (`src/profiles/<id>/`) and nothing else.
 *
 * A profile is a decider (`decide`, `evolve`) plus what can be derived from its state on any date
 * (`derive`): stage, applicant status, protection, finality, removal bar, deadlines, the events
 * allowed next. Nothing here does I/O or reads a clock.
 */
import type { z } from "zod";
import type { LegalDate } from "../calendar/dates.ts";
import type { ExtraHoliday, HolidayCalendar } from "../calendar/holidays.ts";
import type { StatCase } from "../statistics/facts.ts";
import type { Deadline, DeadlineSpec } from "./deadlines.ts";
import type { ProfileLabels } from "./labels.ts";
import type { NoticeRules } from "./notices.ts";
import type { ReapplicationPolicy } from "../reapplication/policy.ts";

/** How an application reached the authority. */
export type Channel = "in_country" | "port_of_entry" | "detention_centre";
/** A first application, or a later one by a person refused before. */
export type CaseKind = "first" | "subsequent";
/** The applicant's status while their application is pending (e.g. Korea's RA 2(4)). */
export type ApplicantStatus = "under_review" | "awaiting_challenge" | "in_litigation";
export type Protection = "refugee" | "humanitarian";

/**
 * What kind of act an event is. Security maps each act to the right that records it
 * (`event.<act>`), so roles need not know any jurisdiction's event names.
 */
export const ACTS = [
  "intake",
  "examination",
  "decision",
  "objection",
  "litigation",
  "status",
  "enforcement",
] as const;
export type Act = (typeof ACTS)[number];

/** Any event of any profile: its type, its legal date, and its own data. */
export interface ProfileEvent {
  type: string;
  occurredOn: LegalDate;
  [field: string]: unknown;
}

/** The event that opens every case, whatever the profile: its name and neutral facts. */
export const FILING_EVENT = "application_filed";
export interface Filing extends ProfileEvent {
  type: typeof FILING_EVENT;
  office: string;
  channel: Channel;
  kind: CaseKind;
  priorCaseIds: string[];
}

export interface DecideContext {
  /** Today in the profile's time zone: no event can be recorded as having happened later. */
  today: LegalDate;
  calendar: HolidayCalendar;
}

export type RefusalCode = "invalid_event" | "not_allowed" | "out_of_order" | "future_date" | "rule";

export interface Refusal {
  code: RefusalCode;
  message: string;
  stage: string;
  allowedEvents: string[];
  /** Field-level problems, for `invalid_event`. */
  issues?: { path: string; message: string }[];
  /**
   * For a `rule` refusal: the rule's key and the values its words fill in, so that a reader sees it
   * in their language (the profile's `labels[lang].rules[key]`); `message` is the English text.
   */
  rule?: { key: string; params: Readonly<Record<string, string | number>> };
}

export type Decision<E extends ProfileEvent = ProfileEvent> =
  { ok: true; event: E } | { ok: false; refusal: Refusal };

/** What a case means on one date: the same shape for every profile. */
export interface DerivedCase {
  stage: string;
  applicantStatus: ApplicantStatus | null;
  protection: Protection | null;
  final: boolean;
  finalSince: LegalDate | null;
  /** A court annulled a refusal: the authority must decide again. */
  redecisionRequired: boolean;
  removalBarred: boolean;
  removalBarBasis: string | null;
  /** The court level now hearing the case, or whose judgment awaits finality. */
  litigationLevel: number | null;
  /** At a port of entry: admitted because no referral decision was taken in time. */
  deemedAdmitted: boolean;
  /** Every deadline the history has produced, as the store keeps them. */
  deadlineSpecs: DeadlineSpec[];
  /** The same, evaluated on the date. */
  deadlines: Deadline[];
  allowedEvents: string[];
}

/**
 * What a case contributes to the statistics, folded event by event like the state, so that a
 * write costs the same on a long case as on a short one.
 */
export interface StatisticsContribution<A> {
  start(filing: Filing): A;
  /** `seq` is the event's sequence number in the case (1 = the filing). */
  step(acc: A, event: ProfileEvent, seq: number): A;
  result(acc: A, derived: DerivedCase): StatCase;
}

/**
 * The re-application (eligibility review) policies an office of this profile may run
 * (`../reapplication/policy.ts`): dated values, each with its texts; `defaultPolicy` is the id an
 * office runs until an administrator sets another.
 */
export interface ReapplicationHook {
  policies: readonly ReapplicationPolicy[];
  defaultPolicy: string;
}

export interface ProcedureProfile<S = unknown, A = unknown> {
  /** Stable id, stored with every case, e.g. `kr-refugee-act`. */
  id: string;
  title: string;
  /**
   * The version of `evolve` and of the statistics fold. Cases keep a snapshot of the fold; change
   * this number whenever either fold would give another result for the same events, and every
   * snapshot made before is folded again from its history at the case's next write or refresh.
   */
  foldVersion: number;
  /** ISO 3166-1 alpha-2 of the jurisdiction whose holidays count, e.g. `KR`. */
  jurisdiction: string;
  /** IANA time zone whose date is "today" for the law, e.g. `Asia/Seoul`. */
  timeZone: string;
  /** The opening event's schema (strict; its neutral fields are those of `Filing`). */
  filingSchema: z.ZodType;
  /** Every event a user may record after filing, by type (strict schemas). */
  eventSchemas: Readonly<Record<string, z.ZodType>>;
  /** The act of each recordable event: which right records it. */
  acts: Readonly<Record<string, Act>>;
  /** Events that take effect only when a second person approves them (four eyes). */
  approvals: ReadonlySet<string>;
  /**
   * Events that take protection away: they end or withdraw protection, or lift the bar on
   * removal (in Korea, cancellation and cessation of refugee status, RA 22). Like `approvals`,
   * they take effect only when a second person approves them; each approval needs a second factor
   * given with it, and no token may record them. Any other event that would, on the day it is
   * recorded, leave the case with less protection or without its removal bar is treated the same
   * way (`protection.ts`); this set names the events that take protection away whenever they
   * are recorded.
   */
  removesProtection: ReadonlySet<string>;
  /** The kinds of deadline `derive` produces, for labels and filters. */
  deadlineKinds: readonly string[];
  /**
   * The profile's own words, per language (`labels.ts`): its events, stages, deadline kinds, and
   * its events' fields and values. English names every event and deadline kind (the registry
   * refuses a profile that does not); another language may name some, the rest falls back.
   */
  labels: ProfileLabels;
  /** The jurisdiction's public holidays, with the days an administrator has added. */
  calendar(added: readonly ExtraHoliday[]): HolidayCalendar;
  /** Added days a new database starts with (election days and temporary holidays). */
  seedHolidays: readonly ExtraHoliday[];
  /** Accept an event (the filing when `state` is null) or refuse it, naming the stage and what is allowed. */
  decide(state: S | null, input: unknown, ctx: DecideContext): Decision;
  /** Fold an accepted event into the state (the filing when `state` is null). */
  evolve(state: S | null, event: ProfileEvent): S;
  /** The case on `asOf`, from the state folded from the events up to that date. */
  derive(state: S, asOf: LegalDate, calendar: HolidayCalendar): DerivedCase;
  statistics: StatisticsContribution<A>;
  reapplication: ReapplicationHook | null;
  /**
   * Why the account `username` may not deliberate on the case as a member of the body that
   * reviews decisions (in Korea, the Refugee Committee: RA 26), or null if they may. Absent in a
   * profile whose procedure has no such body.
   */
  disqualifiedFromReview?(state: S, username: string): string | null;
  /**
   * Notices of decisions (`notices.ts`): which service event serves which decision, and what the
   * notice says. Absent in a profile that issues no notices through OpenRSD.
   */
  notices?: NoticeRules;
}

/** Fold a whole history (the filing first) into a profile's state. */
export function foldHistory<S>(profile: ProcedureProfile<S>, events: readonly ProfileEvent[]): S {
  let state: S | null = null;
  for (const e of events) state = profile.evolve(state, e);
  if (state === null) throw new Error("a case has at least its application_filed event");
  return state;
}

/**
 * The case as it stood on `asOf`: only events that had happened by then count. Events are
 * recorded in date order, so this is a prefix of the history.
 */
export function deriveOn<S>(
  profile: ProcedureProfile<S>,
  events: readonly ProfileEvent[],
  asOf: LegalDate,
  calendar: HolidayCalendar,
): DerivedCase {
  const first = events[0];
  if (!first) throw new Error("a case has at least its application_filed event");
  if (asOf < first.occurredOn)
    throw new RangeError(`the case was filed on ${first.occurredOn}, after ${asOf}`);
  return profile.derive(
    foldHistory(
      profile,
      events.filter((e) => e.occurredOn <= asOf),
    ),
    asOf,
    calendar,
  );
}
