/**
 * An interview's transcript (src/interviews/record.ts): each segment's question and answer as they
 * stand now (the current version), as units `segment.N.question` and `segment.N.answer`. A
 * person's own words are interpreted by people: this kind is never sent to a machine engine
 * (RA 14, 15; docs/translation.md). The record does not say the transcript's language (the
 * interview's language is the applicant's, interpreted): the request names it.
 */
import { interviewsOfCase, segmentsOf, versionsOf } from "../../interviews/record-db.ts";
import { isUuid, type SourceResolver, type SourceText } from "./types.ts";

const label = (on: string) => on;

export const interviewTranscript: SourceResolver = {
  kind: "interview_transcript",
  machineAllowed: false,
  async list(ctx, tx, c) {
    const interviews = await interviewsOfCase(tx, ctx.keyring, c);
    const segments = await segmentsOf(tx, c);
    const withText = new Set(segments.map((s) => s.interviewId));
    return interviews
      .filter((i) => withText.has(i.id))
      .map((i) => ({ ref: i.id, label: label(i.interviewOn), language: null }));
  },
  async read(ctx, tx, c, ref): Promise<SourceText | null> {
    if (!isUuid(ref)) return null;
    const [interview] = await interviewsOfCase(tx, ctx.keyring, c, ref);
    if (!interview) return null;
    const segments = await segmentsOf(tx, c, { interviewIds: [ref] });
    const versions = await versionsOf(
      tx,
      ctx.keyring,
      c.officeId,
      segments.map((s) => s.id),
      { currentOnly: true },
    );
    const current = new Map(versions.map((v) => [v.segmentId, v.content]));
    const units = segments.flatMap((s) => {
      const content = current.get(s.id);
      if (!content) return [];
      return [
        { unit: `segment.${s.position}.question`, text: content.question.trim() },
        { unit: `segment.${s.position}.answer`, text: content.answer.trim() },
      ].filter((u) => u.text.length > 0);
    });
    return { label: label(interview.interviewOn), language: null, units };
  },
};
