-- Issue 9 (twin of migrations/sqlite/0002_security.sql): token expiry, audit events scoped by
-- team, login failures keyed by a hash of the typed username.

ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
UPDATE api_tokens SET expires_at = created_at + 7776000000 WHERE expires_at IS NULL;

ALTER TABLE audit_events ADD COLUMN team TEXT;
CREATE INDEX audit_events_by_team ON audit_events (team, id);
CREATE INDEX audit_events_by_actor ON audit_events (actor, id);

DELETE FROM login_failures;
