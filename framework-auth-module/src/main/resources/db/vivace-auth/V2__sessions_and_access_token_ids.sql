-- Sessions: one per refresh-token family (one login), with where and how it was last used, so an
-- account can list and revoke them. Each refresh token remembers the access token issued with it
-- (its jti and exp), so revoking a family can deny-list the access tokens still outstanding.
ALTER TABLE refresh_tokens ADD COLUMN access_jti text, ADD COLUMN access_expires_at timestamptz;

CREATE TABLE sessions (
  family_id    uuid PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL,
  ip           text,            -- the client address (trusted-proxy rule), at login or last refresh
  user_agent   text,            -- the User-Agent header, at most 256 characters
  revoked_at   timestamptz
);
CREATE INDEX sessions_account_id ON sessions (account_id);
