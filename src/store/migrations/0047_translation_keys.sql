-- 0047_translation_keys: the translation tables keyed by office like every case-scoped table
-- (docs/scaling.md), and what the jobs and segments keep beside 0046 (docs/translation.md).
--
-- Jobs, segments, their versions and the memory lead their keys with office_id, and their
-- foreign keys carry it, so that a distributed engine keeps an office's translations together.
-- A job keeps its source's label sealed (it may quote the text), and a segment the white space
-- that followed its sentence in the source, so that the final text is put back together with the
-- source's line breaks (white space only: never text).

ALTER TABLE translation_memory DROP CONSTRAINT translation_memory_job_id_fkey;
ALTER TABLE translation_memory DROP CONSTRAINT translation_memory_segment_id_fkey;
ALTER TABLE translation_segment_versions DROP CONSTRAINT translation_segment_versions_segment_id_fkey;
ALTER TABLE translation_segments DROP CONSTRAINT translation_segments_job_id_fkey;

ALTER TABLE translation_jobs DROP CONSTRAINT translation_jobs_pkey;
ALTER TABLE translation_jobs ADD PRIMARY KEY (office_id, id);
ALTER TABLE translation_jobs ADD COLUMN label_enc text;
DROP INDEX translation_jobs_live;
CREATE UNIQUE INDEX translation_jobs_live
  ON translation_jobs (office_id, case_id, source_kind, source_ref, target_lang) WHERE state <> 'cancelled';
DROP INDEX translation_jobs_case;
CREATE INDEX translation_jobs_case ON translation_jobs (office_id, case_id);

-- No release wrote these tables before this migration: they are empty, and take the column as is.
ALTER TABLE translation_segments ADD COLUMN office_id text NOT NULL;
ALTER TABLE translation_segments DROP CONSTRAINT translation_segments_pkey;
ALTER TABLE translation_segments ADD PRIMARY KEY (office_id, id);
ALTER TABLE translation_segments
  ADD FOREIGN KEY (office_id, job_id) REFERENCES translation_jobs (office_id, id);
ALTER TABLE translation_segments
  ADD COLUMN gap text NOT NULL DEFAULT '' CHECK (length(gap) <= 200 AND gap !~ '[^[:space:]]');
DROP INDEX translation_segments_job;
CREATE INDEX translation_segments_job ON translation_segments (office_id, job_id, position);

ALTER TABLE translation_segment_versions ADD COLUMN office_id text NOT NULL;
ALTER TABLE translation_segment_versions DROP CONSTRAINT translation_segment_versions_pkey;
ALTER TABLE translation_segment_versions ADD PRIMARY KEY (office_id, segment_id, version);
ALTER TABLE translation_segment_versions
  ADD FOREIGN KEY (office_id, segment_id) REFERENCES translation_segments (office_id, id);

ALTER TABLE translation_memory DROP CONSTRAINT translation_memory_pkey;
ALTER TABLE translation_memory ADD PRIMARY KEY (office_id, id);
ALTER TABLE translation_memory
  ADD FOREIGN KEY (office_id, job_id) REFERENCES translation_jobs (office_id, id);
ALTER TABLE translation_memory
  ADD FOREIGN KEY (office_id, segment_id) REFERENCES translation_segments (office_id, id);
