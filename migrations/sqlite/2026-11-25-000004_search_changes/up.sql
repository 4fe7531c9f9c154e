-- Every change to a post, written in the same transaction as the change; the search
-- index applies them in order and keeps the last applied `seq` as its watermark.
CREATE TABLE search_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
