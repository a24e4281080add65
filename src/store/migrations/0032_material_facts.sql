-- 0032_material_facts: the applicant's claim as material facts (docs/examination.md).
--
-- A fact's content (statement, date or period, place, Convention grounds, actor feared, sur place)
-- is applicant-identifying and sealed as one JSON document (content_enc). An edit keeps the
-- previous content as a version; nothing is overwritten silently. A fact links to evidence items,
-- interview segments and COI citations of the same case, each supporting or contradicting it.

CREATE TABLE material_facts (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  id uuid NOT NULL,
  position integer NOT NULL CHECK (position > 0),
  status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
  version integer NOT NULL CHECK (version > 0),
  content_enc text NOT NULL,
  withdrawal_enc text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);
CREATE INDEX material_facts_case ON material_facts (office_id, case_id, position);

CREATE TABLE material_fact_versions (
  office_id text NOT NULL,
  fact_id uuid NOT NULL,
  version integer NOT NULL,
  content_enc text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, fact_id, version),
  FOREIGN KEY (office_id, fact_id) REFERENCES material_facts (office_id, id)
);

CREATE TABLE fact_links (
  office_id text NOT NULL,
  fact_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('evidence', 'segment', 'citation')),
  target_id uuid NOT NULL,
  stance text NOT NULL CHECK (stance IN ('supports', 'contradicts')),
  linked_by text NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, fact_id, kind, target_id),
  FOREIGN KEY (office_id, fact_id) REFERENCES material_facts (office_id, id)
);
