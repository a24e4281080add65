-- 0002_keys: the key hierarchy for application-level field encryption (SECURITY.md 9, 10).
-- The master key never reaches the database. It wraps versioned key-encryption keys (KEKs);
-- the current KEK wraps the data keys (DEKs). Wrapped values are AES-256-GCM envelopes made by
-- src/security/crypto; without the master key these rows are useless to whoever holds a dump.

CREATE TABLE key_encryption_keys (
  version int PRIMARY KEY CHECK (version >= 1),
  wrapped text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
-- Exactly one KEK wraps new and re-wrapped data keys; rotation retires the old one first.
CREATE UNIQUE INDEX key_encryption_keys_one_current ON key_encryption_keys ((true)) WHERE retired_at IS NULL;

CREATE TABLE data_keys (
  id uuid PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('field', 'blind_index')),
  kek_version int NOT NULL REFERENCES key_encryption_keys (version),
  wrapped text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Inactive field keys stay: old envelopes name them and must still decrypt.
  active boolean NOT NULL DEFAULT false
);
-- One active key per purpose: new encryptions and blind indexes never have to choose.
CREATE UNIQUE INDEX data_keys_one_active ON data_keys (purpose) WHERE active;
CREATE INDEX data_keys_kek ON data_keys (kek_version);
