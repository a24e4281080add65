-- 0004_identity: accounts, login throttling, second factors (TOTP, passkeys), sessions and API
-- tokens (SECURITY.md 1-3). No secret is stored in a form that works when stolen: passwords as
-- argon2id hashes, session and API tokens as SHA-256 hashes; the TOTP secret arrives encrypted by
-- the application. Accounts are never deleted (the audit log names them): they are disabled.

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  -- Normalized by the application (NFKC, trimmed, lower case) so that one person has one name.
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('intake_clerk', 'examiner', 'supervisor', 'committee_secretary',
    'litigation_officer', 'analyst', 'administrator', 'interpreter', 'representative')),
  -- Null for an account whose role spans offices.
  office_id text,
  password_hash text NOT NULL,
  -- Stored as the application gives it (encrypted there); null until TOTP is confirmed.
  totp_secret text,
  -- The last accepted TOTP time step: a code of that step or an older one is refused (RFC 6238 5.2).
  totp_last_step bigint,
  disabled_at timestamptz,
  -- Failed password and second-factor attempts since the last success, forgotten a day after the
  -- last failure; locked_until holds both the short slow-down and the longer lock-out.
  failed_logins int NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  last_failed_at timestamptz,
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);

-- The same slow-down and lock-out for names that have no account, so that locking reveals
-- nothing about which names exist. Keyed by a hash of the name (people type passwords into the
-- name field); rows are forgotten a day after their last failure.
CREATE TABLE login_throttle (
  username_key text PRIMARY KEY,
  failed_logins int NOT NULL CHECK (failed_logins >= 0),
  last_failed_at timestamptz NOT NULL,
  locked_until timestamptz
);
CREATE INDEX login_throttle_last_failed ON login_throttle (last_failed_at);

CREATE TABLE webauthn_credentials (
  -- The credential id, base64url, as the authenticator gave it.
  id text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- COSE-encoded public key.
  public_key bytea NOT NULL,
  counter bigint NOT NULL CHECK (counter >= 0),
  transports jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX webauthn_credentials_account ON webauthn_credentials (account_id);

-- Outstanding WebAuthn challenges; each is consumed by the first response that names it.
CREATE TABLE webauthn_challenges (
  challenge text PRIMARY KEY,
  -- The account the ceremony is for; null for a sign-in where the passkey names the account.
  account_id uuid REFERENCES accounts (id),
  purpose text NOT NULL CHECK (purpose IN ('registration', 'authentication')),
  expires_at timestamptz NOT NULL
);
CREATE INDEX webauthn_challenges_expires ON webauthn_challenges (expires_at);

CREATE TABLE sessions (
  -- SHA-256 of the token: a stolen table cannot be replayed as cookies.
  id_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- Absolute end, never moved; the idle end slides with use but never past it.
  expires_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  idle_seconds int NOT NULL CHECK (idle_seconds > 0),
  -- When the second factor was last proven in this session (null: not yet).
  mfa_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX sessions_account ON sessions (account_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Tokens for other systems, one account each.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);
