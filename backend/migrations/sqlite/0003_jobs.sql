-- Issue 11: durable background jobs (backend/src/jobs). A job is claimed by one process with a
-- lease (`lease_owner` until `lease_until`, epoch ms) that the process's heartbeat extends; a
-- job whose process died is claimed again once the lease runs out. `job_key` makes enqueueing
-- idempotent (a recurring job is enqueued by every replica at start, stored once).
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    job_key TEXT UNIQUE,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    max_attempts BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (state, run_at);
