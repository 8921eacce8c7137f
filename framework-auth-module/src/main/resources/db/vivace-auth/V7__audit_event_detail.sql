-- What an audit event acted on, when its account and event do not say it all: the role and the
-- permission of a grant or a revocation through the permission admin routes ("editor posts:delete").
ALTER TABLE audit_events ADD COLUMN detail text;
