-- 0013_no_one_alone: no administrator alone can give anyone access (SECURITY 18), a second factor
-- proven for one action, users who set their own password and second factor, scoped API tokens,
-- and passkey sign-in challenges that are signed instead of stored.

-- A second factor proven for one action: a step-up sets it, and the one action that needs it
-- clears it in its own transaction. Signing in never sets it.
ALTER TABLE sessions ADD COLUMN fresh_factor_at timestamptz;

-- A person's account has no password until its user sets one at enrolment: nobody else ever
-- knows it. A new TOTP secret (encrypted by the application) waits here, until
-- totp_pending_until, for a code from it; only then does it replace the old one.
ALTER TABLE accounts ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE accounts ADD COLUMN totp_pending_secret text;
ALTER TABLE accounts ADD COLUMN totp_pending_until timestamptz;

-- What a token may do: rights of its account's role that its integration needs, named when it
-- is issued. Tokens issued before scopes existed could do everything their role could: revoked.
ALTER TABLE api_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT '{}';
UPDATE api_tokens SET revoked_at = now() WHERE revoked_at IS NULL;

-- Every grant of access waits here for a second administrator: a new account, a new role, an
-- API token, a new enrolment for an account whose user lost their factors. A break-glass
-- approval (at the machine, without a second administrator) raises a critical alert and waits
-- for an administrator's review.
CREATE TABLE access_requests (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('account', 'role', 'token', 'enrolment')),
  -- The account concerned; for a new account, set when it is approved.
  account_id uuid REFERENCES accounts (id),
  -- The account's name (for a new account, the name it will have), as the application normalized it.
  username text NOT NULL,
  display_name text,
  -- A new account's role and office, or the role and office a role change gives.
  role text,
  office_id text,
  service boolean NOT NULL DEFAULT false,
  -- A token's name and scopes.
  token_name text,
  scopes text[],
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  requested_by text NOT NULL,
  -- Null when the request was made at the machine (the command line on the database).
  requester_id uuid REFERENCES accounts (id),
  requested_at timestamptz NOT NULL,
  decided_by text,
  decider_id uuid REFERENCES accounts (id),
  decided_at timestamptz,
  break_glass boolean NOT NULL DEFAULT false,
  -- Why: a break-glass approval's reason, or a refusal's.
  reason text,
  reviewed_by text,
  reviewer_id uuid REFERENCES accounts (id),
  reviewed_at timestamptz,
  -- Enrolment: SHA-256 of the link's secret (given to the requesting administrator) and of the
  -- one-time code (given to the approving one); the user needs both.
  link_hash text UNIQUE,
  code_hash text,
  enrol_attempts int NOT NULL DEFAULT 0 CHECK (enrol_attempts >= 0),
  enrol_until timestamptz,
  enrolled_at timestamptz,
  -- The token made when a token request was approved.
  token_id uuid REFERENCES api_tokens (id),
  CHECK ((state = 'pending') = (decided_at IS NULL)),
  CHECK (decider_id IS NULL OR requester_id IS NULL OR decider_id <> requester_id),
  CHECK (break_glass OR state <> 'approved' OR decider_id IS NOT NULL)
);
CREATE UNIQUE INDEX access_requests_pending_username ON access_requests (username)
  WHERE kind = 'account' AND state = 'pending';
CREATE INDEX access_requests_open ON access_requests (requested_at)
  WHERE state = 'pending' OR (break_glass AND reviewed_at IS NULL);

-- Passkey sign-in challenges are signed by the server, not stored, so that asking for one (no
-- sign-in needed) writes nothing. A challenge is kept here only once it was answered, until it
-- expires, so that it is answered once.
CREATE TABLE webauthn_used_challenges (
  challenge text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX webauthn_used_challenges_expires ON webauthn_used_challenges (expires_at);
