/** A job and its segments as the API shows them: people by name, counts of live segments by state. */
import type { Job, JobSummary, MemoryMatch, Segment } from "../contracts/translations.ts";
import { countStates } from "../kernel/translation/rules.ts";
import { placeholdersOf } from "../kernel/translation/placeholders.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import { accountNames, caseNumbers, stateCounts, type JobRow, type SegmentRow } from "./db.ts";
import { memoryMatchesOf } from "./seams.ts";
import { sourceResolver } from "./resolve.ts";

type Names = Map<string, string>;
const person = (names: Names, id: string | null) => (id === null ? null : { id, name: names.get(id) ?? id });

function summaryOf(
  j: JobRow,
  names: Names,
  caseNumber: string | null,
  counts: JobSummary["counts"],
): JobSummary {
  return {
    id: j.id,
    caseId: j.caseId,
    caseNumber,
    kind: j.kind,
    ref: j.ref,
    label: j.label,
    sourceLanguage: j.sourceLang,
    targetLanguage: j.targetLang,
    state: j.state,
    machineAllowed: j.machineAllowed && (sourceResolver(j.kind)?.machineAllowed ?? false),
    engine: j.engineId,
    translator: person(names, j.translatorId),
    reviewer: person(names, j.reviewerId),
    requestedBy: person(names, j.requestedBy) ?? { id: j.requestedBy, name: j.requestedBy },
    requestedAt: j.requestedAt,
    counts,
    finalizedBy: person(names, j.finalizedBy),
    finalizedAt: j.finalizedAt,
  };
}

const jobPeople = (j: JobRow) => [j.requestedBy, j.translatorId, j.reviewerId, j.finalizedBy];

/** Summaries of jobs (their counts and case numbers read in one statement each). */
export async function presentSummaries(tx: Queryable, jobs: readonly JobRow[]): Promise<JobSummary[]> {
  const counts = await stateCounts(tx, jobs);
  const numbers = await caseNumbers(tx, [
    ...new Map(jobs.map((j) => [j.caseId, { officeId: j.officeId, caseId: j.caseId }])).values(),
  ]);
  const names = await accountNames(tx, jobs.flatMap(jobPeople));
  return jobs.map((j) =>
    summaryOf(
      j,
      names,
      numbers.get(j.caseId) ?? null,
      counts.get(j.id) ?? { initial: 0, translated: 0, reviewed: 0, final: 0 },
    ),
  );
}

export function presentSegment(s: SegmentRow, names: Names, matches: MemoryMatch[]): Segment {
  return {
    id: s.id,
    position: s.position,
    unit: s.unit,
    source: s.source,
    target: s.target,
    state: s.state,
    origin: s.originDetail,
    placeholders: placeholdersOf(s.source),
    translatedBy: person(names, s.translatedBy),
    translatedAt: s.translatedAt,
    reviewedBy: person(names, s.reviewedBy),
    reviewedAt: s.reviewedAt,
    returned:
      s.returnedReason !== null && s.returnedBy !== null && s.returnedAt !== null
        ? { reason: s.returnedReason, by: person(names, s.returnedBy)!, at: s.returnedAt }
        : null,
    sourceChanged: s.sourceChanged,
    version: s.version,
    matches,
  };
}

/** Names of the people of segments. */
export function segmentPeople(segments: readonly SegmentRow[]): (string | null)[] {
  return segments.flatMap((s) => [s.translatedBy, s.reviewedBy, s.returnedBy]);
}

/**
 * A job with its live segments, in order. The memory's best matches (at most 3) are shown for the
 * segments still to translate or review of an open job.
 */
export async function presentJob(
  tx: Queryable,
  keyring: Keyring,
  j: JobRow,
  segments: readonly SegmentRow[],
  timeZone: string,
): Promise<Job> {
  const live = segments.filter((s) => !s.removed).sort((a, b) => a.position - b.position);
  const asking =
    j.state === "open" ? live.filter((s) => s.state === "initial" || s.state === "translated") : [];
  const found = await memoryMatchesOf(
    tx,
    keyring,
    j.officeId,
    j.sourceLang,
    j.targetLang,
    asking.map((s) => s.source),
    3,
    timeZone,
  );
  const matches = new Map(asking.map((s, i) => [s.id, found[i] ?? []]));
  const names = await accountNames(tx, [...jobPeople(j), ...segmentPeople(live)]);
  const numbers = await caseNumbers(tx, [{ officeId: j.officeId, caseId: j.caseId }]);
  const c = countStates(live);
  return {
    ...summaryOf(j, names, numbers.get(j.caseId) ?? null, c),
    segments: live.map((s) => presentSegment(s, names, matches.get(s.id) ?? [])),
    version: j.version,
  };
}
