-- TOTP second factor (RFC 6238): one secret per account, pending until a valid code enables it.
-- last_step is the time step of the last accepted code: a code is accepted only for a later step
-- (no replay within the window). Recovery codes are one-time, stored as SHA-256.
CREATE TABLE totp (
  account_id bigint PRIMARY KEY REFERENCES accounts ON DELETE CASCADE,
  secret     bytea NOT NULL,
  enabled_at timestamptz,
  last_step  bigint NOT NULL DEFAULT 0
);

CREATE TABLE recovery_codes (
  account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
  code_hash  bytea NOT NULL,
  used_at    timestamptz,
  PRIMARY KEY (account_id, code_hash)
);
