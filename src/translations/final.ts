/**
 * A translation made final, and the final text others may use (docs/translation.md, "Using a
 * translation"): only a final job's text goes into a notice, a decision or a COI citation, with
 * who translated and who reviewed it. Anything else is refused with `TranslationNotFinal`.
 */
import type { Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import type { Job, SourceKind } from "../contracts/translations.ts";
import { recordEvent } from "../kernel/procedure/record-events.ts";
import { joinSentences } from "../kernel/translation/final-text.ts";
import { countStates, finalizeSegments } from "../kernel/translation/rules.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import { accountNames, findJob, segmentsOf, type JobRow } from "./db.ts";
import { nameOf } from "./jobs.ts";
import { presentJob } from "./present.ts";
import { addFinalToMemory } from "./seams.ts";
import type { SourceText } from "./sources/types.ts";
import { rule, saveSegmentRow, sourceDigestOf, writeJob } from "./work.ts";

/**
 * Finalize a job: every live segment reviewed, by a person who translated none of them. Every
 * live segment becomes final, the job read-only, and its segments enter the office's memory.
 * `expectedVersion`: the job's version as last read (If-Match).
 */
export function finalizeJob(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  expectedVersion: number,
): Promise<Job> {
  return writeJob(ctx, actor, jobId, "translation.finalize", "translation.work", async (w) => {
    if (w.job.version !== expectedVersion || w.events.length > 0)
      throw new AppError(
        "version_mismatch",
        `the translation has changed since version ${expectedVersion}; reload it and try again`,
      );
    const segments = await segmentsOf(w.tx, ctx.keyring, w.job);
    const finals = rule(() => finalizeSegments(w.job, segments, w.by));
    const live = [];
    for (const [i, s] of finals.entries()) {
      const before = segments[i]!;
      if (s.removed) continue;
      live.push(await saveSegmentRow(w.tx, ctx.keyring, before, s, w.by, w.at));
    }
    w.job = { ...w.job, state: "final", finalizedBy: w.by, finalizedAt: w.at };
    const names = await accountNames(
      w.tx,
      live.flatMap((s) => [s.translatedBy, s.reviewedBy]),
    );
    await addFinalToMemory(w.tx, ctx.keyring, {
      officeId: w.job.officeId,
      sourceLang: w.job.sourceLang,
      targetLang: w.job.targetLang,
      jobId,
      at: w.at,
      units: live.map((s) => ({
        source: s.source,
        target: s.target ?? "",
        segmentId: s.id,
        translatedBy: s.translatedBy ? (names.get(s.translatedBy) ?? null) : null,
        reviewedBy: s.reviewedBy ? (names.get(s.reviewedBy) ?? null) : null,
      })),
    });
    w.events.push(recordEvent("translation_finalized", w.c.today, { jobId, segments: live.length }));
    return {
      changed: true,
      result: async (job) =>
        presentJob(w.tx, ctx.keyring, job, await segmentsOf(w.tx, ctx.keyring, job), w.c.profile.timeZone),
      details: { segments: live.length },
    };
  });
}

/**
 * Refused use of a translation that is not final (409 `translation_not_final`): the detail says
 * how far the review has come, e.g. "the Khmer (km) translation is not final: 3 of 12 segments
 * reviewed".
 */
export class TranslationNotFinal extends AppError {
  constructor(
    message: string,
    readonly jobId: string,
  ) {
    super("translation_not_final", message, {}, 409);
    this.name = "TranslationNotFinal";
  }
}

export interface FinalTranslation {
  jobId: string;
  /** Each unit of the source (e.g. `reasons.2`) translated, sentences joined as the source had them. */
  units: Map<string, string>;
  /** Who translated and who reviewed its segments (display names, in order of first appearance). */
  translators: string[];
  reviewers: string[];
  /** When the job was made final (ISO 8601), and the day in `timeZone`. */
  finalizedAt: string;
  finalizedOn: string;
  sourceLanguage: string;
  targetLanguage: string;
}

async function liveJobOf(
  tx: Queryable,
  keyring: Keyring,
  q: { caseId: string; kind: SourceKind; ref: string; targetLanguage: string },
): Promise<JobRow | null> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM translation_jobs
      WHERE case_id = $1 AND source_kind = $2 AND source_ref = $3 AND target_lang = $4 AND state <> 'cancelled'`,
    [q.caseId, q.kind, q.ref, q.targetLanguage],
  );
  return rows[0] ? findJob(tx, keyring, rows[0].id) : null;
}

/**
 * The final translation of a case's text into a language, for a notice, a decision or a COI
 * citation; null when none was requested. Throws `TranslationNotFinal` when the job is not final,
 * or when `options.source` (the text as it stands) is given and is no longer what was translated.
 * Reads only: the caller has checked the reader's reach and records the access.
 */
export async function finalTranslation(
  tx: Queryable,
  keyring: Keyring,
  q: { caseId: string; kind: SourceKind; ref: string; targetLanguage: string },
  options: { source?: SourceText; timeZone?: string } = {},
): Promise<FinalTranslation | null> {
  const job = await liveJobOf(tx, keyring, q);
  if (!job) return null;
  const segments = await segmentsOf(tx, keyring, job);
  const live = segments.filter((s) => !s.removed).sort((a, b) => a.position - b.position);
  const language = nameOf(job.targetLang);
  if (job.state !== "final" || !job.finalizedAt) {
    const c = countStates(live);
    throw new TranslationNotFinal(
      `the ${language} translation is not final: ${c.reviewed + c.final} of ${live.length} segments reviewed`,
      job.id,
    );
  }
  if (options.source && sourceDigestOf(keyring, job.sourceLang, options.source) !== job.sourceDigest)
    throw new TranslationNotFinal(
      `the ${language} translation is not final: its source has changed since it was made final, and it must be reviewed again`,
      job.id,
    );
  const byUnit = new Map<string, { target: string; gap: string }[]>();
  for (const s of live) {
    if (s.state !== "final" || s.target === null)
      throw new TranslationNotFinal(`the ${language} translation is not final: a segment is not`, job.id);
    const list = byUnit.get(s.unit) ?? [];
    list.push({ target: s.target, gap: s.gap });
    byUnit.set(s.unit, list);
  }
  const units = new Map<string, string>();
  for (const [unit, parts] of byUnit) units.set(unit, joinSentences(parts, job.targetLang));
  const names = await accountNames(
    tx,
    live.flatMap((s) => [s.translatedBy, s.reviewedBy]),
  );
  const ordered = (ids: (string | null)[]) => [
    ...new Set(ids.filter((id): id is string => id !== null).map((id) => names.get(id) ?? id)),
  ];
  return {
    jobId: job.id,
    units,
    translators: ordered(live.map((s) => s.translatedBy)),
    reviewers: ordered(live.map((s) => s.reviewedBy)),
    finalizedAt: job.finalizedAt,
    finalizedOn: new Intl.DateTimeFormat("en-CA", {
      timeZone: options.timeZone ?? "UTC",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(new Date(job.finalizedAt)),
    sourceLanguage: job.sourceLang,
    targetLanguage: job.targetLang,
  };
}
