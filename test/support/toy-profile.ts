/**
 * A deliberately different procedure profile, for the tests only: an imaginary jurisdiction "ZZ"
 * whose law counts working days, rests on Fridays and Saturdays, keeps its own holidays, lives in
 * another time zone, has its own events, and needs a second person only for a grant. It proves
 * that a profile plugs in with no line changed in the store, the server or the web.
 *
 * The procedure: an application is lodged; the authority must hold a hearing within 10 working
 * days and determine within 60 calendar days of lodging (a duty). A determination is notified; a
 * refused applicant may ask for a review within 15 calendar days of notification (a right). A
 * review is decided; then the case is final.
 */
import { z } from "zod";
import { addDays, dayOfWeek, type LegalDate } from "../../src/kernel/calendar/dates.ts";
import type { ExtraHoliday, HolidayCalendar } from "../../src/kernel/calendar/holidays.ts";
import { evaluateDeadline, type DeadlineSpec } from "../../src/kernel/procedure/deadlines.ts";
import type { ProfileLabels } from "../../src/kernel/procedure/labels.ts";
import type {
  DecideContext,
  Decision,
  DerivedCase,
  Filing,
  ProcedureProfile,
  ProfileEvent,
  StatisticsContribution,
} from "../../src/kernel/procedure/profile.ts";
import type { StatDecision } from "../../src/kernel/statistics/facts.ts";
import { CaseKindSchema, ChannelSchema, LegalDateSchema } from "../../src/kernel/schemas.ts";

export const TOY_ID = "zz-toy-asylum";
const OFFICIAL_HOLIDAYS = new Map<string, string>([
  ["01-01", "New Year"],
  ["03-15", "Founders' Day"],
  ["11-30", "Harvest Day"],
]);

function toyCalendar(added: readonly ExtraHoliday[]): HolidayCalendar {
  const extra = new Map(added.map((h) => [h.date, h.name]));
  const names = (d: LegalDate) => {
    const out: string[] = [];
    const official = OFFICIAL_HOLIDAYS.get(d.slice(5));
    if (official) out.push(official);
    const x = extra.get(d);
    if (x) out.push(x);
    return out;
  };
  return {
    // Friday (5) and Saturday (6) are the weekly rest days here.
    isPublicHoliday: (d) => dayOfWeek(d) === 5 || dayOfWeek(d) === 6 || names(d).length > 0,
    holidayNames: names,
    covers: () => true,
    coveredYears: { from: 1900, to: 2200 },
  };
}

/** The date `n` working days after `from` (the first day not counted). */
export function workingDaysAfter(from: LegalDate, n: number, calendar: HolidayCalendar): LegalDate {
  let d = from;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (!calendar.isPublicHoliday(d)) left--;
  }
  return d;
}

const text = z.string().trim().min(1).max(200);
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), occurredOn: LegalDateSchema, ...shape });

const FilingSchema = z.strictObject({
  type: z.literal("application_filed"),
  occurredOn: LegalDateSchema,
  channel: ChannelSchema,
  office: text,
  kind: CaseKindSchema,
  priorCaseIds: z.array(z.string().uuid()).default([]),
});

const EVENTS = {
  hearing_held: event("hearing_held", { chair: text, languageOfHearing: z.enum(["zz", "en", "fr"]) }),
  determination_made: event("determination_made", {
    outcome: z.enum(["granted", "refused"]),
    grounds: z.string().trim().min(1).max(5000).optional(),
  }),
  determination_notified: event("determination_notified", {}),
  review_requested: event("review_requested", {}),
  review_decided: event("review_decided", { upheld: z.boolean() }),
};
type ToyEvent = { [K in keyof typeof EVENTS]: z.output<(typeof EVENTS)[K]> }[keyof typeof EVENTS];

interface ToyState {
  lodgedOn: LegalDate;
  last: LegalDate;
  hearingOn: LegalDate | null;
  determination: { on: LegalDate; outcome: "granted" | "refused" } | null;
  notifiedOn: LegalDate | null;
  review: { requestedOn: LegalDate; decidedOn: LegalDate | null; upheld: boolean | null } | null;
}

function derive(s: ToyState, asOf: LegalDate, calendar: HolidayCalendar): DerivedCase {
  const specs: DeadlineSpec[] = [];
  const hearingDue = workingDaysAfter(s.lodgedOn, 10, calendar);
  specs.push({
    kind: "hearing",
    from: s.lodgedOn,
    dueOn: hearingDue,
    basis: "Toy Act s. 4: a hearing within 10 working days of lodging",
    obligation: "duty",
    onPass: "missed",
    resolution: s.hearingOn ? (s.hearingOn <= hearingDue ? "met" : "missed") : null,
  });
  const determinationDue = addDays(s.lodgedOn, 60);
  specs.push({
    kind: "determination",
    from: s.lodgedOn,
    dueOn: determinationDue,
    basis: "Toy Act s. 5: a determination within 60 days of lodging",
    obligation: "duty",
    onPass: "missed",
    resolution: s.determination ? (s.determination.on <= determinationDue ? "met" : "missed") : null,
  });
  let reviewDue: LegalDate | null = null;
  if (s.notifiedOn && s.determination?.outcome === "refused") {
    reviewDue = addDays(s.notifiedOn, 15);
    specs.push({
      kind: "review_request",
      from: s.notifiedOn,
      dueOn: reviewDue,
      basis: "Toy Act s. 9: a review may be asked within 15 days of notification",
      obligation: "right",
      onPass: "lapsed",
      party: "applicant",
      resolution: s.review ? "met" : null,
    });
  }
  const granted = s.determination?.outcome === "granted" || s.review?.upheld === false;
  const reviewDecided = s.review?.decidedOn ?? null;
  const final =
    granted && s.notifiedOn !== null
      ? s.notifiedOn
      : (reviewDecided ?? (reviewDue && !s.review && asOf > reviewDue ? addDays(reviewDue, 1) : null));
  const stage = final
    ? granted
      ? "granted"
      : "refused"
    : s.review
      ? "review"
      : s.determination
        ? "determined"
        : s.hearingOn
          ? "heard"
          : "lodged";
  const allowed: string[] = [];
  if (!s.hearingOn) allowed.push("hearing_held");
  else if (!s.determination) allowed.push("determination_made");
  else if (!s.notifiedOn) allowed.push("determination_notified");
  else if (!final && !s.review && s.determination.outcome === "refused") allowed.push("review_requested");
  else if (s.review && !s.review.decidedOn) allowed.push("review_decided");
  return {
    stage,
    applicantStatus: final ? null : "under_review",
    protection: granted && final ? "refugee" : null,
    final: final !== null,
    finalSince: final,
    redecisionRequired: false,
    removalBarred: !final || granted,
    removalBarBasis: !final
      ? "Toy Act s. 2: no removal while an application is pending"
      : granted
        ? "Toy Act s. 3"
        : null,
    litigationLevel: null,
    deemedAdmitted: false,
    deadlineSpecs: specs,
    deadlines: specs.map((d) => evaluateDeadline(d, asOf)),
    allowedEvents: allowed,
  };
}

function refuse(
  code: "invalid_event" | "not_allowed" | "future_date",
  message: string,
  d?: DerivedCase,
): Decision {
  return {
    ok: false,
    refusal: {
      code,
      message,
      stage: d?.stage ?? "lodging",
      allowedEvents: d?.allowedEvents ?? ["application_filed"],
    },
  };
}

function decide(state: ToyState | null, input: unknown, ctx: DecideContext): Decision {
  if (state === null) {
    const filed = FilingSchema.safeParse(input);
    if (!filed.success) return refuse("invalid_event", filed.error.issues.map((i) => i.message).join("; "));
    if (filed.data.occurredOn > ctx.today) return refuse("future_date", "lodged in the future");
    return { ok: true, event: filed.data };
  }
  const now = derive(state, ctx.today, ctx.calendar);
  const type = (input as { type?: unknown } | null)?.type;
  if (typeof type !== "string" || !Object.hasOwn(EVENTS, type))
    return refuse("invalid_event", `${String(type)} is not an event of the toy procedure`, now);
  const parsed = EVENTS[type as keyof typeof EVENTS].safeParse(input);
  if (!parsed.success)
    return refuse("invalid_event", parsed.error.issues.map((i) => i.message).join("; "), now);
  const e = parsed.data as ToyEvent;
  if (e.occurredOn > ctx.today) return refuse("future_date", "dated in the future", now);
  if (!now.allowedEvents.includes(e.type)) return refuse("not_allowed", `${e.type} is not allowed now`, now);
  return { ok: true, event: e };
}

function evolve(state: ToyState | null, raw: ProfileEvent): ToyState {
  if (state === null) {
    const f = raw as Filing;
    return {
      lodgedOn: f.occurredOn,
      last: f.occurredOn,
      hearingOn: null,
      determination: null,
      notifiedOn: null,
      review: null,
    };
  }
  const e = raw as ToyEvent;
  const s = { ...state, last: e.occurredOn };
  switch (e.type) {
    case "hearing_held":
      return { ...s, hearingOn: e.occurredOn };
    case "determination_made":
      return { ...s, determination: { on: e.occurredOn, outcome: e.outcome } };
    case "determination_notified":
      return { ...s, notifiedOn: e.occurredOn };
    case "review_requested":
      return { ...s, review: { requestedOn: e.occurredOn, decidedOn: null, upheld: null } };
    case "review_decided":
      return {
        ...s,
        review: {
          requestedOn: s.review?.requestedOn ?? e.occurredOn,
          decidedOn: e.occurredOn,
          upheld: e.upheld,
        },
      };
  }
}

interface ToyStats {
  filing: Filing;
  decisions: StatDecision[];
}

const statistics: StatisticsContribution<ToyStats> = {
  start: (filing) => ({ filing, decisions: [] }),
  step(acc, raw, seq) {
    const e = raw as ToyEvent;
    if (e.type === "determination_made") {
      const outcome = e.outcome === "granted" ? "recognized" : "rejected";
      const d: StatDecision = {
        seq,
        level: "NA",
        decidedOn: e.occurredOn,
        outcome,
        substantive: true,
        decisionMaker: null,
        redecision: false,
        reversesRefusal: false,
      };
      return { ...acc, decisions: [...acc.decisions, d] };
    }
    if (e.type === "review_decided") {
      const d: StatDecision = {
        seq,
        level: "AR",
        decidedOn: e.occurredOn,
        outcome: e.upheld ? "rejected" : "recognized",
        substantive: true,
        decisionMaker: null,
        redecision: false,
        reversesRefusal: !e.upheld,
      };
      return { ...acc, decisions: [...acc.decisions, d] };
    }
    return acc;
  },
  result(acc, derived) {
    const first = acc.decisions.find((d) => d.level === "NA");
    return {
      filedOn: acc.filing.occurredOn,
      channel: acc.filing.channel,
      kind: acc.filing.kind,
      office: acc.filing.office,
      decisions: acc.decisions,
      firstInstance: first ? { outcome: first.outcome, decidedOn: first.decidedOn } : null,
      final:
        derived.final && derived.finalSince
          ? { outcome: derived.stage === "granted" ? "recognized" : "rejected", since: derived.finalSince }
          : null,
    };
  },
};

/**
 * The toy procedure's words, in English only: in Korean the workspace falls back to these, and
 * never to the Korean profile's words for the same names (`application_filed`, `outcome`…).
 */
export const TOY_LABELS: ProfileLabels = {
  en: {
    events: {
      application_filed: "Application lodged",
      hearing_held: "Hearing held",
      determination_made: "Determination made",
      determination_notified: "Determination notified",
      review_requested: "Review requested",
      review_decided: "Review decided",
    },
    descriptions: {
      hearing_held: "The hearing the Toy Act requires within 10 working days of lodging (s. 4).",
      review_requested:
        "The applicant asks for a review of a refusal, within 15 days of notification (s. 9).",
    },
    stages: {
      lodging: "Lodging",
      lodged: "Lodged, awaiting a hearing",
      heard: "Heard",
      determined: "Determined",
      review: "Under review",
      granted: "Granted (final)",
      refused: "Refused (final)",
    },
    deadlineKinds: {
      hearing: "Hearing (10 working days)",
      determination: "Determination (60 days)",
      review_request: "Asking for a review",
    },
    fields: {
      chair: "Chair of the hearing",
      languageOfHearing: "Language of the hearing",
      outcome: "Determination",
      grounds: "Grounds",
      upheld: "Refusal upheld",
    },
    hints: { chair: "The member who chaired the hearing." },
    values: {
      languageOfHearing: { zz: "Zedish", en: "English", fr: "French" },
      outcome: { granted: "Asylum granted", refused: "Asylum refused" },
    },
  },
};

export const toyProfile: ProcedureProfile<ToyState, ToyStats> = {
  id: TOY_ID,
  foldVersion: 1,
  title: "ZZ: Toy Asylum Act (for tests)",
  jurisdiction: "ZZ",
  timeZone: "America/Sao_Paulo",
  filingSchema: FilingSchema,
  eventSchemas: EVENTS,
  acts: {
    hearing_held: "examination",
    determination_made: "decision",
    determination_notified: "intake",
    review_requested: "objection",
    review_decided: "objection",
  },
  approvals: new Set(["determination_made"]),
  // None declared: a review upholding a refusal lifts the removal bar, and the kernel's rule
  // (src/kernel/procedure/protection.ts) finds that by itself.
  removesProtection: new Set(),
  deadlineKinds: ["hearing", "determination", "review_request"],
  labels: TOY_LABELS,
  calendar: toyCalendar,
  seedHolidays: [{ date: "2026-12-24", name: "Proclaimed rest day", kind: "temporary" }],
  decide,
  evolve,
  derive,
  statistics,
  reapplication: null,
};
