-- How a match began (a volunteer's response or the coordinator's pick from the
-- suggestions) and who began it; messages between the parties (the response's text
-- is the first).
ALTER TABLE matches ADD COLUMN origin TEXT NOT NULL DEFAULT 'response';
ALTER TABLE matches ADD COLUMN created_by TEXT REFERENCES accounts(id);

CREATE TABLE match_messages (
    id TEXT PRIMARY KEY,
    match_id TEXT NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    sender_id TEXT NOT NULL REFERENCES accounts(id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX match_messages_match ON match_messages(match_id);
