-- Failed logins per address (the SHA-256 of the lower-cased address, so addresses
-- nobody has are not kept in plain text), for the increasing lock after repeated
-- failures. In the database so every node of a cluster sees the same lock.
CREATE TABLE login_failures (
    email_hash TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until TIMESTAMP,
    last_failure_at TIMESTAMP NOT NULL
);
