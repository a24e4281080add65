/**
 * "Draft the decision from the assessment": the reasons are composed from the assessment
 * (reasons.ts), and the decision event the case's profile allows now (in Korea decision_issued,
 * or redecision_issued after a court's annulment) is recorded through the ordinary path
 * (`recordEvent`): the profile decides it, the check runs (check.ts), and it becomes a draft for a
 * supervisor. Which events are decisions is the profile's knowledge (its `acts`).
 */
import type { AssessmentContent } from "../contracts/examination.ts";
import type { Actor } from "../app/actor.ts";
import { calendarOf, today, type AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import { loadCase } from "../cases/db/cases.ts";
import { openEvents } from "../cases/db/event-store.ts";
import { recordEvent, type Recorded } from "../cases/record-event.ts";
import { presentCase, toCaseEvents } from "../cases/view.ts";
import { listItems } from "../evidence/items/db.ts";
import type { Queryable } from "../store/db.ts";
import { findAssessment, linksOfCase, listFacts, type CaseRef } from "./db.ts";
import { readExamination } from "./facts.ts";
import { composeReasons, type ReasonsLanguage } from "./reasons.ts";
import { citationsOfCaseRef, segmentsOfCase } from "./sources.ts";
import { citationTranslations } from "../coi/citation-translations.ts";

export interface ComposedDecision {
  type: string;
  reasons: string;
  assessment: AssessmentContent;
  /** Today in the profile's time zone: the decision's date unless the examiner gives another. */
  today: string;
}

async function composeIn(
  ctx: AppContext,
  tx: Queryable,
  ref: CaseRef,
  profileId: string,
  language: ReasonsLanguage,
): Promise<ComposedDecision> {
  const assessment = await findAssessment(tx, ctx.keyring, ref);
  if (!assessment)
    throw new AppError(
      "invalid_input",
      "the case has no assessment yet: assess it before drafting the decision",
      {
        issues: [{ path: "assessment", message: "the case has no assessment yet" }],
      },
    );
  const profile = ctx.profiles.require(profileId);
  const loaded = await loadCase(tx, ref.caseId);
  if (!loaded) throw new Error("the case was read a moment ago");
  const now = today(ctx, profile);
  const view = presentCase(
    profile,
    loaded.header,
    toCaseEvents(openEvents(ctx.keyring, loaded.events)),
    now,
    calendarOf(ctx, profile),
  ).view;
  const decisions = view.allowedEvents.filter((e) => profile.acts[e] === "decision");
  const type = decisions[0];
  if (!type)
    throw new AppError(
      "procedure_refused",
      `the procedure allows no decision in the stage ${view.stage}`,
      { stage: view.stage, allowedEvents: view.allowedEvents },
      409,
    );
  const facts = await listFacts(tx, ctx.keyring, ref);
  const links = await linksOfCase(tx, ref);
  const items = await listItems(tx, ctx.keyring, ref.officeId, ref.caseId, { kind: "all" });
  const segmentIds = [
    ...links.filter((l) => l.kind === "segment").map((l) => l.targetId),
    ...assessment.content.facts.flatMap((f) => (f.explanationSegmentId ? [f.explanationSegmentId] : [])),
  ];
  const segments = segmentIds.length > 0 ? await segmentsOfCase(tx, ctx.keyring, ref, segmentIds) : new Map();
  const citations = await citationsOfCaseRef(tx, ref);
  const translations = await citationTranslations(tx, ctx.keyring, ref, profile.timeZone);
  const reasons = composeReasons(language, {
    translations,
    facts,
    links,
    assessment: assessment.content,
    evidence: new Map(items.map((i) => [i.id, { number: i.number, title: i.metadata.title }])),
    segments,
    citations,
  });
  return { type, reasons, assessment: assessment.content, today: now };
}

/** The decision event the profile allows now and the reasons the assessment gives, for a preview. */
export function previewReasons(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  language: ReasonsLanguage,
): Promise<{ type: string; reasons: string }> {
  return readExamination(ctx, actor, caseId, "examination.reasons", async (tx, ref, profile) => {
    const { type, reasons } = await composeIn(ctx, tx, ref, profile, language);
    return { value: { type, reasons }, details: { type } };
  });
}

/** What the assessment concludes, as the Korean profile's decision fields say it. */
function decisionFields(a: AssessmentContent): Record<string, unknown> {
  switch (a.conclusion.outcome) {
    case "recognized":
      return { outcome: "recognized" };
    case "humanitarian_stay":
      return { outcome: "not_recognized", humanitarianStay: true };
    case "excluded":
      return { outcome: "excluded", ...(a.exclusion.ground ? { exclusionGround: a.exclusion.ground } : {}) };
    default:
      return { outcome: "not_recognized" };
  }
}

/**
 * Compose the decision from the assessment and record it (at the case's version last read) through
 * the ordinary path: it becomes a draft awaiting a supervisor, once the check passes.
 */
export async function draftFromAssessment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  req: { language: ReasonsLanguage; occurredOn?: string | undefined },
): Promise<Recorded> {
  const composed = await readExamination(
    ctx,
    actor,
    caseId,
    "examination.reasons",
    async (tx, ref, profile) => {
      const c = await composeIn(ctx, tx, ref, profile, req.language);
      return { value: c, details: { type: c.type } };
    },
  );
  return recordEvent(ctx, actor, caseId, expectedVersion, {
    type: composed.type,
    occurredOn: req.occurredOn ?? composed.today,
    ...decisionFields(composed.assessment),
    reasons: composed.reasons,
  });
}
