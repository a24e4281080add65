-- 0051_citation_translations: the final translation of a cited COI passage that the examiner
-- chose for the decision (docs/coi.md, docs/translation.md). Only a final translation can be
-- chosen; the row names the translation job, whose segments hold the text (sealed).
CREATE TABLE coi_citation_translations (
  office_id text NOT NULL,
  citation_id uuid NOT NULL,
  language text NOT NULL CHECK (length(language) BETWEEN 2 AND 35),
  job_id uuid NOT NULL,
  chosen_by text NOT NULL,
  chosen_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, citation_id, language),
  FOREIGN KEY (office_id, citation_id) REFERENCES coi_citations (office_id, id),
  FOREIGN KEY (office_id, job_id) REFERENCES translation_jobs (office_id, id)
);
