/**
 * Translation jobs (docs/translation.md, "Model"): request a case's text into one or more
 * languages (one job each), read one (synced with its source first), list them with their counts,
 * the case's translatable texts with their jobs, assign a translator and a reviewer, cancel.
 */
import { v7 as uuidv7 } from "uuid";
import { audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { accessCase } from "../cases/access.ts";
import { writeCase } from "../cases/write.ts";
import {
  SOURCE_KINDS,
  type Job,
  type JobListQuery,
  type JobSummary,
  type RequestTranslation,
  type Translatable,
} from "../contracts/translations.ts";
import { recordEvent, type RecordEvent } from "../kernel/procedure/record-events.ts";
import { assertOpen } from "../kernel/translation/rules.ts";
import { caseReach, may } from "../security/access/policy.ts";
import { hasRight, isRole } from "../security/access/rights.ts";
import type { Queryable } from "../store/db.ts";
import { isPairEnabled } from "./engines/db.ts";
import { enginesOf, maySend } from "./engines/index.ts";
import {
  findAccount,
  findJobs,
  insertJob,
  insertSegment,
  jobsOfCase,
  liveJob,
  segmentsOf,
  type JobRow,
  type JobScope,
} from "./db.ts";
import { presentJob, presentSummaries } from "./present.ts";
import { sourceResolver } from "./resolve.ts";
import {
  accountOf,
  changedEvent,
  isAccountId,
  newSegment,
  prefillFromMemory,
  readJob,
  rule,
  sentencesOf,
  sourceDigestOf,
  writeJob,
} from "./work.ts";

const languageName = new Intl.DisplayNames(["en"], { type: "language" });
/** "Khmer (km)": a language as a message names it. */
export const nameOf = (tag: string) => {
  try {
    return `${languageName.of(tag) ?? tag} (${tag})`;
  } catch {
    return tag;
  }
};

/**
 * Check an account given as translator or reviewer: enabled, and either a translator or staff of
 * the case's office whose role carries translation.work. 422 naming the field otherwise.
 */
async function checkAssignee(
  tx: Queryable,
  id: string | null | undefined,
  path: "translatorId" | "reviewerId",
  officeId: string,
): Promise<string | null> {
  if (id === null || id === undefined) return null;
  const a = await findAccount(tx, id);
  const fits =
    a !== null &&
    !a.disabled &&
    isRole(a.role) &&
    hasRight(a.role, "translation.work") &&
    (a.role === "translator" || a.officeId === null || a.officeId === officeId);
  if (!fits)
    throw new AppError(
      "invalid_input",
      `the ${path === "translatorId" ? "translator" : "reviewer"} cannot work on this translation`,
      {
        issues: [
          {
            path,
            message:
              "not an enabled account that translates: a translator, or staff of the case's office who translate",
          },
        ],
      },
    );
  return id;
}

function distinctPeople(translatorId: string | null, reviewerId: string | null): void {
  if (translatorId !== null && translatorId === reviewerId)
    throw new AppError("invalid_input", "the reviewer must be another person than the translator", {
      issues: [{ path: "reviewerId", message: "the same person as the translator" }],
    });
}

/**
 * Why `engine` may not draft the pair, or null: read in the request's transaction (the engines'
 * own `refusalOf` reads outside it).
 */
async function engineRefusal(
  ctx: AppContext,
  tx: Queryable,
  engine: string,
  sourceLang: string,
  targetLang: string,
): Promise<string | null> {
  const e = enginesOf(ctx).byId(engine);
  if (!e) return `no translation engine ${engine} is configured in this deployment`;
  if (!maySend(e))
    return `the translation engine ${engine} is outside the deployment and its configuration does not allow sending case text to it`;
  if (!(await isPairEnabled(tx, engine, sourceLang, targetLang)))
    return `the translation engine ${engine} is not enabled for ${nameOf(sourceLang)} to ${nameOf(targetLang)}; an administrator enables it for the pair`;
  return null;
}

/** Request a translation of one of the case's texts into each language asked for: one job each. */
export function requestTranslation(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: RequestTranslation,
): Promise<JobSummary[]> {
  return writeCase(ctx, actor, caseId, {
    action: "translation.request",
    right: "translation.request",
    async run(c) {
      const ref = { officeId: c.header.officeId, caseId };
      const by = accountOf(actor);
      const resolver = sourceResolver(input.kind);
      const source = resolver ? await resolver.read(ctx, c.tx, ref, input.ref) : null;
      if (!resolver || !source) throw notFound(`the text to translate (${input.kind} ${input.ref})`);
      const sourceLang = source.language ?? input.sourceLanguage;
      if (!sourceLang)
        throw new AppError("invalid_input", "the text does not say its language: give sourceLanguage", {
          issues: [{ path: "sourceLanguage", message: "required: the source does not say its language" }],
        });
      if (source.language && input.sourceLanguage && input.sourceLanguage !== source.language)
        throw new AppError("invalid_input", `the text is in ${nameOf(source.language)}`, {
          issues: [{ path: "sourceLanguage", message: `the source says ${source.language}` }],
        });
      const targets = [...new Set(input.targetLanguages)];
      targets.forEach((t, i) => {
        if (t === sourceLang)
          throw new AppError("invalid_input", `the text is already in ${nameOf(t)}`, {
            issues: [{ path: `targetLanguages.${i}`, message: "the source's own language" }],
          });
      });
      const engine = input.engine ?? null;
      if (engine !== null) {
        if (!resolver.machineAllowed)
          throw new AppError(
            "invalid_input",
            "an interview's record is never sent to a machine: people interpret a person's own words",
            { issues: [{ path: "engine", message: "no machine translation for this text" }] },
          );
        for (const t of targets) {
          const refusal = await engineRefusal(ctx, c.tx, engine, sourceLang, t);
          if (refusal)
            throw new AppError("invalid_input", refusal, {
              issues: [{ path: "engine", message: "cannot draft this language pair" }],
            });
        }
      }
      const translatorId = await checkAssignee(c.tx, input.translatorId, "translatorId", ref.officeId);
      const reviewerId = await checkAssignee(c.tx, input.reviewerId, "reviewerId", ref.officeId);
      distinctPeople(translatorId, reviewerId);
      const sentences = sentencesOf(ctx.keyring, sourceLang, source);
      if (sentences.length === 0)
        throw new AppError("conflict", "the text is empty: there is nothing to translate", {}, 409);
      const at = ctx.clock().toISOString();
      const jobs: JobRow[] = [];
      const events: RecordEvent[] = [];
      for (const targetLang of targets) {
        const existing = await liveJob(c.tx, { ...ref, kind: input.kind, ref: input.ref, targetLang });
        if (existing)
          throw new AppError(
            "conflict",
            `this text already has a translation into ${nameOf(targetLang)}: translation ${existing}`,
            {},
            409,
          );
        const job: JobRow = {
          ...ref,
          id: uuidv7(),
          kind: input.kind,
          ref: input.ref,
          label: source.label,
          sourceLang,
          targetLang,
          machineAllowed: resolver.machineAllowed,
          engineId: engine,
          translatorId,
          reviewerId,
          state: "open",
          sourceDigest: sourceDigestOf(ctx.keyring, sourceLang, source),
          version: 1,
          requestedBy: by,
          requestedAt: at,
          finalizedBy: null,
          finalizedAt: null,
          cancelledBy: null,
          cancelledAt: null,
        };
        await insertJob(c.tx, ctx.keyring, job);
        const segments = await prefillFromMemory(
          c.tx,
          ctx.keyring,
          job,
          sentences.map((s, i) => newSegment(job, s, i + 1)),
          c.profile.timeZone,
        );
        for (const s of segments) await insertSegment(c.tx, ctx.keyring, s, by, at);
        jobs.push(job);
        events.push(
          recordEvent("translation_requested", c.today, {
            jobId: job.id,
            kind: job.kind,
            ref: job.ref,
            sourceLanguage: sourceLang,
            targetLanguage: targetLang,
            segments: segments.length,
            proposed: segments.filter((s) => s.origin === "memory").length,
          }),
        );
      }
      await c.record(events);
      return {
        result: await presentSummaries(c.tx, jobs),
        details: { kind: input.kind, jobs: jobs.length },
      };
    },
  });
}

/** One job with its segments, synced with its source first. */
export function getJob(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  action = "translation.read",
): Promise<Job> {
  return readJob(ctx, actor, jobId, action, "translation.work", async ({ tx, job }) => {
    const segments = await segmentsOf(tx, ctx.keyring, job);
    const live = segments.filter((s) => !s.removed);
    return {
      value: await presentJob(tx, ctx.keyring, job, segments, ctx.profiles.defaultProfile.timeZone),
      details: { segments: live.length },
    };
  });
}

/**
 * A job as an XLIFF export writes it (src/translations/formats/): the job and its live segments,
 * synced with the source first, with the case's number. The read is recorded as an export.
 */
export function jobForExport(ctx: AppContext, actor: Actor, jobId: string): Promise<Job> {
  return getJob(ctx, actor, jobId, "translation.export");
}

/** Whether a job waits for translation or review (docs/translation.md, "States and review"). */
export function awaiting(s: JobSummary): { translation: boolean; review: boolean } {
  const open = s.state === "open";
  const c = s.counts;
  return {
    translation: open && c.initial > 0,
    review: open && (c.translated > 0 || (c.initial === 0 && c.reviewed > 0)),
  };
}

/** The jobs the principal reaches: a translator's assigned ones, staff's of the cases they reach. */
function scopeOf(actor: Actor): JobScope {
  const p = actor.principal;
  if (!may(p, "translation.work")) return { kind: "none" };
  if (p.role === "translator")
    return isAccountId(p.accountId) ? { kind: "assigned", accountId: p.accountId } : { kind: "none" };
  const reach = caseReach(p, "translation.work");
  if (reach.kind === "all") return { kind: "all" };
  if (reach.kind === "office") return { kind: "office", officeId: reach.officeId };
  return { kind: "none" };
}

/** An account id no account has: "assigned to me" for in-process work, which has none. */
const NO_ACCOUNT = "00000000-0000-0000-0000-000000000000";

/** Jobs listed at most. */
const LIST_LIMIT = 500;

export async function listJobs(
  ctx: AppContext,
  actor: Actor,
  q: JobListQuery,
): Promise<{ items: JobSummary[]; counts: { awaitingTranslation: number; awaitingReview: number } }> {
  const at = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const jobs = await findJobs(tx, ctx.keyring, {
      scope: scopeOf(actor),
      ...(q.case ? { caseId: q.case } : {}),
      ...(q.state ? { state: q.state } : {}),
      ...(q.assigned === "me"
        ? { assignedTo: isAccountId(actor.principal.accountId) ? actor.principal.accountId : NO_ACCOUNT }
        : {}),
      limit: LIST_LIMIT,
    });
    const all = await presentSummaries(tx, jobs);
    const items = q.awaiting ? all.filter((s) => awaiting(s)[q.awaiting!]) : all;
    const counts = {
      awaitingTranslation: items.filter((s) => awaiting(s).translation).length,
      awaitingReview: items.filter((s) => awaiting(s).review).length,
    };
    await audit(tx, actor, at, {
      action: "translation.list",
      outcome: "ok",
      caseId: q.case && jobs[0] ? q.case : null,
      officeId: q.case ? (jobs[0]?.officeId ?? null) : (actor.principal.officeId ?? null),
      details: { jobs: items.length },
    });
    return { items, counts };
  });
}

/** The case's texts that can be translated, each with its jobs (also those of texts since gone). */
export async function listTranslatables(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<Translatable[]> {
  const now = { at: ctx.clock(), today: today(ctx) };
  const right = may(actor.principal, "translation.request") ? "translation.request" : "translation.work";
  const out = await ctx.db.transaction(async (tx) => {
    const c = await accessCase(tx, actor, caseId, right, "translation.translatables", now);
    if (!c) return null;
    const ref = { officeId: c.header.officeId, caseId };
    const jobs = await presentSummaries(tx, await jobsOfCase(tx, ctx.keyring, ref));
    const items: Translatable[] = [];
    const listed = new Set<string>();
    for (const kind of SOURCE_KINDS) {
      const resolver = sourceResolver(kind);
      if (!resolver) continue;
      for (const s of await resolver.list(ctx, tx, ref)) {
        listed.add(JSON.stringify([kind, s.ref]));
        items.push({
          kind,
          ref: s.ref,
          label: s.label,
          sourceLanguage: s.language,
          machineAllowed: resolver.machineAllowed,
          jobs: jobs.filter((j) => j.kind === kind && j.ref === s.ref),
        });
      }
    }
    for (const j of jobs) {
      const key = JSON.stringify([j.kind, j.ref]);
      if (listed.has(key)) continue;
      listed.add(key);
      items.push({
        kind: j.kind,
        ref: j.ref,
        label: j.label,
        sourceLanguage: j.sourceLanguage,
        machineAllowed: j.machineAllowed,
        jobs: jobs.filter((x) => x.kind === j.kind && x.ref === j.ref),
      });
    }
    await c.record({ translatables: items.length });
    return items;
  });
  if (!out) throw notFound(`case ${caseId}`);
  return out;
}

/** Assign (or unassign) the job's translator and reviewer. */
export function assignJob(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  input: { translatorId: string | null; reviewerId: string | null },
): Promise<Job> {
  return writeJob(ctx, actor, jobId, "translation.assign", "translation.request", async (w) => {
    rule(() => assertOpen(w.job));
    const translatorId = await checkAssignee(w.tx, input.translatorId, "translatorId", w.job.officeId);
    const reviewerId = await checkAssignee(w.tx, input.reviewerId, "reviewerId", w.job.officeId);
    distinctPeople(translatorId, reviewerId);
    const same = translatorId === w.job.translatorId && reviewerId === w.job.reviewerId;
    if (!same) {
      w.job = { ...w.job, translatorId, reviewerId };
      w.events.push(
        changedEvent(ctx.keyring, w.c.today, jobId, "assigned", [], { translatorId, reviewerId }),
      );
    }
    return {
      changed: !same,
      result: async (job) =>
        presentJob(w.tx, ctx.keyring, job, await segmentsOf(w.tx, ctx.keyring, job), w.c.profile.timeZone),
    };
  });
}

/** Cancel a job (open or final): its segments are kept; the text may be requested again. */
export function cancelJob(ctx: AppContext, actor: Actor, jobId: string, reason: string): Promise<Job> {
  return writeJob(
    ctx,
    actor,
    jobId,
    "translation.cancel",
    "translation.request",
    async (w) => {
      if (w.job.state === "cancelled")
        throw new AppError("conflict", "the translation is already cancelled", {}, 409);
      w.job = { ...w.job, state: "cancelled", cancelledBy: w.by, cancelledAt: w.at };
      w.cancelReason = reason;
      w.events.push(recordEvent("translation_cancelled", w.c.today, { jobId }));
      return {
        changed: true,
        result: async (job) =>
          presentJob(w.tx, ctx.keyring, job, await segmentsOf(w.tx, ctx.keyring, job), w.c.profile.timeZone),
      };
    },
    true,
  );
}
