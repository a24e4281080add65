-- 0028_committee: the Refugee Committee's agenda and its members' votes (RA 25-27).
--
-- The committee's secretariat puts a case whose objection is before the committee on the agenda of
-- a meeting; a committee member reads the cases on the agenda (and no other) and records a vote on
-- each. A member's reasons are personal data of the most sensitive kind: sealed (reasons_enc).

-- The committee member is a role of its own.
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('intake_clerk', 'examiner', 'supervisor', 'committee_secretary', 'committee_member',
    'litigation_officer', 'analyst', 'administrator', 'interpreter', 'representative'));
CREATE TABLE committee_agenda (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  meeting_on date NOT NULL,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, case_id, meeting_on),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);
CREATE INDEX committee_agenda_meeting ON committee_agenda (meeting_on);

CREATE TABLE committee_votes (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  meeting_on date NOT NULL,
  member_id uuid NOT NULL REFERENCES accounts (id),
  vote text NOT NULL CHECK (vote IN ('recognize', 'humanitarian_stay', 'dismiss', 'abstain')),
  reasons_enc text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, case_id, meeting_on, member_id),
  FOREIGN KEY (office_id, case_id, meeting_on) REFERENCES committee_agenda (office_id, case_id, meeting_on)
);
