-- 0045_impact_statements: published impact statements of re-application policies
-- (docs/reapplication-simulation.md).
--
-- An analyst publishes the result of a simulation run as an impact statement. The row keeps the
-- true counts of its tables (aggregates over re-applications: no person, no case, no text); every
-- answer and page made from it goes through the statistics' disclosure control first, so the
-- public never sees a count of 1 to 4 or an unrounded one. Statements are never changed: a new
-- simulation is a new statement.
CREATE TABLE impact_statements (
  id uuid PRIMARY KEY,
  from_year int NOT NULL,
  to_year int NOT NULL CHECK (to_year >= from_year),
  policies text[] NOT NULL CHECK (cardinality(policies) BETWEEN 1 AND 12),
  -- the simulation's date of the outcomes in fact
  as_of date NOT NULL,
  -- the true tables (src/kernel/statistics/table.ts PublicFigures), in English and in Korean
  figures jsonb NOT NULL,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL
);
CREATE INDEX impact_statements_published ON impact_statements (published_at DESC);
