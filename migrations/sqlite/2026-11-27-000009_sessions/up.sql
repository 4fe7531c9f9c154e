-- Browser sessions: the cookie carries a random secret, only its SHA-256 hash is kept
-- (as the id). `accounts.session_version` is copied into every access token; bumping
-- it (password reset or change, role change, log out everywhere, deletion) ends the
-- tokens already issued, and the same change deletes the account's sessions.
ALTER TABLE accounts ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);
