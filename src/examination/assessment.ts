/**
 * The structured assessment of a case: one current assessment per case, saved whole against the
 * version last read (its ETag), every version kept. Each fact assessed is a material fact of the
 * case; a segment named as where the applicant explained an inconsistency is one of its interview
 * segments. Reads and writes as for the facts (facts.ts).
 */
import {
  AssessmentContentSchema,
  type Assessment,
  type AssessmentContent,
  type CheckIssue,
  type ExaminationSources,
} from "../contracts/examination.ts";
import { actorName, type Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import { writeCase } from "../cases/write.ts";
import { listItems } from "../evidence/items/db.ts";
import { may } from "../security/access/policy.ts";
import { checkExamination, loadCheckInput } from "./check.ts";
import {
  assessmentHistory,
  assessmentVersion,
  findAssessment,
  listFacts,
  saveAssessment,
  type AssessmentRow,
} from "./db.ts";
import { readExamination, type ReadDone } from "./facts.ts";
import { citationsOfCaseRef, LINKABLE, segmentsOfCase } from "./sources.ts";

const EMPTY: AssessmentContent = AssessmentContentSchema.parse({});

export function getAssessment(ctx: AppContext, actor: Actor, caseId: string): Promise<Assessment> {
  return readExamination(ctx, actor, caseId, "examination.assessment.read", async (tx, ref) => {
    const a = await findAssessment(tx, ctx.keyring, ref);
    const history = await assessmentHistory(tx, ref);
    return {
      value: {
        caseId,
        version: a?.version ?? 0,
        content: a?.content ?? EMPTY,
        updatedBy: a?.updatedBy ?? null,
        updatedAt: a?.updatedAt ?? null,
        history,
      },
      details: { version: a?.version ?? 0 },
    };
  });
}

export function getAssessmentVersion(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  version: number,
): Promise<AssessmentRow> {
  return readExamination(
    ctx,
    actor,
    caseId,
    "examination.assessment.read",
    async (tx, ref): Promise<ReadDone<AssessmentRow>> => {
      const a = await assessmentVersion(tx, ctx.keyring, ref, version);
      return a
        ? { value: a, details: { version } }
        : { missing: `assessment version ${version}`, details: { version, found: false } };
    },
  );
}

/**
 * Save the assessment. `expected`: the version last read (0 or absent for the first); once an
 * assessment exists a change must name the version it changes (428), and a stale one is refused (412).
 */
export function saveCaseAssessment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  content: AssessmentContent,
  expected: number | undefined,
): Promise<Assessment> {
  return writeCase(ctx, actor, caseId, {
    action: "examination.assessment.save",
    right: "event.examination",
    async run(c) {
      const ref = { officeId: c.header.officeId, caseId };
      const current = await findAssessment(c.tx, ctx.keyring, ref, true);
      const version = current?.version ?? 0;
      if (current && expected === undefined)
        throw new AppError(
          "precondition_required",
          `send If-Match with the assessment's ETag (e.g. If-Match: "${version}"), so that a change made meanwhile is not overwritten`,
        );
      if (expected !== undefined && expected !== version)
        throw new AppError(
          "version_mismatch",
          `the assessment has changed since version ${expected} (now ${version}); reload it and try again`,
        );
      const facts = new Set((await listFacts(c.tx, ctx.keyring, ref)).map((f) => f.id));
      const issues: { path: string; message: string }[] = [];
      content.facts.forEach((f, i) => {
        if (!facts.has(f.factId))
          issues.push({ path: `facts.${i}.factId`, message: "not a material fact of this case" });
      });
      const segmentIds = content.facts.flatMap((f) =>
        f.explanationSegmentId ? [f.explanationSegmentId] : [],
      );
      const segments =
        LINKABLE.segments && segmentIds.length > 0
          ? await segmentsOfCase(c.tx, ctx.keyring, ref, segmentIds)
          : new Map<string, unknown>();
      content.facts.forEach((f, i) => {
        if (!f.explanationSegmentId) return;
        if (!LINKABLE.segments)
          issues.push({
            path: `facts.${i}.explanationSegmentId`,
            message: "interview segments are not available to link yet",
          });
        else if (!segments.has(f.explanationSegmentId))
          issues.push({
            path: `facts.${i}.explanationSegmentId`,
            message: "not an interview segment of this case",
          });
      });
      if (content.exclusion.ground !== undefined && content.exclusion.applies !== true)
        issues.push({
          path: "exclusion.ground",
          message: "a ground of exclusion is named only when exclusion applies",
        });
      if (content.conclusion.outcome === "excluded" && content.exclusion.applies !== true)
        issues.push({
          path: "conclusion.outcome",
          message: "an exclusion is concluded only when exclusion applies",
        });
      if (issues.length > 0)
        throw new AppError("invalid_input", "the assessment refers to what the case does not hold", {
          issues,
        });
      const at = ctx.clock().toISOString();
      const row: AssessmentRow = {
        version: version + 1,
        content,
        updatedBy: actorName(actor),
        updatedAt: at,
      };
      await saveAssessment(c.tx, ctx.keyring, ref, row);
      const history = await assessmentHistory(c.tx, ref);
      return {
        result: { caseId, ...row, history },
        details: { version: row.version },
      };
    },
  });
}

/** The check as it stands, without submitting anything. */
export function checkCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<{ ok: boolean; issues: CheckIssue[] }> {
  return readExamination(ctx, actor, caseId, "examination.check", async (tx, ref) => {
    const issues = checkExamination(await loadCheckInput(tx, ctx.keyring, ref));
    return { value: { ok: issues.length === 0, issues }, details: { issues: issues.length } };
  });
}

/**
 * What a fact may link to (the case's evidence items, interview segments and COI citations), and
 * what the record holds for a sur-place assessment: the audience observations and the foreign
 * states' actions recorded as evidence.
 */
export function examinationSources(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<ExaminationSources> {
  return readExamination(ctx, actor, caseId, "examination.sources", async (tx, ref) => {
    // The evidence (titles, audience, states' actions) only for a reader who may read evidence.
    const items = may(actor.principal, "evidence.read")
      ? await listItems(tx, ctx.keyring, ref.officeId, caseId, { kind: "all" })
      : [];
    const segments = [...(await segmentsOfCase(tx, ctx.keyring, ref, null)).values()];
    const citations = await citationsOfCaseRef(tx, ref);
    const active = items.filter((i) => i.status === "active");
    return {
      value: {
        evidence: items.map((i) => ({
          id: i.id,
          number: i.number,
          title: i.metadata.title,
          kind: i.kind,
          status: i.status,
        })),
        segments: segments.map((s) => ({ ...s })),
        citations: citations.map((c) => ({
          id: c.id,
          title: c.title,
          source: c.source,
          quote: c.quote,
          publishedOn: c.publishedOn,
          accessedOn: c.accessedOn,
          locator: c.locator,
        })),
        available: { ...LINKABLE },
        audience: active.flatMap((i) =>
          i.metadata.observations.map((o) => ({
            itemId: i.id,
            number: i.number,
            title: i.metadata.title,
            platform: i.metadata.capture?.platform ?? null,
            observedOn: o.observedOn,
            metric: o.metric,
            value: o.value,
          })),
        ),
        foreignStateActions: active.flatMap((i) =>
          i.metadata.foreignStateAction
            ? [
                {
                  itemId: i.id,
                  number: i.number,
                  title: i.metadata.title,
                  state: i.metadata.foreignStateAction.state,
                  action: i.metadata.foreignStateAction.action,
                  actedOn: i.metadata.foreignStateAction.actedOn,
                },
              ]
            : [],
        ),
      },
      details: { items: items.length, citations: citations.length },
    };
  });
}
