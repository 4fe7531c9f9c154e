-- Follow-ups: every question, reminder and alert Noaber sends by itself, once per
-- (kind, subject, occasion). The unique key is what makes each one go out exactly
-- once, however many nodes run the jobs and however often they restart: a job
-- inserts the row and queues the mail in one transaction, and a second insert of the
-- same key fails and rolls back. Questions keep their answer here.
CREATE TABLE follow_ups (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    occasion TEXT NOT NULL,
    asked_at TIMESTAMP NOT NULL,
    answer TEXT,
    answered_at TIMESTAMP,
    UNIQUE (kind, subject_id, occasion)
);
CREATE INDEX follow_ups_open ON follow_ups (kind, answered_at, asked_at);

-- Saved searches (zoekprofielen): what a volunteer wants to hear about, and up to
-- which publication moment new posts have been looked at for it.
CREATE TABLE saved_searches (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    query TEXT NOT NULL,
    categories TEXT NOT NULL,
    places TEXT NOT NULL,
    within_km INTEGER,
    frequency TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    checked_until TIMESTAMP NOT NULL
);
CREATE INDEX saved_searches_account ON saved_searches (account_id);

-- Coordinators who do not want the daily digest.
CREATE TABLE digest_opt_outs (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL
);
