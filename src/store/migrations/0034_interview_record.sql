-- 0034_interview_record: the record of an interview (RA 8, 13-15; RD 6-9; docs/interviews.md).
--
-- An interview of a case is scheduled with its date and time, mode and place (a room, or the
-- video link or room), language and interpreter. The interpreter's reach stays the
-- interview_assignments row (0005), which an interview with an interpreter shares its id with.
-- What the applicant asked for (a same-sex interviewer or interpreter) and whether it was met,
-- and who attended, are personal data: sealed as one JSON document (details). The transcript is
-- a list of question-and-answer segments; what a segment says is kept as versions (the first as
-- entered, then each correction at read-back or each approved change after signature), sealed,
-- and never updated or deleted. Signatures close the record; a change after that is a change
-- request a supervisor of the office, not the requester, approves or returns.
CREATE TABLE interviews (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  interview_on date NOT NULL,
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  mode text NOT NULL CHECK (mode IN ('in_person', 'video')),
  place text NOT NULL CHECK (length(place) BETWEEN 1 AND 300),
  language text NOT NULL CHECK (length(language) BETWEEN 2 AND 35),
  interpreter_id uuid,
  recording_item_id uuid,
  details text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'signed')),
  signature text,
  signed_at timestamptz,
  signed_by text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id),
  FOREIGN KEY (office_id, case_id, recording_item_id) REFERENCES evidence_items (office_id, case_id, id),
  CHECK ((status = 'signed') = (signature IS NOT NULL AND signed_at IS NOT NULL))
);
CREATE INDEX interviews_case ON interviews (office_id, case_id, interview_on);

CREATE TABLE interview_segments (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  interview_id uuid NOT NULL,
  position int NOT NULL CHECK (position >= 1),
  read_back text CHECK (read_back IN ('confirmed', 'corrected')),
  read_back_at timestamptz,
  read_back_by text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (office_id, id),
  UNIQUE (office_id, interview_id, position),
  FOREIGN KEY (office_id, interview_id) REFERENCES interviews (office_id, id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);
CREATE INDEX interview_segments_case ON interview_segments (office_id, case_id);

-- kind: entered (the first), correction (at read-back, by the applicant), change (an approved
-- change request after signature). content: {question, answer, startSecond, endSecond} sealed;
-- reason sealed (null for the first).
CREATE TABLE interview_segment_versions (
  office_id text NOT NULL,
  segment_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('entered', 'correction', 'change')),
  content text NOT NULL,
  reason text,
  change_request_id uuid,
  recorded_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  PRIMARY KEY (office_id, segment_id, version),
  FOREIGN KEY (office_id, segment_id) REFERENCES interview_segments (office_id, id),
  CHECK ((kind = 'entered') = (version = 1)),
  CHECK (kind = 'entered' OR reason IS NOT NULL)
);

-- A change to a signed record, waiting for a supervisor. proposal and reasons sealed.
CREATE TABLE interview_change_requests (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  interview_id uuid NOT NULL,
  segment_id uuid NOT NULL,
  proposal text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'returned')),
  requested_by_id uuid NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  return_reason text,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, interview_id) REFERENCES interviews (office_id, id),
  FOREIGN KEY (office_id, segment_id) REFERENCES interview_segments (office_id, id),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'returned' OR return_reason IS NOT NULL)
);
CREATE INDEX interview_change_requests_pending ON interview_change_requests (office_id, requested_at)
  WHERE status = 'pending';

-- A representative's request for a copy of their client's interview record (RA 16).
CREATE TABLE interview_copy_requests (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  interview_id uuid NOT NULL,
  requested_by_id uuid NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, interview_id) REFERENCES interviews (office_id, id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);
CREATE INDEX interview_copy_requests_interview ON interview_copy_requests (office_id, interview_id);

-- A version is never changed or removed: a correction is a new version.
CREATE FUNCTION interview_versions_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an interview segment''s version is never changed or removed: record a new version';
END $$;
CREATE TRIGGER interview_segment_versions_keep BEFORE UPDATE OR DELETE ON interview_segment_versions
  FOR EACH ROW EXECUTE FUNCTION interview_versions_keep();
CREATE TRIGGER interview_segment_versions_no_truncate BEFORE TRUNCATE ON interview_segment_versions
  FOR EACH STATEMENT EXECUTE FUNCTION interview_versions_keep();
