/**
 * A copy of the client's interview record through the portal (RA 16; docs/interviews.md): the
 * representative with a current mandate lists their client's interviews, requests a copy of one
 * (the request is kept in interview_copy_requests and in the access record, and the office sees
 * it on the case), and downloads the record once it is signed, as plain UTF-8 text. Any other
 * case answers 404, and the refusal is recorded.
 */
import { v7 as uuidv7 } from "uuid";
import type { InterviewRecord, PortalInterview } from "../contracts/interviews.ts";
import { actorName, audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { getCaseHeader } from "../cases/db/cases.ts";
import { writeCase } from "../cases/write.ts";
import { holdsCurrentMandate } from "../security/access/db.ts";
import { may, type Principal } from "../security/access/policy.ts";
import type { Queryable } from "../store/db.ts";
import { presentInterviews } from "../interviews/record.ts";
import { copyRequestsOf, insertCopyRequest, interviewsOfCase } from "../interviews/record-db.ts";
import { namesOfPerson } from "../persons/db.ts";

async function mandated(tx: Queryable, p: Principal, c: { id: string; officeId: string }, on: string) {
  return p.role === "representative" && may(p, "portal.read") && holdsCurrentMandate(tx, p.accountId, c, on);
}

/** Run `fn` on a client's case if the representative holds a current mandate for it; else 404. */
async function withClientCase<R>(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  action: string,
  fn: (tx: Queryable, c: { officeId: string; caseId: string; personId: string }) => Promise<R>,
): Promise<R> {
  const at = ctx.clock();
  const out = await ctx.db.transaction(async (tx) => {
    const header = await getCaseHeader(tx, caseId);
    const ok =
      header !== null &&
      (await mandated(tx, actor.principal, { id: caseId, officeId: header.officeId }, today(ctx)));
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
    return { value: await fn(tx, { officeId: header.officeId, caseId, personId: header.personId }) };
  });
  if (!out) throw notFound(`case ${caseId}`);
  return out.value;
}

async function portalList(
  tx: Queryable,
  ctx: AppContext,
  actor: Actor,
  c: { officeId: string; caseId: string },
): Promise<PortalInterview[]> {
  const rows = await interviewsOfCase(tx, ctx.keyring, c);
  const mine = (
    await copyRequestsOf(
      tx,
      c,
      rows.map((r) => r.id),
    )
  ).filter((q) => q.requestedById === actor.principal.accountId);
  return rows.map((r) => {
    const first = mine.find((q) => q.interviewId === r.id);
    return {
      id: r.id,
      interviewOn: r.interviewOn,
      startTime: r.startTime,
      language: r.language,
      status: r.status,
      copyRequestedAt: first?.requestedAt ?? null,
      downloadable: first !== undefined && r.status === "signed",
    };
  });
}

export function portalInterviews(ctx: AppContext, actor: Actor, caseId: string): Promise<PortalInterview[]> {
  return withClientCase(ctx, actor, caseId, "portal.interview.list", async (tx, c) => {
    const items = await portalList(tx, ctx, actor, c);
    await audit(tx, actor, ctx.clock(), {
      action: "portal.interview.list",
      outcome: "ok",
      caseId,
      officeId: c.officeId,
      details: { count: items.length },
    });
    return items;
  });
}

/** Request a copy of the record: kept (who, when) and in the access record. */
export async function requestCopy(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
): Promise<PortalInterview> {
  return writeCase(ctx, actor, caseId, {
    action: "portal.interview.copy_request",
    right: "portal.read",
    reaches: (tx, c, on) => mandated(tx, actor.principal, c, on),
    async run({ tx, header }) {
      const c = { officeId: header.officeId, caseId };
      const [interview] = await interviewsOfCase(tx, ctx.keyring, c, interviewId);
      if (!interview) throw notFound(`interview ${interviewId}`);
      const id = uuidv7();
      await insertCopyRequest(tx, {
        officeId: header.officeId,
        caseId,
        id,
        interviewId,
        requestedById: actor.principal.accountId,
        requestedBy: actorName(actor),
        requestedAt: ctx.clock().toISOString(),
      });
      const item = (await portalList(tx, ctx, actor, c)).find((i) => i.id === interviewId);
      if (!item) throw new Error("the interview went away");
      return { result: item, details: { interviewId, copyRequestId: id } };
    },
  });
}

/** The signed record as a printable UTF-8 text, for a representative who requested it. */
export async function downloadRecord(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  interviewId: string,
): Promise<{ filename: string; text: string }> {
  return withClientCase(ctx, actor, caseId, "portal.interview.download", async (tx, c) => {
    const [record] = await presentInterviews(tx, ctx.keyring, c, interviewId);
    if (!record) throw notFound(`interview ${interviewId}`);
    if (!record.copyRequests.some((q) => q.requestedBy === actorName(actor)))
      throw new AppError("conflict", "request a copy of this record first", {}, 409);
    if (record.status !== "signed")
      throw new AppError(
        "conflict",
        "the record is not signed yet: it can be downloaded once signed",
        {},
        409,
      );
    const [numbered] = await tx.query<{ caseNumber: string | null }>(
      `SELECT case_number AS "caseNumber" FROM cases WHERE office_id = $1 AND id = $2`,
      [c.officeId, caseId],
    );
    const names = await namesOfPerson(tx, ctx.keyring, c.personId);
    await audit(tx, actor, ctx.clock(), {
      action: "portal.interview.download",
      outcome: "ok",
      caseId,
      officeId: c.officeId,
      details: { interviewId },
    });
    return {
      filename: `interview-${record.interviewOn}-${record.id.slice(-8)}.txt`,
      text: recordText(
        record,
        numbered?.caseNumber ?? caseId,
        names.map((n) => n.value),
      ),
    };
  });
}

const clock = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
};
const yesNo = (b: boolean | null) => (b === null ? "미정 / not recorded" : b ? "예 / yes" : "아니요 / no");

/**
 * The record as a printable document in Korean and English: what was scheduled and requested,
 * who attended, each segment as it stands with its earlier versions, and the signatures. No
 * examiner's or interpreter's name (the portal shows none).
 */
export function recordText(r: InterviewRecord, caseNumber: string, applicant: string[]): string {
  const lines: string[] = [];
  const rule = "=".repeat(64);
  lines.push("면접 조서 / Interview record", rule);
  lines.push(`사건 / Case: ${caseNumber}`);
  lines.push(`신청인 / Applicant: ${applicant.join(" / ")}`);
  lines.push(`일시 / Date and time: ${r.interviewOn} ${r.startTime}`);
  lines.push(`방식 / Mode: ${r.mode === "video" ? "화상 / video" : "대면 / in person"}`);
  lines.push(`언어 / Language: ${r.language}`);
  lines.push(`통역 / Interpreted: ${r.interpreter ? "예 / yes" : "아니요 / no"}`);
  lines.push(
    `동성 면접관 요청 / Same-sex interviewer requested: ${yesNo(r.requests.interviewer.requested)}` +
      (r.requests.interviewer.requested ? `; 반영 / met: ${yesNo(r.requests.interviewer.met)}` : ""),
  );
  lines.push(
    `동성 통역인 요청 / Same-sex interpreter requested: ${yesNo(r.requests.interpreter.requested)}` +
      (r.requests.interpreter.requested ? `; 반영 / met: ${yesNo(r.requests.interpreter.met)}` : ""),
  );
  const a = r.attendance;
  lines.push(`대리인 / Representative: ${a.representative ?? "-"}`);
  lines.push(`신뢰관계인 / Trusted person: ${a.trustedPerson ?? "-"}`);
  lines.push(`UNHCR: ${a.unhcr ?? "-"}`);
  lines.push(rule, "");
  for (const s of r.segments) {
    const v = s.current;
    lines.push(`[${s.position}] ${clock(v.startSecond)}–${clock(v.endSecond)}`);
    lines.push(`문 / Q: ${v.question}`);
    lines.push(`답 / A: ${v.answer}`);
    for (const old of s.history.slice(0, -1)) {
      lines.push(`  (제${old.version}판 / version ${old.version}, ${old.recordedAt})`);
      lines.push(`  문 / Q: ${old.question}`);
      lines.push(`  답 / A: ${old.answer}`);
    }
    if (v.kind !== "entered")
      lines.push(
        `  ${v.kind === "correction" ? "신청인 정정 / Corrected by the applicant" : "승인된 변경 / Approved change"}: ${v.reason ?? ""}`,
      );
    if (s.readBack)
      lines.push(
        `  낭독 확인 / Read back: ${s.readBack.outcome === "confirmed" ? "확인 / confirmed" : "정정 / corrected"}`,
      );
    lines.push("");
  }
  lines.push(rule);
  const sig = r.signature;
  if (sig) {
    lines.push(
      sig.applicant.signed
        ? "신청인 서명 / Signed by the applicant"
        : `신청인 서명 거부 / The applicant refused to sign: ${sig.applicant.refusalReason}`,
    );
    if (sig.interpreterSigned) lines.push("통역인 서명 / Signed by the interpreter");
    lines.push(`서명일시 / Signed at: ${sig.signedAt}`);
  }
  return `${lines.join("\n")}\n`;
}
