-- The audit trail (AUTH_AUDIT): login, refresh, logout, session revocation, TOTP changes, password
-- reset and e-mail verification, with the account (null when unknown), client address, user agent
-- and outcome. Rows older than AUTH_AUDIT_RETENTION days are deleted periodically.
CREATE TABLE audit_events (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL,
  account_id bigint REFERENCES accounts ON DELETE SET NULL,
  event      text NOT NULL,
  outcome    text NOT NULL,
  ip         text,
  user_agent text
);
CREATE INDEX audit_events_account_at ON audit_events (account_id, at);
CREATE INDEX audit_events_at ON audit_events (at);
