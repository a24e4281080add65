/**
 * What a material fact may link to besides the case's evidence items: interview segments (the
 * interview record, src/interviews: `segmentRefs`) and COI citations (src/coi: `citationsOfCase`),
 * both of the same case. The caller has checked the case's reach and writes the access record.
 */
import { citationsOfCase } from "../coi/citations.ts";
import type { CaseCitation } from "../contracts/coi.ts";
import { segmentRefs, type SegmentRef } from "../interviews/segments.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import type { CaseRef } from "./db.ts";

export type { CaseCitation, SegmentRef };

/** Whether interview segments and COI citations can be linked here. */
export const LINKABLE = { segments: true, citations: true };

/** The segments of the case among `ids` (all of the case's when `ids` is null), by id. */
export async function segmentsOfCase(
  tx: Queryable,
  keyring: Keyring,
  ref: CaseRef,
  ids: readonly string[] | null,
): Promise<Map<string, SegmentRef>> {
  const wanted =
    ids ??
    (
      await tx.query<{ id: string }>(
        `SELECT id FROM interview_segments WHERE office_id = $1 AND case_id = $2 ORDER BY interview_id, position`,
        [ref.officeId, ref.caseId],
      )
    ).map((r) => r.id);
  if (wanted.length === 0) return new Map();
  const found = await segmentRefs(tx, keyring, ref, wanted);
  // In interview order, then by position.
  return new Map(
    [...found.values()]
      .sort(
        (a, b) =>
          a.interviewOn.localeCompare(b.interviewOn) ||
          a.interviewId.localeCompare(b.interviewId) ||
          a.position - b.position,
      )
      .map((s) => [s.id, s]),
  );
}

/** The COI citations of the case, as frozen when cited (removed ones left out). */
export function citationsOfCaseRef(tx: Queryable, ref: CaseRef): Promise<CaseCitation[]> {
  return citationsOfCase(tx, ref);
}
