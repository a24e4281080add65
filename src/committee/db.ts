/**
 * The committee's agenda and votes (migration 0028). A member's reasons are sealed, bound to the
 * vote's row.
 */
import type { Person } from "../contracts/api.ts";
import type { AgendaEntry } from "../contracts/committee.ts";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";

type Vote = NonNullable<AgendaEntry["votes"]>[number];
/** A vote as stored, with the member it is by. */
export type VoteRow = Vote & { memberId: string };

const reasonsField = (v: { office: string; caseId: string; meetingOn: string; memberId: string }) => ({
  table: "committee_votes",
  row: `${v.office}/${v.caseId}/${v.meetingOn}/${v.memberId}`,
  field: "reasons",
});

/** Put a case on a meeting's agenda; false when it is already there. */
export async function insertAgendaEntry(
  tx: Queryable,
  e: { officeId: string; caseId: string; meetingOn: LegalDate; addedBy: string; addedAt: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO committee_agenda (office_id, case_id, meeting_on, added_by, added_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
    [e.officeId, e.caseId, e.meetingOn, e.addedBy, e.addedAt.toISOString()],
  );
  return rows.length > 0;
}

export async function isOnMeetingAgenda(
  tx: Queryable,
  c: { officeId: string; caseId: string; meetingOn: LegalDate },
): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM committee_agenda WHERE office_id = $1 AND case_id = $2 AND meeting_on = $3`,
    [c.officeId, c.caseId, c.meetingOn],
  );
  return rows.length > 0;
}

/** Record (or change) a member's vote. */
export async function upsertVote(
  tx: Queryable,
  keyring: Keyring,
  v: {
    officeId: string;
    caseId: string;
    meetingOn: LegalDate;
    memberId: string;
    vote: string;
    reasons: string | null;
    recordedAt: Date;
  },
): Promise<void> {
  const sealed =
    v.reasons === null ? null : keyring.encrypt(v.reasons, reasonsField({ office: v.officeId, ...v }));
  await tx.query(
    `INSERT INTO committee_votes (office_id, case_id, meeting_on, member_id, vote, reasons_enc, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (office_id, case_id, meeting_on, member_id)
     DO UPDATE SET vote = EXCLUDED.vote, reasons_enc = EXCLUDED.reasons_enc, recorded_at = EXCLUDED.recorded_at`,
    [v.officeId, v.caseId, v.meetingOn, v.memberId, v.vote, sealed, v.recordedAt.toISOString()],
  );
}

export interface AgendaRow {
  caseId: string;
  office: string;
  caseNumber: string | null;
  meetingOn: LegalDate;
  nationality: string;
  stage: string;
  profile: string;
  addedBy: string;
  addedAt: Date;
  personId: string;
  names: Person["names"];
  namesEnc: string | null;
}

/** The agenda of the meetings between `from` and `to` (inclusive; `to` null: no end), by meeting then case number. */
export async function agendaRows(
  tx: Queryable,
  range: { from: LegalDate; to: LegalDate | null; caseId?: string },
): Promise<AgendaRow[]> {
  return tx.query<AgendaRow>(
    `SELECT a.case_id AS "caseId", a.office_id AS office, c.case_number AS "caseNumber",
            to_char(a.meeting_on, 'YYYY-MM-DD') AS "meetingOn", c.nationality, c.stage, c.profile,
            a.added_by AS "addedBy", a.added_at AS "addedAt", c.person_id AS "personId",
            p.names, p.names_enc AS "namesEnc"
       FROM committee_agenda a
       JOIN cases c ON c.office_id = a.office_id AND c.id = a.case_id
       JOIN persons p ON p.id = c.person_id
      WHERE a.meeting_on >= $1 AND ($2::date IS NULL OR a.meeting_on <= $2)
        AND ($3::uuid IS NULL OR a.case_id = $3)
      ORDER BY a.meeting_on, c.case_number, a.case_id`,
    [range.from, range.to, range.caseId ?? null],
  );
}

/** Every vote on the given agenda entries, with the member's display name and (opened) reasons. */
export async function votesOn(
  tx: Queryable,
  keyring: Keyring,
  entries: readonly { office: string; caseId: string; meetingOn: LegalDate }[],
): Promise<Map<string, VoteRow[]>> {
  const byEntry = new Map<string, VoteRow[]>();
  if (entries.length === 0) return byEntry;
  const rows = await tx.query<{
    office: string;
    caseId: string;
    meetingOn: string;
    memberId: string;
    member: string;
    vote: Vote["vote"];
    reasonsEnc: string | null;
    recordedAt: Date;
  }>(
    `SELECT v.office_id AS office, v.case_id AS "caseId", to_char(v.meeting_on, 'YYYY-MM-DD') AS "meetingOn",
            v.member_id AS "memberId", acc.display_name AS member, v.vote, v.reasons_enc AS "reasonsEnc",
            v.recorded_at AS "recordedAt"
       FROM committee_votes v JOIN accounts acc ON acc.id = v.member_id
      WHERE (v.office_id, v.case_id, v.meeting_on) IN (
              SELECT * FROM unnest($1::text[], $2::uuid[], $3::date[]))
      ORDER BY v.recorded_at`,
    [entries.map((e) => e.office), entries.map((e) => e.caseId), entries.map((e) => e.meetingOn)],
  );
  for (const r of rows) {
    const key = agendaKey(r);
    const list = byEntry.get(key) ?? [];
    list.push({
      memberId: r.memberId,
      member: r.member,
      vote: r.vote,
      reasons: r.reasonsEnc === null ? null : keyring.decrypt(r.reasonsEnc, reasonsField(r)),
      recordedAt: new Date(r.recordedAt).toISOString(),
    });
    byEntry.set(key, list);
  }
  return byEntry;
}

export const agendaKey = (e: { office: string; caseId: string; meetingOn: string }) =>
  `${e.office}/${e.caseId}/${e.meetingOn}`;
