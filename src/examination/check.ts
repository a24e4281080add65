/**
 * The check a decision draft must pass before it goes to a supervisor (issue 15; UNHCR RSD
 * Procedural Standards 4.3 and 4.8): every claimed material fact has a finding; a rejection on an
 * inconsistency names the interview segment where the applicant was asked to explain it; every COI
 * citation a fact relies on is dated (publication and access); a conclusion is drawn, and a refusal
 * states the remedies. `checkExamination` is pure; `examinationIssues` loads what it reads.
 */
import { CONSISTENCY_INDICATORS, type AssessmentContent, type CheckIssue } from "../contracts/examination.ts";
import { AppError } from "../app/errors.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import {
  findAssessment,
  hasExaminationRecord,
  linksOfCase,
  listFacts,
  type CaseRef,
  type FactRow,
  type LinkRow,
} from "./db.ts";
import { citationsOfCaseRef, segmentsOfCase, type CaseCitation, type SegmentRef } from "./sources.ts";

export interface CheckInput {
  facts: readonly FactRow[];
  links: readonly LinkRow[];
  assessment: AssessmentContent | null;
  citations: readonly CaseCitation[];
  segments: ReadonlyMap<string, SegmentRef>;
}

/** Whether a finding rests on an inconsistency: a consistency indicator rated negative. */
export function restsOnInconsistency(f: AssessmentContent["facts"][number]): boolean {
  return CONSISTENCY_INDICATORS.some((k) => f.indicators[k]?.rating === "negative");
}

export function checkExamination(input: CheckInput): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const a = input.assessment;
  const active = input.facts.filter((f) => f.status === "active");
  if (!a) {
    issues.push({ code: "no_assessment", path: "assessment", message: "the case has no assessment yet" });
  }
  const findings = new Map((a?.facts ?? []).map((f) => [f.factId, f]));
  for (const fact of active) {
    const f = findings.get(fact.id);
    if (!f?.finding) {
      issues.push({
        code: "fact_without_finding",
        path: `facts.${fact.id}.finding`,
        message: `material fact ${fact.position} has no finding (accepted, rejected or benefit of the doubt)`,
        factId: fact.id,
      });
      continue;
    }
    if (
      f.finding === "rejected" &&
      restsOnInconsistency(f) &&
      !(f.explanationSegmentId && input.segments.has(f.explanationSegmentId))
    ) {
      issues.push({
        code: "inconsistency_without_segment",
        path: `facts.${fact.id}.explanationSegmentId`,
        message: `material fact ${fact.position} is rejected on an inconsistency: link the interview segment where the applicant was asked to explain it`,
        factId: fact.id,
      });
    }
  }
  const used = new Set(
    input.links
      .filter((l) => l.kind === "citation" && active.some((f) => f.id === l.factId))
      .map((l) => l.targetId),
  );
  for (const c of input.citations) {
    if (!used.has(c.id)) continue;
    if (!c.publishedOn || !c.accessedOn) {
      issues.push({
        code: "citation_undated",
        path: `citations.${c.id}`,
        message: `the COI citation "${c.title}" has no ${c.publishedOn ? "access" : "publication"} date`,
        citationId: c.id,
      });
    }
  }
  if (a) {
    const outcome = a.conclusion.outcome;
    if (!outcome) {
      issues.push({
        code: "conclusion_missing",
        path: "conclusion.outcome",
        message: "the assessment draws no conclusion",
      });
    } else if (outcome !== "recognized" && !a.conclusion.remedy) {
      issues.push({
        code: "remedy_missing",
        path: "conclusion.remedy",
        message: "a refusal states the remedies (objection, suit) and their time limits",
      });
    }
  }
  return issues;
}

/** Everything the check reads, in the caller's transaction. */
export async function loadCheckInput(tx: Queryable, keyring: Keyring, ref: CaseRef): Promise<CheckInput> {
  const facts = await listFacts(tx, keyring, ref);
  const links = await linksOfCase(tx, ref);
  const assessment = await findAssessment(tx, keyring, ref);
  const citations = await citationsOfCaseRef(tx, ref);
  const segmentIds = (assessment?.content.facts ?? []).flatMap((f) =>
    f.explanationSegmentId ? [f.explanationSegmentId] : [],
  );
  const segments = await segmentsOfCase(tx, keyring, ref, segmentIds);
  return { facts, links, assessment: assessment?.content ?? null, citations, segments };
}

/**
 * Refuse a decision draft (422, with every gap in `issues`) on a case whose examination is on
 * record (a material fact or an assessment) and does not pass the check. A case with neither, such
 * as one whose decision was taken before the examination was kept here, is not held back; its
 * `GET /cases/{id}/assessment/check` still lists what is missing.
 */
export async function requireExaminationCheck(tx: Queryable, keyring: Keyring, ref: CaseRef): Promise<void> {
  if (!(await hasExaminationRecord(tx, ref))) return;
  const issues = checkExamination(await loadCheckInput(tx, keyring, ref));
  if (issues.length === 0) return;
  throw new AppError(
    "invalid_input",
    `the decision draft cannot go to a supervisor yet: ${issues.length} ${issues.length === 1 ? "gap" : "gaps"} in the assessment`,
    { issues: issues.map(({ path, message }) => ({ path, message })) },
    422,
  );
}
