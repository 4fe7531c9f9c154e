-- SQLite cannot drop a column with a foreign key: rebuild the table without them.
DROP TABLE match_messages;
CREATE TABLE matches_old AS SELECT id, post_id, volunteer_id, status, outcome, reason, created_at, updated_at FROM matches;
DROP TABLE matches;
ALTER TABLE matches_old RENAME TO matches;
