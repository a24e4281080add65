/**
 * The interview record (docs/interviews.md): scheduling, the transcript's segments, read-back,
 * signatures, and changes after signature. Every change goes through `writeCase` with the right
 * event.examination (approving or returning a change after signature: decision.approve, never
 * one's own request); every read checks reach and leaves an access record.
 */
import { v7 as uuidv7 } from "uuid";
import type {
  InterviewRecord,
  ScheduleInterview,
  SegmentContent,
  SegmentCorrection,
  SignatureInput,
  UpdateInterview,
} from "../contracts/interviews.ts";
import { actorName, audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { getCaseHeader } from "../cases/db/cases.ts";
import { writeCase } from "../cases/write.ts";
import { caseReach, reachesCase } from "../security/access/policy.ts";
import type { Right } from "../security/access/rights.ts";
import { activeAccountRole } from "../security/identity/accounts.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import {
  changeRequestsOf,
  copyRequestsOf,
  decideChangeRequest,
  insertChangeRequest,
  insertInterview,
  insertSegment,
  insertVersion,
  interviewsOfCase,
  markReadBack,
  nextPosition,
  saveAssignment,
  segmentsOf,
  signInterview,
  updateInterview,
  versionsOf,
  type InterviewRow,
  type VersionRow,
} from "./record-db.ts";

type CaseRef = { officeId: string; caseId: string };

const invalid = (path: string, message: string) =>
  new AppError("invalid_input", message, { issues: [{ path, message }] });
const conflict = (message: string) => new AppError("conflict", message, {}, 409);

// ------------------------------------------------------------------------------------------
// Reading

/** The interviews of a case as the record shows them (all, or the one named). */
export async function presentInterviews(
  tx: Queryable,
  keyring: Keyring,
  c: CaseRef,
  id?: string,
): Promise<InterviewRecord[]> {
  const rows = await interviewsOfCase(tx, keyring, c, id);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const segments = await segmentsOf(tx, c, { interviewIds: ids });
  const versions = await versionsOf(
    tx,
    keyring,
    c.officeId,
    segments.map((s) => s.id),
  );
  const changes = await changeRequestsOf(tx, keyring, c, ids);
  const copies = await copyRequestsOf(tx, c, ids);
  const bySegment = new Map<string, VersionRow[]>();
  for (const v of versions) bySegment.set(v.segmentId, [...(bySegment.get(v.segmentId) ?? []), v]);
  const positions = new Map(segments.map((s) => [s.id, s.position]));
  const version = (v: VersionRow) => ({
    ...v.content,
    version: v.version,
    kind: v.kind,
    reason: v.reason,
    changeRequestId: v.changeRequestId,
    recordedAt: v.recordedAt,
    recordedBy: v.recordedBy,
  });
  return rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    office: r.officeId,
    interviewOn: r.interviewOn,
    startTime: r.startTime,
    mode: r.mode,
    place: r.place,
    language: r.language,
    interpreter:
      r.interpreterId === null ? null : { id: r.interpreterId, displayName: r.interpreterName ?? "" },
    requests: r.details.requests,
    attendance: r.details.attendance,
    recordingItemId: r.recordingItemId,
    status: r.status,
    signature:
      r.signature && r.signedAt
        ? { ...r.signature, signedAt: r.signedAt, recordedBy: r.signedBy ?? "" }
        : null,
    segments: segments
      .filter((s) => s.interviewId === r.id)
      .flatMap((s) => {
        const history = (bySegment.get(s.id) ?? []).map(version);
        const current = history.at(-1);
        if (!current) return [];
        return [
          {
            id: s.id,
            position: s.position,
            current,
            history,
            readBack:
              s.readBack && s.readBackAt
                ? { outcome: s.readBack, at: s.readBackAt, by: s.readBackBy ?? "" }
                : null,
          },
        ];
      }),
    changeRequests: changes
      .filter((q) => q.interviewId === r.id)
      .map((q) => ({
        id: q.id,
        segmentId: q.segmentId,
        position: positions.get(q.segmentId) ?? 0,
        proposal: q.proposal,
        reason: q.reason,
        status: q.status,
        requestedBy: q.requestedBy,
        requestedAt: q.requestedAt,
        decidedBy: q.decidedBy,
        decidedAt: q.decidedAt,
        returnReason: q.returnReason,
      })),
    copyRequests: copies
      .filter((q) => q.interviewId === r.id)
      .map((q) => ({ id: q.id, requestedBy: q.requestedBy, requestedAt: q.requestedAt })),
    createdAt: r.createdAt,
    createdBy: r.createdBy,
  }));
}

/**
 * Read a case's interview record if the actor reaches the case for case.read through the
 * workspace (office staff, national staff; never an interpreter or a representative, who have
 * doors of their own). A case out of reach is recorded as refused and answered 404.
 */
async function readRecord<R>(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  action: string,
  fn: (
    tx: Queryable,
    c: CaseRef,
  ) => Promise<{ result: R; details: Record<string, string | number | boolean> }>,
): Promise<R> {
  const at = ctx.clock();
  const out = await ctx.db.transaction(async (tx) => {
    const header = await getCaseHeader(tx, caseId);
    const p = actor.principal;
    const ok =
      header !== null &&
      p.role !== "representative" &&
      p.role !== "interpreter" &&
      (await reachesCase(tx, p, "case.read", { id: caseId, officeId: header.officeId }, today(ctx)));
    if (!header || !ok) {
      await audit(tx, actor, at, {
        action,
        outcome: "denied",
        caseId: header ? caseId : null,
        officeId: header?.officeId ?? null,
        details: header ? {} : { requested: caseId },
      });
      return null;
    }
    const done = await fn(tx, { officeId: header.officeId, caseId });
    await audit(tx, actor, at, {
      action,
      outcome: "ok",
      caseId,
      officeId: header.officeId,
      details: done.details,
    });
    return { value: done.result };
  });
  if (!out) throw notFound(`case ${caseId}`);
  return out.value;
}

export function listInterviews(ctx: AppContext, actor: Actor, caseId: string): Promise<InterviewRecord[]> {
  return readRecord(ctx, actor, caseId, "interview.record.list", async (tx, c) => {
    const items = await presentInterviews(tx, ctx.keyring, c);
    return { result: items, details: { interviews: items.length } };
  });
}

export async function getInterview(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
): Promise<InterviewRecord> {
  const found = await readRecord<InterviewRecord | null>(
    ctx,
    actor,
    caseId,
    "interview.record.read",
    async (tx, c) => {
      const [item] = await presentInterviews(tx, ctx.keyring, c, interviewId);
      return { result: item ?? null, details: { interviewId, found: item !== undefined } };
    },
  );
  if (!found) throw notFound(`interview ${interviewId}`);
  return found;
}

// ------------------------------------------------------------------------------------------
// Writing

interface Change {
  action: string;
  right?: Right;
  /** Change the interview (locked for the transaction); details for the access record. */
  run(tx: Queryable, interview: InterviewRow, by: string, at: string): Promise<Record<string, string>>;
}

/** One change of one interview of the case, through the one case-write path; the record after it. */
async function changeInterview(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
  change: Change,
): Promise<InterviewRecord> {
  return writeCase(ctx, actor, caseId, {
    action: change.action,
    right: change.right ?? "event.examination",
    async run({ tx, header }) {
      const c = { officeId: header.officeId, caseId };
      const [interview] = await interviewsOfCase(tx, ctx.keyring, c, interviewId, { lock: true });
      if (!interview) throw notFound(`interview ${interviewId}`);
      const details = await change.run(tx, interview, actorName(actor), ctx.clock().toISOString());
      const [result] = await presentInterviews(tx, ctx.keyring, c, interviewId);
      if (!result) throw new Error("the interview went away");
      return { result, details: { interviewId, ...details } };
    },
  });
}

async function checkInterpreter(tx: Queryable, interpreterId: string | null): Promise<void> {
  if (interpreterId === null) return;
  if ((await activeAccountRole(tx, interpreterId)) !== "interpreter")
    throw invalid("interpreterId", "not the account of an active interpreter");
}

async function checkRecording(tx: Queryable, c: CaseRef, itemId: string | null): Promise<void> {
  if (itemId === null) return;
  const rows = await tx.query(
    `SELECT 1 FROM evidence_items WHERE office_id = $1 AND case_id = $2 AND id = $3 AND status = 'active'`,
    [c.officeId, c.caseId, itemId],
  );
  if (rows.length === 0) throw invalid("recordingItemId", "not an evidence item of this case");
}

export async function scheduleInterview(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: ScheduleInterview,
): Promise<InterviewRecord> {
  return writeCase(ctx, actor, caseId, {
    action: "interview.schedule",
    right: "event.examination",
    async run({ tx, header }) {
      const c = { officeId: header.officeId, caseId };
      await checkInterpreter(tx, input.interpreterId);
      await checkRecording(tx, c, input.recordingItemId);
      const id = uuidv7();
      const at = ctx.clock().toISOString();
      const by = actorName(actor);
      const row = {
        officeId: header.officeId,
        id,
        caseId,
        interviewOn: input.interviewOn,
        startTime: input.startTime,
        mode: input.mode,
        place: input.place,
        language: input.language,
        interpreterId: input.interpreterId,
        recordingItemId: input.recordingItemId,
        details: { requests: input.requests, attendance: input.attendance },
        createdAt: at,
        createdBy: by,
      };
      await insertInterview(tx, ctx.keyring, row);
      await saveAssignment(
        tx,
        { ...row, interpreterName: null, status: "open", signature: null, signedAt: null, signedBy: null },
        at,
        by,
      );
      const [result] = await presentInterviews(tx, ctx.keyring, c, id);
      if (!result) throw new Error("the interview was not written");
      return { result, details: { interviewId: id } };
    },
  });
}

export function updateInterviewDetails(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
  u: UpdateInterview,
): Promise<InterviewRecord> {
  return changeInterview(ctx, actor, caseId, interviewId, {
    action: "interview.update",
    async run(tx, i, by, at) {
      if (i.status !== "open") throw conflict("the record is signed: its details no longer change");
      const c = { officeId: i.officeId, caseId };
      if (u.interpreterId !== undefined) await checkInterpreter(tx, u.interpreterId);
      if (u.recordingItemId !== undefined) await checkRecording(tx, c, u.recordingItemId);
      const next: InterviewRow = {
        ...i,
        interviewOn: u.interviewOn ?? i.interviewOn,
        startTime: u.startTime ?? i.startTime,
        mode: u.mode ?? i.mode,
        place: u.place ?? i.place,
        language: u.language ?? i.language,
        interpreterId: u.interpreterId === undefined ? i.interpreterId : u.interpreterId,
        recordingItemId: u.recordingItemId === undefined ? i.recordingItemId : u.recordingItemId,
        details: {
          requests: u.requests ?? i.details.requests,
          attendance: u.attendance ?? i.details.attendance,
        },
      };
      await updateInterview(tx, ctx.keyring, next, at);
      await saveAssignment(tx, next, at, by);
      return { fields: Object.keys(u).join(",") };
    },
  });
}

function openForReadBack(i: InterviewRow): void {
  if (i.status !== "open")
    throw conflict("the record is signed: a change now is a change request, for a supervisor to approve");
}

async function segmentOf(tx: Queryable, i: InterviewRow, segmentId: string) {
  const [segment] = await segmentsOf(tx, i, { interviewIds: [i.id], ids: [segmentId] });
  if (!segment) throw notFound(`segment ${segmentId}`);
  return segment;
}

async function currentVersion(tx: Queryable, keyring: Keyring, officeId: string, segmentId: string) {
  const [v] = await versionsOf(tx, keyring, officeId, [segmentId], { currentOnly: true });
  if (!v) throw new Error(`segment ${segmentId} has no version`);
  return v;
}

const sameContent = (a: SegmentContent, b: SegmentContent) =>
  a.question === b.question &&
  a.answer === b.answer &&
  a.startSecond === b.startSecond &&
  a.endSecond === b.endSecond;

const contentOf = (s: SegmentContent): SegmentContent => ({
  question: s.question,
  answer: s.answer,
  startSecond: s.startSecond,
  endSecond: s.endSecond,
});

export function addSegment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
  content: SegmentContent,
): Promise<InterviewRecord> {
  return changeInterview(ctx, actor, caseId, interviewId, {
    action: "interview.segment.add",
    async run(tx, i, by, at) {
      openForReadBack(i);
      const id = uuidv7();
      const position = await nextPosition(tx, i.officeId, i.id);
      await insertSegment(tx, { officeId: i.officeId, id, caseId, interviewId, position, at, by });
      await insertVersion(tx, ctx.keyring, i.officeId, {
        segmentId: id,
        version: 1,
        kind: "entered",
        content: contentOf(content),
        reason: null,
        changeRequestId: null,
        recordedAt: at,
        recordedBy: by,
      });
      return { segmentId: id };
    },
  });
}

export function confirmSegment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
  segmentId: string,
): Promise<InterviewRecord> {
  return changeInterview(ctx, actor, caseId, interviewId, {
    action: "interview.segment.confirm",
    async run(tx, i, by, at) {
      openForReadBack(i);
      await segmentOf(tx, i, segmentId);
      await markReadBack(tx, i.officeId, segmentId, "confirmed", at, by);
      return { segmentId };
    },
  });
}

export function correctSegment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
  segmentId: string,
  correction: SegmentCorrection,
): Promise<InterviewRecord> {
  return changeInterview(ctx, actor, caseId, interviewId, {
    action: "interview.segment.correct",
    async run(tx, i, by, at) {
      openForReadBack(i);
      await segmentOf(tx, i, segmentId);
      const current = await currentVersion(tx, ctx.keyring, i.officeId, segmentId);
      const content = contentOf(correction);
      if (sameContent(current.content, content))
        throw invalid("answer", "the correction changes nothing: confirm the segment instead");
      await insertVersion(tx, ctx.keyring, i.officeId, {
        segmentId,
        version: current.version + 1,
        kind: "correction",
        content,
        reason: correction.reason,
        changeRequestId: null,
        recordedAt: at,
        recordedBy: by,
      });
      await markReadBack(tx, i.officeId, segmentId, "corrected", at, by);
      return { segmentId, version: String(current.version + 1) };
    },
  });
}

export function signRecord(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
  s: SignatureInput,
): Promise<InterviewRecord> {
  return changeInterview(ctx, actor, caseId, interviewId, {
    action: "interview.sign",
    async run(tx, i, by, at) {
      if (i.status !== "open") throw conflict("the record is already signed");
      const segments = await segmentsOf(tx, i, { interviewIds: [i.id] });
      if (segments.length === 0) throw conflict("the transcript has no segment yet: nothing to sign");
      const unread = segments.filter((x) => x.readBack === null).map((x) => x.position);
      if (unread.length > 0)
        throw conflict(`segments not yet read back to the applicant: ${unread.join(", ")}`);
      if (i.interpreterId !== null && !s.interpreterSigned)
        throw invalid("interpreterSigned", "the interpreter of this interview signs the record too");
      if (i.interpreterId === null && s.interpreterSigned)
        throw invalid("interpreterSigned", "no interpreter was assigned to this interview");
      await signInterview(
        tx,
        ctx.keyring,
        i,
        { applicant: s.applicant, interpreterSigned: s.interpreterSigned },
        at,
        by,
      );
      return { applicant: s.applicant.signed ? "signed" : "refused" };
    },
  });
}

export function requestChange(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
  segmentId: string,
  proposal: SegmentCorrection,
): Promise<InterviewRecord> {
  return changeInterview(ctx, actor, caseId, interviewId, {
    action: "interview.change.request",
    async run(tx, i, by, at) {
      if (i.status !== "signed")
        throw conflict("the record is not signed yet: correct the segment at read-back");
      await segmentOf(tx, i, segmentId);
      const current = await currentVersion(tx, ctx.keyring, i.officeId, segmentId);
      const content = contentOf(proposal);
      if (sameContent(current.content, content)) throw invalid("answer", "the change changes nothing");
      const id = uuidv7();
      await insertChangeRequest(tx, ctx.keyring, i.officeId, caseId, {
        id,
        interviewId,
        segmentId,
        proposal: content,
        reason: proposal.reason,
        status: "pending",
        requestedById: actor.principal.accountId,
        requestedBy: by,
        requestedAt: at,
        decidedBy: null,
        decidedAt: null,
        returnReason: null,
      });
      return { changeRequestId: id };
    },
  });
}

/**
 * Approve or return a change request: a supervisor of the office (decision.approve), never the
 * one who asked. An approval adds the proposal as the segment's next version.
 */
export function decideChange(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
  requestId: string,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<InterviewRecord> {
  return changeInterview(ctx, actor, caseId, interviewId, {
    action: decision.approve ? "interview.change.approve" : "interview.change.return",
    right: "decision.approve",
    async run(tx, i, by, at) {
      const [request] = (await changeRequestsOf(tx, ctx.keyring, i, [i.id])).filter(
        (q) => q.id === requestId,
      );
      if (!request) throw notFound(`change request ${requestId}`);
      if (request.status !== "pending") throw conflict(`this change request was already ${request.status}`);
      if (request.requestedById === actor.principal.accountId)
        throw new AppError("forbidden", "nobody approves or returns their own change request");
      await decideChangeRequest(tx, ctx.keyring, i.officeId, requestId, {
        status: decision.approve ? "approved" : "returned",
        by,
        at,
        returnReason: decision.approve ? null : decision.reason,
      });
      if (decision.approve) {
        const current = await currentVersion(tx, ctx.keyring, i.officeId, request.segmentId);
        await insertVersion(tx, ctx.keyring, i.officeId, {
          segmentId: request.segmentId,
          version: current.version + 1,
          kind: "change",
          content: request.proposal,
          reason: request.reason,
          changeRequestId: requestId,
          recordedAt: at,
          recordedBy: by,
        });
      }
      return { changeRequestId: requestId };
    },
  });
}

/** The active interpreters an interview can be given to (for the examiner's choice). */
export async function activeInterpreters(
  ctx: AppContext,
  actor: Actor,
): Promise<{ id: string; displayName: string }[]> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; displayName: string }>(
      `SELECT id, display_name AS "displayName" FROM accounts
        WHERE role = 'interpreter' AND disabled_at IS NULL ORDER BY display_name, id`,
    );
    await audit(tx, actor, ctx.clock(), {
      action: "interview.interpreters.list",
      outcome: "ok",
      details: { count: rows.length },
    });
    return rows;
  });
}

/** A change request waiting for the actor's decision, as a pointer to the interview (no sealed text). */
export interface PendingChange {
  requestId: string;
  caseId: string;
  caseNumber: string | null;
  interviewId: string;
  interviewOn: string;
  position: number;
  requestedBy: string;
  requestedAt: string;
}

/**
 * The change requests to signed records that wait for the actor (decision.approve): those of the
 * cases they reach for it (their office's, or every office's for roles that span offices), except
 * their own, oldest first.
 */
export async function pendingChanges(ctx: AppContext, actor: Actor): Promise<PendingChange[]> {
  const reach = caseReach(actor.principal, "decision.approve");
  if (reach.kind !== "all" && reach.kind !== "office") return [];
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<PendingChange>(
      `SELECT q.id AS "requestId", q.case_id AS "caseId", c.case_number AS "caseNumber",
              q.interview_id AS "interviewId", i.interview_on AS "interviewOn", s.position,
              q.requested_by AS "requestedBy", q.requested_at AS "requestedAt"
         FROM interview_change_requests q
         JOIN interviews i ON i.office_id = q.office_id AND i.id = q.interview_id
         JOIN interview_segments s ON s.office_id = q.office_id AND s.id = q.segment_id
         JOIN cases c ON c.office_id = q.office_id AND c.id = q.case_id
        WHERE q.status = 'pending' AND q.requested_by_id::text <> $1
          ${reach.kind === "office" ? "AND q.office_id = $2" : ""}
        ORDER BY q.requested_at, q.id
        LIMIT 200`,
      reach.kind === "office" ? [actor.principal.accountId, reach.officeId] : [actor.principal.accountId],
    );
    await audit(tx, actor, ctx.clock(), {
      action: "interview.change.pending",
      outcome: "ok",
      details: { count: rows.length },
    });
    return rows;
  });
}
