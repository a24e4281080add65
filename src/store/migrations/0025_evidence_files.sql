-- 0025_evidence_files: the files of the evidence vault and the uploads that bring them in
-- (docs/evidence.md). A stored file belongs to an office: the same content uploaded twice in an
-- office is stored once. Its plain SHA-256 and its data key are sealed; its address is a keyed
-- hash of the office and the SHA-256, and is the stored object's name.
CREATE TABLE evidence_files (
  office_id text NOT NULL,
  id uuid NOT NULL,
  address text NOT NULL CHECK (address ~ '^[0-9a-f]{64}$'),
  sha256 text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  media_type text NOT NULL CHECK (length(media_type) <= 100),
  scan text NOT NULL CHECK (scan IN ('clean', 'infected', 'not_scanned')),
  scan_detail text CHECK (scan_detail IS NULL OR length(scan_detail) <= 300),
  data_key text NOT NULL,
  segment_size int NOT NULL CHECK (segment_size > 0),
  backend text NOT NULL CHECK (backend IN ('disk', 's3')),
  stored_at timestamptz NOT NULL,
  stored_by text NOT NULL,
  PRIMARY KEY (office_id, id),
  UNIQUE (office_id, address)
);

-- An upload to a case: created before any byte is accepted, resumable (tus) until its last byte.
-- Parts received so far are temporary objects, sealed under the upload's own data key.
CREATE TABLE evidence_uploads (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  account_id text NOT NULL,
  name text NOT NULL,
  declared_type text CHECK (declared_type IS NULL OR length(declared_type) <= 200),
  declared_length bigint NOT NULL CHECK (declared_length >= 0),
  upload_offset bigint NOT NULL DEFAULT 0 CHECK (upload_offset >= 0 AND upload_offset <= declared_length),
  status text NOT NULL CHECK (status IN ('receiving', 'complete', 'refused', 'quarantined')),
  refusal text CHECK (refusal IS NULL OR length(refusal) <= 500),
  temp_key text NOT NULL,
  temp_parts jsonb NOT NULL DEFAULT '[]',
  file_id uuid,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id),
  FOREIGN KEY (office_id, file_id) REFERENCES evidence_files (office_id, id)
);
CREATE INDEX evidence_uploads_id ON evidence_uploads (id);
CREATE INDEX evidence_uploads_case ON evidence_uploads (office_id, case_id);
