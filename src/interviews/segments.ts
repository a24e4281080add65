/**
 * Interview segments as other parts of the examination cite them (docs/interviews.md): a claim's
 * fact or a credibility finding links "the interview of 2026-11-20, segment 7". `segmentRefs`
 * answers, for the ids given, those that are segments of this case, with the interview's date,
 * the segment's position and its question as it stands now (the current version). Ids of another
 * case, or of none, are simply absent from the map. The caller has checked the case's reach and
 * writes the access record.
 */
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import { segmentsOf, versionsOf } from "./record-db.ts";

export interface SegmentRef {
  id: string;
  interviewId: string;
  /** YYYY-MM-DD */
  interviewOn: string;
  position: number;
  /** The question as it stands (the current version). */
  question: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function segmentRefs(
  tx: Queryable,
  keyring: Keyring,
  ref: { officeId: string; caseId: string },
  ids: readonly string[],
): Promise<Map<string, SegmentRef>> {
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()).filter((id) => UUID.test(id)))];
  const out = new Map<string, SegmentRef>();
  if (wanted.length === 0 || !UUID.test(ref.caseId.toLowerCase())) return out;
  const c = { officeId: ref.officeId, caseId: ref.caseId.toLowerCase() };
  const segments = await segmentsOf(tx, c, { ids: wanted });
  if (segments.length === 0) return out;
  const dates = await tx.query<{ id: string; interviewOn: string }>(
    `SELECT id, interview_on AS "interviewOn" FROM interviews WHERE office_id = $1 AND case_id = $2
        AND id = ANY($3::uuid[])`,
    [c.officeId, c.caseId, [...new Set(segments.map((s) => s.interviewId))]],
  );
  const dateOf = new Map(dates.map((d) => [d.id, d.interviewOn]));
  const current = await versionsOf(
    tx,
    keyring,
    c.officeId,
    segments.map((s) => s.id),
    { currentOnly: true },
  );
  const questionOf = new Map(current.map((v) => [v.segmentId, v.content.question]));
  for (const s of segments) {
    out.set(s.id, {
      id: s.id,
      interviewId: s.interviewId,
      interviewOn: dateOf.get(s.interviewId) ?? "",
      position: s.position,
      question: questionOf.get(s.id) ?? "",
    });
  }
  return out;
}
