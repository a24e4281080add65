/**
 * How every command and query reaches a translation job: staff through its case (the right on a
 * case they reach), a translator through their assignment to the job alone. A write goes through
 * the one case-write path (`writeCase`) with the job's own reach; a read checks the same and
 * leaves its access record. Either first reads the job's source again and, when it changed since
 * the job last saw it, syncs the segments (a write, with its record event).
 */
import { v7 as uuidv7 } from "uuid";
import { audit, type Actor, type AuditFields } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { writeCase, type WritableCase } from "../cases/write.ts";
import type { OriginDetail } from "../contracts/translations.ts";
import { recordEvent, type RecordEvent } from "../kernel/procedure/record-events.ts";
import { TranslationRuleError } from "../kernel/translation/rules.ts";
import { segmentUnits } from "../kernel/translation/segments.ts";
import { planSync, withDigests } from "../kernel/translation/sync.ts";
import { reachesTranslation } from "../security/access/policy.ts";
import type { Right } from "../security/access/rights.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import {
  findJob,
  insertSegment,
  jobPlace,
  segmentsOf,
  updateJob,
  updateSegment,
  type JobRow,
  type SegmentRow,
} from "./db.ts";
import { sourceResolver } from "./resolve.ts";
import { memoryMatchesOf } from "./seams.ts";
import type { SourceText } from "./sources/types.ts";

/** The keyed digest of a whole source as segmented (its language and units). */
export const sourceDigestOf = (keyring: Keyring, language: string, s: SourceText) =>
  keyring.keyedDigest("translation.source", JSON.stringify([language, s.units.map((u) => [u.unit, u.text])]));
/** The keyed digest of a normalized sentence: a segment's identity across changes of its source. */
export const sentenceDigest = (keyring: Keyring, normalized: string) =>
  keyring.keyedDigest("translation.segment", normalized);
/** The keyed digest of a target, for the record (never the text). */
export const targetDigest = (keyring: Keyring, target: string) =>
  keyring.keyedDigest("translation.target", target);

/** A refusal of the review's rules as the problem the API answers. */
export function ruleProblem(e: unknown): unknown {
  if (!(e instanceof TranslationRuleError)) return e;
  return e.kind === "conflict"
    ? new AppError("conflict", e.message, {}, 409)
    : new AppError(
        "invalid_input",
        e.message,
        e.missing.length > 0 ? { issues: [{ path: "target", message: e.message }] } : {},
      );
}

/** Run a rule of the kernel, refusing with a problem. */
export function rule<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw ruleProblem(e);
  }
}

/** Whether an account id is a person's account (a uuid); in-process work has none. */
export const isAccountId = (id: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The account id a job keeps for a person (a uuid); in-process work has none. */
export function accountOf(actor: Actor): string {
  const id = actor.principal.accountId;
  if (!isAccountId(id))
    throw new AppError("forbidden", "translations are made and reviewed by people with an account", {}, 403);
  return id;
}

/** One segment's change as the record keeps it: state, version, origin, a digest of the target. */
export function changeOf(keyring: Keyring, s: SegmentRow) {
  return {
    segmentId: s.id,
    state: s.state,
    version: s.version,
    origin: s.origin,
    ...(s.removed ? { removed: true } : {}),
    ...(s.target !== null ? { targetDigest: targetDigest(keyring, s.target) } : {}),
  };
}

/** A segment changed by a command: its version counted up, written with its version row. */
export async function saveSegmentRow(
  tx: Queryable,
  keyring: Keyring,
  before: SegmentRow,
  after: SegmentRow,
  by: string | null,
  at: string,
): Promise<SegmentRow> {
  const next = { ...after, version: before.version + 1 };
  await updateSegment(tx, keyring, next, by, at);
  return next;
}

/**
 * The memory's best matches for new segments: an exact one (score 100) fills the target as a
 * proposal (the state stays initial: a person must take it).
 */
export async function prefillFromMemory(
  tx: Queryable,
  keyring: Keyring,
  job: JobRow,
  segments: SegmentRow[],
  timeZone: string,
): Promise<SegmentRow[]> {
  const empty = segments.filter((s) => !s.removed && s.state === "initial" && s.target === null);
  if (empty.length === 0) return segments;
  const matches = await memoryMatchesOf(
    tx,
    keyring,
    job.officeId,
    job.sourceLang,
    job.targetLang,
    empty.map((s) => s.source),
    1,
    timeZone,
  );
  const filled = new Map<string, SegmentRow>();
  empty.forEach((s, i) => {
    const best = matches[i]?.[0];
    if (best && best.score === 100) {
      const origin: OriginDetail = { origin: "memory", score: 100, memoryUnitId: best.unitId };
      filled.set(s.id, { ...s, target: best.target, origin: "memory", originDetail: origin });
    }
  });
  return segments.map((s) => filled.get(s.id) ?? s);
}

/** A new segment row for a sentence of the source. */
export function newSegment(
  job: JobRow,
  sentence: { unit: string; text: string; digest: string; gap: string },
  position: number,
): SegmentRow {
  return {
    officeId: job.officeId,
    jobId: job.id,
    id: uuidv7(),
    position,
    unit: sentence.unit,
    source: sentence.text,
    sourceDigest: sentence.digest,
    gap: sentence.gap,
    target: null,
    state: "initial",
    origin: "none",
    originDetail: { origin: "none" },
    translatedBy: null,
    translatedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    returned: false,
    returnedReason: null,
    returnedBy: null,
    returnedAt: null,
    sourceChanged: false,
    removed: false,
    version: 1,
  };
}

/** The sentences of a source, with their digests, cut by the job's source language. */
export function sentencesOf(keyring: Keyring, language: string, source: SourceText) {
  return withDigests(segmentUnits(source.units, language), (n) => sentenceDigest(keyring, n));
}

/** What a sync changed: the segments it touched, and whether it reopened a final job. */
export interface Synced {
  job: JobRow;
  changed: SegmentRow[];
  reopened: boolean;
}

/**
 * Bring a job's segments in line with its source as it stands: unchanged segments keep target and
 * state, changed ones are reset to initial (the old target kept as a proposal, `sourceChanged`),
 * new ones added (with the memory's exact match), removed ones marked removed. A final job whose
 * source changed is open again; its unchanged segments go back to reviewed.
 */
export async function applySync(
  tx: Queryable,
  keyring: Keyring,
  job: JobRow,
  source: SourceText,
  by: string | null,
  at: string,
  timeZone: string,
): Promise<Synced> {
  const digest = sourceDigestOf(keyring, job.sourceLang, source);
  if (job.state === "cancelled" || digest === job.sourceDigest) return { job, changed: [], reopened: false };
  const segments = await segmentsOf(tx, keyring, job);
  const byId = new Map(segments.map((s) => [s.id, s]));
  const next = sentencesOf(keyring, job.sourceLang, source);
  const plan = planSync(
    segments.map((s) => ({
      id: s.id,
      unit: s.unit,
      digest: s.sourceDigest,
      position: s.position,
      removed: s.removed,
    })),
    next,
  );
  const reopened = job.state === "final" && plan.changed;
  const changed: SegmentRow[] = [];
  const added: SegmentRow[] = [];
  const gaps = new Map<string, string>();
  for (const step of plan.steps) {
    if (step.kind === "add") {
      added.push(newSegment(job, step.sentence, step.position));
      continue;
    }
    const old = byId.get(step.id);
    if (!old) continue;
    if (step.kind === "keep") {
      const sentence = next[step.position - 1];
      if (sentence) gaps.set(old.id, sentence.gap);
      const moved = old.position !== step.position || old.gap !== (sentence?.gap ?? old.gap);
      if (reopened && old.state === "final") {
        changed.push(
          await saveSegmentRow(
            tx,
            keyring,
            old,
            { ...old, position: step.position, gap: sentence?.gap ?? old.gap, state: "reviewed" },
            by,
            at,
          ),
        );
      } else if (moved) {
        await tx.query(
          `UPDATE translation_segments SET position = $3, gap = $4 WHERE office_id = $1 AND id = $2`,
          [old.officeId, old.id, step.position, sentence?.gap ?? old.gap],
        );
      }
    } else if (step.kind === "reset") {
      changed.push(
        await saveSegmentRow(
          tx,
          keyring,
          old,
          {
            ...old,
            position: step.position,
            unit: step.sentence.unit,
            source: step.sentence.text,
            sourceDigest: step.sentence.digest,
            gap: step.sentence.gap,
            state: "initial",
            translatedBy: null,
            translatedAt: null,
            reviewedBy: null,
            reviewedAt: null,
            returned: false,
            returnedReason: null,
            returnedBy: null,
            returnedAt: null,
            sourceChanged: old.target !== null,
          },
          by,
          at,
        ),
      );
    } else {
      changed.push(await saveSegmentRow(tx, keyring, old, { ...old, removed: true }, by, at));
    }
  }
  const updated: JobRow = {
    ...job,
    label: source.label,
    sourceDigest: digest,
    ...(reopened ? { state: "open" as const, finalizedBy: null, finalizedAt: null } : {}),
  };
  for (const s of await prefillFromMemory(tx, keyring, updated, added, timeZone)) {
    await insertSegment(tx, keyring, s, by, at);
    changed.push(s);
  }
  return { job: updated, changed, reopened };
}

/** The job's source as it stands, or a 409 when it is gone (withdrawn, deleted). */
export async function readSource(ctx: AppContext, tx: Queryable, job: JobRow): Promise<SourceText> {
  const resolver = sourceResolver(job.kind);
  const source = resolver
    ? await resolver.read(ctx, tx, { officeId: job.officeId, caseId: job.caseId }, job.ref)
    : null;
  if (!source)
    throw new AppError(
      "conflict",
      "the text this translation is of is no longer in the case (withdrawn or removed): cancel the translation",
      {},
      409,
    );
  return source;
}

export interface JobWrite {
  c: WritableCase;
  tx: Queryable;
  /** The job after the sync, locked; the command changes it and `done` writes it. */
  job: JobRow;
  /** The source as it stands. */
  source: SourceText;
  /** The actor's account id. */
  by: string;
  at: string;
  /** Record events to append (the sync's, if any, is already there). */
  events: RecordEvent[];
  /** A cancellation's reason, sealed with the job. */
  cancelReason?: string;
}

export interface JobWriteDone<R> {
  /** The answer, given the job as written (its new version). */
  result: (job: JobRow) => Promise<R> | R;
  /** Whether the job itself changed (its version is counted up once for the write). */
  changed: boolean;
  details?: AuditFields["details"];
}

/** A translation-changed event of the record. */
export function changedEvent(
  keyring: Keyring,
  on: string,
  jobId: string,
  reason: "saved" | "reviewed" | "returned" | "machine_draft" | "imported" | "source_changed" | "assigned",
  segments: readonly SegmentRow[],
  extra: { translatorId?: string | null; reviewerId?: string | null; reopened?: boolean } = {},
): RecordEvent {
  return recordEvent("translation_changed", on, {
    jobId,
    reason,
    segments: segments.map((s) => changeOf(keyring, s)),
    ...extra,
  });
}

/**
 * Change one job through the case-write path: 404 (recorded) when it does not exist or is out of
 * the actor's reach, the same for both; the job synced with its source first.
 */
export async function writeJob<R>(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  action: string,
  right: Right,
  run: (w: JobWrite) => Promise<JobWriteDone<R>>,
  /** Whether the write may go on when the job's text is no longer in the case (a cancellation). */
  sourceMayBeGone = false,
): Promise<R> {
  const place = await jobPlace(ctx.db, jobId);
  if (!place) {
    await ctx.db.transaction((tx) =>
      audit(tx, actor, ctx.clock(), { action, outcome: "denied", details: { requested: jobId } }),
    );
    throw notFound(`translation ${jobId}`);
  }
  let reached = false;
  try {
    return await writeCase(ctx, actor, place.caseId, {
      action,
      right,
      async reaches(tx, _c, now) {
        const current = await jobPlace(tx, jobId);
        reached =
          current !== null && (await reachesTranslation(tx, actor.principal, right, { ...current }, now));
        return reached;
      },
      async run(c) {
        const found = await findJob(c.tx, ctx.keyring, jobId, true);
        if (!found) throw notFound(`translation ${jobId}`);
        const by = accountOf(actor);
        const at = ctx.clock().toISOString();
        const gone = { label: found.label, language: null, units: [] };
        const source =
          found.state === "cancelled"
            ? gone
            : sourceMayBeGone
              ? await readSource(ctx, c.tx, found).catch(() => null)
              : await readSource(ctx, c.tx, found);
        // A text no longer in the case leaves the segments as they were.
        const synced = source
          ? await applySync(c.tx, ctx.keyring, found, source, by, at, c.profile.timeZone)
          : { job: found, changed: [], reopened: false };
        const events: RecordEvent[] = [];
        if (synced.changed.length > 0 || synced.job.sourceDigest !== found.sourceDigest)
          events.push(
            changedEvent(ctx.keyring, c.today, jobId, "source_changed", synced.changed, {
              ...(synced.reopened ? { reopened: true } : {}),
            }),
          );
        const w: JobWrite = { c, tx: c.tx, job: synced.job, source: source ?? gone, by, at, events };
        const done = await run(w);
        const jobChanged = done.changed || w.events.length > 0 || synced.job !== found;
        const written = jobChanged ? { ...w.job, version: found.version + 1 } : w.job;
        if (jobChanged) await updateJob(c.tx, ctx.keyring, written, w.cancelReason);
        if (w.events.length > 0) await c.record(w.events);
        return { result: await done.result(written), details: { jobId, ...done.details } };
      },
    });
  } catch (e) {
    if (!reached && e instanceof AppError && e.kind === "not_found") throw notFound(`translation ${jobId}`);
    throw e;
  }
}

export interface JobRead {
  tx: Queryable;
  job: JobRow;
  source: SourceText;
}

/**
 * Read one job if the actor reaches it, with its access record; 404 (recorded) otherwise. When its
 * source changed since the job last saw it, the job is synced first (a write, through
 * `writeJob`), then read.
 */
export async function readJob<R>(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  action: string,
  right: Right,
  fn: (r: JobRead) => Promise<{ value: R; details?: AuditFields["details"] }>,
): Promise<R> {
  const at = ctx.clock();
  const now = today(ctx);
  const out = await ctx.db.transaction(async (tx) => {
    const job = await findJob(tx, ctx.keyring, jobId);
    const ok = job !== null && (await reachesTranslation(tx, actor.principal, right, job, now));
    if (!job || !ok) {
      await audit(tx, actor, at, {
        action,
        outcome: "denied",
        caseId: job?.caseId ?? null,
        officeId: job?.officeId ?? null,
        details: job ? { jobId } : { requested: jobId },
      });
      return { kind: "missing" as const };
    }
    const source = job.state === "cancelled" ? null : await readSource(ctx, tx, job).catch(() => null);
    if (source && sourceDigestOf(ctx.keyring, job.sourceLang, source) !== job.sourceDigest)
      return { kind: "stale" as const };
    const done = await fn({ tx, job, source: source ?? { label: job.label, language: null, units: [] } });
    await audit(tx, actor, at, {
      action,
      outcome: "ok",
      caseId: job.caseId,
      officeId: job.officeId,
      details: { jobId, ...done.details },
    });
    return { kind: "read" as const, value: done.value };
  });
  if (out.kind === "missing") throw notFound(`translation ${jobId}`);
  if (out.kind === "read") return out.value;
  // The source changed: sync (a write with its record event), then read what it made.
  await writeJob(ctx, actor, jobId, "translation.sync", right, async () => ({
    result: () => null,
    changed: false,
  }));
  return readJob(ctx, actor, jobId, action, right, fn);
}
