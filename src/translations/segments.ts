/**
 * A job's segments (docs/translation.md, "States and review"): save a target, review or return
 * one, fill empty ones with a machine draft, and import targets and states from an XLIFF file.
 * Each is a write of the case through `writeJob`, and each change is a `translation_changed`
 * event of the record, with the segments' new states and keyed digests of their targets.
 */
import type { Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import type { ImportResult, Job, Segment, SegmentState } from "../contracts/translations.ts";
import { normalizeSentence } from "../kernel/translation/segments.ts";
import {
  assertOpen,
  propose,
  reviewSegment as reviewRule,
  saveTarget,
  TranslationRuleError,
  type SegmentFacts,
} from "../kernel/translation/rules.ts";
import { accountNames, segmentsOf, type SegmentRow } from "./db.ts";
import { refusalOf } from "./engines/index.ts";
import { presentJob, presentSegment, segmentPeople } from "./present.ts";
import { draftByEngine, memoryMatchesOf } from "./seams.ts";
import { changedEvent, readJob, rule, saveSegmentRow, writeJob, type JobWrite } from "./work.ts";

/** A kernel result laid over the stored segment (its facts only). */
const withFacts = (s: SegmentRow, f: SegmentFacts): SegmentRow => ({ ...s, ...f });

async function liveSegment(w: JobWrite, ctx: AppContext, segmentId: string): Promise<SegmentRow> {
  const s = (await segmentsOf(w.tx, ctx.keyring, w.job)).find((x) => x.id === segmentId);
  if (!s || s.removed) throw notFound(`segment ${segmentId} of translation ${w.job.id}`);
  return s;
}

function checkVersion(s: SegmentRow, version: number): void {
  if (s.version !== version)
    throw new AppError(
      "version_mismatch",
      `the segment has changed since version ${version} (now ${s.version}); reload it and try again`,
    );
}

async function presentOne(w: JobWrite, ctx: AppContext, s: SegmentRow): Promise<Segment> {
  const names = await accountNames(w.tx, segmentPeople([s]));
  const matches =
    s.state === "initial" || s.state === "translated"
      ? ((
          await memoryMatchesOf(
            w.tx,
            ctx.keyring,
            w.job.officeId,
            w.job.sourceLang,
            w.job.targetLang,
            [s.source],
            3,
            w.c.profile.timeZone,
          )
        )[0] ?? [])
      : [];
  return presentSegment(s, names, matches);
}

/** A person saves a segment's target: translated by them (a review it had is void). */
export function saveSegment(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  segmentId: string,
  input: { target: string; version: number },
): Promise<Segment> {
  return writeJob(ctx, actor, jobId, "translation.segment.save", "translation.work", async (w) => {
    const s = await liveSegment(w, ctx, segmentId);
    checkVersion(s, input.version);
    const next = rule(() => saveTarget(w.job, s, w.by, input.target));
    if (!next) return { changed: false, result: () => presentOne(w, ctx, s) };
    const saved = await saveSegmentRow(
      w.tx,
      ctx.keyring,
      s,
      {
        ...withFacts(s, next),
        originDetail: next.origin === s.origin ? s.originDetail : { origin: next.origin },
        translatedAt: w.at,
        reviewedAt: null,
        returnedReason: null,
        returnedBy: null,
        returnedAt: null,
      },
      w.by,
      w.at,
    );
    w.events.push(changedEvent(ctx.keyring, w.c.today, jobId, "saved", [saved]));
    return { changed: true, result: () => presentOne(w, ctx, saved), details: { segmentId } };
  });
}

/** A reviewer marks a segment reviewed, or returns it with a reason. */
export function reviewSegment(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  segmentId: string,
  input: { decision: "reviewed" | "returned"; reason?: string | undefined; version: number },
): Promise<Segment> {
  return writeJob(ctx, actor, jobId, "translation.segment.review", "translation.work", async (w) => {
    const s = await liveSegment(w, ctx, segmentId);
    checkVersion(s, input.version);
    const next = rule(() => reviewRule(w.job, s, w.by, input.decision, input.reason));
    const saved = await saveSegmentRow(
      w.tx,
      ctx.keyring,
      s,
      input.decision === "reviewed"
        ? {
            ...withFacts(s, next),
            reviewedAt: w.at,
            returnedReason: null,
            returnedBy: null,
            returnedAt: null,
          }
        : {
            ...withFacts(s, next),
            reviewedAt: null,
            returnedReason: input.reason ?? "",
            returnedBy: w.by,
            returnedAt: w.at,
          },
      w.by,
      w.at,
    );
    w.events.push(changedEvent(ctx.keyring, w.c.today, jobId, input.decision, [saved]));
    return {
      changed: true,
      result: () => presentOne(w, ctx, saved),
      details: { segmentId, decision: input.decision },
    };
  });
}

/**
 * Fill the job's empty initial segments with an engine's drafts (origin: the engine, named). Refused
 * for an interview's record (people interpret a person's own words), when no engine was chosen
 * for the job, and when the engine is not enabled for the language pair. The engine is asked
 * outside any transaction; its drafts fill only segments still empty when they come back.
 */
export async function machineDraft(ctx: AppContext, actor: Actor, jobId: string): Promise<Job> {
  const wanted = await readJob(
    ctx,
    actor,
    jobId,
    "translation.machine_draft.read",
    "translation.work",
    async ({ tx, job }) => {
      const segments = await segmentsOf(tx, ctx.keyring, job);
      return { value: { job, segments } };
    },
  );
  const { job } = wanted;
  rule(() => assertOpen(job));
  if (!job.machineAllowed || job.kind === "interview_transcript")
    throw new AppError(
      "conflict",
      "an interview's record is never sent to a machine: people interpret a person's own words",
      {},
      409,
    );
  if (!job.engineId)
    throw new AppError("conflict", "no machine translation engine was chosen for this translation", {}, 409);
  const engineId = job.engineId;
  const refusal = await refusalOf(ctx, engineId, job.sourceLang, job.targetLang);
  if (refusal) throw refusal;
  const empty = wanted.segments.filter((s) => !s.removed && s.state === "initial" && s.target === null);
  const drafted =
    empty.length === 0
      ? { texts: [] as string[], engine: null }
      : await draftByEngine(
          ctx,
          engineId,
          job.sourceLang,
          job.targetLang,
          empty.map((s) => s.source),
        );
  const bySource = new Map(empty.map((s, i) => [s.id, { source: s.source, target: drafted.texts[i] }]));
  return writeJob(ctx, actor, jobId, "translation.machine_draft", "translation.work", async (w) => {
    const changed: SegmentRow[] = [];
    if (drafted.engine) {
      for (const s of await segmentsOf(w.tx, ctx.keyring, w.job)) {
        const d = bySource.get(s.id);
        if (!d || d.target === undefined || d.target.trim() === "" || d.source !== s.source) continue;
        const next = rule(() => propose(w.job, s, d.target!, "engine"));
        if (!next) continue;
        changed.push(
          await saveSegmentRow(
            w.tx,
            ctx.keyring,
            s,
            { ...withFacts(s, next), originDetail: { origin: "engine", engine: drafted.engine } },
            w.by,
            w.at,
          ),
        );
      }
    }
    if (changed.length > 0)
      w.events.push(changedEvent(ctx.keyring, w.c.today, jobId, "machine_draft", changed));
    return {
      changed: changed.length > 0,
      result: async (j) =>
        presentJob(w.tx, ctx.keyring, j, await segmentsOf(w.tx, ctx.keyring, j), w.c.profile.timeZone),
      details: { engine: engineId, drafted: changed.length },
    };
  });
}

export interface ImportRow {
  segmentId: string;
  /** The source as the file has it: refused when it is no longer the segment's source. */
  source?: string;
  target: string | null;
  state: SegmentState;
}

/**
 * Targets and states from an outside file (XLIFF, src/translations/formats/), row by row by the
 * same rules as the screens: `translated` saves the target as the importer's; `reviewed` is the
 * importer's review of a target someone else translated (their own is refused); `initial` with a
 * target is a proposal for an empty segment; `final` is never imported (only finalizing sets it).
 * A row refused is named with its reason; the others are applied.
 */
export function importSegments(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  rows: readonly ImportRow[],
): Promise<ImportResult> {
  return writeJob(ctx, actor, jobId, "translation.import", "translation.work", async (w) => {
    rule(() => assertOpen(w.job));
    const segments = new Map((await segmentsOf(w.tx, ctx.keyring, w.job)).map((s) => [s.id, s]));
    const refused: ImportResult["refused"] = [];
    const changed: SegmentRow[] = [];
    let unchanged = 0;
    const seen = new Set<string>();
    for (const row of rows) {
      const refuse = (reason: string) => refused.push({ segment: row.segmentId, reason });
      const s = segments.get(row.segmentId);
      if (!s || s.removed) {
        refuse("no such segment in this translation (the source may have changed)");
        continue;
      }
      if (seen.has(s.id)) {
        refuse("the segment is in the file twice");
        continue;
      }
      seen.add(s.id);
      if (row.source !== undefined && normalizeSentence(row.source) !== normalizeSentence(s.source)) {
        refuse("source changed: the file's source is no longer the text's; export again");
        continue;
      }
      try {
        const next = importRow(w, s, row);
        if (!next) {
          unchanged += 1;
          continue;
        }
        const saved = await saveSegmentRow(w.tx, ctx.keyring, s, next, w.by, w.at);
        segments.set(s.id, saved);
        changed.push(saved);
      } catch (e) {
        if (e instanceof TranslationRuleError) refuse(e.message);
        else throw e;
      }
    }
    if (changed.length > 0) w.events.push(changedEvent(ctx.keyring, w.c.today, jobId, "imported", changed));
    return {
      changed: changed.length > 0,
      result: () => ({ updated: changed.length, unchanged, refused }),
      details: { updated: changed.length, refused: refused.length },
    };
  });
}

/** One imported row by the rules; null when it changes nothing. Throws the rule that refuses it. */
function importRow(w: JobWrite, s: SegmentRow, row: ImportRow): SegmentRow | null {
  const target = row.target === null || row.target.trim() === "" ? null : row.target;
  switch (row.state) {
    case "final":
      throw new TranslationRuleError(
        "conflict",
        "final is not imported: a translation becomes final only when a reviewer finalizes it here",
      );
    case "initial": {
      if (target === null || target === s.target) return null;
      const next = propose(w.job, s, target, "import");
      if (!next)
        throw new TranslationRuleError(
          "conflict",
          "the segment is already translated here; mark the row translated to replace its target",
        );
      return { ...s, ...next, originDetail: { origin: "import" } };
    }
    case "translated": {
      if (target === null) throw new TranslationRuleError("invalid", "a translated row needs a target");
      if (target === s.target && (s.state === "translated" || s.state === "reviewed")) return null;
      const next = saveTarget(w.job, s, w.by, target, "import");
      if (!next) return null;
      return {
        ...s,
        ...next,
        originDetail: next.origin === s.origin ? s.originDetail : { origin: next.origin },
        translatedAt: w.at,
        reviewedAt: null,
        returnedReason: null,
        returnedBy: null,
        returnedAt: null,
      };
    }
    case "reviewed": {
      if (target === null || target !== s.target)
        throw new TranslationRuleError(
          "conflict",
          "reviewed with another target than the one translated here: a changed target must be translated, then reviewed by a second person",
        );
      if (s.state === "reviewed") return null;
      const next = reviewRule(w.job, s, w.by, "reviewed");
      return { ...s, ...next, reviewedAt: w.at, returnedReason: null, returnedBy: null, returnedAt: null };
    }
  }
}
