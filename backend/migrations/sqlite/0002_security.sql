-- Issue 9: token expiry, audit events scoped by team, login failures keyed by a hash of the
-- typed username (never the text).

ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
-- Tokens created before expiry existed get the default lifetime (90 days from creation).
UPDATE api_tokens SET expires_at = created_at + 7776000000 WHERE expires_at IS NULL;

ALTER TABLE audit_events ADD COLUMN team TEXT;
CREATE INDEX audit_events_by_team ON audit_events (team, id);
CREATE INDEX audit_events_by_actor ON audit_events (actor, id);

-- Old rows hold typed usernames in clear text; they only throttle, so dropping them is safe.
DELETE FROM login_failures;
