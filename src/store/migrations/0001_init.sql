-- 0001_init: persons, cases (projection), the case event log, deadlines, holidays, idempotency.
-- Runs on PGlite and PostgreSQL 15. Case-scoped tables lead with office_id in their keys so the
-- schema can be distributed by office (Citus); ids are UUID v7 made by the application.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Two-character pieces of every word, for Korean search terms of two syllables, which a
-- trigram index cannot serve. Word splitting relies on the ctype classifying Hangul as letters,
-- which the application checks at start-up.
CREATE FUNCTION text_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT substr(w.word, i, 2)), '{}')
  FROM regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS w(word)
  CROSS JOIN LATERAL generate_series(1, length(w.word) - 1) AS i
$$;

-- A person may have cases in more than one office, so persons are not keyed by office.
CREATE TABLE persons (
  id uuid PRIMARY KEY,
  names jsonb NOT NULL DEFAULT '[]',
  birth_date date,
  sex text,
  nationality char(3),
  identifiers jsonb NOT NULL DEFAULT '[]',
  languages jsonb NOT NULL DEFAULT '[]',
  search_text text NOT NULL DEFAULT '',
  search_bigrams text[] GENERATED ALWAYS AS (text_bigrams(search_text)) STORED,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);
CREATE INDEX persons_search_trgm ON persons USING gin (search_text gin_trgm_ops);
CREATE INDEX persons_search_bigrams ON persons USING gin (search_bigrams);

-- The projection of each case's event log; version = number of events folded into it.
CREATE TABLE cases (
  office_id text NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  channel text NOT NULL,
  kind text NOT NULL,
  filed_on date NOT NULL,
  prior_case_ids uuid[] NOT NULL DEFAULT '{}',
  version int NOT NULL CHECK (version >= 0),
  stage text NOT NULL,
  applicant_status text,
  protection text,
  final boolean NOT NULL DEFAULT false,
  final_since date,
  redecision_required boolean NOT NULL DEFAULT false,
  removal_barred boolean NOT NULL DEFAULT false,
  nationality char(3),
  -- The date on which the derived view may change without a new event (a period runs out);
  -- a daily job refreshes the projections that reach it.
  valid_until date,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, id)
);
CREATE INDEX cases_person ON cases (office_id, person_id);
-- A case is addressed by its id alone in URLs; lists filter by stage or nationality, newest first.
CREATE INDEX cases_id ON cases (id);
CREATE INDEX cases_stage ON cases (stage, id);
CREATE INDEX cases_nationality ON cases (nationality, id);
CREATE INDEX cases_valid_until ON cases (valid_until) WHERE valid_until IS NOT NULL;

-- The case record itself: hash-chained, append-only (SECURITY 13).
CREATE TABLE case_events (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  sequence int NOT NULL CHECK (sequence >= 1),
  type text NOT NULL,
  occurred_on date NOT NULL,
  payload jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (office_id, case_id, sequence)
);

-- These make an accidental write fail. They are not the security boundary: the application's
-- role must also lack UPDATE, DELETE and TRUNCATE on the table, and `verify` finds the rest.
CREATE FUNCTION case_events_append_only() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER case_events_no_update_delete
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
CREATE TRIGGER case_events_no_truncate
  BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();

-- Deadlines of the projection (DeadlineSpec), replaced whenever the case's projection is saved.
CREATE TABLE case_deadlines (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  ord int NOT NULL,
  kind text NOT NULL,
  from_on date NOT NULL,
  due_on date NOT NULL,
  basis text NOT NULL,
  obligation text NOT NULL CHECK (obligation IN ('duty', 'right', 'info')),
  party text CHECK (party IN ('applicant', 'authority')),
  level int CHECK (level BETWEEN 1 AND 3),
  resolution text CHECK (resolution IN ('met', 'missed', 'lapsed')),
  PRIMARY KEY (office_id, case_id, ord),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id) ON DELETE CASCADE
);
CREATE INDEX case_deadlines_due ON case_deadlines (due_on);

-- Holidays beyond the statutory calendar (temporary holidays, election days) that an
-- administrator adds; they change how periods are counted.
CREATE TABLE holidays (
  date date PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  source text NOT NULL,
  added_at timestamptz NOT NULL,
  added_by text NOT NULL
);

-- First answers to writes sent with an Idempotency-Key (SECURITY 16).
CREATE TABLE idempotency_keys (
  actor text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status int NOT NULL,
  response jsonb,
  headers jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (actor, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
