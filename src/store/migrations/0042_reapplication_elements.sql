-- 0042_reapplication_elements: what a subsequent application brings, as classified
-- (docs/what-is-new.md, docs/reapplication-simulation.md).
--
-- One row per element of a subsequent case's "what is new" comparison that someone classified:
-- what kind of element it is, which record it points to, and how it stands against the earlier
-- decision. Nothing here identifies the applicant: no text, only kinds, tags, ids and dates.
-- The examiner's classification is what the eligibility review and the simulation of a policy on
-- history read; an element nobody classified counts as unknown (the simulation's bounds).

CREATE TABLE reapplication_elements (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  -- the record the element is: a material fact, an evidence item, an audience observation, a COI
  -- document, a law or case-law reference, or a foreign-state action (stable per case)
  ref_kind text NOT NULL CHECK (ref_kind IN ('fact', 'evidence', 'audience', 'coi', 'law', 'foreign_state_action')),
  ref_id text NOT NULL CHECK (length(ref_id) BETWEEN 1 AND 200),
  tag text CHECK (tag IN ('arose_after', 'existed_not_relied_on', 'already_considered')),
  -- for existed_not_relied_on: whether the applicant could not have raised it earlier
  without_fault boolean,
  -- the date the element arose, when known
  arose_on date,
  classified_by text NOT NULL,
  classified_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, case_id, ref_kind, ref_id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);

-- Non-identifying facts about a subsequent application that the simulation breaks results down by.
CREATE TABLE reapplication_claims (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  sur_place boolean NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, case_id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);
