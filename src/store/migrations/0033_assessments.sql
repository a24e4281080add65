-- 0033_assessments: the structured assessment of a case (docs/examination.md).
--
-- One current assessment per case, sealed as one JSON document (identity, each material fact's
-- credibility indicators and finding, risk on return, persecution, nexus, protection, exclusion,
-- conclusion); every saved version is kept in assessment_versions, so that what a supervisor
-- approved can be read later as it was.

CREATE TABLE assessments (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  content_enc text NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, case_id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);

CREATE TABLE assessment_versions (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  version integer NOT NULL,
  content_enc text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, case_id, version),
  FOREIGN KEY (office_id, case_id) REFERENCES assessments (office_id, case_id)
);
