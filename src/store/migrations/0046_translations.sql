-- 0046_translations: translation with review by people (docs/translation.md).
--
-- A translation job is one text of a case (an evidence item's extracted text, a fact's statement,
-- an interview transcript, a decision's notice texts, a cited COI passage) requested into one
-- language. Its segments carry XLIFF 2 states (initial, translated, reviewed, final). Every text
-- is sealed like the source it comes from; what a query needs to compare (has the source of a
-- segment changed? is a memory unit the same source?) is a keyed digest, never the text.
-- State changes are also events in the case's chain (record events translation_*).

ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('intake_clerk', 'examiner', 'supervisor', 'committee_secretary', 'committee_member',
                  'litigation_officer', 'analyst', 'administrator', 'interpreter', 'representative',
                  'coi_researcher', 'translator'));

CREATE TABLE translation_jobs (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  id uuid PRIMARY KEY,
  source_kind text NOT NULL CHECK (source_kind IN
    ('evidence_text', 'fact_statement', 'interview_transcript', 'decision_notice', 'coi_passage')),
  source_ref text NOT NULL CHECK (length(source_ref) BETWEEN 1 AND 200),
  source_lang text NOT NULL CHECK (length(source_lang) BETWEEN 2 AND 35),
  target_lang text NOT NULL CHECK (length(target_lang) BETWEEN 2 AND 35 AND target_lang <> source_lang),
  machine_allowed boolean NOT NULL,
  engine_id text,
  translator_id uuid,
  reviewer_id uuid,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'final', 'cancelled')),
  -- keyed digest of the whole source as last segmented (src/translations: source changes reset)
  source_digest text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  requested_by uuid NOT NULL,
  requested_at timestamptz NOT NULL,
  finalized_by uuid,
  finalized_at timestamptz,
  cancelled_by uuid,
  cancelled_at timestamptz,
  cancel_reason_enc text,
  CHECK (translator_id IS NULL OR reviewer_id IS NULL OR translator_id <> reviewer_id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);
-- One live job per text and language.
CREATE UNIQUE INDEX translation_jobs_live
  ON translation_jobs (case_id, source_kind, source_ref, target_lang) WHERE state <> 'cancelled';
CREATE INDEX translation_jobs_case ON translation_jobs (case_id);
CREATE INDEX translation_jobs_translator ON translation_jobs (translator_id) WHERE state = 'open';
CREATE INDEX translation_jobs_reviewer ON translation_jobs (reviewer_id) WHERE state = 'open';

CREATE TABLE translation_segments (
  job_id uuid NOT NULL REFERENCES translation_jobs (id),
  id uuid PRIMARY KEY,
  position integer NOT NULL CHECK (position >= 1),
  unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 200),
  source_enc text NOT NULL,
  source_digest text NOT NULL,
  target_enc text,
  state text NOT NULL CHECK (state IN ('initial', 'translated', 'reviewed', 'final')),
  -- where the target came from: {origin, score?, memoryUnitId?, engine?} (no text)
  origin jsonb NOT NULL DEFAULT '{"origin":"none"}',
  translated_by uuid,
  translated_at timestamptz,
  reviewed_by uuid,
  reviewed_at timestamptz,
  returned_enc text,
  returned_by uuid,
  returned_at timestamptz,
  source_changed boolean NOT NULL DEFAULT false,
  -- removed from the source (kept for the record, never shown as part of the translation)
  removed boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  CHECK (state = 'initial' OR target_enc IS NOT NULL),
  CHECK (state NOT IN ('reviewed', 'final') OR (reviewed_by IS NOT NULL AND reviewed_by <> translated_by))
);
CREATE INDEX translation_segments_job ON translation_segments (job_id, position);

-- Every target a segment had, never overwritten.
CREATE TABLE translation_segment_versions (
  segment_id uuid NOT NULL REFERENCES translation_segments (id),
  version integer NOT NULL,
  state text NOT NULL CHECK (state IN ('initial', 'translated', 'reviewed', 'final')),
  target_enc text,
  origin jsonb NOT NULL,
  changed_by uuid,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (segment_id, version)
);

-- The office's translation memory: its own approved (final) translations, and imported TMX.
CREATE TABLE translation_memory (
  office_id text NOT NULL,
  id uuid PRIMARY KEY,
  source_lang text NOT NULL,
  target_lang text NOT NULL,
  -- keyed digest of the normalized source, for exact matches
  source_key text NOT NULL,
  -- keyed, truncated digests of the source's words, for fuzzy candidates
  token_keys integer[] NOT NULL,
  source_enc text NOT NULL,
  target_enc text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('office', 'tmx')),
  job_id uuid REFERENCES translation_jobs (id),
  segment_id uuid REFERENCES translation_segments (id),
  translated_by text,
  reviewed_by text,
  approved_at timestamptz NOT NULL
);
CREATE INDEX translation_memory_exact ON translation_memory (office_id, source_lang, target_lang, source_key);
CREATE INDEX translation_memory_tokens ON translation_memory USING gin (token_keys);

-- Which configured engine an administrator enabled for which language pair.
CREATE TABLE translation_engine_pairs (
  engine_id text NOT NULL,
  source_lang text NOT NULL,
  target_lang text NOT NULL,
  enabled boolean NOT NULL,
  changed_by uuid NOT NULL,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (engine_id, source_lang, target_lang)
);
