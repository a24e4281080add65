/**
 * A case's eligibility review as the examiner and the supervisor see it (docs/eligibility-review.md):
 * the office's policy in force on the filing date, how each earlier case had ended by then, the
 * compared elements as classified in "what is new" (reapplication_elements), what the policy's
 * readings would make of them (never a decision), the proposal awaiting approval, and what the
 * approved review did to the case's status and bar on removal.
 *
 * The earlier cases' events are opened here, in the application, for their ending only: nothing
 * else of another case leaves this module, whoever asks.
 */
import type { EligibilityReview } from "../../contracts/eligibility.ts";
import type { Actor } from "../../app/actor.ts";
import { calendarOf, today, type AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import { draftsOfCase } from "../../approvals/db.ts";
import { readCase } from "../../cases/access.ts";
import { findCaseHeaders } from "../../cases/db/cases.ts";
import { openEvents, readEvents } from "../../cases/db/event-store.ts";
import { presentCase, toCaseEvents } from "../../cases/view.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { periodEnd } from "../../kernel/calendar/periods.ts";
import {
  screen,
  type ElementKind,
  type ElementTag,
  type PriorEnding,
  type ReapplicationPolicy,
  recordedOrUnknown,
} from "../../kernel/reapplication/policy.ts";
import type { ApplicationFiled, CaseEvent, EventOf } from "../../profiles/kr-refugee-act/events.ts";
import { fold } from "../../profiles/kr-refugee-act/index.ts";
import { PROFILE_ID as KR } from "../../profiles/kr-refugee-act/profile.ts";
import { priorEnding } from "../../profiles/kr-refugee-act/reapplication/prior-ending.ts";
import type { Queryable } from "../../store/db.ts";
import { policyInForce, policyWarning } from "./office-policy.ts";

export interface ClassifiedElement {
  refKind: ElementKind;
  refId: string;
  tag: ElementTag | null;
  withoutFault: boolean | null;
  aroseOn: LegalDate | null;
}

/** The examiner's classification of the case's what-is-new elements (0042). */
export async function classifiedElements(
  db: Queryable,
  officeId: string,
  caseId: string,
): Promise<ClassifiedElement[]> {
  return db.query<ClassifiedElement>(
    `SELECT ref_kind AS "refKind", ref_id AS "refId", tag, without_fault AS "withoutFault",
       to_char(arose_on, 'YYYY-MM-DD') AS "aroseOn"
     FROM reapplication_elements WHERE office_id = $1 AND case_id = $2 ORDER BY ref_kind, ref_id`,
    [officeId, caseId],
  );
}

/** How the kernel's readings count one element (the same rule as `screen`). */
function counts(policy: ReapplicationPolicy, e: ClassifiedElement) {
  const compared = policy.elementsCompared.includes(e.refKind);
  return {
    compared,
    counts: {
      strict: compared && e.tag === "arose_after",
      generous: compared && e.tag !== "already_considered",
    },
  };
}

/** The context a proposal is built on: the same reads as the resource. */
export interface ReviewBasis {
  resource: EligibilityReview;
  policy: ReapplicationPolicy;
  classified: ClassifiedElement[];
  officeId: string;
}

export async function reviewBasis(ctx: AppContext, actor: Actor, caseId: string): Promise<ReviewBasis> {
  const loaded = await readCase(ctx.db, actor, caseId, "case.read", "eligibility_review.read", {
    at: ctx.clock(),
    today: today(ctx),
  });
  if (!loaded) throw notFound(`case ${caseId}`);
  if (loaded.header.profile !== KR)
    throw new AppError("invalid_input", "this case's procedure profile has no eligibility review", {
      issues: [{ path: "id", message: "profile without re-application policies" }],
    });
  const profile = ctx.profiles.require(loaded.header.profile);
  const calendar = calendarOf(ctx, profile);
  const events = toCaseEvents(openEvents(ctx.keyring, loaded.events)) as CaseEvent[];
  const filing = events[0] as ApplicationFiled;
  const officeId = loaded.header.officeId;
  const { policy } = await policyInForce(ctx, ctx.db, officeId, filing.occurredOn);

  // The earlier cases, each as it had ended on the filing day.
  const headers = await findCaseHeaders(ctx.db, filing.priorCaseIds);
  const earlierCases = await Promise.all(
    filing.priorCaseIds.map(async (id) => {
      const h = headers.find((x) => x.id === id);
      if (!h || h.profile !== KR)
        return { caseId: id, caseNumber: null, ending: null, decidedOn: null, finalOn: null };
      const history = toCaseEvents(
        openEvents(ctx.keyring, await readEvents(ctx.db, h.officeId, h.id)),
      ) as CaseEvent[];
      const ended = priorEnding(history, filing.occurredOn, calendar);
      return {
        caseId: id,
        caseNumber: h.caseNumber ?? null,
        ending: ended?.ending ?? null,
        decidedOn: ended?.decidedOn ?? null,
        finalOn: ended?.finalOn ?? null,
      };
    }),
  );
  const latest = earlierCases
    .filter((c) => c.ending !== null)
    .sort((a, b) => (a.finalOn ?? "").localeCompare(b.finalOn ?? ""))
    .at(-1);
  const ending: PriorEnding | null = latest?.ending ?? null;

  const classified = await classifiedElements(ctx.db, officeId, caseId);
  const candidate = ending
    ? {
        priorEnding: ending,
        channel: filing.channel,
        elements: recordedOrUnknown(
          classified.map((e) => ({ kind: e.refKind, tag: e.tag, withoutFault: e.withoutFault })),
        ),
      }
    : null;
  const reading = {
    strict: candidate ? screen(policy, candidate, "strict") : ("not_reviewed" as const),
    generous: candidate ? screen(policy, candidate, "generous") : ("not_reviewed" as const),
  };

  const drafts = await draftsOfCase(ctx.db, ctx.keyring, { officeId, caseId }, 10);
  const draft = drafts.find((d) => d.event["type"] === "eligibility_decided");
  const state = fold(events);
  const decided = events.findLast(
    (e): e is EventOf<"eligibility_decided"> & CaseEvent => e.type === "eligibility_decided",
  );
  const now = today(ctx);
  const { view, derived } = presentCase(
    profile,
    loaded.header,
    events,
    now < filing.occurredOn ? filing.occurredOn : now,
    calendar,
  );
  const days = policy.decisionPeriodDays;

  const resource: EligibilityReview = {
    caseId,
    subsequent: filing.kind === "subsequent",
    filedOn: filing.occurredOn,
    channel: filing.channel,
    policy: policy as EligibilityReview["policy"],
    policyWarning: policyWarning(policy, filing.occurredOn),
    earlierCases,
    priorEnding: ending,
    triggerApplies: reading.strict !== "not_reviewed",
    decideBy:
      days === null
        ? null
        : periodEnd(filing.occurredOn, days, "days", calendar, { rollForward: true }).dueOn,
    elements: classified.map((e) => ({ ...e, ...counts(policy, e) })),
    reading,
    proposal: draft
      ? {
          draftId: draft.id,
          status: draft.status,
          draftedBy: draft.draftedBy,
          draftedAt: draft.draftedAt,
          event: draft.event,
        }
      : null,
    review:
      state.eligibility && decided
        ? {
            ...state.eligibility,
            outcome: state.eligibility.outcome,
            reasons: decided.reasons,
            elements: decided.elements.map((e) => ({
              refKind: e.refKind,
              refId: e.refId,
              tag: e.tag,
              material: e.material,
              reason: e.reason,
            })),
          }
        : null,
    status: {
      stage: derived.stage,
      applicantStatus: derived.applicantStatus,
      removalBarred: derived.removalBarred,
      removalBarBasis: derived.removalBarBasis,
      remedyDueOn: derived.deadlines.findLast((d) => d.kind === "eligibility_remedy")?.dueOn ?? null,
    },
    version: view.version,
  };
  return { resource, policy, classified, officeId };
}

export async function getEligibilityReview(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<EligibilityReview> {
  return (await reviewBasis(ctx, actor, caseId)).resource;
}
