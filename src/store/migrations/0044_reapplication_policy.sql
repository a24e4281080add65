-- 0044_reapplication_policy: the re-application (eligibility review) policy each office runs
-- (docs/eligibility-review.md).
--
-- One row per change: from `from_date` on, the office runs `policy_id` (one of its profile's
-- policies), until a row with a later date. Without a row an office runs its profile's default
-- policy (the law in force). Rows are never updated or deleted: the history is the record of who
-- set which policy, from when, and why. No applicant data.

CREATE TABLE office_reapplication_policies (
  office_id text NOT NULL,
  from_date date NOT NULL,
  policy_id text NOT NULL CHECK (length(policy_id) BETWEEN 1 AND 60),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  set_by text NOT NULL,
  set_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, from_date)
);
