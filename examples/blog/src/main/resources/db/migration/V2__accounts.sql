-- Blog users who signed up through the auth module (schema vivace_auth) point at their account.
-- No foreign key: the auth module migrates its own schema after the app's migrations.
ALTER TABLE users ADD COLUMN account_id bigint UNIQUE;
