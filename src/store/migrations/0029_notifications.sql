-- 0029_notifications: e-mail notifications, for deployments that configure a mail server.
--
-- An account may give an address to be told by e-mail when something needs them (a decision
-- returned to its author, a decision waiting for a supervisor's approval). What needs telling is
-- written to the outbox in the transaction of the change that caused it, so nothing is lost when
-- the mail server is down; a sender delivers it later and retries. A message names the case by its
-- number and a link, never the applicant or the reasons.
ALTER TABLE accounts ADD COLUMN email text CHECK (email IS NULL OR (length(email) <= 254 AND email LIKE '%_@_%'));

CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  kind text NOT NULL CHECK (kind IN ('draft_returned', 'approval_waiting')),
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  sent_at timestamptz,
  -- Given up after too many attempts, or the account has no address any more.
  dropped_at timestamptz,
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at)
  WHERE sent_at IS NULL AND dropped_at IS NULL;
