-- How far each person has read the messages of a match: the time of the newest
-- message they were shown. Messages from others after it count as unread ("Nieuw").
CREATE TABLE match_reads (
    match_id TEXT NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    last_read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (match_id, account_id)
);
