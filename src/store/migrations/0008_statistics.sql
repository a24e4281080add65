-- 0008_statistics: what each case contributes to the statistics (src/domain/statistics/facts.ts),
-- kept beside the projection in the same transaction, with the dimensions copied in so that every
-- figure is one GROUP BY without joins. Persons' names and identifiers never come here.
CREATE TABLE stat_cases (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  person_id uuid NOT NULL,
  filed_on date NOT NULL,
  filed_year int NOT NULL,
  channel text NOT NULL,
  kind text NOT NULL,
  nationality char(3),
  sex text,
  age_band text NOT NULL,
  first_outcome text,
  first_decided_on date,
  final_outcome text,
  final_on date,
  PRIMARY KEY (office_id, case_id)
);
CREATE INDEX stat_cases_filed ON stat_cases (filed_year, nationality);

CREATE TABLE stat_decisions (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  seq int NOT NULL,
  level text NOT NULL CHECK (level IN ('NA', 'RA', 'AR', 'C1', 'C2', 'C3')),
  decided_on date NOT NULL,
  decided_year int NOT NULL,
  outcome text NOT NULL,
  substantive boolean NOT NULL,
  redecision boolean NOT NULL,
  reverses_refusal boolean NOT NULL,
  decision_maker text,
  filed_on date NOT NULL,
  channel text NOT NULL,
  kind text NOT NULL,
  nationality char(3),
  sex text,
  age_band text NOT NULL,
  PRIMARY KEY (office_id, case_id, seq)
);
CREATE INDEX stat_decisions_year ON stat_decisions (decided_year, level, nationality);
