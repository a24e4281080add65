-- 0005_access: mandates of representatives, four-eyes decision drafts, interview assignments
-- of interpreters, disclosures and the alerts they raise.

-- A representative (lawyer) acts on a case while a mandate is current (SECURITY 5).
CREATE TABLE mandates (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  representative_id uuid NOT NULL,
  valid_from date NOT NULL,
  valid_until date,
  revoked_at timestamptz,
  revoked_by text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (office_id, id)
);
CREATE INDEX mandates_representative ON mandates (representative_id) WHERE revoked_at IS NULL;
CREATE INDEX mandates_case ON mandates (office_id, case_id);

-- A first-instance decision waits here until a second person approves it (SECURITY 7).
CREATE TABLE decision_drafts (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  event jsonb NOT NULL,
  drafted_by text NOT NULL,
  drafted_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'returned')),
  decided_by text,
  decided_at timestamptz,
  reason text,
  PRIMARY KEY (office_id, id)
);
CREATE INDEX decision_drafts_pending ON decision_drafts (office_id, drafted_at) WHERE status = 'pending';

-- Interviews an interpreter is assigned to; an interpreter sees only these (SECURITY 5).
CREATE TABLE interview_assignments (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  interpreter_id uuid NOT NULL,
  interview_on date NOT NULL,
  language text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (office_id, id)
);
CREATE INDEX interview_assignments_interpreter ON interview_assignments (interpreter_id);

-- Requests to disclose a case file outside the authority, and what became of them (SECURITY 8).
CREATE TABLE disclosures (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  recipient_kind text NOT NULL,
  recipient_country char(3) NOT NULL,
  purpose text NOT NULL,
  status text NOT NULL CHECK (status IN ('refused', 'pending_approval', 'approved', 'returned')),
  refusal_reason text,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  PRIMARY KEY (office_id, id)
);

-- Alerts for administrators (a refused disclosure to a country of origin, a lock-out, ...).
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  details jsonb NOT NULL DEFAULT '{}',
  acknowledged_by text,
  acknowledged_at timestamptz
);
CREATE INDEX alerts_open ON alerts (at) WHERE acknowledged_at IS NULL;

-- The countries an applicant fears, beside nationality: no disclosure may go to them (RA 17(3)).
ALTER TABLE persons ADD COLUMN countries_feared text[] NOT NULL DEFAULT '{}';
