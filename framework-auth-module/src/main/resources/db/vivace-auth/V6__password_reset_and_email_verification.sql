-- Password reset and e-mail verification: single-use tokens mailed to the account's address, only
-- their SHA-256 stored, each good until expires_at and used at most once.
ALTER TABLE accounts ADD COLUMN email_verified_at timestamptz;

CREATE TABLE account_tokens (
  token_hash bytea PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
  purpose    text NOT NULL CHECK (purpose IN ('reset', 'verify')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX account_tokens_account_id ON account_tokens (account_id);
