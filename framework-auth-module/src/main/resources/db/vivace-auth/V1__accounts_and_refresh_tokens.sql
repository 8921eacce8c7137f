-- The auth module's schema, in its own PostgreSQL schema "vivace_auth" with its own Flyway
-- history table (vivace_auth.flyway_schema_history), so it never mixes with the app's db/migration.
CREATE TABLE accounts (
  id            bigserial PRIMARY KEY,
  email         text NOT NULL UNIQUE,       -- trimmed and lower-cased
  password_hash text NOT NULL,              -- Argon2id, PHC string format
  roles         text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens are random 256-bit values; only their SHA-256 is stored. One login starts a family;
-- each refresh marks its token used and adds the next one to the family. Presenting a used token
-- again revokes the whole family (reuse detection).
CREATE TABLE refresh_tokens (
  token_hash bytea PRIMARY KEY,
  family_id  uuid NOT NULL,
  account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_account_id ON refresh_tokens (account_id);
